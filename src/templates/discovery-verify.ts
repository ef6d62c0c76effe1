/**
 * Verification of a discovered store: which template encodes each training message. A message is
 * encoded with the templates drafted from its own event only (one small matcher per event), not
 * with the whole store: the work per message is bounded by its event's few templates instead of
 * growing with every candidate that shares its literal text (a JSON message of one API source has
 * hundreds of candidates whose keys it shares). Templates of other events were drafted from other
 * messages. A message its own event's templates do not encode (its event has none, or a value
 * its templates refuse) is then tried against the whole store, as every message used to be, so
 * the messages covered are the same. (A merge, whose store's older templates belong to no event of
 * the run, verifies every message against the whole store: discovery.ts.)
 *
 * The verifier takes the messages one at a time, in corpus order (discover streams its corpus and
 * does not hold it): `wants` says which messages it needs, so a reader can skip the others unread.
 *
 * A message is tried against the whole store only when some template could encode it by its literal
 * text (LiteralScreen): a template renders as literal0 value literal1 ... literalN, so one whose first
 * literal does not start the message, whose last does not end it, or whose others are not in it in
 * order encodes it under no step budget. With `usedOnly`, only templates no message has chosen yet
 * count: if none of them could encode the message, the whole store's choice is a template chosen
 * already, and which templates are used is the same (round s36-jcost: of 100k JSON messages, 20.7k
 * were tried against the whole store in the first pass and 4.2k of them matched; the whole store's
 * matcher took half of that pass's time on messages no template encodes).
 */
import { createMatcher, type TemplateMatcher, type TemplateSpans } from './matcher.ts'
import { type SlotCodec, slotCodecsOf } from './slot-codecs.ts'
import { SlotEncoding } from './slot-encoding.ts'
import { SpecificChoice } from './specific-choice.ts'
import type { Template, TemplateStore } from './store-types.ts'

/** How a verification pass goes. */
export interface VerifyOptions {
  /** the event of each message (its index) */
  readonly eventOfMessage: readonly number[]
  /** the event a template of the store was drafted from */
  readonly eventOfTemplate: (id: number) => number
  /**
   * only which templates some message uses is needed: an event's remaining messages are skipped once
   * each of its templates has been chosen (their ids stay undefined)
   */
  readonly usedOnly?: boolean
  /** with usedOnly: how many of an event's first messages are tried (an event drafted from a sample); default all */
  readonly triedPerEvent?: (event: number) => number
}

/**
 * A verification pass: visit the messages it wants, each event's in corpus order (events in any
 * order), then read the ids. An event's matcher is let go after its last message.
 */
export interface EventVerifier {
  /** whether message `index` is to be visited (the answer turns false once an event is done, never back) */
  wants(index: number): boolean
  visit(text: string, index: number): void
  /** the template id that encodes each message (undefined: none, or not tried) */
  readonly ids: readonly (number | undefined)[]
}

