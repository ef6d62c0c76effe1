/**
 * Step 3 of the byte screen (byte-screen.ts): the text each template holds around a required
 * literal, as keys a message is checked against at each occurrence of that literal. A message a
 * template matches holds each literal of the template whole, so where a template's literal holds
 * the required one, the message holds the bytes around it as well.
 */
import { textToBytes } from './text-bytes.ts'
import type { Template } from './store-types.ts'

/**
 * Most keys sharing one probe: beyond it the literal keeps no keys (step 2 alone), so that an
 * occurrence costs a bounded number of compares. Near-duplicate stores of thousands (one word
 * changed) share their probes by the hundred; the discovered Loghub stores have at most 6.
 */
const MAX_KEYS_PER_PROBE = 8

/**
 * Most bytes of a key (step 3) after its required literal, and before it. Chosen leave-systems-out
 * (docs/history/speed-rounds.md, eighth round).
 */
export const KEY_BYTES_AFTER = 16
export const KEY_BYTES_BEFORE = 8

/** The text around one occurrence of a required literal inside one literal of a template. */
export interface LiteralKey {
  /** up to the cap, the literal's bytes just before the required literal (nearest last) */
  readonly before: Uint8Array
  /** up to the cap, the literal's bytes just after it */
  readonly after: Uint8Array
}

/**
 * For each template, the text around a required literal that every message it matches holds: the
 * first of the literal's occurrences inside the template's literals (in text order) with bytes after
 * it inside the same literal, each side capped. The first, not the one with the most text: a matching
 * message's first occurrences then find it at once (HealthApp's own lines: ~50 ns a line against
 * ~200 ns for the longest, whose key sat at the line's third `|`), and the Loghub folds refuse the
 * same lines either way. A message the template matches
 * holds that literal of the template whole, so it holds `before`, the required literal and `after`
 * side by side. `after` is empty when the required literal is followed by a placeholder wherever the
 * template holds it.
 */
export function literalKeysOf(
  templates: readonly Template[],
  literal: Uint8Array,
  afterBytes: number,
  beforeBytes: number,
): LiteralKey[] {
  const needle = Buffer.from(literal)
  return templates.map((template) => literalKeyOf(template, needle, afterBytes, beforeBytes))
}

function literalKeyOf(template: Template, needle: Buffer, afterBytes: number, beforeBytes: number): LiteralKey {
  let best: { bytes: Buffer; at: number; after: number; before: number } | undefined
  for (const text of template.literals) {
    const bytes = Buffer.from(textToBytes(text))
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
      const after = Math.min(afterBytes, bytes.length - at - needle.length)
      const before = Math.min(beforeBytes, at)
      if (best === undefined || (best.after === 0 && after > 0)) best = { bytes, at, after, before }
      // nothing later replaces a key with text after it (each occurrence looked at again cost a compare of the
      // whole literal: thousands of them for a literal of JSON nested thousands deep)
      if (best.after > 0) break
    }
    if (best !== undefined && best.after > 0) break
  }
  if (best === undefined) return { before: new Uint8Array(0), after: new Uint8Array(0) }
  const { bytes, at, after, before } = best
  return {
    before: Uint8Array.from(bytes.subarray(at - before, at)),
    after: Uint8Array.from(bytes.subarray(at + needle.length, at + needle.length + after)),
  }
}

/** Most bytes after a required literal that a key lookup packs into one number (32 bits). */
const PROBE_BYTES = 4

/**
 * The keys of a required literal, by their first `probeBytes` bytes after it (packed big-endian into
 * one int32, the *probe*; `probeBytes` is the shortest `after` of the keys, at most PROBE_BYTES): a
 * message holds some template's key when, at some occurrence of the literal, the bytes after it start
 * with the key's `after` and those before it end with its `before`. One lookup in an open-addressing
 * table per occurrence, however many templates the store has (a Map keyed by numbers of 32 bits boxes
 * them: measured several times slower).
 */
export interface KeysByProbe {
  readonly probeBytes: number
  /** log2 of the table's size */
  readonly bits: number
  /** the probe in each slot of the table */
  readonly probes: Int32Array
  /** the keys in each slot (undefined: an empty slot) */
  readonly slots: readonly (readonly LiteralKey[] | undefined)[]
}

