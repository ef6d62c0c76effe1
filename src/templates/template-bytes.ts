/**
 * The compiled template's writers read from the message's UTF-8 bytes instead of its text, for the frame
 * encoder's messages of one candidate (template-encoder.ts's encodeBytes): a message whose values these
 * writers all take is written without being decoded to a string at all (the decode was about a tenth of
 * such a message's encode). Each writer writes exactly the bytes its text writer (template-compiled.ts)
 * writes for the same value, or answers negative, and the caller then asks the text writer (with the
 * text decoded once, when it is ASCII, so that its offsets are the bytes') or leaves the message to the
 * text path. They read nothing but ASCII digits, signs, ASCII strings and listed values' exact UTF-8, so a
 * value a writer takes is well-formed UTF-8 (the text path would have decoded it): anything else is
 * answered negative.
 */
import { putHead } from './slot-encoding.ts'
import { MAX_INTEGER_DIGITS } from './slot-numbers.ts'
import type { SlotSpec } from './store-types.ts'
import { textToBytes, wellFormedUtf8SizeBytes } from './text-bytes.ts'

/** Writes bytes[start, end) as its slot's value at `at`; the offset after it, or -1 when its text writer must decide. */
export type ByteSlotWriter = (bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number) => number

const [PLUS, MINUS, ZERO, NINE] = [43, 45, 48, 57]
/** Most significant digits a head written here takes (a safe integer); the text writer takes longer ones. */
const MAX_DIGITS = 15

/** The UTF-8 of a literal or value, or undefined when it is not well-formed (it has no UTF-8 of its own). */
export function wellFormedBytes(text: string): Uint8Array | undefined {
  return wellFormedUtf8SizeBytes(text) === -1 ? undefined : textToBytes(text)
}

/** True when bytes[at, at + literal.length) is `literal`. */
export function bytesAt(bytes: Uint8Array, at: number, literal: Uint8Array): boolean {
  for (let i = 0; i < literal.length; i++) if (bytes[at + i] !== literal[i]) return false
  return true
}

/** Horspool's shift table of a literal (not empty): by byte, how far the literal may move when that byte is under its last one. */
export function shiftsOf(literal: Uint8Array): Uint8Array {
  const n = literal.length
  const shifts = new Uint8Array(256).fill(Math.min(n, 255))
  for (let i = 0; i < n - 1; i++) shifts[literal[i] as number] = Math.min(n - 1 - i, 255)
  return shifts
}

/**
 * The first place at or after `from` where `literal` (not empty; `shifts` its shiftsOf) starts, at or
 * before `limit` (its last start); -1 when none. Horspool's search: the byte under the literal's last
 * one says how far it can move, so a long literal skips most of the line.
 */
export function indexOfBytes(
  bytes: Uint8Array,
  literal: Uint8Array,
  shifts: Uint8Array,
  from: number,
  limit: number,
): number {
  const lastAt = literal.length - 1
  const last = literal[lastAt] as number
  for (let i = from; i <= limit; ) {
    const code = bytes[i + lastAt] as number
    if (code === last) {
      let k = 0
      while (k < lastAt && bytes[i + k] === literal[k]) k++
      if (k === lastAt) return i
    }
    i += shifts[code] as number
  }
  return -1
}

/** How a string is written (template-compiled.ts's StringHead): 0 none, 1 size, 2 auto (size * 2), 3 auto last (a 0 head). */
type Head = 0 | 1 | 2 | 3

/** An ASCII string value with its head as writeString writes it; -1 when it is not ASCII or its head takes more than a byte. */
function writeAscii(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number, mode: Head): number {
  const units = end - start
  const head = mode === 1 ? units : mode === 2 ? 2 * units : 0
  if (head >= 0x80) return -1
  let to = mode === 0 ? at : at + 1
  for (let i = start; i < end; i++) {
    const code = bytes[i] as number
    if (code >= 0x80) return -1
    out[to++] = code
  }
  if (mode !== 0) out[at] = head
  return to
}

