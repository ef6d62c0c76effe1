/**
 * A template compiled, once, into a writer of its frame body: the split the matcher takes first (each
 * literal at its earliest place, matcher-split.ts's greedy split) found with the template's own literals, and
 * each slot's value written straight into the output by a writer specialised to its slot spec (template-compiled-writers.ts: string,
 * auto, integer, fixed-width integer and enum values without the SlotEncoding round trip; the other
 * kinds through their codec). No source text is generated: store files are user input, so the
 * specialisation is closures and a plan of typed arrays over the template's literals and specs.
 *
 * It decides only what it can decide exactly as the general path (matchEachSpecific + SpecificChoice)
 * would for a message whose only candidate is this template: REFUSED when the template cannot match
 * (a literal is missing, the search would find no split either), the body when the greedy split's
 * values are all taken (the search would return that split, the chooser encode those values), and
 * UNDECIDED otherwise (a value the greedy split gives is refused, so the search must look further; a
 * value too large for the room reserved; a message long enough that the step budget could matter).
 */
import { boundPartsOf, type BoundedCandidate } from './match-order.ts'
import { MAX_TEMPLATE_STEPS } from './matcher-split.ts'
import { type SlotCodec, slotCodecsOf } from './slot-codecs.ts'
import { NOT_TAKEN, slotPlanOf, writeSlots } from './template-compiled-writers.ts'
import type { Template } from './store-types.ts'

/** write's answer when the template cannot match the message. */
export const REFUSED = -1
/** write's answer when the general path must decide (see the file comment). */
export const UNDECIDED = -2
/** writeSpans's answer when the frame would end after the offset it may end at (its values' bounds or bytes say so). */
export const LOSES = -3

/** A template compiled for the frame encoder. */
export interface CompiledTemplate {
  readonly slotCount: number
  /** where split put each value: start and end by placeholder number (as TemplateSpans), valid until the next split */
  readonly spans: Int32Array
  /** the template as the matcher's candidate order reads it (match-order.ts preBoundBytes) */
  readonly bounded: BoundedCandidate
  /**
   * Finds the greedy split of the message (REFUSED, UNDECIDED, or 0 when found); the values' places
   * are kept for writeBody, which must follow before this template's next split.
   */
  split(message: string): number
  /** Writes the body of the split just found at `at` (the caller has reserved bodyRoomBytes); the offset after it, or UNDECIDED. */
  writeBody(message: string, out: Uint8Array, at: number): number
  /**
   * writeBody of the values at `spans` (start and end by placeholder number, as TemplateSpans holds
   * them); LOSES as soon as the values written and the least the others take (their codecs' bounds
   * for any value) end after `stopAt` (a frame that cannot beat the best so far is not finished).
   */
  writeSpans(message: string, spans: Int32Array, out: Uint8Array, at: number, stopAt?: number): number
}

/** Most bytes a body of this template may take for a message of `units` units (the room to reserve before writeBody). */
export function bodyRoomBytes(compiled: CompiledTemplate, units: number): number {
  return 3 * units + 16 * compiled.slotCount
}

const compiledTemplates = new WeakMap<Template, CompiledTemplate>()

/** The compiled form of a template (built once per template, on first use). */
export function compiledTemplateOf(template: Template): CompiledTemplate {
  let compiled = compiledTemplates.get(template)
  if (compiled === undefined) compiledTemplates.set(template, (compiled = compileTemplate(template)))
  return compiled
}

function compileTemplate(template: Template): CompiledTemplate {
  const { literals, textOrder, slots } = template
  const slotCount = textOrder.length
  const prefix = literals[0] as string
  const suffix = literals[slotCount] as string
  const prefixUnit = prefix.charCodeAt(0)
  const suffixUnit = suffix.charCodeAt(0)
  const minLength = literals.reduce((sum, literal) => sum + literal.length, 0) + slotCount
  const codecs = slotCodecsOf(template)
  const plan = slotPlanOf(slots, codecs)
  // where each value starts and ends (2i and 2i + 1, by placeholder number), kept from split for writeBody
  const spans = new Int32Array(2 * slotCount)
  // the least the values from slot i on take whatever their lengths (their codecs' bounds for no units)
  const leastFrom = new Int32Array(slotCount + 1)
  for (let i = slotCount - 1; i >= 0; i--)
    leastFrom[i] = (leastFrom[i + 1] as number) + (codecs[i] as SlotCodec).minSizeBytes(0, i === slotCount - 1)
  const writeSpans = (message: string, at: Int32Array, out: Uint8Array, from: number, stopAt = Infinity): number => {
    if (from + (leastFrom[0] as number) > stopAt) return LOSES
    const end = writeSlots(plan, message, at, out, from, leastFrom, stopAt)
    return end >= 0 ? end : end === NOT_TAKEN ? UNDECIDED : LOSES
  }
  return {
    slotCount,
    spans,
    bounded: { template, prefix, suffix, codecs, ...boundPartsOf(template, codecs) },
    split(message) {
      const length = message.length
      if (length < minLength) return REFUSED
      // an empty literal is not looked at, one of one unit compared as a unit: discovered templates mostly begin
      // (and half of them end) with a slot, and startsWith / endsWith cost a builtin call even then
      if (prefix.length === 1 ? message.charCodeAt(0) !== prefixUnit : prefix.length > 1 && !message.startsWith(prefix))
        return REFUSED
      if (
        suffix.length === 1
          ? message.charCodeAt(length - 1) !== suffixUnit
          : suffix.length > 1 && !message.endsWith(suffix)
      )
        return REFUSED
      if (slotCount === 0) return length === prefix.length ? 0 : REFUSED
      // every literal search costs the matcher at most this many steps: below its limit, the limit cannot refuse
      if (slotCount * (1 + (length >> 10)) >= MAX_TEMPLATE_STEPS) return UNDECIDED
      const end = length - suffix.length
      let position = prefix.length
      spans[2 * (textOrder[0] as number)] = position
      for (let k = 1; k < slotCount; k++) {
        const literal = literals[k] as string
        const at = message.indexOf(literal, position + 1)
        if (at === -1 || at + literal.length >= end) return REFUSED
        spans[2 * (textOrder[k - 1] as number) + 1] = at
        position = at + literal.length
        spans[2 * (textOrder[k] as number)] = position
      }
      if (position >= end) return REFUSED
      spans[2 * (textOrder[slotCount - 1] as number) + 1] = end
      return 0
    },
    // writeSpans without a frame to beat (no bound to check after each value) over the split's own spans
    writeBody(message, out, at) {
      const end = writeSlots(plan, message, spans, out, at, leastFrom, Number.POSITIVE_INFINITY)
      return end >= 0 ? end : UNDECIDED
    },
    writeSpans,
  }
}