/**
 * Undefined when some template's `after` is empty (then no key rules a message out), or when more
 * than MAX_KEYS_PER_PROBE keys share a probe.
 */
export function keysByProbe(
  templates: readonly Template[],
  literal: Uint8Array,
  afterBytes = KEY_BYTES_AFTER,
  beforeBytes = KEY_BYTES_BEFORE,
): KeysByProbe | undefined {
  // template by template, stopping at the first that rules the keys out (a store of thousands pays little then)
  const needle = Buffer.from(literal)
  const keys: LiteralKey[] = []
  // keys per probe of PROBE_BYTES, counted as they come: a shorter probe only merges these
  const perProbe = new Map<number, Set<string>>()
  for (const template of templates) {
    const key = literalKeyOf(template, needle, afterBytes, beforeBytes)
    if (key.after.length === 0) return undefined
    keys.push(key)
    if (key.after.length < PROBE_BYTES) continue
    const probe = packed(key.after, 0, PROBE_BYTES)
    const same = perProbe.get(probe) ?? new Set<string>()
    same.add(`${key.before.join()}/${key.after.join()}`)
    perProbe.set(probe, same)
    if (same.size > MAX_KEYS_PER_PROBE) return undefined
  }
  if (keys.length === 0) return undefined
  const probeBytes = Math.min(PROBE_BYTES, ...keys.map((k) => k.after.length))
  const byProbe = new Map<number, LiteralKey[]>()
  const seen = new Set<string>()
  for (const key of keys) {
    const id = `${key.before.join()}/${key.after.join()}`
    if (seen.has(id)) continue
    seen.add(id)
    const probe = packed(key.after, 0, probeBytes)
    const same = [...(byProbe.get(probe) ?? []), key]
    if (same.length > MAX_KEYS_PER_PROBE) return undefined
    byProbe.set(probe, same)
  }
  // at most half full, so a miss ends at an empty slot within a probe or two
  const bits = Math.max(3, Math.ceil(Math.log2(2 * byProbe.size)))
  const probes = new Int32Array(1 << bits)
  const slots: (LiteralKey[] | undefined)[] = new Array(1 << bits).fill(undefined)
  for (const [probe, same] of byProbe) {
    let at = slotOf(probe, bits)
    while (slots[at] !== undefined) at = (at + 1) & ((1 << bits) - 1)
    probes[at] = probe
    slots[at] = same
  }
  return { probeBytes, bits, probes, slots }
}

/** Bytes [at, at + length) as one int32, big-endian (length <= 4). */
function packed(bytes: Uint8Array, at: number, length: number): number {
  let value = 0
  for (let i = 0; i < length; i++) value = (value << 8) | (bytes[at + i] as number)
  return value
}

/** The table slot a probe starts at (Fibonacci hashing: the top `bits` bits of probe x 2^32/phi). */
function slotOf(probe: number, bits: number): number {
  return Math.imul(probe, 0x9e3779b1) >>> (32 - bits)
}

/** The keys whose probe is `probe`, or undefined. */
function keysAt(keys: KeysByProbe, probe: number): readonly LiteralKey[] | undefined {
  const { bits, probes, slots } = keys
  const mask = (1 << bits) - 1
  for (let at = slotOf(probe, bits); ; at = (at + 1) & mask) {
    const same = slots[at]
    if (same === undefined || probes[at] === probe) return same
  }
}

/** True when one of the keys sits around the required literal at message bytes [start, end). */
export function keyAround(message: Uint8Array, start: number, end: number, keys: KeysByProbe): boolean {
  const { probeBytes } = keys
  if (end + probeBytes > message.length) return false
  const candidates = keysAt(keys, packed(message, end, probeBytes))
  if (candidates === undefined) return false
  for (let k = 0; k < candidates.length; k++) {
    const { before, after } = candidates[k] as LiteralKey
    if (end + after.length > message.length || start < before.length) continue
    let i = probeBytes
    while (i < after.length && message[end + i] === after[i]) i++
    if (i < after.length) continue
    let j = 0
    while (j < before.length && message[start - before.length + j] === before[j]) j++
    if (j === before.length) return true
  }
  return false
}