/** A verifier of `store` (see the file comment and VerifyOptions). */
export function createEventVerifier(store: TemplateStore, options: VerifyOptions): EventVerifier {
  const { eventOfMessage, usedOnly = false } = options
  const tried = options.triedPerEvent ?? (() => Number.POSITIVE_INFINITY)
  const byEvent = new Map<number, Template[]>()
  // store.templates is in id order, so each event's list is too
  for (const template of store.templates) {
    const event = options.eventOfTemplate(template.id)
    const list = byEvent.get(event)
    if (list === undefined) byEvent.set(event, [template])
    else list.push(template)
  }
  // a message's place among its event's messages (usedOnly tries an event's first ones), and each event's last message
  const rank = new Int32Array(eventOfMessage.length)
  const seen = new Map<number, number>()
  const last = new Map<number, number>()
  eventOfMessage.forEach((event, i) => {
    const count = seen.get(event) ?? 0
    rank[i] = count
    seen.set(event, count + 1)
    last.set(event, i)
  })
  const matchers = new Map<number, TemplateMatcher>()
  const chosen = new Map<number, Set<number>>()
  const finished = new Set<number>()
  let whole: TemplateMatcher | undefined
  // encodeBinarySemantic's choice (smallest body, ties: lowest id) without writing the body: only the id is kept
  const choice = new SpecificChoice()
  const choose = (matcher: TemplateMatcher, text: string): number | undefined => {
    choice.match(matcher, text, undefined, noHeader)
    // one match: no size to compare, the template is chosen when its slots take their values
    const lone = choice.lone
    if (lone !== undefined) return encodes(lone, text) ? lone.template.id : undefined
    return choice.settle() ? choice.chooser.templateId : undefined
  }
  const screen = new LiteralScreen(store.templates)
  // the templates some message has chosen in this pass (usedOnly: a message can add one only if another could encode it)
  const chosenIds = new Set<number>()
  const ids = new Array<number | undefined>(eventOfMessage.length).fill(undefined)
  const wants = (index: number): boolean => {
    const event = eventOfMessage[index] as number
    // a message whose event has no template is tried against the whole store
    if (!usedOnly || !byEvent.has(event)) return true
    return !finished.has(event) && (rank[index] as number) < tried(event)
  }
  const finish = (event: number): void => {
    finished.add(event)
    matchers.delete(event)
  }
  return {
    wants,
    ids,
    visit(text, index) {
      if (!wants(index)) return
      const event = eventOfMessage[index] as number
      const templates = byEvent.get(event)
      let id: number | undefined
      if (templates !== undefined) {
        let matcher = matchers.get(event)
        if (matcher === undefined) matchers.set(event, (matcher = createMatcher({ ...store, templates })))
        id = choose(matcher, text)
        if (id !== undefined && usedOnly) {
          const set = chosen.get(event) ?? new Set<number>()
          chosen.set(event, set.add(id))
          if (set.size === templates.length) finish(event)
        }
        // its last message, or the last one usedOnly tries: its matcher is not needed again
        if (last.get(event) === index || (usedOnly && (rank[index] as number) + 1 >= tried(event)))
          matchers.delete(event)
      }
      if (id === undefined && screen.mayEncode(text, usedOnly ? chosenIds : NONE)) {
        whole ??= createMatcher(store)
        id = choose(whole, text)
      }
      ids[index] = id
      if (id !== undefined) chosenIds.add(id)
    },
  }
}

const NONE: ReadonlySet<number> = new Set()
const noHeader = (): number => 0
const acceptScratch = new SlotEncoding()

/**
 * Whether the match's slots take their values, as the chooser's encoding of a lone match would say
 * (its choice among one match is that match when every slot encodes): a slot that takes any text
 * (auto, string, json) is asked `acceptsRange` instead of encoding it, which for a JSON member cut
 * out whole (a json slot) would parse it into a tree and code it only to be dropped: most of what the
 * json slot added to JSON discovery's time (round s41-jtime). Any other slot is encoded as the chooser does.
 */
function encodes({ template, spans }: TemplateSpans, text: string): boolean {
  const codecs = slotCodecsOf(template)
  const lastIndex = codecs.length - 1
  for (let i = 0; i < codecs.length; i++) {
    const codec = codecs[i] as SlotCodec
    const start = spans[2 * i] as number
    const end = spans[2 * i + 1] as number
    const takes = codec.acceptsAnyText
      ? codec.acceptsRange(text, start, end)
      : codec.encodeRange(text, start, end, i === lastIndex, acceptScratch.reset())
    if (!takes) return false
  }
  return true
}

/**
 * Which templates could encode a message by their literal text (see the file comment): the templates by
 * their first literal, so a message is compared with each distinct first literal once.
 */
export class LiteralScreen {
  private readonly byFirst = new Map<string, Template[]>()

  constructor(templates: readonly Template[]) {
    for (const template of templates) {
      const first = template.literals[0] as string
      const list = this.byFirst.get(first)
      if (list === undefined) this.byFirst.set(first, [template])
      else list.push(template)
    }
  }

  /** False when no template but those of `excluded` (ids) can encode `text`. */
  mayEncode(text: string, excluded: ReadonlySet<number>): boolean {
    for (const [first, templates] of this.byFirst) {
      if (!text.startsWith(first)) continue
      for (const template of templates)
        if (!excluded.has(template.id) && literalsFit(template.literals, text)) return true
    }
    return false
  }
}

/** Whether `literals` (a template's, in text order) can surround values to make `text`: the first starts it, the last ends it, the others in order between. */
export function literalsFit(literals: readonly string[], text: string): boolean {
  const last = literals.length - 1
  if (last === 0) return text === literals[0]
  const first = literals[0] as string
  const end = text.length - (literals[last] as string).length
  if (end < first.length || !text.startsWith(first) || !text.endsWith(literals[last] as string)) return false
  let at = first.length
  for (let k = 1; k < last; k++) {
    const literal = literals[k] as string
    const found = text.indexOf(literal, at)
    if (found < 0) return false
    at = found + literal.length
  }
  return at <= end
}
