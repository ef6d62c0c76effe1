/**
 * Finds every template of a store that matches a message, through an index of anchor words
 * (literal-anchors.ts) so the cost follows the message, not the number of templates.
 *
 * Matching rules:
 * - a message matches when it is exactly literal0 value literal1 value ... literalN, every value
 *   non-empty (any text, line breaks included) and accepted by its slot's type;
 * - when several splits exist (`Error {0}: {1}` on `Error a: b: c`), each slot in text order takes
 *   the shortest value for which the rest still matches (leftmost-shortest, with backtracking);
 *   the search gives up after MAX_TEMPLATE_STEPS steps per template (no match, deterministic), and a
 *   message stops being matched after MAX_MESSAGE_STEPS steps across all its candidates;
 * - a zero-slot template matches only the message equal to its pattern;
 * - a message with a lone UTF-16 surrogate (not valid Unicode, so never from valid UTF-8) matches nothing.
 */
import { createByteScreen } from './byte-screen.ts'
import { createAnchorIndex } from './literal-anchors.ts'
import { FailedPairs } from './failed-pairs.ts'
import { MissingLiterals } from './missing-literals.ts'
import { hasTextAt, indexOfLiteral } from './literal-search.ts'
import { BoundOrder, boundPartsOf, emptyArray, type BoundParts } from './match-order.ts'
import { refuseReentry } from './matcher-reentry.ts'
import { splitsAlike, twinPlanOf, type TwinPlan } from './template-twins.ts'
import { slotCodecsOf, type SlotCodec } from './slot-codecs.ts'
import { hasLoneSurrogate, textToBytes } from './text-bytes.ts'
import type { Template, TemplateStore } from './store-types.ts'

/** One template matching a message, with the slot values indexed by placeholder number. */
export interface TemplateMatch {
  readonly template: Template
  readonly values: string[]
}

/**
 * One template matching a message, with where each slot value lies in the message: value `i` (by
 * placeholder number) is message.slice(spans[2i], spans[2i + 1]), never taken out as a string here.
 * Owned by the matcher: valid until its next call.
 */
export interface TemplateSpans {
  readonly template: Template
  readonly spans: Int32Array
}

/** Matches messages against one store. */
export interface TemplateMatcher {
  readonly store: TemplateStore
  /**
   * Every template matching the message, ascending id. `bytes`, when given, must be the message's
   * UTF-8 (they are what the index reads; without them the message is encoded first).
   */
  match(message: string, bytes?: Uint8Array): TemplateMatch[]
  /**
   * match, less the templates whose frame cannot beat one already matched: a candidate that is a twin
   * (template-twins.ts) of a template that matched, with a header at least as long
   * (`headerSizeBytes`), is not matched. Candidates are tried fewest slots first, so the specific
   * template comes before its twins. Ascending id. The smallest frame among
   * these is the smallest among all matches whenever the twins would split the message as the
   * specific template does (their usual split; see docs/speed.md for how often it differs).
   * The values are ranges of the message (see TemplateSpans), and the result is valid until the next call.
   */
  matchSpecific(
    message: string,
    bytes: Uint8Array | undefined,
    headerSizeBytes: (templateId: number) => number,
  ): readonly TemplateSpans[]
  /**
   * matchSpecific for a caller that chooses among the matches as they come (the frame encoder): the
   * candidates are tried least lower bound first (see preBoundBytes), each match handed to
   * `chooser.take`, and a candidate whose bound grows with the message (a first value that takes a
   * byte per unit, the header-fallback templates' `{0}]: ...`) is not matched when `chooser.refuses` its
   * bound. The per-message step budget is spent in this order.
   */
  matchEachSpecific(
    message: string,
    bytes: Uint8Array | undefined,
    headerSizeBytes: (templateId: number) => number,
    chooser: MatchChooser,
  ): void
  /** The templates the index selects before the full check (diagnostics, and tests of the index). */
  candidates(message: string): Template[]
  /**
   * The candidates the index selects for the message whose UTF-8 is `bytes` (kept from mayMatchBytes
   * of the same bytes), without matching them; kept for a matchSpecific of the same bytes right after.
   * Owned by the matcher: valid until its next call. For the frame encoder's compiled templates.
   */
  selection(message: string, bytes: Uint8Array): readonly { readonly template: Template }[]
  /**
   * False when no template can match the message these UTF-8 bytes encode (its first and last byte,
   * or the anchor words among its tokens, rule them all out), so it need not be decoded. When true,
   * the candidates found are kept for a `match` of the same bytes right after (not selected twice).
   */
  mayMatchBytes(bytes: Uint8Array): boolean
}

