/**
 * The check of one template against one message (matcher.ts's rules, in its file comment): the
 * template compiled once (its codecs, first and last literal, the least length it can match), the
 * literals found in order at their earliest places, the split those places give taken when every
 * slot accepts its value, else the leftmost-shortest search with backtracking, all within the step
 * budgets. matcher.ts picks the candidates and calls matchOne on each.
 */
import { FailedPairs } from './failed-pairs.ts'
import { hasTextAt, indexOfLiteral } from './literal-search.ts'
import { boundPartsOf, type BoundParts } from './match-order.ts'
import type { MissingLiterals } from './missing-literals.ts'
import type { TemplateMatch } from './matcher-types.ts'
import type { TwinPlan } from './template-twins.ts'
import { slotCodecsOf, type SlotCodec } from './slot-codecs.ts'
import { hasLoneSurrogate } from './text-bytes.ts'
import type { Template, TemplateStore } from './store-types.ts'

/** Most steps spent on one template and message before giving up on that template. */
export const MAX_TEMPLATE_STEPS = 1000
/**
 * Most steps spent on one message across all its candidates (issue 19): once spent, the remaining
 * candidates are not matched. A step is one literal looked for, plus one per 1,024 units it scanned,
 * so a long message costs in proportion to the text actually read.
 */
export const MAX_MESSAGE_STEPS = 20_000
const SCAN_UNITS_PER_STEP_LOG2 = 10

/** A template ready to match: its codecs, first and last literal, and the shortest message it can match (UTF-16 units). */
export interface Compiled extends BoundParts {
  readonly template: Template
  /** position in the store's templates (keys the twin relation) */
  readonly index: number
  readonly codecs: readonly SlotCodec[]
  /**
   * 1 for each slot (by placeholder number) whose codec takes any text (acceptsAnyText): read by the split
   * from one typed array, not from codecs of a dozen shapes (a megamorphic load per value)
   */
  readonly anyText: Uint8Array
  readonly minLength: number
  readonly prefix: string
  readonly suffix: string
  /** per slot k (text order): the fewest units the literals after literal k + 1 and their slots take, plus one (a value is never empty) */
  readonly tailUnits: Int32Array
  /** where the last successful search put each value: start and end by placeholder number (TemplateSpans) */
  readonly spans: Int32Array
  /** the literal (k >= 1, text order) the last refusal found missing, looked for first next time; 0: none */
  missing: number
  /**
   * each literal's number in the matcher's MissingLiterals, by k (-1: not yet asked; undefined until one
   * is): a template whose missing literal alternates between two asks for each number once, not at each change
   */
  missingIds: Int32Array | undefined
  /** the matched template whose twin plan with this one (this the general) beaten() looked up last, and that plan */
  planWith: Compiled | undefined
  plan: TwinPlan | null
}

/** Steps left for the current template and for the whole message. */
export interface Budget {
  template: number
  message: number
}

export function compile(template: Template, index: number): Compiled {
  const { literals, textOrder } = template
  const literalLength = literals.reduce((sum, literal) => sum + literal.length, 0)
  // from the end, so a template of many slots (a long line) compiles in linear time, not quadratic
  const tailUnits = new Int32Array(textOrder.length)
  let after = 0 // the units of literals k + 2 .. and their slots
  for (let k = textOrder.length - 1; k >= 0; k--) {
    tailUnits[k] = 1 + after
    if (k + 1 < textOrder.length) after += 1 + (literals[k + 1] as string).length
  }
  const codecs = slotCodecsOf(template)
  return {
    template,
    index,
    codecs,
    anyText: Uint8Array.from(codecs, (codec) => (codec.acceptsAnyText ? 1 : 0)),
    ...boundPartsOf(template, codecs),
    minLength: literalLength + textOrder.length,
    prefix: literals[0] as string,
    suffix: literals[textOrder.length] as string,
    tailUnits,
    spans: new Int32Array(2 * textOrder.length),
    missing: 0,
    missingIds: undefined,
    planWith: undefined,
    plan: null,
  }
}

/** message.indexOf(text, from), charged to the budget; -1 also when the budget is spent. */
function find(message: string, text: string, from: number, budget: Budget): number {
  const at = indexOfLiteral(message, text, from)
  const cost = 1 + (((at === -1 ? message.length : at) - from) >> SCAN_UNITS_PER_STEP_LOG2)
  budget.template -= cost
  budget.message -= cost
  return budget.template < 0 || budget.message < 0 ? -1 : at
}

