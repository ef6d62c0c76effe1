/**
 * Slot kinds: how one slot value becomes bytes and back. A kind accepts only values it reproduces
 * byte for byte; anything else is refused (`encode` returns false), never normalised.
 * This file holds the text-like kinds (string, enum, uuid, ipv4, hex); numbers and timestamps
 * have their own files.
 */
import { type ByteReader, FrameError } from '../core/index.ts'
import type { SlotEncoding } from './slot-encoding.ts'
import { createRangeIndex } from './slot-range-index.ts'
import type { ByteSink } from './byte-sink.ts'
import { bytesToText, textToBytes, wellFormedUtf8SizeBytes } from './text-bytes.ts'
import { BIG_HEAD, fullHead, smallHead, type Head } from './varint-heads.ts'

/** One way of encoding slot values. `last` is true for the slot encoded last (it may run to the end). */
export interface SlotKind {
  /**
   * Builds the encoding of the value text[start, end) in `out` (reset by the caller), reading it in
   * place (a message's value is never sliced out of it for the kinds values mostly have: string,
   * enum, integer, ipv4); false when this kind cannot reproduce it exactly (`out` is then to be ignored).
   */
  encode(text: string, start: number, end: number, last: boolean, out: SlotEncoding): boolean
  /**
   * True when encode would take the value, checked without building its encoding (the split search
   * asks this of every value a typed slot may take, before the chooser encodes the winner's); kinds
   * without it are asked by encoding into a scratch.
   */
  accepts?(text: string, start: number, end: number): boolean
  /** True when the encoding starts with a head (a typed slot reads one only then). */
  readsHead(last: boolean): boolean
  /** The value back from its head (0 when the kind reads none) and the bytes after it. */
  decode(head: Head, reader: ByteReader, last: boolean): string
  /**
   * decode, written straight into `sink` (no string built; same bytes read, same checks, same
   * errors). `head` is a number, or BIG_HEAD for a head that is no safe integer (readHeadOrBig).
   * Kinds without it are decoded to text, which the codec then writes. Called without `this`.
   */
  decodeInto?(head: number, reader: ByteReader, last: boolean, sink: ByteSink): void
}

/** text[start, end) as a string of its own (the text itself when the range is all of it): for the kinds that parse with a regular expression. */
export function rangeText(text: string, start: number, end: number): string {
  return start === 0 && end === text.length ? text : text.slice(start, end)
}

function corrupt(message: string): never {
  throw new FrameError('E_FRAME_CORRUPT', message)
}

/** Takes `length` bytes, a head that may be huge: E_FRAME_TRUNCATED when the body is shorter. */
function takeBytes(reader: ByteReader, length: Head): Uint8Array {
  if (typeof length !== 'number' || length > reader.remaining) {
    throw new FrameError(
      'E_FRAME_TRUNCATED',
      `slot needs ${length} bytes at offset ${reader.offset}, body has ${reader.remaining}`,
    )
  }
  return reader.take(length)
}

/** UTF-8 text; length-prefixed unless it is the last slot, which runs to the end of the body. */
export const STRING_KIND: SlotKind = {
  encode(text, start, end, last, out) {
    const sizeBytes = end === start ? -1 : wellFormedUtf8SizeBytes(text, start, end)
    if (sizeBytes === -1) return false
    if (!last) out.setHead(sizeBytes)
    out.setText(text, start, end, sizeBytes)
    return true
  },
  readsHead: (last) => !last,
  decodeInto: copyStringValue,
  decode(head, reader, last) {
    if (last && head !== 0) corrupt(`last string slot carries length ${head}`)
    const bytes = last ? reader.rest() : takeBytes(reader, head)
    const text = bytesToText(bytes)
    if (text === undefined || text === '')
      corrupt(`string slot at offset ${reader.offset} is ${text === '' ? 'empty' : 'not valid UTF-8'}`)
    return text
  },
}

/**
 * STRING_KIND.decode written into `sink` (same checks, same errors): the value's UTF-8 copied from
 * the body as it is, checked as it is copied (ASCII) or by a decode (anything else), never built as text.
 */
