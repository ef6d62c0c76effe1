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
import { MissingLiterals } from './missing-literals.ts'
import { BoundOrder, emptyArray } from './match-order.ts'
import {
  type Budget,
  type Compiled,
  compile,
  MAX_MESSAGE_STEPS,
  MAX_TEMPLATE_STEPS,
  matchOne,
  valuesOf,
} from './matcher-split.ts'
import { refuseReentry } from './matcher-reentry.ts'
import type { TemplateMatch, TemplateMatcher } from './matcher-types.ts'
import { splitsAlike, twinPlanOf, type TwinPlan } from './template-twins.ts'
import { hasLoneSurrogate, textToBytes } from './text-bytes.ts'
import type { Template, TemplateStore } from './store-types.ts'

export { MAX_MESSAGE_STEPS, MAX_TEMPLATE_STEPS, matchWithoutIndex } from './matcher-split.ts'
export type { MatchChooser, TemplateMatch, TemplateMatcher, TemplateSpans } from './matcher-types.ts'

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
