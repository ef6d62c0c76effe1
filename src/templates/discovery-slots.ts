/**
 * Slot types for discovered templates: from the values a slot took in training, the spec whose
 * expected size on messages not seen yet is smallest.
 *
 * Steps:
 * 1. With fewer than MIN_TYPED_DISTINCT distinct values nothing says what else the slot may hold:
 *    the typed choice is `auto`. Otherwise every typed spec that takes all training values exactly
 *    (integer, fixed-width integer when the values are zero-padded to one width, decimal, timestamp,
 *    uuid, ipv4, ipv6, hex, string, auto) is priced at its mean encoded size; the cheapest is the typed choice.
 * 2. An enum of the training values with that typed spec as `other` costs one byte for a listed
 *    value and one more than the typed encoding for a new one (an enum's escape takes any text: `auto`). The share of new values is estimated
 *    the Good-Turing way: values seen once / values seen. The enum wins when its expected size,
 *    1 + newShare x typed size, is below the typed size.
 * 3. The enum's value list is stored once, in the store, and is charged to the training messages whose
 *    slot it types: at most ENUM_LIST_BYTES_PER_MESSAGE bytes per message, issue 12's store budget
 *    (1 MB per 100k messages). Otherwise `auto`: long values a corpus happens to repeat (a cached
 *    record's base64 image, a token) are no longer listed in full, and since they repeat like an
 *    enum's, a new value may have any shape, as the enum's escape would take. (Charging the list against
 *    the bytes it saves the training messages instead keeps such values, which repeat, and retypes
 *    short header lists such as dates, which a typed slot codes in 2-3 bytes.)
 * 4. Values that are all month names, or all weekday names, of one form and letter case
 *    (discovery-classes.ts) get an enum of the whole class, the names seen first: a later month or
 *    weekday costs one byte instead of an escape and its text (`Jul` after a training half in `Jun`).
 * Ties keep the earlier candidate in the order above, so the choice depends only on the values.
 */
import { closedClassOf } from './discovery-classes.ts'
import { createSlotCodec } from './slot-codecs.ts'
import { SlotEncoding } from './slot-encoding.ts'
import type { SlotSpec, SlotType } from './store-types.ts'
import { utf8SizeBytes } from './text-bytes.ts'

/** Most values an enum slot lists (their index + 1 then fits one byte). */
export const MAX_ENUM_VALUES = 127

/**
 * Most bytes of enum value list per training message of the slot: issue 12's store goal, at most
 * 1 MB of store per 100k messages, is 10 bytes per message, and a slot's list may spend no more.
 */
export const ENUM_LIST_BYTES_PER_MESSAGE = 10

/**
 * An enum list of at most this many bytes is always allowed, whatever its slot's message count: the
 * budget is meant for lists of long values, not for a few dozen short words (states, hosts, dates)
 * of a small event, where it cost Proxifier 0.6 points of hit rate and fold B 0.01x.
 */
export const ENUM_LIST_FLOOR_BYTES = 1024

/** Fewest distinct training values from which a slot gets a specific type; below it, `auto`. */
export const MIN_TYPED_DISTINCT = 4

/** The types bestTyped weighs, in order (the first of equal sizes wins); a zero-padded integer spec goes before them when the values are. */
export const TYPED_CANDIDATES: readonly Exclude<SlotType, 'enum'>[] = [
  'integer',
  'decimal',
  'timestamp',
  'uuid',
  'ipv4',
  'ipv6',
  'hex',
  'string',
  'auto',
]
const DIGITS = /^\d+$/

/** Where meanSizeBytes encodes each value (its size is all it reads). */
const scratch = new SlotEncoding()

/** Mean encoded size in bytes of the values under a spec, or undefined when the spec refuses one. */
export function meanSizeBytes(spec: SlotSpec, values: readonly string[], last: boolean): number | undefined {
  return values.length === 0 ? 0 : meanSizeOfCounts(spec, valueCounts(values).counts, values.length, last)
}

/**
 * meanSizeBytes from how many times each distinct value was seen: each distinct value is encoded once.
 * `beaten`: a mean already found; once the values encoded so far reach it (sizes are never negative, so the
 * sum only grows) the spec cannot be smaller and undefined is returned without encoding the rest, as for a
 * spec that refuses a value (round s42-jtime: bestTyped tries up to 14 specs on every value column).
 */
function meanSizeOfCounts(
  spec: SlotSpec,
  counts: ReadonlyMap<string, number>,
  total: number,
  last: boolean,
  beaten = Number.POSITIVE_INFINITY,
): number | undefined {
  const codec = createSlotCodec(spec)
  let sum = 0
  for (const [value, count] of counts) {
    if (!codec.encode(value, last, scratch.reset())) return undefined
    sum += scratch.sizeBytes() * count
    if (sum / total >= beaten) return undefined
  }
  return sum / total
}

/** True when the spec takes every one of the values. */
export function acceptsAll(spec: SlotSpec, values: Iterable<string>, last: boolean): boolean {
  const codec = createSlotCodec(spec)
  for (const value of values) if (!codec.encode(value, last, scratch.reset())) return false
  return true
}