/**
 * An integer of at most MAX_DIGITS significant digits as writeInteger writes it (tagged: an auto slot's);
 * -1 when the value is no integer or a longer one.
 */
function writeInteger(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
  tagged: boolean,
): number {
  const first = bytes[start] as number
  const signKind = first === MINUS ? 1 : first === PLUS ? 2 : 0
  const digitsStart = signKind === 0 ? start : start + 1
  // 1 to MAX_INTEGER_DIGITS digits, as isIntegerText
  if (digitsStart >= end || end - digitsStart > MAX_INTEGER_DIGITS) return -1
  let value = 0
  let zeros = 0
  let leading = true
  for (let i = digitsStart; i < end; i++) {
    const code = bytes[i] as number
    if (code < ZERO || code > NINE) return -1
    // leading zeros, but never the last digit
    if (leading && code === ZERO && i < end - 1) zeros++
    else leading = false
  }
  const from = digitsStart + zeros
  const special = signKind !== 0 || zeros > 0 ? 1 : 0
  let to: number
  if (end - from <= MAX_DIGITS) {
    for (let i = from; i < end; i++) value = value * 10 + ((bytes[i] as number) - ZERO)
    const head = value * 2 + special
    to = putHead(out, at, tagged ? head * 4 + 1 : head)
  } else if (end - from <= MAX_SPLIT_DIGITS) to = putSplitHead(bytes, from, end, special, tagged, out, at)
  else return -1
  if (special === 1) to = putHead(out, to, zeros * 3 + signKind)
  return to
}

/** The value of the ASCII digits bytes[start, end) (at most 15). */
function digitsValue(bytes: Uint8Array, start: number, end: number): number {
  let value = 0
  for (let i = start; i < end; i++) value = value * 10 + ((bytes[i] as number) - ZERO)
  return value
}

/** Most significant digits putSplitHead takes (template-compiled.ts's). */
const MAX_SPLIT_DIGITS = 24
const BILLION = 1e9

/** template-compiled.ts's putSplitHead on bytes: the head of 16 to 24 significant digits as high * 1e9 + low, no bigint. */
function putSplitHead(
  bytes: Uint8Array,
  from: number,
  end: number,
  special: number,
  tagged: boolean,
  out: Uint8Array,
  at: number,
): number {
  let high = digitsValue(bytes, from, end - 9)
  let low = digitsValue(bytes, end - 9, end) * 2 + special
  let carry = Math.floor(low / BILLION)
  high = high * 2 + carry
  low -= carry * BILLION
  if (tagged) {
    low = low * 4 + 1
    carry = Math.floor(low / BILLION)
    high = high * 4 + carry
    low -= carry * BILLION
  }
  let to = at
  while (high > 0 || low >= 0x80) {
    const highRest = Math.floor(high / 0x80)
    const rest = (high - highRest * 0x80) * BILLION + low
    low = Math.floor(rest / 0x80)
    out[to++] = (rest - low * 0x80) | 0x80
    high = highRest
  }
  out[to++] = low
  return to
}

/** True when an auto slot takes bytes[start, end) (ASCII) only as a string: autoCandidates' rule on its first unit. */
function autoOnlyString(bytes: Uint8Array, start: number, end: number): boolean {
  const code = bytes[start] as number
  if (code >= 48 && code <= 57) return false
  if (code === 43 || code === 45) {
    const next = start + 1 < end ? (bytes[start + 1] as number) : -1
    return !(next >= 48 && next <= 57)
  }
  const lower = code | 0x20
  if (lower >= 97 && lower <= 102) {
    for (let i = start; i < end; i++) {
      const c = bytes[i] as number
      const l = c | 0x20
      if (!((c >= 48 && c <= 58) || c === 45 || (l >= 97 && l <= 102))) return true
    }
    return false
  }
  return code !== 58
}

