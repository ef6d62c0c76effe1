/**
 * The writers template-compiled.ts puts each slot's value into the frame body with, one per slot spec,
 * built once per template: string, auto, integer, fixed-width integer and enum values written straight
 * from the message's text (the same bytes their codecs write), any other kind through its codec.
 */
import { AUTO_IPV4_HEAD, autoTakesOnlyString, type SlotCodec } from './slot-codecs.ts'
import { ipv4Octets } from './slot-kind.ts'
import { putHead, SlotEncoding } from './slot-encoding.ts'
import { createRangeIndex } from './slot-range-index.ts'
import type { SimilarEdits } from './slot-similar.ts'
import { sameRange, wellFormedUtf8SizeBytes, writeText } from './text-bytes.ts'
import type { SlotSpec } from './store-types.ts'

/** Most bytes a slot writer may write for a value of `units` UTF-16 units (the room its caller reserves). */
function slotRoomBytes(units: number): number {
  return 3 * units + 16
}

/** Writes one value at `at`; the offset after it, or a negative number when the value is not taken this way. */
export type SlotWriter = (text: string, start: number, end: number, out: Uint8Array, at: number) => number

/** How a string value's head is written: typed last (none), typed (its size), auto (size * 2), auto last (0). */
const StringHead = { None: 0, Size: 1, Auto: 2, AutoLast: 3 } as const
type StringHead = (typeof StringHead)[keyof typeof StringHead]

/** A string value with its head; -1 when empty or not well-formed (the string kind refuses it). */
function writeString(text: string, start: number, end: number, out: Uint8Array, at: number, mode: StringHead): number {
  const units = end - start
  if (units === 0) return -1
  // ASCII (one byte per unit) with a one-byte head: one pass, the head from the length
  const asciiHead = mode === StringHead.Size ? units : mode === StringHead.Auto ? 2 * units : 0
  if (asciiHead < 0x80) {
    let to = mode === StringHead.None ? at : at + 1
    let i = start
    for (; i < end; i++) {
      const code = text.charCodeAt(i)
      if (code >= 0x80) break
      out[to++] = code
    }
    if (i === end) {
      if (mode !== StringHead.None) out[at] = asciiHead
      return to
    }
  }
  const sizeBytes = wellFormedUtf8SizeBytes(text, start, end)
  if (sizeBytes === -1) return -1
  let to = at
  if (mode === StringHead.Size) to = putHead(out, to, sizeBytes)
  else if (mode === StringHead.Auto) to = putHead(out, to, 2 * sizeBytes)
  else if (mode === StringHead.AutoLast) out[to++] = 0
  return writeText(text, out, to, start, end)
}

const [PLUS, MINUS, ZERO] = [43, 45, 48]
/** Not an integer (the value may still be another auto kind); too many digits for a number (the codec writes it). */
const NOT_INTEGER = -1
const TOO_LONG = -2

/** Most digits an integer may have, leading zeros included (slot-numbers.ts isIntegerText's limit). */
const MAX_INTEGER_DIGITS = 60
/** Most significant digits of an integer written here: 15 high ones and 9 low ones, each part a safe integer throughout. */
const MAX_SPLIT_DIGITS = 24
const BILLION = 1e9

/**
 * An integer value as INTEGER_KIND writes it (head magnitude * 2 + special, then the flags varint),
 * with an auto slot's tag (head * 4 + 1) when `tagged`; NOT_INTEGER (not `/^[+-]?\d{1,60}$/`, as
 * isIntegerText), or TOO_LONG above MAX_SPLIT_DIGITS significant digits.
 *
 * Each unit is read once (round s42-enc; before, the check, the zeros and the value read the digits
 * two or three times): the leading zeros (never the last digit), then the digits before the last nine
 * into `high` and the last nine into `low`. Leading zeros add nothing to either, so the value is
 * high * 1e9 + low, exact up to 15 significant digits; up to 24, putSplitHead takes both parts as they are.
 * Past 24 `high` may be inexact, but then only TOO_LONG is answered, once every unit is checked a digit.
 */
function writeInteger(text: string, start: number, end: number, out: Uint8Array, at: number, tagged: boolean): number {
  const first = text.charCodeAt(start)
  const signKind = first === MINUS ? 1 : first === PLUS ? 2 : 0
  const digitsStart = signKind === 0 ? start : start + 1
  if (end - digitsStart < 1 || end - digitsStart > MAX_INTEGER_DIGITS) return NOT_INTEGER
  let i = digitsStart
  while (i < end - 1 && text.charCodeAt(i) === ZERO) i++
  const zeros = i - digitsStart
  const from = i
  const lowStart = end - 9 > from ? end - 9 : from
  let high = 0
  for (; i < lowStart; i++) {
    const digit = text.charCodeAt(i) - ZERO
    if (digit < 0 || digit > 9) return NOT_INTEGER
    high = high * 10 + digit
  }
  let low = 0
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO
    if (digit < 0 || digit > 9) return NOT_INTEGER
    low = low * 10 + digit
  }
  const special = signKind !== 0 || zeros > 0 ? 1 : 0
  let to: number
  if (end - from <= 15) {
    const head = (high * BILLION + low) * 2 + special
    to = putHead(out, at, tagged ? head * 4 + 1 : head)
  } else if (end - from <= MAX_SPLIT_DIGITS) to = putSplitHead(high, low, special, tagged, out, at)
  else return TOO_LONG
  if (special === 1) to = putHead(out, to, zeros * 3 + signKind)
  return to
}

