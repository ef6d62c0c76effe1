/**
 * Unsigned numbers of any size as LEB128 varints ("heads"): a JS number while it is a safe integer,
 * a bigint beyond. Slot encodings put their first number in a head so an `auto` slot can fold its
 * kind tag into the same varint.
 */
import { type ByteReader, type ByteWriter, FrameError, varintSizeBytes } from '../core/index.ts'
import type { ByteSink } from './byte-sink.ts'

/** A non-negative integer: number when safe, bigint otherwise. */
export type Head = number | bigint

/** Longest head a decoder reads, in bytes (7 bits each: 280 bits, about 84 decimal digits). */
const MAX_HEAD_BYTES = 40

const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER)

/** Returns a number when the value is a safe integer, else the bigint. */
export function normalizeHead(value: bigint): Head {
  return value <= MAX_SAFE_BIGINT ? Number(value) : value
}

/** Parses a string of decimal digits into a head. */
function headFromDigits(digits: string): Head {
  return digits.length <= 15 ? Number(digits) : normalizeHead(BigInt(digits))
}

/** headFromDigits of text[start, end) (ASCII digits, checked by the caller), without slicing short ones. */
export function headFromDigitRange(text: string, start: number, end: number): Head {
  if (end - start > 15) return headFromDigits(text.slice(start, end))
  let value = 0
  for (let i = start; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 48)
  return value
}

/** Writes a head as a varint. */
export function writeHead(writer: ByteWriter, head: Head): void {
  if (typeof head === 'number') writer.varint(head)
  else writer.bigVarint(head)
}

/** VARINT_LIMITS[n] = 2^(7n): the smallest value that takes more than n varint bytes (bigints compare without allocating). */
const VARINT_LIMITS: readonly bigint[] = Array.from({ length: MAX_HEAD_BYTES + 1 }, (_, n) => 1n << BigInt(7 * n))

/** Bytes a head takes as a varint. */
export function headSizeBytes(head: Head): number {
  if (typeof head === 'number') return varintSizeBytes(head)
  let size = 1
  while (size < MAX_HEAD_BYTES && head >= (VARINT_LIMITS[size] as bigint)) size++
  if (size < MAX_HEAD_BYTES) return size
  for (let v = head >> BigInt(7 * size); v > 0n; v >>= 7n) size++
  return size
}

/**
 * value mod `scale` (a power of two) of a non-negative safe integer: by a division and a floor, exact
 * here, where `%` on a number past int32 is a call to fmod.
 */
export function lowBits(value: number, scale: number): number {
  return value - Math.floor(value / scale) * scale
}

/** Reads a varint head; numbers up to 49 bits without bigint, longer ones as bigint. */
export function readHead(reader: ByteReader): Head {
  return fullHead(readHeadOrBig(reader))
}

/** The head readHead gives, from one readHeadOrBig gave (a bigint for BIG_HEAD): for messages and the text decoders. */
export function fullHead(head: number): Head {
  return head === BIG_HEAD ? bigHeadValue() : head
}

/** What readHeadOrBig returns for a head that is no safe integer: its 7-bit groups are left in bigGroups. */
export const BIG_HEAD = -1

/** The 7-bit groups (least significant first) of the last head readHeadOrBig returned as BIG_HEAD. */
const bigGroups = new Uint8Array(MAX_HEAD_BYTES + 1)
let bigGroupCount = 0
const readGroups = new Uint8Array(MAX_HEAD_BYTES)

/**
 * readHead without bigint: a safe integer as a number (as readHead), any larger head as BIG_HEAD,
 * its groups kept for bigHeadBits / bigHeadDigits / bigHeadValue until the next big head is read.
 * Same bytes read, same errors.
 */
export function readHeadOrBig(reader: ByteReader): number {
  let value = 0
  let scale = 1
  for (let i = 0; i < 7; i++) {
    const b = reader.byte()
    value += (b & 0x7f) * scale
    if ((b & 0x80) === 0) return value
    scale *= 0x80
  }
  // the groups go to bigGroups only for a big head: a safe one read here (a varint of 8 bytes or more
  // for a small number) leaves the last big head's groups as they were
  for (let i = 0; i < 7; i++, value = Math.floor(value / 0x80)) readGroups[i] = lowBits(value, 0x80)
  for (let i = 7; i < MAX_HEAD_BYTES; i++) {
    const b = reader.byte()
    readGroups[i] = b & 0x7f
    if ((b & 0x80) !== 0) continue
    // below 2^53 (group 7 under 16, nothing above it) the head is a safe integer, as normalizeHead makes it
    let high = 0
    for (let k = 8; k <= i; k++) high |= readGroups[k] as number
    if (high === 0 && (readGroups[7] as number) < 16) {
      let safe = 0
      for (let k = 7; k >= 0; k--) safe = safe * 0x80 + (readGroups[k] as number)
      return safe
    }
    bigGroups.set(readGroups.subarray(0, i + 1))
    bigGroupCount = i + 1
    return BIG_HEAD
  }
  throw new FrameError('E_FRAME_CORRUPT', `number at offset ${reader.offset} is longer than ${MAX_HEAD_BYTES} bytes`)
}

