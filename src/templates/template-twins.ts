/**
 * Twins: a template `general` that is another, `specific`, with some of its literal text turned into
 * slots (discovery's header-word templates come in such pairs: `... [notice] {7}() Found child ...`
 * and `... [{7}] {8}() Found child ...`). When both match a message the usual way (the general one's
 * values are the specific one's plus the words its extra slots hold), the general frame is the
 * specific one plus those words' encodings, so with a higher id and extra slots that take at least
 * a byte it never wins; the frame encoder then need not match it at all.
 *
 * The relation is decided on the patterns alone: `general`'s pattern, its slots read as "a slot of
 * the same spec" or "literal text its spec encodes in at least ... bytes", must spell `specific`'s
 * pattern, and no kept slot may become the general template's last slot unless it was the specific
 * one's last (a last slot may drop its length, so it could be smaller).
 */
import { indexOfLiteral } from './literal-search.ts'
import { slotCodecsOf } from './slot-codecs.ts'
import type { Template } from './store-types.ts'

/** A pattern as units: a literal UTF-16 unit (>= 0), or a slot as -1 - placeholder number. */
function unitsOf(template: Template): number[] {
  const units: number[] = []
  const { literals, textOrder } = template
  for (let k = 0; k <= textOrder.length; k++) {
    const literal = literals[k] as string
    for (let i = 0; i < literal.length; i++) units.push(literal.charCodeAt(i))
    if (k < textOrder.length) units.push(-1 - (textOrder[k] as number))
  }
  return units
}

/**
 * Where each slot of a twin sits in its specific template's pattern: for the twin's k-th slot in text
 * order, [4k] the unit of the specific pattern where its value starts and [4k + 1] how many slots of
 * the specific pattern come before that unit, [4k + 2] and [4k + 3] the same for where it ends.
 */
export type TwinPlan = Int32Array

/**
 * The plan of `general` (a higher id) as a twin of `specific` (see the file comment), or undefined
 * when it is not one. Each slot of `general` either stands for a slot of `specific` with the same
 * spec, or for a run of its literal text that the slot's codec encodes exactly.
 */
export function twinPlanOf(specific: Template, general: Template): TwinPlan | undefined {
  if (general.id <= specific.id || general.textOrder.length <= specific.textOrder.length) return undefined
  // s44-trial D2: `spell` compares literal text exactly up to the first slot and after the last one, so a
  // twin's first literal starts the specific's first and its last ends the specific's last; most pairs fail
  // here, before the units, keys and search below (8,713 of 8,721 pairs of a 161-template HL7/FHIR store)
  const { literals } = specific
  if (
    !(literals[0] as string).startsWith(general.literals[0] as string) ||
    !(literals[specific.textOrder.length] as string).endsWith(general.literals[general.textOrder.length] as string)
  )
    return undefined
  const a = unitsOf(specific)
  const b = unitsOf(general)
  const codecs = slotCodecsOf(general)
  const specKeys = (template: Template): string[] => template.slots.map((spec) => JSON.stringify(spec))
  const [keysA, keysB] = [specKeys(specific), specKeys(general)]
  const lastA = specific.textOrder.length - 1
  const lastB = general.textOrder.length - 1
  // slots of the specific pattern before each of its units
  const slotsBefore = new Int32Array(a.length + 1)
  for (let u = 0; u < a.length; u++) slotsBefore[u + 1] = (slotsBefore[u] as number) + ((a[u] as number) < 0 ? 1 : 0)
  const plan = new Int32Array(4 * general.textOrder.length)
  const place = (k: number, from: number, to: number): void => {
    plan.set([from, slotsBefore[from] as number, to, slotsBefore[to] as number], 4 * k)
  }
  const failed = new Set<number>()
  // does b[bi..] spell a[ai..], its slots from the k-th (text order) on; recursion only at the slots
  // of b (literal text is compared in a loop), so a long literal costs no stack
  const spell = (from: number, ai0: number, k: number): boolean => {
    let [bi, ai] = [from, ai0]
    while (bi < b.length && (b[bi] as number) >= 0) {
      if (a[ai] !== b[bi]) return false
      bi++
      ai++
    }
    if (bi === b.length) return ai === a.length
    const key = bi * (a.length + 1) + ai
    if (failed.has(key)) return false
    const slot = -1 - (b[bi] as number)
    const other = a[ai]
    let ok = false
    if (other !== undefined && other < 0) {
      const slotA = -1 - other
      place(k, ai, ai + 1)
      // a kept slot that becomes the last could drop its length and be smaller
      ok = (slot !== lastB || slotA === lastA) && keysA[slotA] === keysB[slot] && spell(bi + 1, ai + 1, k + 1)
    }
    // or the slot holds a run of the specific pattern's literal text, ending where b's next unit (a
    // literal: patterns never have two slots in a row) or b's end can follow
    const next = b[bi + 1]
    for (let end = ai + 1; !ok && end <= a.length && (a[end - 1] as number) >= 0; end++) {
      if (next === undefined ? end !== a.length : a[end] !== next) continue
      let text = ''
      for (let u = ai; u < end; u++) text += String.fromCharCode(a[u] as number)
      if ((codecs[slot] as (typeof codecs)[number]).prepare(text, slot === lastB) === undefined) continue
      place(k, ai, end)
      ok = spell(bi + 1, end, k + 1)
    }
    if (!ok) failed.add(key)
    return ok
  }
  return spell(0, 0, 0) ? plan : undefined
}

