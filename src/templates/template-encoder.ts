/**
 * Writes the smallest binary_semantic frame of a message with one allocation (ties: lowest id).
 * A message with one candidate goes to that template's compiled form (template-compiled.ts), which
 * splits it and writes its frame straight into the output when it can decide as the general path
 * would. The general path matches through matchEachSpecific (SpecificChoice, specific-choice.ts), which
 * leaves out the twins that cannot win and the candidates whose bound before matching cannot
 * (match-order.ts); a single match is written by its compiled slot writers straight into the output,
 * several each into a scratch frame, the smallest copied out; TemplateChooser (template-chooser.ts)
 * decides where a writer cannot. With `{ learnChoice }` (a learning compressor's encoder only), a message
 * of several candidates first goes to the templates that won the full choice for the same candidates
 * (choice-learning.ts): the first that splits it sends its frame, which may be larger than the smallest.
 */
import { tryDecodeUtf8 } from '../core/index.ts'
import { abandonSlab, allocBytes, commitSlab, MAX_SLAB_OUTPUT_BYTES, reserveSlab, slabBytes } from '../core/index.ts'
import { createMatcher, type TemplateMatcher, type TemplateSpans } from './matcher.ts'
import { whileCallingOut } from './matcher-reentry.ts'
import { SpecificChoice, type WrittenFrame } from './specific-choice.ts'
import { ChoiceLearner, type ChoiceRule, type Situation, situationKeyOf, type Winner } from './choice-learning.ts'
import type { Template, TemplateStore } from './store-types.ts'
import { hasLoneSurrogate } from './text-bytes.ts'
import { preBoundBytes } from './match-order.ts'
import { MAX_MESSAGE_STEPS, MAX_TEMPLATE_STEPS } from './matcher-split.ts'
import { splitsAlikeGreedy, type TwinPlan, twinPlanOf } from './template-twins.ts'
import {
  bodyRoomBytes,
  compiledTemplateOf,
  LOSES,
  REFUSED,
  UNDECIDED,
  type CompiledTemplate,
} from './template-compiled.ts'

/** A chosen template and its whole frame (prefix + slot body). */
export interface TemplateFrame {
  readonly templateId: number
  readonly frame: Uint8Array
}

/** Encodes messages to whole frames; see createTemplateFrameEncoder. */
export interface TemplateFrameEncoder {
  /** The smallest frame of the message (ties: lowest id; with `learnChoice`, a learned template's, which may be larger), or undefined when no template matches with values its slots represent exactly. `bytes`, when given, are its UTF-8. */
  encode(message: string, bytes?: Uint8Array): TemplateFrame | undefined
  /** encode of the text these UTF-8 bytes hold; undefined also when they are not UTF-8. A message no template can match is refused before it is decoded. */
  encodeBytes(bytes: Uint8Array): TemplateFrame | undefined
}

export { TemplateChooser } from './template-chooser.ts'
export { SpecificChoice } from './specific-choice.ts'

const matchers = new WeakMap<TemplateStore, TemplateMatcher>()

/** The matcher itself, or the one built (once) for a store. */
export function matcherOf(source: TemplateMatcher | TemplateStore): TemplateMatcher {
  if ('match' in source) return source
  let matcher = matchers.get(source)
  if (matcher === undefined) matchers.set(source, (matcher = createMatcher(source)))
  return matcher
}

/** Options of createTemplateFrameEncoder. */
export interface TemplateFrameEncoderOptions {
  /**
   * Learn which template keeps winning among a message's candidates and try it alone (choice-learning.ts):
   * `true` for the shipped rule, a rule or a learner of one for its tuning (a learner's counts: benches).
   * Default false: every frame is the smallest.
   */
  learnChoice?: boolean | ChoiceRule | ChoiceLearner
}

/** compiledFrame's answer when no candidate can match. */
const NO_FRAME = Symbol('no frame')

/**
 * The most room (bodyRoomBytes and header) a frame the compiled writers write may reserve; a larger one is left
 * to the chooser. A bound on the scratch, not a fitted figure (round 42: it was the slab's 1 KiB, ~300 characters).
 */
const MAX_WRITTEN_ROOM_BYTES = 64 * 1024

/**
 * The steps the matcher may spend on one candidate of a message of `units` units: its limit for a
 * template, the last search's overshoot of it (a step a literal plus one per 1,024 units scanned), and
 * the step each candidate is charged. While the candidates' steps together stay below MAX_MESSAGE_STEPS,
 * the message's limit cannot stop the matcher before its last candidate.
 */
function candidateStepsAtMost(units: number): number {
  return MAX_TEMPLATE_STEPS + 2 + (units >> 10)
}

/**
 * An encoder of whole frames: `framePrefix(templateId)` gives the bytes before a template's body
 * (the frame header, and a check byte if any; asked once per id and kept), and its length counts
 * when templates are compared. Each call allocates the frame and little else.
 */
