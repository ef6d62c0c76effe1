/**
 * Unsigned numbers of any size as LEB128 varints ("heads"): a JS number while it is a safe integer,
 * a bigint beyond. Slot encodings put their first number in a head so an `auto` slot can fold its
 * kind tag into the same varint.
 */
import { type ByteReader, type ByteWriter, FrameError, varintSizeBytes } from '../core/index.ts'

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
export function headFromDigits(digits: string): Head {
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

/** Reads a varint head; numbers up to 49 bits without bigint, longer ones as bigint. */
export function readHead(reader: ByteReader): Head {
  let value = 0
  let scale = 1
  for (let i = 0; i < 7; i++) {
    const b = reader.byte()
    value += (b & 0x7f) * scale
    if ((b & 0x80) === 0) return value
    scale *= 0x80
  }
  let big = BigInt(value)
  let shift = 49n
  for (let i = 7; i < MAX_HEAD_BYTES; i++) {
    const b = reader.byte()
    big |= BigInt(b & 0x7f) << shift
    if ((b & 0x80) === 0) return normalizeHead(big)
    shift += 7n
  }
  throw new FrameError('E_FRAME_CORRUPT', `number at offset ${reader.offset} is longer than ${MAX_HEAD_BYTES} bytes`)
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
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2
}
