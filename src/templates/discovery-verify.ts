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
 */
import { encodeBinarySemantic } from './binary-semantic.ts'
import { createMatcher, type TemplateMatcher } from './matcher.ts'
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
        id = encodeBinarySemantic(matcher, text)?.templateId
        if (id !== undefined && usedOnly) {
          const set = chosen.get(event) ?? new Set<number>()
          chosen.set(event, set.add(id))
          if (set.size === templates.length) finish(event)
        }
        // its last message, or the last one usedOnly tries: its matcher is not needed again
        if (last.get(event) === index || (usedOnly && (rank[index] as number) + 1 >= tried(event)))
          matchers.delete(event)
      }
      if (id === undefined) {
        whole ??= createMatcher(store)
        id = encodeBinarySemantic(whole, text)?.templateId
      }
      ids[index] = id
    },
  }
}
