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
import { AffixEnds } from './slot-similar-affix.ts'
import { DigitLayout, ValueBytes } from './slot-similar-layouts.ts'
import { bytesToText, sameRange, wellFormedUtf8SizeBytes } from './text-bytes.ts'
import {
  createShapeIndex,
  type ShapeIndex,
  MAX_SHAPE_DIGITS,
  type ShapeBase,
  shapeBaseOf,
} from './slot-similar-shape.ts'
import { readHead, smallHead, unzigzag } from './varint-heads.ts'

const MAX_SHAPE_ZIGZAG = 2 * 10 ** MAX_SHAPE_DIGITS
/** Up to this many values, the affix search tries each (no look-up of the ones sharing an end unit). */
const FEW_VALUES = 12
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
  return new EditsOnFirstUse(values)
}

/**
 * The edits (their shape index, affix ends and the values' units) made when the enum is first asked for
 * one: a matcher builds the codec of every slot of every template it may try, and most open enums only
 * ever see listed values. 100k JSON messages: 422 of the 3,015 edits a discovery run built were used,
 * the others held ~11 MB through its last pass (round s40-jmem). The same bytes either way.
 */
class EditsOnFirstUse implements SimilarEdits {
  private made: ValueEdits | undefined

  constructor(private readonly values: readonly string[]) {}

  private edits(): ValueEdits {
    this.made ??= new ValueEdits(this.values)
    return this.made
  }

  encode(text: string, start: number, end: number, escapeBytes: number, out: SlotEncoding): boolean {
    // no edit is smaller than an escape of 2 bytes (ValueEdits.encode's first test): nothing to make for it
    if (escapeBytes <= 2) return false
    return this.edits().encode(text, start, end, escapeBytes, out)
  }

  decode(head: number, reader: ByteReader): string {
    return this.edits().decode(head, reader)
  }

  decodeInto(head: number, reader: ByteReader, sink: ByteSink): void {
    this.edits().decodeInto(head, reader, sink)
  }
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
  /** the values' UTF-16 units one after another, value k at [unitsAt[k], unitsAt[k + 1]) */
  private readonly units: Uint16Array
  private readonly unitsAt: Int32Array
  /** whether the searched text is ASCII (its middles take a byte a unit): 0 not known yet, 1 yes, 2 no */
  private ascii = 0
  /** the values by their first and last units, for the affix search of a long list */
  private readonly ends: AffixEnds
  /** each value's first and last UTF-16 unit (-1 for an empty value), for the affix search of a short list */
  private readonly firsts: Int32Array
  private readonly lasts: Int32Array
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
  /** an affix edit's middle, its UTF-8 size (counted by tryAffix, written by encode) */
  private bestMiddleBytes = 0

  constructor(private readonly values: readonly string[]) {
    const n = values.length
    this.n = n
    this.bases = values.map(shapeBaseOf)
    this.shapes = createShapeIndex(values, this.bases)
    this.affixHeadBytes = values.map((_, k) => varintSizeBytes(2 * n + 1 + k))
    this.ends = new AffixEnds(n > FEW_VALUES ? values : [])
    this.firsts = Int32Array.from(values, (value) => (value === '' ? -1 : value.charCodeAt(0)))
    this.lasts = Int32Array.from(values, (value) => (value === '' ? -1 : value.charCodeAt(value.length - 1)))
    this.unitsAt = new Int32Array(n + 1)
    values.forEach((value, k) => {
      this.unitsAt[k + 1] = (this.unitsAt[k] as number) + value.length
    })
    this.units = new Uint16Array(this.unitsAt[n] as number)
    values.forEach((value, k) => {
      for (let i = 0; i < value.length; i++) this.units[(this.unitsAt[k] as number) + i] = value.charCodeAt(i)
    })
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
    const middleBytes = this.bestMiddleBytes
    out.varint(bestA)
    out.varint(bestB)
    out.varint(middleBytes)
    if (middleBytes > 0) out.setText(text, start + bestA, end - bestB, middleBytes)
    return true
  }