/** Message offset where each value of the specific template ends, by text order (cumulative value lengths). */
let valueEnds = new Int32Array(32)

/** Fills valueEnds from the specific template's value spans (index j + 1: where its j-th value in text order ends). */
function fillValueEnds(specific: Template, spans: Int32Array): void {
  const { textOrder } = specific
  if (valueEnds.length <= textOrder.length) valueEnds = new Int32Array(2 * textOrder.length + 2)
  for (let j = 0; j < textOrder.length; j++) {
    const slot = textOrder[j] as number
    valueEnds[j + 1] = (valueEnds[j] as number) + (spans[2 * slot + 1] as number) - (spans[2 * slot] as number)
  }
}

/**
 * splitsAlike when the twin's own greedy split is known (`generalSpans`: each literal at its earliest
 * place after the slot before it has a unit, as template-compiled.ts's split finds them, by placeholder
 * number): when every value of that split starts and ends where the plan places it, each literal search
 * splitsAlike makes starts where that split's search started and finds what it found, so the answer is
 * true without searching again; otherwise splitsAlike searches.
 */
export function splitsAlikeGreedy(
  plan: TwinPlan,
  specific: Template,
  spans: Int32Array,
  general: Template,
  generalSpans: Int32Array,
  message: string,
): boolean {
  fillValueEnds(specific, spans)
  const order = general.textOrder
  for (let k = 0; k < order.length - 1; k++) {
    const start =
      (plan[4 * k] as number) - (plan[4 * k + 1] as number) + (valueEnds[plan[4 * k + 1] as number] as number)
    const end =
      (plan[4 * k + 2] as number) - (plan[4 * k + 3] as number) + (valueEnds[plan[4 * k + 3] as number] as number)
    const slot = order[k] as number
    if (generalSpans[2 * slot] !== start || generalSpans[2 * slot + 1] !== end)
      return splitsAlike(plan, specific, spans, general, message)
  }
  return true
}

/**
 * True when the twin `general` would split the message as the specific template did (values the
 * specific one's, or the words of its pattern, as the plan places them): the leftmost-shortest
 * search of `general` stops each slot at the first place its next literal occurs after the slot's
 * first unit, so it takes the same split exactly when that first place is where the value ends.
 */
export function splitsAlike(
  plan: TwinPlan,
  specific: Template,
  spans: Int32Array,
  general: Template,
  message: string,
): boolean {
  fillValueEnds(specific, spans)
  // a unit u of the specific pattern with s slots before it sits at u - s + the lengths of those s values
  const { literals } = general
  for (let k = 0; k < general.textOrder.length - 1; k++) {
    const start =
      (plan[4 * k] as number) - (plan[4 * k + 1] as number) + (valueEnds[plan[4 * k + 1] as number] as number)
    const end =
      (plan[4 * k + 2] as number) - (plan[4 * k + 3] as number) + (valueEnds[plan[4 * k + 3] as number] as number)
    const next = literals[k + 1] as string
    if (indexOfLiteral(message, next, start + 1) !== end) return false
  }
  return true
}
