/**
 * The shape edits of an enum's values (slot-similar.ts): a listed value's shape is its text with every
 * digit masked. The index here finds, for a text, the shape edit the straightforward loop over every
 * listed value finds (the smallest; ties: the earliest value) while visiting only values of the text's
 * shape, and among them only the nearest numbers: per shape, values whose shape heads take the same
 * number of bytes are kept sorted by their digits' number.
 */
import { varintSizeBytes } from '../core/index.ts'

/** Most digits a shape edit carries: their number and its difference stay safe integers. */
export const MAX_SHAPE_DIGITS = 15

/** What a listed value offers as the base of a shape edit: its digit count and their number (-1 when it has no digit or too many). */
export interface ShapeBase {
  readonly digits: number
  readonly number: number
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

export function shapeBaseOf(value: string): ShapeBase {
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

export const zigzag = (delta: number): number => (delta >= 0 ? 2 * delta : -2 * delta - 1)

/** The number of text[start, start + shape.length)'s digits when it has `shape`'s shape (a digit where it has one, its other units elsewhere); -1 otherwise. */
function numberIfSameShape(shape: string, text: string, start: number): number {
  let number = 0
  for (let i = 0; i < shape.length; i++) {
    const a = shape.charCodeAt(i)
    const b = text.charCodeAt(start + i)
    if (isDigit(a)) {
      if (!isDigit(b)) return -1
      number = number * 10 + (b - 48)
    } else if (a !== b) return -1
  }
  return number
}

/** The best shape edit: the listed value's index, the zigzag of the difference and the edit's size. */
export interface ShapeEdit {
  k: number
  zigzag: number
  bytes: number
}

/**
 * The listed values of one shape whose shape heads take `headBytes`, sorted by their digits' number
 * (ties: by index), and their indexes in that order.
 */
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

/** Finds the shape edit the straightforward loop over every listed value would pick. */
export interface ShapeIndex {
  /** The smallest shape edit of text[start, end) under `escapeBytes` bytes (ties: the earliest value), or undefined. */
  best(text: string, start: number, end: number, escapeBytes: number): ShapeEdit | undefined
}

/** The largest value a varint of m bytes holds, by m (a zigzag takes at most 8: it stays under 2^53). */
const MAX_VARINT_OF_SIZE = Array.from({ length: 9 }, (_, m) => 0x80 ** m - 1)

/** Up to this many shapes, a text's shape is found by trying each; beyond, by a hash of the shape first. */
const FEW_SHAPES = 4

/** The hash of a shape, each digit counting as `0`; kept to 30 bits, a small integer for the map. */
function shapeHash(text: string, start: number, end: number): number {
  let hash = end - start
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    hash = Math.imul(hash ^ (isDigit(code) ? 48 : code), 0x01000193) & 0x3fffffff
  }
  return hash
}

function shapeClassOf(headBytes: number, ks: readonly number[], bases: readonly ShapeBase[]): ShapeClass {
  const numberOf = (k: number): number => (bases[k] as ShapeBase).number
  const sorted = [...ks].sort((a, b) => numberOf(a) - numberOf(b) || a - b)
  return { headBytes, numbers: sorted.map(numberOf), ks: sorted }
}

export function createShapeIndex(values: readonly string[], bases: readonly ShapeBase[]): ShapeIndex {
  const n = values.length
  const members = new Map<string, number[]>()
  values.forEach((value, k) => {
    if ((bases[k] as ShapeBase).number === -1) return
    const key = value.replace(/[0-9]/g, '0')
    const ks = members.get(key)
    if (ks === undefined) members.set(key, [k])
    else ks.push(k)
  })
  const groups: ShapeGroup[] = []
  const byHash = new Map<number, ShapeGroup[]>()
  for (const ks of members.values()) {
    const classes: ShapeClass[] = []
    let from = 0
    for (let i = 1; i <= ks.length; i++) {
      const headBytes = varintSizeBytes(n + 1 + (ks[from] as number))
      if (i < ks.length && varintSizeBytes(n + 1 + (ks[i] as number)) === headBytes) continue
      classes.push(shapeClassOf(headBytes, ks.slice(from, i), bases))
      from = i
    }
    const shape = values[ks[0] as number] as string
    const group = { shape, classes }
    groups.push(group)
    const hash = shapeHash(shape, 0, shape.length)
    byHash.set(hash, [...(byHash.get(hash) ?? []), group])
  }
  return new SearchableShapes(values.length, groups, byHash, bases, new ShapeLengths(groups))
}

/** Lengths below this are kept as bits of one integer. */
const SHORT_LENGTHS = 31

/** The lengths of the shapes (a text of another length has none of them, so no shape edit). */
class ShapeLengths {
  /** bit l: a shape of length l (l < SHORT_LENGTHS) */
  private readonly short: number = 0
  private readonly longest: number = -1

