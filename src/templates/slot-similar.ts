/**
 * An enum's unlisted values sent as an edit of a listed one (`similar: true` on an enum slot whose
 * `other` takes any text). Two edits, each naming the listed value it starts from:
 * - *shape*: the value has the listed value's length, digits where it has digits and the same other
 *   characters (`07.27` against `10.30`, `20171224-03` against `20171223-22`); sent as the difference
 *   of the two digit strings read as one number, zigzag-coded (`07.27`: 727 - 1030, 2 bytes).
 * - *affix*: the value shares a prefix and a suffix with the listed value (`block.dropbox.com`
 *   against `client-lb.dropbox.com`); sent as the two lengths and the text between them.
 * Heads of an enum of n values: 0 the escape (the value as `other`), 1..n a listed value, n+1..2n a
 * shape edit of value head-n-1, 2n+1..3n an affix edit of value head-2n-1. A listed value and the
 * escape cost what they cost in an enum without `similar`; an edit is written only when it is
 * strictly smaller than the escape, so no value costs more than it would there.
 */
import { type ByteReader, FrameError, varintSizeBytes } from '../core/index.ts'
import type { ByteSink } from './byte-sink.ts'
import type { SlotEncoding } from './slot-encoding.ts'
import { bytesToText, sameRange, textToBytes, wellFormedUtf8SizeBytes } from './text-bytes.ts'
import {
  createShapeIndex,
  type ShapeIndex,
  isDigit,
  MAX_SHAPE_DIGITS,
  type ShapeBase,
  shapeBaseOf,
} from './slot-similar-shape.ts'
import { readHead, smallHead, unzigzag } from './varint-heads.ts'

const MAX_SHAPE_ZIGZAG = 2 * 10 ** MAX_SHAPE_DIGITS
/** 10^k for the digit counts of shape edits, k = 0..MAX_SHAPE_DIGITS */
const POWERS_OF_TEN = Array.from({ length: MAX_SHAPE_DIGITS + 1 }, (_, k) => 10 ** k)

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Encodes and decodes the edits of one enum's values. */
export interface SimilarEdits {
  /**
   * Writes the smallest edit of text[start, end) into `out` (reset by the caller) when it takes
   * fewer than `escapeBytes` bytes; false (out untouched) otherwise.
   */
  encode(text: string, start: number, end: number, escapeBytes: number, out: SlotEncoding): boolean
  /** The value of an edit head (n+1..3n), reading what follows it. */
  decode(head: number, reader: ByteReader): string
  /** decode written into `sink` (same bytes read, same checks, same errors), no string built. */
  decodeInto(head: number, reader: ByteReader, sink: ByteSink): void
}

/** The edits against a list of values (heads as in the file comment). */
export function createSimilarEdits(values: readonly string[]): SimilarEdits {
  return new ValueEdits(values)
}

/**
 * The edits as a class: one encode function for every enum, so it is optimised once, not once per
 * enum's closure (an enum of a rare template would otherwise run unoptimised).
 */
class ValueEdits implements SimilarEdits {
  private readonly n: number
  private readonly bases: readonly ShapeBase[]
  private readonly shapes: ShapeIndex
  /** the affix edit's head size of each value; the affix search stops at the first value whose head alone loses */
  private readonly affixHeadBytes: readonly number[]
  /** each value's text around its digit runs, made when an edit of it is first decoded to text */
  private readonly layouts: (DigitLayout | undefined)[] = []
  /** each value's UTF-8 and where its digits are, made when an edit of it is first decoded to bytes */
  private readonly byteLayouts: (ValueBytes | undefined)[] = []
  // the last search's text range, escape size and answer: a value often repeats the one before it
  // (the same date or host on consecutive lines), and the answer depends on nothing else
  private lastText = ''
  private lastStart = 0
  private lastEnd = -1
  private lastEscapeBytes = 0
  private bestHead = -1
  private bestA = 0
  private bestB = 0