/**
 * The head of an integer of 16 to 24 significant digits, `high` the value of all but its last nine and
 * `low` theirs (magnitude * 2 + special, then * 4 + 1 when tagged) as a varint, without a bigint: the
 * value is kept as high * 1e9 + low, and each 7-bit group taken off it by dividing both parts. The same
 * bytes as putHead of the bigint (a varint is unique).
 */
function putSplitHead(
  highDigits: number,
  lowDigits: number,
  special: number,
  tagged: boolean,
  out: Uint8Array,
  at: number,
): number {
  // no `%` here: on numbers past 2^31 it calls fmod (a seventh of HDFS's encode); a floor of a quotient
  // and a subtraction give the same remainders exactly (every operand and product below 2^53)
  let high = highDigits
  let low = lowDigits * 2 + special
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

/** Where codecWriter builds a value before writing it. */
const scratch = new SlotEncoding()

/**
 * Any slot through its codec (the general path's encoding, written at once); -1 when refused or larger
 * than its room. `encode`: the codec's encodeRange, or another of its encoders (an open enum's encodeUnlisted).
 */
function codecWriter(codec: SlotCodec, last: boolean, encode = codec.encodeRange): SlotWriter {
  return (text, start, end, out, at) => {
    if (!encode(text, start, end, last, scratch.reset())) return -1
    if (scratch.sizeBytes() > slotRoomBytes(end - start)) return -1
    return scratch.write(out, at)
  }
}

/** The writer of one slot spec, `codec` its codec (`last`: the slot written last, whose string runs to the end of the body). */
export function slotWriterOf(spec: SlotSpec, codec: SlotCodec, last: boolean): SlotWriter {
  const general = codecWriter(codec, last)
  switch (spec.type) {
    case 'string': {
      const mode = last ? StringHead.None : StringHead.Size
      return (text, start, end, out, at) => writeString(text, start, end, out, at, mode)
    }
    case 'auto': {
      const mode = last ? StringHead.AutoLast : StringHead.Auto
      return (text, start, end, out, at) => {
        if (end === start) return -1
        // an integer is the auto slot's choice whenever it is one (encodeAuto stops there)
        const integer = writeInteger(text, start, end, out, at, true)
        if (integer >= 0) return integer
        if (autoTakesOnlyString(text, start, end)) return writeString(text, start, end, out, at, mode)
        const address = writeAutoIpv4(text, start, end, out, at)
        return address >= 0 ? address : general(text, start, end, out, at)
      }
    }
    case 'integer': {
      if (spec.width !== undefined) {
        if (spec.width > 15) return general
        const fixed = fixedWidthWriter(spec.width)
        if (spec.other === undefined) return fixed
        // with `other`, a value of the width is written as without it (the escape's head, 10^width, is
        // one no such value has); any other value goes through the codec's escape
        return (text, start, end, out, at) => {
          const to = fixed(text, start, end, out, at)
          return to >= 0 ? to : general(text, start, end, out, at)
        }
      }
      // with `other`, a value that is no integer (or too long for this path) goes through the codec's escape
      const open = spec.other !== undefined
      return (text, start, end, out, at) => {
        const integer = writeInteger(text, start, end, out, at, false)
        return integer === TOO_LONG || (open && integer < 0) ? general(text, start, end, out, at) : integer
      }
    }
    case 'enum': {
      const indexOf = createRangeIndex(spec.values)
      if (spec.other !== undefined) {
        // a value found unlisted here is not looked up again by the codec
        const unlisted = codec.encodeUnlisted === undefined ? general : codecWriter(codec, last, codec.encodeUnlisted)
        const escaped =
          spec.other === 'auto' && codec.encodeUnlisted !== undefined
            ? autoEscapeWriter(codec.similarEdits, last, unlisted)
            : unlisted
        return (text, start, end, out, at) => {
          const index = indexOf(text, start, end)
          return index === -1 ? escaped(text, start, end, out, at) : putHead(out, at, index + 1)
        }
      }
      const single = spec.values.length === 1
      return (text, start, end, out, at) => {
        const index = indexOf(text, start, end)
        return index === -1 ? -1 : single ? at : putHead(out, at, index)
      }
    }
    default:
      return general
  }
}

/**
 * An IPv4 address as an auto slot writes it: of the kinds an auto slot tries, only ipv4 and string take
 * one (it has three dots and digits only: no integer, decimal, timestamp, uuid, hex or ipv6), and the
 * string is larger (a head and 7-15 bytes against 5), so its encoding is the ipv4 tag and the 4 bytes;
 * -1 when the value is no canonical address.
 */
function writeAutoIpv4(text: string, start: number, end: number, out: Uint8Array, at: number): number {
  if (end - start < 7 || end - start > 15) return -1
  const octets = ipv4Octets(text, start, end)
  if (octets === -1) return -1
  out[at] = AUTO_IPV4_HEAD
  out[at + 1] = octets >>> 24
  out[at + 2] = (octets >>> 16) & 0xff
  out[at + 3] = (octets >>> 8) & 0xff
  out[at + 4] = octets & 0xff
  return at + 5
}

/** Where autoEscapeWriter builds an edit before writing it. */
const editScratch = new SlotEncoding()

/** Most bytes of an escape autoEscapeWriter remembers (a value of about 20 units; longer ones are written anew). */
const REMEMBERED_ESCAPE_BYTES = 64
/** Longest message (UTF-16 units) autoEscapeWriter keeps a reference to for its last value (as LastValue). */
const MAX_REMEMBERED_TEXT = 4096

/**
 * An unlisted value of an open enum whose `other` is auto, written as its codec's encodeUnlisted
 * writes it, without building the escape in a SlotEncoding and copying it twice: head 0 and, straight
 * after it, the value as the auto writer writes an integer or a value only the string kind takes;
 * then, with `similar`, the edit the codec's edits find smaller than that escape, if any. Any other
 * value (a decimal, a timestamp, an address...: the auto codec tries several kinds) goes to `unlisted`,
 * the codec's own path with its memo of the last unlisted value. Both escapes fit the slot's room
 * (1 + a head of at most 8 bytes + 3 bytes a unit, or 1 + 14 bytes of an integer), so no value the
 * codec's path would refuse for its room is written here.
 *
 * With `similar`, like the codec's path (LastValue), it remembers the bytes it wrote for the last value
 * it wrote itself: what it writes depends on nothing but the value's units (its list, edits and `last`
 * are the slot's), and the same value often comes again on the next line (a host, a client address), so
 * a value equal to the last one is copied, not searched for again. A value `unlisted` wrote (the codec's
 * LastValue remembers it), or whose escape is longer than REMEMBERED_ESCAPE_BYTES, is not remembered: the
 * value remembered before stays, its bytes as true as they were.
 */
function autoEscapeWriter(edits: SimilarEdits | undefined, last: boolean, unlisted: SlotWriter): SlotWriter {
  const mode = last ? StringHead.AutoLast : StringHead.Auto
  // the last value written here (text[start, end), none while end is -1) and its bytes (allocated on
  // the first one: a store's compiled templates have many such slots that never see an unlisted value)
  let text0 = ''
  let start0 = 0
  let end0 = -1
  let size0 = 0
  let bytes0: Uint8Array | undefined
  return (text, start, end, out, at) => {
    if (end === start) return -1
    if (end0 !== -1 && sameRange(text0, start0, end0, text, start, end)) {
      const bytes = bytes0 as Uint8Array
      for (let i = 0; i < size0; i++) out[at + i] = bytes[i] as number
      return at + size0
    }
    let to = writeInteger(text, start, end, out, at + 1, true)
    if (to < 0) {
      if (!autoTakesOnlyString(text, start, end)) {
        to = writeAutoIpv4(text, start, end, out, at + 1)
        if (to < 0) return unlisted(text, start, end, out, at)
      } else to = writeString(text, start, end, out, at + 1, mode)
      // not well-formed: the codec's path answers (it refuses it too)
      if (to < 0) return unlisted(text, start, end, out, at)
    }
    out[at] = 0
    // without edits the escape is all there is to write: nothing worth remembering
    if (edits === undefined) return to
    if (edits.encode(text, start, end, to - at, editScratch.reset())) to = editScratch.write(out, at)
    if (to - at <= REMEMBERED_ESCAPE_BYTES && text.length <= MAX_REMEMBERED_TEXT) {
      const bytes = bytes0 ?? (bytes0 = new Uint8Array(REMEMBERED_ESCAPE_BYTES))
      for (let i = at; i < to; i++) bytes[i - at] = out[i] as number
      text0 = text
      start0 = start
      end0 = end
      size0 = to - at
    }
    return to
  }
}

/** Exactly `width` (at most 15) digits: the magnitude alone, as createFixedWidthIntegerKind writes it. */
function fixedWidthWriter(width: number): SlotWriter {
  return (text, start, end, out, at) => {
    if (end - start !== width) return -1
    let value = 0
    for (let i = start; i < end; i++) {
      const digit = text.charCodeAt(i) - ZERO
      if (digit < 0 || digit > 9) return -1
      value = value * 10 + digit
    }
    return putHead(out, at, value)
  }
}