/**
 * Searches the split of slot `k` onwards (text order) starting at `position`; fills `c.spans`.
 * `failed` remembers the (k, position) pairs already known to fail: whether the rest matches depends on
 * nothing else, so each is searched once and backtracking stays polynomial (without it, slots that take
 * any text made failures exponential in the number of slots, up to the step limit).
 */
function searchSplit(
  c: Compiled,
  message: string,
  k: number,
  position: number,
  end: number,
  budget: Budget,
  failed: FailedPairs,
): boolean {
  const { literals, textOrder } = c.template
  const slot = textOrder[k] as number
  const anyText = c.anyText[slot] === 1
  const { spans } = c
  if (k === textOrder.length - 1) {
    if (end === position || (!anyText && !(c.codecs[slot] as SlotCodec).acceptsRange(message, position, end)))
      return false
    spans[2 * slot] = position
    spans[2 * slot + 1] = end
    return true
  }
  const key = k * (message.length + 1) + position
  if (failed.has(key)) return false
  const next = literals[k + 1] as string
  const latest = end - next.length - (c.tailUnits[k] as number)
  // on the greedy path (every earlier literal at its earliest place) literalsInOrder has found this one already
  const first =
    position === (greedy[k] as number)
      ? (greedy[k + 1] as number) - next.length
      : find(message, next, position + 1, budget)
  for (let at = first; at !== -1 && at <= latest; at = find(message, next, at + 1, budget)) {
    // the message is well-formed and literals never split a surrogate pair, so any value is text
    if (!anyText && !(c.codecs[slot] as SlotCodec).acceptsRange(message, position, at)) continue
    spans[2 * slot] = position
    spans[2 * slot + 1] = at
    if (searchSplit(c, message, k + 1, at + next.length, end, budget, failed)) return true
  }
  failed.add(key)
  return false
}

/** The literals in order, each found at its earliest place: if this fails no split exists (a cheap refusal before the search). */
function literalsInOrder(c: Compiled, message: string, end: number, budget: Budget): boolean {
  const { literals, textOrder } = c.template
  if (greedy.length < textOrder.length) greedy = new Int32Array(Math.max(textOrder.length, greedy.length * 2))
  let position = c.prefix.length
  greedy[0] = position
  for (let k = 1; k < textOrder.length; k++) {
    const literal = literals[k] as string
    const at = find(message, literal, position + 1, budget)
    if (at === -1 || at + literal.length >= end) {
      if (at === -1) c.missing = k
      return false
    }
    position = at + literal.length
    greedy[k] = position
  }
  return position < end
}

/**
 * The split searchSplit tries first, taken when its slots accept every value: each value ends where
 * literalsInOrder found the next literal, the leftmost-shortest place (feasible by construction, and
 * found without spending steps), so searchSplit would return this split. False: search.
 */
function greedySplit(c: Compiled, message: string, end: number): boolean {
  const { literals, textOrder } = c.template
  const { spans, codecs, anyText } = c
  const last = textOrder.length - 1
  for (let k = 0; k <= last; k++) {
    const slot = textOrder[k] as number
    const start = greedy[k] as number
    const stop = k === last ? end : (greedy[k + 1] as number) - (literals[k + 1] as string).length
    if (anyText[slot] === 0 && !(codecs[slot] as SlotCodec).acceptsRange(message, start, stop)) return false
    spans[2 * slot] = start
    spans[2 * slot + 1] = stop
  }
  return true
}

/**
 * Where literalsInOrder left the end of each literal k (0: the prefix) of the template being matched:
 * searchSplit's first try at each slot on the greedy path is that place, found once, not twice.
 */
let greedy = new Int32Array(16)

/** The failed pairs of the template being matched (matching never re-enters itself). */
const failedScratch = new FailedPairs()

