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
import { type ByteReader, FrameError } from '../core/index.ts'
import type { SlotEncoding } from './slot-encoding.ts'
import { bytesToText, wellFormedUtf8SizeBytes } from './text-bytes.ts'
import { readHead, smallHead } from './varint-heads.ts'

/** Most digits a shape edit carries: their number and its difference stay safe integers. */
export const MAX_SHAPE_DIGITS = 15

const MAX_SHAPE_ZIGZAG = 2 * 10 ** MAX_SHAPE_DIGITS

/** What a listed value offers as the base of a shape edit: its digit count and their number (-1 when it has no digit or too many). */
interface ShapeBase {
  readonly digits: number
  readonly number: number
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function shapeBaseOf(value: string): ShapeBase {
  let digits = 0
  let number = 0
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (!isDigit(code)) continue
    digits++
    number = number * 10 + (code - 48)
  }
  return digits === 0 || digits > MAX_SHAPE_DIGITS ? { digits: 0, number: -1 } : { digits, number }
}

const zigzag = (delta: number): number => (delta >= 0 ? 2 * delta : -2 * delta - 1)
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2)

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
}

/** The edits against a list of values (heads as in the file comment). */
export function createSimilarEdits(values: readonly string[]): SimilarEdits {
  const n = values.length
  const bases = values.map(shapeBaseOf)
  const shapes = createShapeIndex(values, bases)
  // the affix edit's head size of each value; the affix search stops at the first value whose head alone loses
  const affixHeadBytes = values.map((_, k) => varintSizeBytes(2 * n + 1 + k))
  return {
    encode(text, start, end, escapeBytes, out) {
      const length = end - start
      let bestBytes = escapeBytes
      let bestHead = -1
      let bestA = 0
      let bestB = 0
      // an edit takes at least 2 bytes (shape: head and difference) or 4 (affix: head, two lengths, a length)
      if (escapeBytes <= 2) return false
      const shape = shapes.best(text, start, end, escapeBytes)
      if (shape !== undefined) {
        bestBytes = shape.bytes
        bestHead = n + 1 + shape.k
        bestA = shape.zigzag
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
          bestHead = 2 * n + 1 + k
          bestA = prefix
          bestB = suffix
        }
      }
      if (bestHead === -1) return false
      out.setHead(bestHead)
      if (bestHead <= 2 * n) {
        out.varint(bestA)
        return true
      }
      const middleBytes = wellFormedUtf8SizeBytes(text, start + bestA, end - bestB)
      out.varint(bestA)
      out.varint(bestB)
      out.varint(middleBytes)
      if (middleBytes > 0) out.setText(text, start + bestA, end - bestB, middleBytes)
      return true
    },
    decode(head, reader) {
      if (head <= 2 * n) {
        const k = head - n - 1
        const value = values[k] as string
        const base = bases[k] as ShapeBase
        if (base.number === -1) corrupt(`shape edit of enum value ${k}, which has no digits to edit`)
        const number = base.number + unzigzag(smallHead(readHead(reader), MAX_SHAPE_ZIGZAG, 'shape edit'))
        if (number < 0 || number >= 10 ** base.digits) corrupt(`shape edit gives ${number}, not ${base.digits} digits`)
        return withDigits(value, String(number).padStart(base.digits, '0'))
      }
      const k = head - 2 * n - 1
      const value = values[k] as string
      const prefix = smallHead(readHead(reader), value.length, 'affix edit prefix')
      const suffix = smallHead(readHead(reader), value.length - prefix, 'affix edit suffix')
      if (
        (prefix > 0 && isHighSurrogate(value.charCodeAt(prefix - 1)) && prefix < value.length) ||
        (suffix > 0 && isLowSurrogate(value.charCodeAt(value.length - suffix)) && suffix < value.length)
      )
        corrupt('affix edit splits a character')
      const middleBytes = smallHead(readHead(reader), reader.remaining, 'affix edit middle length')
      const middle = middleBytes === 0 ? '' : bytesToText(reader.take(middleBytes))
      if (middle === undefined) corrupt(`affix edit middle at offset ${reader.offset} is not valid UTF-8`)
      const edited = value.slice(0, prefix) + middle + value.slice(value.length - suffix)
      if (edited === '') corrupt('affix edit gives an empty value')
      return edited
    },
  }
}

/** The size of a varint of `value` (a safe non-negative integer), as headSizeBytes gives it, by comparisons. */
function varintSizeBytes(value: number): number {
  if (value < 0x80) return 1
  if (value < 0x4000) return 2
  if (value < 0x200000) return 3
  let size = 4
  for (let limit = 0x10000000; value >= limit; limit *= 0x80) size++
  return size
}

/** The best shape edit: the listed value's index, the zigzag of the difference and the edit's size. */
interface ShapeEdit {
  k: number
  zigzag: number
  bytes: number
}

/** The listed values of one shape whose shape heads take `headBytes`, by their digits' number (ties: by index). */
interface ShapeClass {
  readonly headBytes: number
  readonly numbers: readonly number[]
  readonly ks: readonly number[]
}

/** The listed values of one shape (`shape`, one of them), in classes by ascending head size, hence ascending index. */
interface ShapeGroup {
  readonly shape: string
  readonly classes: readonly ShapeClass[]
}