/** The fixed-width integer spec when the values are digits zero-padded to one width (a leading zero shows it; same-length numbers without one are just numbers). */
function paddedSpec(values: readonly string[]): SlotSpec | undefined {
  const first = values[0] ?? ''
  const padded =
    DIGITS.test(first) &&
    values.some((v) => v.length > 1 && v.startsWith('0')) &&
    values.every((v) => v.length === first.length && DIGITS.test(v))
  return padded ? { type: 'integer', width: first.length } : undefined
}

function typedCandidates(counts: ReadonlyMap<string, number>): SlotSpec[] {
  // too few distinct values to tell what the slot holds: take any text
  if (counts.size < MIN_TYPED_DISTINCT) return [{ type: 'auto' }]
  const padded = paddedSpec([...counts.keys()])
  const candidates: SlotSpec[] = padded === undefined ? [] : [padded]
  for (const type of TYPED_CANDIDATES) candidates.push({ type })
  return candidates
}

/** The cheapest typed spec (see the file comment) and its mean size. */
function bestTyped(
  values: readonly string[],
  counts: ReadonlyMap<string, number>,
  last: boolean,
): { spec: Exclude<SlotSpec, { type: 'enum' }>; sizeBytes: number } {
  let best: { spec: Exclude<SlotSpec, { type: 'enum' }>; sizeBytes: number } | undefined
  for (const spec of typedCandidates(counts)) {
    // a spec is taken only when strictly smaller than the best so far: one that reaches it is not encoded further
    const sizeBytes = meanSizeOfCounts(spec, counts, values.length, last, best?.sizeBytes)
    if (sizeBytes !== undefined && (best === undefined || sizeBytes < best.sizeBytes))
      best = { spec: spec as Exclude<SlotSpec, { type: 'enum' }>, sizeBytes }
  }
  // `auto` takes any non-empty text, and discovered values are never empty
  return best ?? { spec: { type: 'auto' }, sizeBytes: Infinity }
}

/** How many times each distinct value was seen (in first-seen order), with how many were seen once. */
function valueCounts(values: readonly string[]): { counts: Map<string, number>; singletons: number } {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  let singletons = 0
  for (const count of counts.values()) if (count === 1) singletons++
  return { counts, singletons }
}

/** Distinct values by descending count, ties first seen (the map's order: Array.prototype.sort is stable). */
function byDescendingCount(counts: ReadonlyMap<string, number>): string[] {
  return [...counts.keys()].sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number))
}

/** The spec for a slot from its training values (see the file comment); `last` is true for the slot encoded last. */
export function inferSlotSpec(values: readonly string[], last: boolean): SlotSpec {
  const { counts, singletons } = valueCounts(values)
  if (values.length === 0) return { type: 'auto' }
  // month or weekday names: the slot can only hold the rest of their class, listed after the names seen (step 4)
  const names = closedClassOf(counts.keys())
  if (names !== undefined) {
    const seen = byDescendingCount(counts)
    return { type: 'enum', values: [...seen, ...names.filter((name) => !counts.has(name))], other: 'auto' }
  }
  // few zero-padded values of one width (a date `081109`): the fixed-width integer, whose every value costs what a listed one nearly does (step 5)
  const padded = counts.size < MIN_TYPED_DISTINCT ? paddedSpec([...counts.keys()]) : undefined
  if (padded !== undefined) return padded
  const typed = bestTyped(values, counts, last)
  if (counts.size > MAX_ENUM_VALUES) return openTyped(typed.spec)
  const newShare = singletons / values.length
  const enumSizeBytes = 1 + newShare * typed.sizeBytes
  if (enumSizeBytes >= typed.sizeBytes) return openTyped(typed.spec)
  // the list is paid for once, in the store: by the bytes it saves, within the store budget (step 3)
  // over budget: the values still repeat like an enum's, so a new one may have any shape, as the enum's escape would take
  const budgetBytes = Math.max(ENUM_LIST_FLOOR_BYTES, values.length * ENUM_LIST_BYTES_PER_MESSAGE)
  if (enumListBytes(counts.keys()) > budgetBytes) return { type: 'auto' }
  // a value never seen in training may have any shape: the escape takes any text; or it may be an
  // edit of a listed value, sent as one when that is smaller than the escape (step 6)
  return { type: 'enum', values: byDescendingCount(counts), other: 'auto', similar: true }
}

/**
 * A typed slot chosen from varied values (step 1's MIN_TYPED_DISTINCT or more) also takes any other
 * token after an escape (`other: "auto"`, slot-codecs.ts `escapedCodec`): that the values varied says
 * the slot holds a value, and a value of another shape (`LOCAL(0)` where training saw addresses, an
 * IPv6 address where it saw IPv4) is the same event. Values of the type cost what they did.
 * A fixed-width integer wider than 15 digits keeps no escape (its escape head would take 8+ bytes).
 */
function openTyped(spec: Exclude<SlotSpec, { type: 'enum' }>): SlotSpec {
  if (spec.type === 'auto' || spec.type === 'string') return spec
  if (spec.type === 'integer' && spec.width !== undefined && spec.width > 15) return spec
  return { ...spec, other: 'auto' } as SlotSpec
}

/** Bytes an enum's values take in the store's JSON: each value's UTF-8 bytes, its two quotes and a comma. */
export function enumListBytes(values: Iterable<string>): number {
  let bytes = 0
  for (const value of values) bytes += utf8SizeBytes(value) + 3
  return bytes
}