/** True when the template matches the message; its values are then at `c.spans`. */
export function matchOne(
  c: Compiled,
  message: string,
  budget: Budget,
  missed: MissingLiterals | undefined,
  shortcut = true,
): boolean {
  const { textOrder } = c.template
  // hasTextAt, not startsWith/endsWith: every candidate of every message is checked here, and the builtin calls cost more than the compare
  if (
    message.length < c.minLength ||
    !hasTextAt(message, 0, c.prefix) ||
    !hasTextAt(message, message.length - c.suffix.length, c.suffix)
  )
    return false
  if (textOrder.length === 0) return message.length === c.prefix.length
  budget.template = MAX_TEMPLATE_STEPS
  // the literal missing last time is often missing again (the literal that tells this template from its
  // neighbours): not in the message after the prefix, no split exists, found with one native scan. Not
  // charged to the step budget: what earlier messages left here must not decide whether this one matches
  if (c.missing !== 0) {
    const literal = c.template.literals[c.missing] as string
    if (missed === undefined) {
      if (message.indexOf(literal, c.prefix.length) === -1) return false
    } else {
      const ids = c.missingIds ?? (c.missingIds = new Int32Array(textOrder.length).fill(-1))
      let id = ids[c.missing] as number
      if (id === -1) ids[c.missing] = id = missed.idOf(literal, c.prefix.length)
      if (missed.lacks(id, message, literal, c.prefix.length)) return false
    }
  }
  const end = message.length - c.suffix.length
  if (!literalsInOrder(c, message, end, budget)) return false
  if (shortcut && greedySplit(c, message, end)) return true
  failedScratch.begin(textOrder.length * (message.length + 1))
  if (shortcut && tailRefuses(c, message, end, budget)) return false
  return searchSplit(c, message, 0, c.prefix.length, end, budget, failedScratch)
}

/**
 * True when no split exists because of the template's tail, found before the search: each literal k sits,
 * in any split, between its earliest place (literalsInOrder's) and its latest (found from the end, each
 * literal before the next one's latest place and a value); a literal whose two places coincide is pinned
 * there, so the split exists only if the slots after it split the rest. That rest is searched first
 * (the same search, from that literal), and when it fails the template is refused: the full search would
 * have failed too, after trying every split of the slots before it (Proxifier's `lifetime {13}:{14}` of
 * two-digit slots on `01:00:12`, refused after up to 60 partial splits of its `auto` slots). Anything else
 * (the rest splits, the budget runs out) leaves the full search as it was: the steps and the failed pairs
 * spent here are given back, so the full search takes the same steps and gives the same answer.
 */
function tailRefuses(c: Compiled, message: string, end: number, budget: Budget): boolean {
  const { literals, textOrder } = c.template
  const [template, total] = [budget.template, budget.message]
  let latest = end // the latest start of literal k + 1
  let pinned = 0
  for (let k = textOrder.length - 1; k >= 1; k--) {
    const literal = literals[k] as string
    const earliest = (greedy[k] as number) - literal.length
    const from = latest - 1 - literal.length
    latest = from < earliest ? -1 : message.lastIndexOf(literal, from)
    if (latest < earliest) return true // fewer places than the earliest: no split
    if (latest === earliest) {
      pinned = k
      break
    }
  }
  if (pinned === 0) return false
  const refused = !searchSplit(c, message, pinned, greedy[pinned] as number, end, budget, failedScratch)
  if (refused && budget.template >= 0 && budget.message >= 0) return true
  budget.template = template
  budget.message = total
  failedScratch.begin(textOrder.length * (message.length + 1))
  return false
}

/** The values a successful matchOne left at `c.spans`, as strings. */
export function valuesOf(c: Compiled, message: string): string[] {
  const { spans } = c
  return Array.from({ length: spans.length >> 1 }, (_, i) => message.slice(spans[2 * i], spans[2 * i + 1]))
}

/**
 * Every template of the store that matches the message, ascending id, checked one by one without the
 * index, the first-split short-cut (greedySplit) and the per-message budget: the reference the
 * matcher is tested against.
 */
export function matchWithoutIndex(store: TemplateStore, message: string): TemplateMatch[] {
  if (hasLoneSurrogate(message)) return []
  const budget: Budget = { template: MAX_TEMPLATE_STEPS, message: Infinity }
  return store.templates.flatMap((template) => {
    const c = compile(template, 0)
    // the search alone, without the greedy short-cut: property tests compare match() with this
    return matchOne(c, message, budget, undefined, false) ? [{ template, values: valuesOf(c, message) }] : []
  })
}
