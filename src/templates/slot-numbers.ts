/**
 * Integer and decimal slot kinds. They keep the exact text: a sign (`-`, `+` or none), leading
 * zeros, `-0`. Frame format of an integer: head = magnitude * 2 + special; when special is 1 a
 * varint `zeros * 3 + sign` follows (sign 0 none, 1 `-`, 2 `+`), so a plain non-negative number
 * costs only its magnitude. A decimal is its integer part, then its fraction digits as a digit group.
 */
import { type ByteReader, FrameError } from '../core/index.ts'
import type { ByteSink } from './byte-sink.ts'
import type { SlotEncoding } from './slot-encoding.ts'
import type { SlotKind } from './slot-kind.ts'
import {
  BIG_HEAD,
  MAX_DIGIT_GROUP,
  bigHeadBits,
  bigHeadDigits,
  bigHeadValue,
  lowBits,
  digitGroupText,
  headFromDigitRange,
  packHead,
  readHead,
  readHeadOrBig,
  smallHead,
  unpackHead,
  type Head,
} from './varint-heads.ts'

/** Most digits an integer (or a decimal's integer part) may have, leading zeros included. */
const MAX_INTEGER_DIGITS = 60
const SIGNS = ['', '-', '+'] as const
const [PLUS, MINUS, ZERO, NINE] = [43, 45, 48, 57]

/**
 * Writes the head (and the flags varint when needed) of the signed digit string text[start, end),
 * where text[start] may be a sign and at least one digit follows.
 */
function encodeIntegerPart(text: string, start: number, end: number, out: SlotEncoding): void {
  const first = text.charCodeAt(start)
  const signKind = first === MINUS ? 1 : first === PLUS ? 2 : 0
  const digitsStart = signKind === 0 ? start : start + 1
  let zeros = 0
  while (digitsStart + zeros < end - 1 && text.charCodeAt(digitsStart + zeros) === ZERO) zeros++
  const special = signKind !== 0 || zeros > 0
  out.setHead(packHead(headFromDigitRange(text, digitsStart + zeros, end), 1, special ? 1 : 0))
  if (special) out.varint(zeros * 3 + signKind)
}

/** True when text[start, end) is an optional sign and 1 to MAX_INTEGER_DIGITS ASCII digits (`/^[+-]?\d{1,60}$/`). */
export function isIntegerText(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start)
  const digitsStart = first === PLUS || first === MINUS ? start + 1 : start
  const digits = end - digitsStart
  if (digits < 1 || digits > MAX_INTEGER_DIGITS) return false
  for (let i = digitsStart; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code < ZERO || code > NINE) return false
  }
  return true
}

/** Text of an integer from its head, reading the flags varint when the head says so. */
function integerText(head: Head, reader: ByteReader): string {
  const { low: special, high: magnitude } = unpackHead(head, 1)
  if (special === 0) return magnitude.toString()
  const flags = smallHead(readHead(reader), MAX_INTEGER_DIGITS * 3 + 2, 'integer flags')
  const zeros = Math.floor(flags / 3)
  const sign = SIGNS[flags % 3] as string
  if (flags === 0) throw new FrameError('E_FRAME_CORRUPT', 'integer marked special has no sign and no leading zeros')
  return sign + '0'.repeat(zeros) + magnitude.toString()
}

const SIGN_CODES = [0, MINUS, PLUS] as const

/**
 * integerText written into `sink` (same checks in the same order, same errors): the integer whose
 * head is `head` or, for BIG_HEAD, the big head's bits from `shift` up (an auto slot's tag below them).
 */
export function integerInto(head: number, shift: number, reader: ByteReader, sink: ByteSink): void {
  const big = head === BIG_HEAD
  const special = big ? bigHeadBits(shift, 1) : lowBits(head, 2)
  if (special === 1) {
    const flags = smallHead(readHead(reader), MAX_INTEGER_DIGITS * 3 + 2, 'integer flags')
    if (flags === 0) throw new FrameError('E_FRAME_CORRUPT', 'integer marked special has no sign and no leading zeros')
    if (flags % 3 !== 0) sink.repeat(SIGN_CODES[flags % 3] as number, 1)
    sink.repeat(ZERO, Math.floor(flags / 3))
  }
  if (big) bigHeadDigits(shift + 1, sink)
  else sink.digits((head - special) / 2, 1)
}

/** Signed decimal integer text, exactly as written (`007`, `-0`, `+5`). */
export const INTEGER_KIND: SlotKind = {
  accepts: isIntegerText,
  encode(text, start, end, _last, out) {
    if (!isIntegerText(text, start, end)) return false
    encodeIntegerPart(text, start, end, out)
    return true
  },
  readsHead: () => true,
  decode: (head, reader) => integerText(head, reader),
  decodeInto: (head, reader, _last, sink) => integerInto(head, 0, reader, sink),
}

/** Decimal text with a point and digits on both sides (`12.50`, `-0.5`), exactly as written. */
export const DECIMAL_KIND: SlotKind = {
  encode(text, start, end, _last, out) {
    // `/^[+-]?\d{1,60}\.\d{1,32}$/` read in place: an auto slot tries it on every value that starts with a digit
    let point = start + 1
    while (point < end && text.charCodeAt(point) !== 46) point++
    const fraction = end - point - 1
    if (fraction < 1 || fraction > MAX_DIGIT_GROUP || !isIntegerText(text, start, point)) return false
    for (let i = point + 1; i < end; i++) {
      const code = text.charCodeAt(i)
      if (code < ZERO || code > NINE) return false
    }
    encodeIntegerPart(text, start, point, out)
    out.varint(packHead(headFromDigitRange(text, point + 1, end), 5, fraction - 1))
    return true
  },
  readsHead: () => true,
  decode(head, reader) {
    const integer = integerText(head, reader)
    return `${integer}.${digitGroupText(readHead(reader))}`
  },
  decodeInto(head, reader, _last, sink) {
    integerInto(head, 0, reader, sink)
    const group = readHeadOrBig(reader)
    // a digit group of a safe head: value * 32 + (count - 1), the value at most count digits
    if (group === BIG_HEAD) {
      sink.repeat(46, 1)
      sink.text(digitGroupText(bigHeadValue()))
      return
    }
    const count = lowBits(group, 32) + 1
    const value = Math.floor(group / 32)
    if (value >= 10 ** count) digitGroupText(group)
    sink.repeat(46, 1)
    sink.digits(value, count)
  },
}

/** Exactly `width` ASCII digits (`06`, `081109`): the magnitude alone is sent, the decoder pads it back. */
export function createFixedWidthIntegerKind(width: number): SlotKind {
  // a loop, not /^\d{width}$/: the date and time parts of most log lines come through here
  const accepts = (text: string, start: number, end: number): boolean => {
    if (end - start !== width) return false
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i)
      if (code < ZERO || code > NINE) return false
    }
    return true
  }
  const decode = (head: Head): string => {
    const text = head.toString()
    if (text.length > width)
      throw new FrameError('E_FRAME_CORRUPT', `integer ${text} is wider than its ${width} digits`)
    return text.padStart(width, '0')
  }
  const limit = 10 ** width
  return {
    accepts,
    encode(text, start, end, _last, out) {
      if (!accepts(text, start, end)) return false
      out.setHead(headFromDigitRange(text, start, end))
      return true
    },
    readsHead: () => true,
    decode,
    decodeInto(head, _reader, _last, sink) {
      // the digit count of a safe head by comparison, its digits written padded; a big head as text
      if (head === BIG_HEAD) sink.text(decode(bigHeadValue()))
      else if (head >= limit) decode(head)
      else sink.digits(head, width)
    },
  }
}