/** Finds the shape edit the straightforward loop over every listed value would pick, visiting only same-shape values. */
interface ShapeIndex {
  /** The smallest shape edit of text[start, end) under `escapeBytes` bytes (ties: the earliest value), or undefined. */
  best(text: string, start: number, end: number, escapeBytes: number): ShapeEdit | undefined
}

const SHAPE_HASH_PRIME = 0x01000193

/** The hash of a shape: each digit counts as `0`, any other unit as itself. */
function shapeHashStep(hash: number, code: number): number {
  return Math.imul(hash ^ (isDigit(code) ? 48 : code), SHAPE_HASH_PRIME)
}

function createShapeIndex(values: readonly string[], bases: readonly ShapeBase[]): ShapeIndex {
  const n = values.length
  const groups = new Map<number, ShapeGroup[]>()
  const members = new Map<ShapeGroup, number[]>()
  values.forEach((value, k) => {
    if ((bases[k] as ShapeBase).number === -1) return
    let hash = value.length
    for (let i = 0; i < value.length; i++) hash = shapeHashStep(hash, value.charCodeAt(i))
    const sameHash = groups.get(hash) ?? []
    groups.set(hash, sameHash)
    let group = sameHash.find(({ shape }) => shape.length === value.length && sameShape(shape, value, 0))
    if (group === undefined) sameHash.push((group = { shape: value, classes: [] }))
    const ks = members.get(group)
    if (ks === undefined) members.set(group, [k])
    else ks.push(k)
  })
  for (const [group, ks] of members) {
    const classes = group.classes as ShapeClass[]
    for (const k of ks) {
      const headBytes = varintSizeBytes(n + 1 + k)
      if (classes.at(-1)?.headBytes !== headBytes) classes.push({ headBytes, numbers: [], ks: [] })
      ;((classes.at(-1) as ShapeClass).ks as number[]).push(k)
    }
    for (const [c, { headBytes, ks: classKs }] of classes.entries()) {
      const sorted = [...classKs].sort(
        (a, b) => (bases[a] as ShapeBase).number - (bases[b] as ShapeBase).number || a - b,
      )
      classes[c] = { headBytes, numbers: sorted.map((k) => (bases[k] as ShapeBase).number), ks: sorted }
    }
  }
  const result: ShapeEdit = { k: 0, zigzag: 0, bytes: 0 }
  return {
    best(text, start, end, escapeBytes) {
      const length = end - start
      let hash = length
      let digits = 0
      let number = 0
      for (let i = start; i < end; i++) {
        const code = text.charCodeAt(i)
        hash = shapeHashStep(hash, code)
        if (!isDigit(code)) continue
        if (++digits > MAX_SHAPE_DIGITS) return undefined
        number = number * 10 + (code - 48)
      }
      if (digits === 0) return undefined
      const group = groups.get(hash)?.find(({ shape }) => shape.length === length && sameShape(shape, text, start))
      if (group === undefined) return undefined
      // the class of the smallest edit (ties: the earlier class, whose values come first)
      let bestBytes = escapeBytes
      let best: ShapeClass | undefined
      for (const shapeClass of group.classes) {
        if (shapeClass.headBytes + 1 >= bestBytes) break
        const bytes = shapeClass.headBytes + varintSizeBytes(nearestZigzag(shapeClass.numbers, number))
        if (bytes < bestBytes) {
          bestBytes = bytes
          best = shapeClass
        }
      }
      if (best === undefined) return undefined
      // in it, the earliest value whose difference fits the smallest size: the numbers in [number - low, number + high]
      const maxZigzag = 0x80 ** (bestBytes - best.headBytes) - 1
      const { numbers, ks } = best
      let k = n
      for (let i = lowerBound(numbers, number - (maxZigzag - 1) / 2); i < numbers.length; i++) {
        if ((numbers[i] as number) > number + (maxZigzag + 1) / 2) break
        k = Math.min(k, ks[i] as number)
      }
      result.k = k
      result.zigzag = zigzag(number - (bases[k] as ShapeBase).number)
      result.bytes = bestBytes
      return result
    },
  }
}

/** The first index of ascending `numbers` whose number is `number` or more (numbers.length when none). */
function lowerBound(numbers: readonly number[], number: number): number {
  let low = 0
  let high = numbers.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((numbers[middle] as number) < number) low = middle + 1
    else high = middle
  }
  return low
}

/** The smallest zigzag of `number` minus one of ascending `numbers` (not empty): a neighbour of where it would go. */
function nearestZigzag(numbers: readonly number[], number: number): number {
  const at = lowerBound(numbers, number)
  const above = at < numbers.length ? zigzag(number - (numbers[at] as number)) : Infinity
  return at > 0 ? Math.min(above, zigzag(number - (numbers[at - 1] as number))) : above
}

function corrupt(message: string): never {
  throw new FrameError('E_FRAME_CORRUPT', message)
}

/** True when text[start, start + value.length) has a digit wherever `value` has one and its other characters. */
function sameShape(value: string, text: string, start: number): boolean {
  for (let i = 0; i < value.length; i++) {
    const a = value.charCodeAt(i)
    const b = text.charCodeAt(start + i)
    if (isDigit(a) ? !isDigit(b) : a !== b) return false
  }
  return true
}

/** `value` with its digits replaced, in order, by `digits` (as many as it has). */
function withDigits(value: string, digits: string): string {
  let out = ''
  let next = 0
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    out += isDigit(code) ? digits[next++] : value[i]
  }
  return out
}