/** An auto slot's value: an integer, or an ASCII value only the string kind takes; -1 otherwise. */
function writeAuto(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number, mode: Head): number {
  const integer = writeInteger(bytes, start, end, out, at, true)
  if (integer >= 0) return integer
  return autoOnlyString(bytes, start, end) ? writeAscii(bytes, start, end, out, at, mode) : -1
}

/**
 * The index of bytes[start, end) among `values` (their UTF-8; undefined for one not well-formed, which no
 * message's bytes hold); a value listed twice answers with its last index, as createRangeIndex.
 */
function byteIndexOf(
  values: readonly (Uint8Array | undefined)[],
): (bytes: Uint8Array, start: number, end: number) => number {
  const n = values.length
  let maxLength = 0
  for (const value of values) if (value !== undefined) maxLength = Math.max(maxLength, value.length)
  if (n <= FEW_VALUES) {
    return (bytes, start, end) => {
      const length = end - start
      for (let k = n - 1; k >= 0; k--) {
        const value = values[k]
        if (value !== undefined && value.length === length && bytesAt(bytes, start, value)) return k
      }
      return -1
    }
  }
  // open addressing on a hash of the bytes; a later value of the same bytes takes its earlier one's place
  let size = 8
  while (size < n * 2) size *= 2
  const mask = size - 1
  const slots = new Int32Array(size).fill(-1)
  values.forEach((value, index) => {
    if (value === undefined) return
    let at = hashBytes(value, 0, value.length) & mask
    while (slots[at] !== -1 && !sameBytes(values[slots[at] as number] as Uint8Array, value)) at = (at + 1) & mask
    slots[at] = index
  })
  return (bytes, start, end) => {
    const length = end - start
    if (length > maxLength) return -1
    for (let at = hashBytes(bytes, start, end) & mask; ; at = (at + 1) & mask) {
      const index = slots[at] as number
      if (index === -1) return -1
      const value = values[index] as Uint8Array
      if (value.length === length && bytesAt(bytes, start, value)) return index
    }
  }
}

/** Up to this many values, a look-up compares the range with each. */
const FEW_VALUES = 4

/** FNV-1a of bytes[start, end). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193)
  return hash >>> 0
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && bytesAt(a, 0, b)
}

/**
 * The byte writer of one slot spec, or null when its text writer always decides (`last`: the slot
 * written last). An open enum's unlisted value is left to the text writer (its escape, and its edits).
 */
export function byteWriterOf(spec: SlotSpec, last: boolean): ByteSlotWriter | null {
  switch (spec.type) {
    case 'string': {
      const mode: Head = last ? 0 : 1
      return (bytes, start, end, out, at) => writeAscii(bytes, start, end, out, at, mode)
    }
    case 'auto': {
      const mode: Head = last ? 3 : 2
      return (bytes, start, end, out, at) => writeAuto(bytes, start, end, out, at, mode)
    }
    case 'integer': {
      const { width } = spec
      if (width === undefined) return (bytes, start, end, out, at) => writeInteger(bytes, start, end, out, at, false)
      if (width > MAX_DIGITS) return null
      return (bytes, start, end, out, at) => {
        if (end - start !== width) return -1
        let value = 0
        for (let i = start; i < end; i++) {
          const digit = (bytes[i] as number) - ZERO
          if (digit < 0 || digit > 9) return -1
          value = value * 10 + digit
        }
        return putHead(out, at, value)
      }
    }
    case 'enum': {
      const indexOf = byteIndexOf(spec.values.map(wellFormedBytes))
      if (spec.other !== undefined)
        return (bytes, start, end, out, at) => {
          const index = indexOf(bytes, start, end)
          return index === -1 ? -1 : putHead(out, at, index + 1)
        }
      const single = spec.values.length === 1
      return (bytes, start, end, out, at) => {
        const index = indexOf(bytes, start, end)
        return index === -1 ? -1 : single ? at : putHead(out, at, index)
      }
    }
    default:
      return null
  }
}