/** The last big head as the bigint readHead gives. */
export function bigHeadValue(): bigint {
  let value = 0n
  for (let k = bigGroupCount - 1; k >= 0; k--) value = (value << 7n) | BigInt(bigGroups[k] as number)
  return value
}

/** Bits [shift, shift + count) of the last big head (shift + count at most 7). */
export function bigHeadBits(shift: number, count: number): number {
  return ((bigGroups[0] as number) >> shift) & ((1 << count) - 1)
}

/** The last big head shifted right, as 28-bit limbs divided down in place (least significant first). */
const bigLimbs = new Float64Array(Math.ceil(MAX_HEAD_BYTES / 4) + 1)
/** Its decimal digits in chunks of 7, least significant first (at most 13: 280 bits). */
const bigChunks = new Float64Array(16)
const LIMB = 2 ** 28
const CHUNK = 1e7

/**
 * Writes the decimal digits of the last big head shifted right by `shift` bits (under 7), by long
 * division of 28-bit limbs by 10^7 (each step below 2^53): a 19-digit block id without a bigint.
 */
export function bigHeadDigits(shift: number, sink: ByteSink): void {
  const n = bigGroupCount
  // four 7-bit groups per limb, each group shifted down and topped up with the low bits of the next
  let limbs = 0
  for (let i = 0; i < n; i += 4) {
    let limb = 0
    for (let j = Math.min(i + 3, n - 1); j >= i; j--) {
      const above = j + 1 < n ? (bigGroups[j + 1] as number) : 0
      limb = limb * 0x80 + ((((bigGroups[j] as number) >> shift) | (above << (7 - shift))) & 0x7f)
    }
    bigLimbs[limbs++] = limb
  }
  let top = limbs - 1
  while (top > 0 && bigLimbs[top] === 0) top--
  let chunks = 0
  for (;;) {
    let rem = 0
    for (let i = top; i >= 0; i--) {
      const current = rem * LIMB + (bigLimbs[i] as number)
      const quotient = Math.floor(current / CHUNK)
      bigLimbs[i] = quotient
      rem = current - quotient * CHUNK
    }
    bigChunks[chunks++] = rem
    while (top > 0 && bigLimbs[top] === 0) top--
    if (top === 0 && bigLimbs[0] === 0) break
  }
  sink.digits(bigChunks[chunks - 1] as number, 1)
  for (let c = chunks - 2; c >= 0; c--) sink.digits(bigChunks[c] as number, 7)
}

/** `head * 2^bits + low`: folds a small tag or flag into the low bits of a head. */
export function packHead(head: Head, bits: number, low: number): Head {
  const scale = 2 ** bits
  if (typeof head === 'number' && head <= (Number.MAX_SAFE_INTEGER - low) / scale) return head * scale + low
  // shifts instead of multiplication: the same value for non-negative heads, and cheaper on bigints
  return (BigInt(head) << BigInt(bits)) | BigInt(low)
}

/** Splits a head into its low `bits` bits and the rest; the inverse of packHead. */
export function unpackHead(value: Head, bits: number): { low: number; high: Head } {
  const scale = 2 ** bits
  if (typeof value === 'number') return { low: value % scale, high: Math.floor(value / scale) }
  return { low: Number(BigInt.asUintN(bits, value)), high: normalizeHead(value >> BigInt(bits)) }
}

/** A head that must be a small number (an index, a length, a count); E_FRAME_CORRUPT above `max`. */
export function smallHead(head: Head, max: number, what: string): number {
  if (typeof head !== 'number' || head > max)
    throw new FrameError('E_FRAME_CORRUPT', `${what} ${head} is above its limit ${max}`)
  return head
}

/** Longest digit string a digit group holds. */
export const MAX_DIGIT_GROUP = 32

/** A digit string with its leading zeros (fraction digits) as one head: value * 32 + (count - 1). */
export function digitGroupHead(digits: string): Head {
  return packHead(headFromDigits(digits), 5, digits.length - 1)
}

/** Digit string of a digit-group head; E_FRAME_CORRUPT when the value has more digits than its count. */
export function digitGroupText(head: Head): string {
  const { low, high } = unpackHead(head, 5)
  const count = low + 1
  const text = high.toString()
  if (text.length > count)
    throw new FrameError('E_FRAME_CORRUPT', `digit group ${text} is longer than its count ${count}`)
  return text.padStart(count, '0')
}

/** Zigzag mapping of a safe signed integer to an unsigned one (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...). */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1
}

/** Inverse of zigzag. */
export function unzigzag(value: number): number {
  // lowBits, not `%`: past int32 `%` is a call to fmod
  return lowBits(value, 2) === 0 ? value / 2 : -(value + 1) / 2
}