/** What matchEachSpecific asks before it matches a candidate, and tells of each match. */
export interface MatchChooser {
  /** True when a template whose body takes at least `boundBytes` (its header not counted) cannot be chosen: it is not matched then. */
  refuses(templateId: number, boundBytes: number): boolean
  /** A match; its spans are valid until the matcher's next call. */
  take(match: TemplateSpans): void
}

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
interface Compiled extends BoundParts {
  readonly template: Template
  /** position in the store's templates (keys the twin relation) */
  readonly index: number
  readonly codecs: readonly SlotCodec[]
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
interface Budget {
  template: number
  message: number
}

function compile(template: Template, index: number): Compiled {
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
  const codec = c.codecs[slot] as SlotCodec
  const { spans } = c
  if (k === textOrder.length - 1) {
    if (end === position || (!codec.acceptsAnyText && !codec.acceptsRange(message, position, end))) return false
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
    if (!codec.acceptsAnyText && !codec.acceptsRange(message, position, at)) continue
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
  const { spans, codecs } = c
  const last = textOrder.length - 1
  for (let k = 0; k <= last; k++) {
    const slot = textOrder[k] as number
    const start = greedy[k] as number
    const stop = k === last ? end : (greedy[k + 1] as number) - (literals[k + 1] as string).length
    const codec = codecs[slot] as SlotCodec
    if (!codec.acceptsAnyText && !codec.acceptsRange(message, start, stop)) return false
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
function matchOne(
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
  return searchSplit(c, message, 0, c.prefix.length, end, budget, failedScratch)
}

/** The values a successful matchOne left at `c.spans`, as strings. */
function valuesOf(c: Compiled, message: string): string[] {
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

/**
 * Sorts matches in place by a number, stably (an insertion sort for the usual one to a few, whose
 * Array.prototype.sort setup costs more than the sort; the built-in sort, also stable, above 8).
 */
export function sortMatchesBy<T>(matches: T[], keyOf: (match: T) => number): T[] {
  if (matches.length > 8) return matches.sort((a, b) => keyOf(a) - keyOf(b))
  for (let i = 1; i < matches.length; i++) {
    const match = matches[i] as T
    const key = keyOf(match)
    let j = i - 1
    for (; j >= 0 && keyOf(matches[j] as T) > key; j--) matches[j + 1] = matches[j] as T
    matches[j + 1] = match
  }
  return matches
}

const idOf = (match: { readonly template: Template }): number => match.template.id

/** Sorts candidates in place by slot count, stably (an insertion sort: there are a few). */
function sortBySlotCount(items: Compiled[]): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as Compiled
    const key = item.codecs.length
    let j = i - 1
    for (; j >= 0 && (items[j] as Compiled).codecs.length > key; j--) items[j + 1] = items[j] as Compiled
    items[j + 1] = item
  }
}

/** Builds the anchor-word index of a store (see the file comment for the rules, literal-anchors.ts for the index). */
export function createMatcher(store: TemplateStore): TemplateMatcher {
  const index = createAnchorIndex(store.templates.map(compile), (c) => c.template.literals)
  const count = store.templates.length
  // the twin plans of the pairs of templates met together so far (decided once per pair, from the patterns)
  const plans = new Map<number, TwinPlan | null>()
  const planOf = (specific: Compiled, general: Compiled): TwinPlan | null => {
    const key = specific.index * count + general.index
    let plan = plans.get(key)
    if (plan === undefined) plans.set(key, (plan = twinPlanOf(specific.template, general.template) ?? null))
    return plan
  }
  // the templates matchSpecific matched (their values at their spans), and the same sorted by id
  const matched: Compiled[] = []
  const result: Compiled[] = []
  /** True when `c` is a twin of a template matched already that it cannot beat, splitting the message alike. */
  const beaten = (c: Compiled, message: string, headerSizeBytes: (templateId: number) => number): boolean => {
    for (let i = 0; i < matched.length; i++) {
      const m = matched[i] as Compiled
      // a twin has a higher id and more slots (checked here before the plan is looked up)
      if (c.template.id <= m.template.id || c.codecs.length <= m.codecs.length) continue
      // the same pair as last time (a template's twins are few): no look-up by the pair's key
      if (c.planWith !== m) [c.planWith, c.plan] = [m, planOf(m, c)]
      const { plan } = c
      if (
        plan !== null &&
        headerSizeBytes(c.template.id) >= headerSizeBytes(m.template.id) &&
        splitsAlike(plan, m.template, m.spans, c.template, message)
      )
        return true
    }
    return false
  }
  // the steps left, reset by each call (matching never re-enters: one object, not one per message)
  const budget: Budget = { template: MAX_TEMPLATE_STEPS, message: MAX_MESSAGE_STEPS }
  // the missing literals looked for in the message being matched (begun again by each call)
  const missed = new MissingLiterals()
  // the candidates of matchEachSpecific, least bound first
  const order = new BoundOrder<Compiled>()
  const screen = createByteScreen(store.templates)
  // the candidates of the last bytes selected, kept for a match of the same bytes right after
  const selected: Compiled[] = []
  let selectedFor: Uint8Array | undefined
  const collect = (c: Compiled): boolean => selected.push(c) > 0
  const select = (bytes: Uint8Array): void => {
    // emptied by pop, not `length = 0`: that gives the array's backing store back, so every line's first
    // push allocated a new one (~40 ns a line and garbage, in a block loop)
    emptyArray(selected)
    selectedFor = bytes
    index.select(bytes, collect)
  }
  const self: TemplateMatcher = {
    store,
    match(message, bytes) {
      refuseReentry(self)
      const matches: TemplateMatch[] = []
      if (hasLoneSurrogate(message)) return matches
      if (bytes === undefined || bytes !== selectedFor) select(bytes ?? textToBytes(message))
      selectedFor = undefined
      budget.message = MAX_MESSAGE_STEPS
      missed.begin()
      for (const c of selected) {
        budget.message -= 1
        if (matchOne(c, message, budget, missed)) matches.push({ template: c.template, values: valuesOf(c, message) })
        if (budget.message <= 0) break
      }
      return sortMatchesBy(matches, idOf)
    },
    matchSpecific(message, bytes, headerSizeBytes) {
      refuseReentry(self)
      // as many UTF-8 bytes as UTF-16 units: every character is ASCII, so no lone surrogate (no regex to run)
      if (hasLoneSurrogate(message, bytes)) return []
      if (bytes === undefined || bytes !== selectedFor) select(bytes ?? textToBytes(message))
      selectedFor = undefined
      if (selected.length > 1) sortBySlotCount(selected)
      emptyArray(matched)
      budget.message = MAX_MESSAGE_STEPS
      missed.begin()
      for (const c of selected) {
        if (matched.length > 0 && beaten(c, message, headerSizeBytes)) continue
        budget.message -= 1
        if (matchOne(c, message, budget, missed)) matched.push(c)
        if (budget.message <= 0) break
      }
      emptyArray(result)
      for (const c of matched) result.push(c)
      return sortMatchesBy(result, idOf)
    },
    matchEachSpecific(message, bytes, headerSizeBytes, chooser) {
      refuseReentry(self)
      if (hasLoneSurrogate(message, bytes)) return
      if (bytes === undefined || bytes !== selectedFor) select(bytes ?? textToBytes(message))
      selectedFor = undefined
      order.sort(selected, message)
      const { ordered } = order
      emptyArray(matched)
      budget.message = MAX_MESSAGE_STEPS
      missed.begin()
      for (let i = 0; i < ordered.length; i++) {
        const c = ordered[i] as Compiled
        if (matched.length > 0) {
          if (c.growing !== undefined && chooser.refuses(c.template.id, order.boundAt(i))) continue
          if (beaten(c, message, headerSizeBytes)) continue
        }
        budget.message -= 1
        if (matchOne(c, message, budget, missed)) {
          matched.push(c)
          chooser.take(c)
        }
        if (budget.message <= 0) break
      }
    },
    selection(_message, bytes) {
      refuseReentry(self)
      if (bytes !== selectedFor) select(bytes)
      return selected
    },
    candidates(message) {
      refuseReentry(self)
      select(textToBytes(message))
      selectedFor = undefined
      return selected.map((c) => c.template)
    },
    mayMatchBytes(bytes) {
      refuseReentry(self)
      if (!screen(bytes)) return false
      select(bytes)
      if (selected.length > 0) return true
      screen.refusedAfter()
      return false
    },
  }
  return self
}