  constructor(private readonly values: readonly string[]) {
    const n = values.length
    this.n = n
    this.bases = values.map(shapeBaseOf)
    this.shapes = createShapeIndex(values, this.bases)
    this.affixHeadBytes = values.map((_, k) => varintSizeBytes(2 * n + 1 + k))
  }

  encode(text: string, start: number, end: number, escapeBytes: number, out: SlotEncoding): boolean {
    // an edit takes at least 2 bytes (shape: head and difference) or 4 (affix: head, two lengths, a length)
    if (escapeBytes <= 2) return false
    if (
      escapeBytes !== this.lastEscapeBytes ||
      !sameRange(this.lastText, this.lastStart, this.lastEnd, text, start, end)
    ) {
      this.search(text, start, end, escapeBytes)
      this.lastText = text
      this.lastStart = start
      this.lastEnd = end
      this.lastEscapeBytes = escapeBytes
    }
    const { bestHead, bestA, bestB } = this
    if (bestHead === -1) return false
    out.setHead(bestHead)
    if (bestHead <= 2 * this.n) {
      out.varint(bestA)
      return true
    }
    const middleBytes = wellFormedUtf8SizeBytes(text, start + bestA, end - bestB)
    out.varint(bestA)
    out.varint(bestB)
    out.varint(middleBytes)
    if (middleBytes > 0) out.setText(text, start + bestA, end - bestB, middleBytes)
    return true
  }

  /** Sets bestHead (-1: none), bestA and bestB to the smallest edit of text[start, end) under `escapeBytes`. */
  private search(text: string, start: number, end: number, escapeBytes: number): void {
    const { n, values, affixHeadBytes } = this
    const length = end - start
    let bestBytes = escapeBytes
    this.bestHead = -1
    this.bestA = 0
    this.bestB = 0
    const shape = this.shapes.best(text, start, end, escapeBytes)
    if (shape !== undefined) {
      bestBytes = shape.bytes
      this.bestHead = n + 1 + shape.k
      this.bestA = shape.zigzag
    }
    // affix: the longest shared prefix, then the longest shared suffix of what is left, whole characters
    // only; an edit takes its head, two lengths of a byte or more, the middle's length and its bytes (at
    // least one per unit, and at least length - value.length units), so values that cannot win are skipped unread
    for (let k = 0; k < n && length > 0 && bestBytes > (affixHeadBytes[k] as number) + 3; k++) {
      const value = values[k] as string
      const most = Math.min(length, value.length)
      const hk = affixHeadBytes[k] as number
      if (hk + 3 + length - most >= bestBytes) continue
      if (
        value.charCodeAt(0) !== text.charCodeAt(start) &&
        value.charCodeAt(value.length - 1) !== text.charCodeAt(end - 1)
      )
        continue
      let prefix = 0
      while (prefix < most && value.charCodeAt(prefix) === text.charCodeAt(start + prefix)) prefix++
      if (prefix > 0 && prefix < length && isHighSurrogate(text.charCodeAt(start + prefix - 1))) prefix--
      let suffix = 0
      while (
        prefix + suffix < most &&
        value.charCodeAt(value.length - 1 - suffix) === text.charCodeAt(end - 1 - suffix)
      )
        suffix++
      if (suffix > 0 && suffix < length && isLowSurrogate(text.charCodeAt(end - suffix))) suffix--
      if (prefix + suffix === 0) continue
      // the middle's UTF-8 is at most 3 bytes per unit: skip the exact count when even one byte per unit loses
      const middleUnits = length - prefix - suffix
      const fixed = hk + varintSizeBytes(prefix) + varintSizeBytes(suffix)
      if (fixed + 1 + middleUnits >= bestBytes) continue
      const middleBytes = wellFormedUtf8SizeBytes(text, start + prefix, end - suffix)
      if (middleBytes === -1) continue
      const bytes = fixed + varintSizeBytes(middleBytes) + middleBytes
      if (bytes < bestBytes) {
        bestBytes = bytes
        this.bestHead = 2 * n + 1 + k
        this.bestA = prefix
        this.bestB = suffix
      }
    }
  }

