/**
 * Integer and decimal slot kinds. They keep the exact text: a sign (`-`, `+` or none), leading
 * zeros, `-0`. Frame format of an integer: head = magnitude * 2 + special; when special is 1 a
 * varint `zeros * 3 + sign` follows (sign 0 none, 1 `-`, 2 `+`), so a plain non-negative number
 * costs only its magnitude. A decimal is its integer part, then its fraction digits as a digit group.
 */
import { ByteReader, ByteWriter, FrameError } from '../core/index.ts'
import { NO_BYTES, type PreparedSlot, type SlotKind } from './slot-kind.ts'
import { digitGroupHead, digitGroupText, headFromDigits, packHead, readHead, smallHead, unpackHead, writeHead, type Head } from './varint-heads.ts'

/** Most digits an integer (or a decimal's integer part) may have, leading zeros included. */
const MAX_INTEGER_DIGITS = 60
const INTEGER = /^([+-]?)(\d{1,60})$/
const DECIMAL = /^([+-]?)(\d{1,60})\.(\d{1,32})$/
const SIGNS = ['', '-', '+'] as const

/** Head and flags of a signed digit string. */
function integerParts(sign: string, digits: string): { head: Head; flags: number | undefined } {
  let zeros = 0
  while (zeros < digits.length - 1 && digits[zeros] === '0') zeros++
  const signKind = SIGNS.indexOf(sign as (typeof SIGNS)[number])
  const special = signKind !== 0 || zeros > 0
  return { head: packHead(headFromDigits(digits.slice(zeros)), 1, special ? 1 : 0), flags: special ? zeros * 3 + signKind : undefined }
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

/** Signed decimal integer text, exactly as written (`007`, `-0`, `+5`). */
export const INTEGER_KIND: SlotKind = {
  prepare(value): PreparedSlot | undefined {
    const parts = INTEGER.exec(value)
    if (parts === null) return undefined
    const { head, flags } = integerParts(parts[1] as string, parts[2] as string)
    return { head, tail: flags === undefined ? NO_BYTES : new ByteWriter(4).varint(flags).toBytes() }
  },
  readsHead: () => true,
  decode: (head, reader) => integerText(head, reader),
}

/** Decimal text with a point and digits on both sides (`12.50`, `-0.5`), exactly as written. */
export const DECIMAL_KIND: SlotKind = {
  prepare(value): PreparedSlot | undefined {
    // a decimal has a point after its first digit: most values fail this before the regex runs
    if (value.indexOf('.') < 1) return undefined
    const parts = DECIMAL.exec(value)
    if (parts === null) return undefined
    const { head, flags } = integerParts(parts[1] as string, parts[2] as string)
    const tail = new ByteWriter(8)
    if (flags !== undefined) tail.varint(flags)
    writeHead(tail, digitGroupHead(parts[3] as string))
    return { head, tail: tail.toBytes() }
  },
  readsHead: () => true,
  decode(head, reader) {
    const integer = integerText(head, reader)
    return `${integer}.${digitGroupText(readHead(reader))}`
  },
}

/** Exactly `width` ASCII digits (`06`, `081109`): the magnitude alone is sent, the decoder pads it back. */
export function createFixedWidthIntegerKind(width: number): SlotKind {
  const pattern = new RegExp(`^\\d{${width}}$`)
  return {
    prepare: (value) => (value.length === width && pattern.test(value) ? { head: headFromDigits(value), tail: NO_BYTES } : undefined),
    readsHead: () => true,
    decode(head) {
      const text = head.toString()
      if (text.length > width) throw new FrameError('E_FRAME_CORRUPT', `integer ${text} is wider than its ${width} digits`)
      return text.padStart(width, '0')
    },
  }
}