  constructor(groups: readonly ShapeGroup[]) {
    for (const { shape } of groups) {
      if (shape.length < SHORT_LENGTHS) this.short |= 1 << shape.length
      this.longest = Math.max(this.longest, shape.length)
    }
  }

  /** False when no shape has this length. */
  has(length: number): boolean {
    return length < SHORT_LENGTHS ? (this.short & (1 << length)) !== 0 : length <= this.longest
  }
}

/**
 * The index as a class: one search function for every enum, so it is optimised once, not once per
 * enum's closure (an enum of a rare template would otherwise run unoptimised).
 */
class SearchableShapes implements ShapeIndex {
  private readonly result: ShapeEdit = { k: 0, zigzag: 0, bytes: 0 }

  constructor(
    private readonly n: number,
    private readonly groups: readonly ShapeGroup[],
    private readonly byHash: ReadonlyMap<number, readonly ShapeGroup[]>,
    private readonly bases: readonly ShapeBase[],
    private readonly lengths: ShapeLengths,
  ) {}

  best(text: string, start: number, end: number, escapeBytes: number): ShapeEdit | undefined {
    const { groups, byHash, bases, result } = this
    const length = end - start
    // no shape of the text's length: no edit (most unlisted host and program names), nothing hashed
    if (!this.lengths.has(length)) return undefined
    const candidates = groups.length <= FEW_SHAPES ? groups : byHash.get(shapeHash(text, start, end))
    if (candidates === undefined) return undefined
    let group: ShapeGroup | undefined
    let number = -1
    for (const candidate of candidates) {
      if (candidate.shape.length !== length) continue
      number = numberIfSameShape(candidate.shape, text, start)
      if (number === -1) continue
      group = candidate
      break
    }
    if (group === undefined) return undefined
    // the class of the smallest edit (ties: the earlier class, whose values come first), and where the
    // text's number goes in it
    let bestBytes = escapeBytes
    let best: ShapeClass | undefined
    let bestAt = 0
    for (const shapeClass of group.classes) {
      if (shapeClass.headBytes + 1 >= bestBytes) break
      const at = lowerBound(shapeClass.numbers, number)
      const bytes = shapeClass.headBytes + varintSizeBytes(nearestZigzag(shapeClass.numbers, at, number))
      if (bytes < bestBytes) {
        bestBytes = bytes
        best = shapeClass
        bestAt = at
      }
    }
    if (best === undefined) return undefined
    // in it, the earliest value whose zigzag fits the smallest size: the numbers in [number - low, number + high]
    // around where the text's number goes
    const maxZigzag = MAX_VARINT_OF_SIZE[bestBytes - best.headBytes] as number
    const { numbers, ks } = best
    const low = number - (maxZigzag - 1) / 2
    const high = number + (maxZigzag + 1) / 2
    let k = this.n
    for (let i = bestAt; i < numbers.length && (numbers[i] as number) <= high; i++) k = Math.min(k, ks[i] as number)
    for (let i = bestAt - 1; i >= 0 && (numbers[i] as number) >= low; i--) k = Math.min(k, ks[i] as number)
    result.k = k
    result.zigzag = zigzag(number - (bases[k] as ShapeBase).number)
    result.bytes = bestBytes
    return result
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

/** The smallest zigzag of `number` minus one of ascending `numbers` (not empty): a neighbour of `at`, where it would go. */
function nearestZigzag(numbers: readonly number[], at: number, number: number): number {
  if (at === numbers.length) return zigzag(number - (numbers[at - 1] as number))
  const above = zigzag(number - (numbers[at] as number))
  return at > 0 ? Math.min(above, zigzag(number - (numbers[at - 1] as number))) : above
}