  private layoutOf(k: number, value: string): DigitLayout {
    let layout = this.layouts[k]
    if (layout === undefined) this.layouts[k] = layout = new DigitLayout(value)
    return layout
  }

  decode(head: number, reader: ByteReader): string {
    const { n, values } = this
    if (head <= 2 * n) {
      const k = head - n - 1
      const digits = this.base(k)
      const number = this.shapeNumber(k, reader)
      return this.layoutOf(k, values[k] as string).fill(String(number).padStart(digits, '0'))
    }
    const k = head - 2 * n - 1
    const value = values[k] as string
    const prefix = smallHead(readHead(reader), value.length, 'affix edit prefix')
    const suffix = smallHead(readHead(reader), value.length - prefix, 'affix edit suffix')
    checkAffix(value, prefix, suffix)
    const middleBytes = smallHead(readHead(reader), reader.remaining, 'affix edit middle length')
    const middle = middleBytes === 0 ? '' : bytesToText(reader.take(middleBytes))
    if (middle === undefined) corrupt(`affix edit middle at offset ${reader.offset} is not valid UTF-8`)
    const edited = value.slice(0, prefix) + middle + value.slice(value.length - suffix)
    if (edited === '') corrupt('affix edit gives an empty value')
    return edited
  }

  decodeInto(head: number, reader: ByteReader, sink: ByteSink): void {
    if (head <= 2 * this.n) this.shapeInto(head - this.n - 1, reader, sink)
    else this.affixInto(head - 2 * this.n - 1, reader, sink)
  }

  /** A shape edit of value k written into `sink`: the value's bytes, then its digits overwritten by the edit's number. */
  private shapeInto(k: number, reader: ByteReader, sink: ByteSink): void {
    this.base(k)
    const number = this.shapeNumber(k, reader)
    const { bytes, digitAt } = this.byteLayoutOf(k)
    sink.copy(bytes)
    // the digits from the last one back, the number's from its lowest (padded with zeros), in int32
    // arithmetic: a number from 2^31 up (a date's 10 digits) as its last 8 digits, then the rest
    const out = sink.bytes
    const at = sink.at - bytes.length
    const high = number >= 2 ** 31 ? Math.floor(number / 1e8) : 0
    let v = (number - high * 1e8) | 0
    for (let d = digitAt.length - 1, written = 0; d >= 0; d--, written++) {
      if (written === 8 && high !== 0) v = high
      const next = (v / 10) | 0
      out[at + (digitAt[d] as number)] = 48 + (v - next * 10)
      v = next
    }
  }

  /** An affix edit of value k written into `sink`: the value's prefix, the middle from the body, the value's suffix. */
  private affixInto(k: number, reader: ByteReader, sink: ByteSink): void {
    const value = this.values[k] as string
    const { bytes, unitBytes } = this.byteLayoutOf(k)
    const prefix = smallHead(readHead(reader), value.length, 'affix edit prefix')
    const suffix = smallHead(readHead(reader), value.length - prefix, 'affix edit suffix')
    // an ASCII value has no surrogates to split
    if (unitBytes !== undefined) checkAffix(value, prefix, suffix)
    const middleBytes = smallHead(readHead(reader), reader.remaining, 'affix edit middle length')
    sink.copy(bytes, 0, unitBytes === undefined ? prefix : (unitBytes[prefix] as number))
    const start = reader.offset
    reader.offset += middleBytes
    if (!sink.copyUtf8(reader.bytes, start, reader.offset))
      corrupt(`affix edit middle at offset ${reader.offset} is not valid UTF-8`)
    const kept = value.length - suffix
    sink.copy(bytes, unitBytes === undefined ? kept : (unitBytes[kept] as number))
    if (prefix + middleBytes + suffix === 0) corrupt('affix edit gives an empty value')
  }