export function copyStringValue(head: number, reader: ByteReader, last: boolean, sink: ByteSink): void {
  if (last && head !== 0) corrupt(`last string slot carries length ${fullHead(head)}`)
  if (!last && (head === BIG_HEAD || head > reader.remaining)) takeBytes(reader, fullHead(head))
  const lengthBytes = last ? reader.remaining : head
  const { bytes } = reader
  const start = reader.offset
  const end = start + lengthBytes
  reader.offset = end
  if (!sink.copyUtf8(bytes, start, end)) corrupt(`string slot at offset ${reader.offset} is not valid UTF-8`)
  if (lengthBytes === 0) corrupt(`string slot at offset ${reader.offset} is empty`)
}

/** An index into a fixed list of values; no bytes at all when the list has one value. */
export function createEnumKind(values: readonly string[]): SlotKind {
  const indexOf = createRangeIndex(values)
  const single = values.length === 1
  // made by the first decode: encoding never reads them (slot-codecs.ts openEnumCodec, round s37-jmem)
  let valueBytes: Uint8Array[] | undefined
  return {
    accepts: (text, start, end) => indexOf(text, start, end) !== -1,
    encode(text, start, end, _last, out) {
      const index = indexOf(text, start, end)
      if (index === -1) return false
      if (!single) out.setHead(index)
      return true
    },
    readsHead: () => !single,
    decode(head) {
      const index = smallHead(head, values.length - 1, 'enum index')
      return values[index] as string
    },
    decodeInto(head, _reader, _last, sink) {
      valueBytes ??= values.map(textToBytes)
      sink.copy(valueBytes[smallHead(fullHead(head), values.length - 1, 'enum index')] as Uint8Array)
    },
  }
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const HAS_LOWER = /[a-f]/
const HAS_UPPER = /[A-F]/

/** Letter case of hex text: 0 lower (or no letters), 1 upper, undefined when mixed. */
function hexCase(text: string): 0 | 1 | undefined {
  const upper = HAS_UPPER.test(text)
  if (upper && HAS_LOWER.test(text)) return undefined
  return upper ? 1 : 0
}

/** Value of a hex digit's character code (the caller has checked it is one): `0`-`9`, `a`-`f`, `A`-`F`. */
function nibbleOf(code: number): number {
  return code <= 57 ? code - 48 : (code | 0x20) - 87
}

/** Appends the hex digits of text[start, end), two per byte (high nibble first, a last odd one padded with 0), skipping `-`. */
function pushNibbles(out: SlotEncoding, text: string, start: number, end: number): void {
  let pending = -1
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code === 45) continue
    const nibble = nibbleOf(code)
    if (pending === -1) pending = nibble << 4
    else {
      out.byte(pending | nibble)
      pending = -1
    }
  }
  if (pending !== -1) out.byte(pending)
}

function unpackNibbles(bytes: Uint8Array, count: number, upper: boolean): string {
  if (count % 2 === 1 && ((bytes[bytes.length - 1] as number) & 0x0f) !== 0)
    corrupt('hex slot has a non-zero padding nibble')
  let text = ''
  for (let i = 0; i < count; i++) {
    const b = bytes[i >> 1] as number
    text += (i % 2 === 0 ? b >> 4 : b & 0x0f).toString(16)
  }
  return upper ? text.toUpperCase() : text
}

/** 8-4-4-4-12 hex UUID: a case flag head (0 lower, 1 upper) and 16 bytes; mixed case is refused. */
export const UUID_KIND: SlotKind = {
  encode(text, start, end, _last, out) {
    if (end - start !== 36) return false
    const value = rangeText(text, start, end)
    if (!UUID.test(value)) return false
    const upper = hexCase(value)
    if (upper === undefined) return false
    out.setHead(upper)
    pushNibbles(out, value, 0, value.length)
    return true
  },
  readsHead: () => true,
  decode(head, reader) {
    const upper = smallHead(head, 1, 'uuid case flag') === 1
    const hex = unpackNibbles(reader.take(16), 32, upper)
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  },
}