export function createTemplateFrameEncoder(
  source: TemplateMatcher | TemplateStore,
  framePrefix: (templateId: number) => Uint8Array,
  options: TemplateFrameEncoderOptions = {},
): TemplateFrameEncoder {
  const matcher = matcherOf(source)
  const { learnChoice } = options
  const learner =
    learnChoice === undefined || learnChoice === false
      ? null
      : learnChoice instanceof ChoiceLearner
        ? learnChoice
        : new ChoiceLearner(learnChoice === true ? undefined : learnChoice)
  const passOver = learner?.rule.passOver !== false
  const prefixes = new Map<number, Uint8Array>()
  const prefixOf = (templateId: number): Uint8Array => {
    let prefix = prefixes.get(templateId)
    if (prefix === undefined)
      prefixes.set(templateId, (prefix = whileCallingOut(matcher, () => framePrefix(templateId))))
    return prefix
  }
  const prefixBytes = (templateId: number): number => prefixOf(templateId).length
  /** A match's whole frame written by its compiled template into a scratch (SpecificChoice's writer); false when it cannot decide. */
  const writeFrame = (match: TemplateSpans, message: string, into: WrittenFrame, stopAt: number): boolean => {
    const { template, spans } = match
    const prefix = prefixOf(template.id)
    const compiled = compiledTemplateOf(template)
    const roomBytes = prefix.length + bodyRoomBytes(compiled, message.length)
    // a frame past MAX_WRITTEN_ROOM_BYTES of room is left to the chooser, so the scratch stays bounded (round
    // 42: the bound was the slab's 1 KiB, and every message over ~300 characters went to the chooser's slot by
    // slot encoding of every match, 8x zstd_dict on the s42 trial's JSON batches)
    if (roomBytes > MAX_WRITTEN_ROOM_BYTES) return false
    const out = into.room(roomBytes)
    for (let i = 0; i < prefix.length; i++) out[i] = prefix[i] as number
    const end = compiled.writeSpans(message, spans, out, prefix.length, stopAt)
    if (end < 0 && end !== LOSES) return false
    into.sizeBytes = end === LOSES ? Infinity : end
    into.templateId = template.id
    return true
  }
  const choice = new SpecificChoice(writeFrame)
  const { chooser } = choice
  /**
   * The frame of the message's only candidate, written by its compiled template straight into the
   * output slab: undefined when the general path must decide, NO_FRAME when the template cannot match.
   */
  const compiledFrame = (template: Template, message: string): TemplateFrame | typeof NO_FRAME | undefined => {
    // a prefix not asked yet: the general path asks (a framePrefix callback could encode with this template)
    const prefix = prefixes.get(template.id)
    if (prefix === undefined) return undefined
    const compiled = compiledTemplateOf(template)
    const split = compiled.split(message)
    if (split === REFUSED) return NO_FRAME
    if (split === UNDECIDED) return undefined
    return written(template.id, prefix, compiled, message, undefined)
  }
  // the twin plans of the pairs of candidates met (specific, then general; null: not twins), decided once per pair
  const twinPlans = new Map<Template, Map<Template, TwinPlan | null>>()
  const twinPlan = (specific: Template, general: Template): TwinPlan | null => {
    let plans = twinPlans.get(specific)
    if (plans === undefined) twinPlans.set(specific, (plans = new Map()))
    let plan = plans.get(general)
    if (plan === undefined) plans.set(general, (plan = twinPlanOf(specific, general) ?? null))
    return plan
  }
  /**
   * True when the general path leaves out `general`, a twin of `specific` (`plan`) whose compiled split
   * found a split too, as matcher.ts `beaten` does: it meets `specific` first (least bound first, then
   * fewer slots: match-order.ts), matches it with the split just found (when its writers take the values,
   * as `written` then checks), and leaves out a twin with a header as large that splits the message alike
   * (template-twins.ts: such a twin's frame is never the smallest). A twin met first is matched too, and
   * the general path decides.
   */
  const beatenTwin = (
    plan: TwinPlan,
    specific: CompiledTemplate,
    general: CompiledTemplate,
    message: string,
    specificPrefix: Uint8Array,
    generalPrefix: Uint8Array,
  ): boolean => {
    if (generalPrefix.length < specificPrefix.length) return false
    const specificBound = preBoundBytes(specific.bounded, message)
    const generalBound = preBoundBytes(general.bounded, message)
    // a twin has more slots: on equal bounds the specific template comes first
    if (specificBound === -1 || generalBound === -1 || generalBound < specificBound) return false
    // the twin's split was just found (twinFrame): its greedy places spare splitsAlike's searches
    return splitsAlikeGreedy(
      plan,
      specific.bounded.template,
      specific.spans,
      general.bounded.template,
      general.spans,
      message,
    )
  }
  /**
   * The frame of a message of two candidates, a template and its twin (twinPlanOf), when the compiled
   * templates decide as the general path would: the twin's split refused, or found and beaten
   * (beatenTwin), so the general path's only match is the specific template, its frame written straight
   * into the output slab; or the specific template's split refused and the twin's found, the twin's
   * frame. NO_FRAME when both are refused; undefined when the general path must decide (two templates
   * that are no twins, whose splits are both made only to be given up on Linux's and HDFS's lines; a
   * twin that may win; a split undecided; a value a writer does not take; a prefix not asked yet).
   */
  const twinFrame = (
    candidates: readonly { readonly template: Template }[],
    message: string,
  ): TemplateFrame | typeof NO_FRAME | undefined => {
    const one = (candidates[0] as { readonly template: Template }).template
    const other = (candidates[1] as { readonly template: Template }).template
    // the twin has the higher id
    const [specific, general] = one.id < other.id ? [one, other] : [other, one]
    const specificPrefix = prefixes.get(specific.id)
    const generalPrefix = prefixes.get(general.id)
    if (specificPrefix === undefined || generalPrefix === undefined) return undefined
    if (candidateStepsAtMost(message.length) * 2 >= MAX_MESSAGE_STEPS) return undefined
    const plan = twinPlan(specific, general)
    if (plan === null) return undefined
    const compiledSpecific = compiledTemplateOf(specific)
    const compiledGeneral = compiledTemplateOf(general)
    const specificSplit = compiledSpecific.split(message)
    if (specificSplit === UNDECIDED) return undefined
    const generalSplit = compiledGeneral.split(message)
    if (generalSplit === UNDECIDED) return undefined
    if (specificSplit === REFUSED)
      return generalSplit === REFUSED
        ? NO_FRAME
        : written(general.id, generalPrefix, compiledGeneral, message, undefined)
    if (
      generalSplit !== REFUSED &&
      !beatenTwin(plan, compiledSpecific, compiledGeneral, message, specificPrefix, generalPrefix)
    )
      return undefined
    return written(specific.id, specificPrefix, compiledSpecific, message, undefined)
  }
  /**
   * The frame of a template's split (the compiled one, or `spans`) written straight into the output slab;
   * undefined when its writers cannot, or `accept` (given the frame's length) refuses the frame written.
   */
  const written = (
    templateId: number,
    prefix: Uint8Array,
    compiled: CompiledTemplate,
    message: string,
    spans: Int32Array | undefined,
    accept?: (frameBytes: number, messageUnits: number) => boolean,
  ): TemplateFrame | undefined => {
    const roomBytes = prefix.length + bodyRoomBytes(compiled, message.length)
    let start = reserveSlab(roomBytes)
    // past the slab's largest output (round 42): written into a zeroed array of its own and copied out at its size
    const own = start === -1
    if (own && roomBytes > MAX_WRITTEN_ROOM_BYTES) return undefined
    if (own) start = 0
    const out = own ? new Uint8Array(roomBytes) : slabBytes()
    for (let i = 0; i < prefix.length; i++) out[start + i] = prefix[i] as number
    const at = start + prefix.length
    const end =
      spans === undefined ? compiled.writeBody(message, out, at) : compiled.writeSpans(message, spans, out, at)
    if (end >= 0 && (accept === undefined || accept(end - start, message.length)))
      return { templateId, frame: own ? out.slice(0, end) : commitSlab(end - start) }
    if (!own) abandonSlab(roomBytes)
    return undefined
  }
  /**
   * With a learner, several candidates: the frame the winners of situation `key` send alone (the first
   * of them that matches, writes and fits), written straight into the output slab; undefined when none
   * does or on a re-check (the full choice sends then, and records which winner would have: `tried`).
   */
  let tried = -1
  // the winner learnedFrame is writing, and its situation: what acceptLearned reads (one function, no closure per message)
  let trying: Winner | undefined
  let tryingIn: Situation | undefined
  // the frame learnedFrame last wrote did not fit (`fits`): the next winner is tried (ChoiceRule.passOver)
  let unfit = false
  /** `written`'s accept for a winner sent alone: a frame that fits, unless on a re-check (then it is the one `tried`). */
  const acceptLearned = (frameBytes: number, messageUnits: number): boolean => {
    const winner = trying as Winner
    if (!(learner as ChoiceLearner).fits(winner, frameBytes, messageUnits)) {
      unfit = true
      return false
    }
    if (!(tryingIn as Situation).recheckDue) return true
    tried = winner.id
    return false
  }
  const learnedFrame = (
    learner: ChoiceLearner,
    key: number,
    candidates: readonly { readonly template: Template }[],
    message: string,
  ): TemplateFrame | undefined => {
    tried = -1
    const situation = learner.learned(key)
    if (situation === undefined) return undefined
    const { winners } = situation
    for (let w = 0; w < winners.length; w++) {
      const winner = winners[w] as Winner
      if (!winner.alone) continue
      let template: Template | undefined
      for (let i = 0; i < candidates.length; i++) {
        const candidate = (candidates[i] as { readonly template: Template }).template
        if (candidate.id === winner.id) template = candidate
      }
      const prefix = template === undefined ? undefined : prefixes.get(winner.id)
      if (template === undefined || prefix === undefined) continue
      const compiled = compiledTemplateOf(template)
      const split = compiled.split(message)
      // a winner whose literals are not all in the message is not this message's: the next one is tried
      if (split === REFUSED) continue
      // one that splits it sends its frame, or passes the message on to the next winner, which sends only a
      // frame that fits its own winning ones: a frame wider than its own winning ones (unless the rule says
      // `passOver: false`), and a value it cannot write (unless `passUnwritable: false`: then the full choice
      // decides, as before round s36-tail, for a less literal winner that takes the value may not be the
      // smallest; the `fits` guard bounds what that costs, bench/shortcut.ts)
      if (split !== UNDECIDED) {
        // a frame that does not fit is given back, and so is a re-check's
        trying = winner
        tryingIn = situation
        unfit = false
        const frame = written(winner.id, prefix, compiled, message, undefined, acceptLearned)
        if (frame !== undefined) return frame
        if (unfit && passOver) continue
        // a value this winner cannot write passes the message on too (Winner.passUnwritable, which starts as the
        // rule's ChoiceRule.passUnwritable; round s36-tail;
        // `tried` set: a re-check's winner was found, not a value refused)
        if (!unfit && winner.passUnwritable && tried === -1) {
          // on a re-check, remembered: if the full choice then picks this winner, it stops passing on (record)
          if (situation.recheckDue) winner.passedOn = situation.rechecks
          continue
        }
      }
      break
    }
    if (!situation.recheckDue) learner.missed()
    return undefined
  }
  const encode = (message: string, bytes?: Uint8Array): TemplateFrame | undefined => {
    // the situation whose pick the learner records (several candidates), or -1
    let key = -1
    let triedId = -1
    // the compiled templates decide when they can (most lines of most stores)
    if (bytes !== undefined && !hasLoneSurrogate(message, bytes)) {
      const candidates = matcher.selection(message, bytes)
      if (candidates.length === 0) return undefined
      if (candidates.length === 1) {
        const frame = compiledFrame((candidates[0] as { readonly template: Template }).template, message)
        if (frame !== undefined) return frame === NO_FRAME ? undefined : frame
      } else if (learner !== null) {
        key = situationKeyOf(candidates)
        const frame = learnedFrame(learner, key, candidates, message)
        if (frame !== undefined) return frame
        triedId = tried
      } else {
        // a learner records what the general path chose: only without one are several candidates decided here
        const frame = candidates.length === 2 ? twinFrame(candidates, message) : undefined
        if (frame !== undefined) return frame === NO_FRAME ? undefined : frame
      }
    }
    const frame = chosenFrame(message, bytes)
    if (key !== -1 && frame !== undefined) {
      const template = matcher.store.byId.get(frame.templateId)
      if (template !== undefined) learner?.record(key, template, frame.frame.length, message.length, triedId)
    }
    return frame
  }
  /** The smallest frame, every candidate that can win matched (ties: lowest id). */
  const chosenFrame = (message: string, bytes: Uint8Array | undefined): TemplateFrame | undefined => {
    choice.match(matcher, message, bytes, prefixBytes)
    // one match (a specific template whose twins cannot beat it): its values written by its compiled template
    const { lone } = choice
    if (lone !== undefined) {
      const { template, spans } = lone
      const frame = written(template.id, prefixOf(template.id), compiledTemplateOf(template), message, spans)
      if (frame !== undefined) return frame
    }
    if (!choice.settle()) return undefined
    // several matches, each written whole by its compiled template: the smallest copied out
    const { written: best } = choice
    if (best !== undefined) {
      const frame = allocBytes(best.sizeBytes)
      for (let i = 0; i < best.sizeBytes; i++) frame[i] = best.bytes[i] as number
      return { templateId: best.templateId, frame }
    }
    const prefix = prefixOf(chooser.templateId)
    const frame = allocBytes(prefix.length + chooser.bodyBytes)
    for (let i = 0; i < prefix.length; i++) frame[i] = prefix[i] as number
    chooser.writeBody(frame, prefix.length)
    return { templateId: chooser.templateId, frame }
  }
  return {
    encode,
    encodeBytes(bytes) {
      if (!matcher.mayMatchBytes(bytes)) return undefined
      const text = tryDecodeUtf8(bytes)
      return text === undefined ? undefined : encode(text, bytes)
    },
  }
}