  /** The digit count of value k, the base of a shape edit; E_FRAME_CORRUPT when it has no digits to edit. */
  private base(k: number): number {
    const base = this.bases[k] as ShapeBase
    if (base.number === -1) corrupt(`shape edit of enum value ${k}, which has no digits to edit`)
    return base.digits
  }

  /** The number a shape edit of value k gives (read from the body), checked to fit its digits. */
  private shapeNumber(k: number, reader: ByteReader): number {
    const base = this.bases[k] as ShapeBase
    const number = base.number + unzigzag(smallHead(readHead(reader), MAX_SHAPE_ZIGZAG, 'shape edit'))
    if (number < 0 || number >= (POWERS_OF_TEN[base.digits] as number))
      corrupt(`shape edit gives ${number}, not ${base.digits} digits`)
    return number
  }

  private byteLayoutOf(k: number): ValueBytes {
    let layout = this.byteLayouts[k]
    if (layout === undefined) this.byteLayouts[k] = layout = new ValueBytes(this.values[k] as string)
    return layout
  }
}

/** A listed value as UTF-8, with where its digits are and (when not ASCII) the UTF-8 size of each prefix. */
class ValueBytes {
  readonly bytes: Uint8Array
  /** byte offset of each digit, in order */
  readonly digitAt: Int32Array
  /** UTF-8 bytes of the first u units, u = 0..length; undefined for ASCII (as many bytes as units) */
  readonly unitBytes: Int32Array | undefined

  constructor(value: string) {
    this.bytes = textToBytes(value)
    const ascii = this.bytes.length === value.length
    const unitBytes = ascii ? undefined : new Int32Array(value.length + 1)
    const digitAt: number[] = []
    let at = 0
    for (let u = 0; u < value.length; u++) {
      if (unitBytes !== undefined) unitBytes[u] = at
      const code = value.charCodeAt(u)
      if (isDigit(code)) digitAt.push(at)
      // a surrogate pair's 4 bytes: 2 at each unit (a prefix never ends between them)
      at += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3
    }
    if (unitBytes !== undefined) unitBytes[value.length] = at
    this.digitAt = Int32Array.from(digitAt)
    this.unitBytes = unitBytes
  }
}

/** E_FRAME_CORRUPT when an affix edit's prefix or suffix of `value` ends inside a surrogate pair. */
function checkAffix(value: string, prefix: number, suffix: number): void {
  if (
    (prefix > 0 && isHighSurrogate(value.charCodeAt(prefix - 1)) && prefix < value.length) ||
    (suffix > 0 && isLowSurrogate(value.charCodeAt(value.length - suffix)) && suffix < value.length)
  )
    corrupt('affix edit splits a character')
}

function corrupt(message: string): never {
  throw new FrameError('E_FRAME_CORRUPT', message)
}

/**
 * A value as its text around its digit runs: `texts[0]`, a run of `runs[0]` digits, `texts[1]`, ...,
 * `texts[runs.length]`; `fill` puts other digits in the runs (a few slices joined instead of one
 * string per character).
 */
class DigitLayout {
  private readonly texts: string[] = []
  private readonly runs: number[] = []

  constructor(value: string) {
    let from = 0
    let i = 0
    while (i < value.length) {
      if (!isDigit(value.charCodeAt(i))) {
        i++
        continue
      }
      let end = i
      while (end < value.length && isDigit(value.charCodeAt(end))) end++
      this.texts.push(value.slice(from, i))
      this.runs.push(end - i)
      from = i = end
    }
    this.texts.push(value.slice(from))
  }

  /** The value with its digits replaced, in order, by `digits` (as many as it has). */
  fill(digits: string): string {
    let out = this.texts[0] as string
    let next = 0
    for (let r = 0; r < this.runs.length; r++) {
      const run = this.runs[r] as number
      out += digits.slice(next, next + run) + (this.texts[r + 1] as string)
      next += run
    }
    return out
  }
}