/**
 * The four octets of a canonical dotted quad (`/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/`, each
 * at most 255, no leading zero) as one 32-bit number, or -1: a loop instead of the regex and its five
 * strings (addresses fill the auto slots of many log lines).
 */
export function ipv4Octets(text: string, start = 0, end = text.length): number {
  let octets = 0
  let parts = 0
  let i = start
  while (parts < 4) {
    const first = i
    let octet = 0
    for (; i < end && i - first < 4; i++) {
      const code = text.charCodeAt(i)
      if (code < 48 || code > 57) break
      octet = octet * 10 + (code - 48)
    }
    const digits = i - first
    if (digits === 0 || digits > 3 || octet > 255 || (digits > 1 && text.charCodeAt(first) === 48)) return -1
    octets = octets * 256 + octet
    parts++
    if (parts < 4) {
      if (i >= end || text.charCodeAt(i) !== 46) return -1
      i++
    }
  }
  return i === end ? octets : -1
}

/** Dotted-quad IPv4 address in canonical form (no leading zeros): 4 bytes. */
export const IPV4_KIND: SlotKind = {
  accepts: (text, start, end) => end - start >= 7 && end - start <= 15 && ipv4Octets(text, start, end) !== -1,
  encode(text, start, end, _last, out) {
    if (end - start < 7 || end - start > 15) return false
    const octets = ipv4Octets(text, start, end)
    if (octets === -1) return false
    for (let shift = 24; shift >= 0; shift -= 8) out.byte((octets >>> shift) & 0xff)
    return true
  },
  readsHead: () => false,
  decode(_head, reader) {
    // take's error when the body is short; else the four bytes read in place (no subarray, array or join)
    if (reader.remaining < 4) reader.take(4)
    const { bytes, offset } = reader
    reader.offset += 4
    return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`
  },
  decodeInto(_head, reader, _last, sink) {
    if (reader.remaining < 4) reader.take(4)
    const { bytes, offset } = reader
    reader.offset += 4
    for (let i = 0; i < 4; i++) {
      if (i > 0) sink.repeat(46, 1)
      sink.digits(bytes[offset + i] as number, 1)
    }
  },
}

/** Longest hex digit string the hex kind takes. */
const MAX_HEX_DIGITS = 1 << 16
const HEX_PREFIXES = ['', '0x', '0X'] as const

/** Hex digits, optionally `0x`/`0X`-prefixed, one case: head = digits * 8 + prefix * 2 + upper, packed nibbles. */
export const HEX_KIND: SlotKind = {
  // `/^(0[xX])?([0-9a-fA-F]+)$/` read by a loop on the range (an auto slot tries it on many values)
  encode(text, start, end, _last, out) {
    const x = end - start > 2 && text.charCodeAt(start) === 48 ? text.charCodeAt(start + 1) : 0
    const prefix = x === 120 ? 1 : x === 88 ? 2 : 0
    const first = prefix === 0 ? start : start + 2
    if (end - first > MAX_HEX_DIGITS) return false
    let lower = false
    let upper = false
    for (let i = first; i < end; i++) {
      const code = text.charCodeAt(i)
      if (code >= 97 && code <= 102) lower = true
      else if (code >= 65 && code <= 70) upper = true
      else if (code < 48 || code > 57) return false
    }
    if (end === first || (lower && upper)) return false
    out.setHead((end - first) * 8 + prefix * 2 + (upper ? 1 : 0))
    pushNibbles(out, text, first, end)
    return true
  },
  readsHead: () => true,
  decode(head, reader) {
    const value = smallHead(head, MAX_HEX_DIGITS * 8 + 7, 'hex header')
    const count = Math.floor(value / 8)
    const prefix = HEX_PREFIXES[(value >> 1) & 3]
    if (prefix === undefined || count === 0) corrupt(`hex slot header ${value} is not valid`)
    const digits = unpackNibbles(takeBytes(reader, Math.ceil(count / 2)), count, (value & 1) === 1)
    return prefix + digits
  },
}