  /** Sets bestHead (-1: none), bestA and bestB to the smallest edit of text[start, end) under `escapeBytes`. */
  private search(text: string, start: number, end: number, escapeBytes: number): void {
    const { n, affixHeadBytes } = this
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
    if (length === 0) return
    // affix: values that cannot win are skipped unread (tryAffix); a long list, only the values sharing
    // the text's first or last unit (the others share no prefix or suffix), in ascending index all the same
    this.ascii = 0
    if (n <= FEW_VALUES) {
      const { firsts, lasts } = this
      const first = text.charCodeAt(start)
      const final = text.charCodeAt(end - 1)
      for (let k = 0; k < n && bestBytes > (affixHeadBytes[k] as number) + 3; k++)
        if (firsts[k] === first || lasts[k] === final) bestBytes = this.tryAffix(k, text, start, end, bestBytes)
      return
    }
    const starting = this.ends.starting(text.charCodeAt(start))
    const ending = this.ends.ending(text.charCodeAt(end - 1))
    for (let i = 0, j = 0; ; ) {
      const a = i < starting.length ? (starting[i] as number) : n
      const b = j < ending.length ? (ending[j] as number) : n
      const k = Math.min(a, b)
      if (k === n || bestBytes <= (affixHeadBytes[k] as number) + 3) return
      if (a === k) i++
      if (b === k) j++
      bestBytes = this.tryAffix(k, text, start, end, bestBytes)
    }
  }

  /**
   * The affix edit of text[start, end) (not empty) from value k (which shares its first or last unit), kept (bestHead, bestA, bestB) when under
   * `bestBytes`; the best size after it. The longest shared prefix, then the longest shared suffix of
   * what is left, whole characters only; an edit takes its head, two lengths of a byte or more, the
   * middle's length and its bytes (at least one per unit, and at least length - value.length units).
   */
  private tryAffix(k: number, text: string, start: number, end: number, bestBytes: number): number {
    const { units, unitsAt } = this
    const from = unitsAt[k] as number
    const to = unitsAt[k + 1] as number
    const length = end - start
    const most = Math.min(length, to - from)
    const hk = this.affixHeadBytes[k] as number
    if (hk + 3 + length - most >= bestBytes) return bestBytes
    // the text's units are read as far as they match (copying the text's ends first cost more than this)
    let prefix = 0
    while (prefix < most && units[from + prefix] === text.charCodeAt(start + prefix)) prefix++
    if (prefix > 0 && prefix < length && isHighSurrogate(text.charCodeAt(start + prefix - 1))) prefix--
    // an edit takes at least hk + 3 bytes and a byte a middle unit: under bestBytes only when the suffix
    // reaches `need` units, so the unit `need` from the end must match before the suffix is counted
    const need = length - prefix + hk + 4 - bestBytes
    if (need > 0 && (need > most - prefix || units[to - need] !== text.charCodeAt(end - need))) return bestBytes
    let suffix = 0
    while (prefix + suffix < most && units[to - 1 - suffix] === text.charCodeAt(end - 1 - suffix)) suffix++
    if (suffix > 0 && suffix < length && isLowSurrogate(text.charCodeAt(end - suffix))) suffix--
    if (prefix + suffix === 0) return bestBytes
    // the middle's UTF-8 is at most 3 bytes per unit: skip the exact count when even one byte per unit loses
    const middleUnits = length - prefix - suffix
    const fixed = hk + varintSizeBytes(prefix) + varintSizeBytes(suffix)
    if (fixed + 1 + middleUnits >= bestBytes) return bestBytes
    // an ASCII text's middle takes a byte a unit (the text is checked once a search, not each middle)
    if (this.ascii === 0) this.ascii = isAscii(text, start, end) ? 1 : 2
    const middleBytes = this.ascii === 1 ? middleUnits : wellFormedUtf8SizeBytes(text, start + prefix, end - suffix)
    if (middleBytes === -1) return bestBytes
    const bytes = fixed + varintSizeBytes(middleBytes) + middleBytes
    if (bytes >= bestBytes) return bestBytes
    this.bestHead = 2 * this.n + 1 + k
    this.bestA = prefix
    this.bestB = suffix
    this.bestMiddleBytes = middleBytes
    return bytes
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

/** True when every unit of text[start, end) is below 0x80. */
function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 0x80) return false
  return true
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
