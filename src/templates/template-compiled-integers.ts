/**
 * The integer writers of template-compiled-writers.ts (moved here in round s43-enc, unchanged): an integer
 * value as INTEGER_KIND writes it, and a fixed-width one as createFixedWidthIntegerKind does, straight from
 * the message's text.
 */
import { putHead } from './slot-encoding.ts'

const [PLUS, MINUS, ZERO] = [43, 45, 48]
/** Not an integer (the value may still be another auto kind); too many digits for a number (the codec writes it). */
const NOT_INTEGER = -1
export const TOO_LONG = -2

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
export function writeInteger(
  text: string,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
  tagged: boolean,
): number {
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

/** Exactly `width` (at most 15) digits: the magnitude alone, as createFixedWidthIntegerKind writes it; -1 for any other value. */
export function writeFixedWidth(
  text: string,
  start: number,
  end: number,
  out: Uint8Array,
  at: number,
  width: number,
): number {
  if (end - start !== width) return -1
  let value = 0
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return putHead(out, at, value)
}
