/**
 * The fuzz case generator shared by `bench/fuzz.ts` and `test/fuzz-property.test.ts`. Case `index`
 * under `seed` is always the same frame for the same target, so any case can be replayed alone
 * (`npx tsx bench/fuzz.ts --seed S --replay INDEX`) and the seed space splits across workers.
 */
import { createRandom } from '../../src/core/index.ts'
import type { FuzzSetup, FuzzTarget, ValidFrame } from './fuzz-targets.ts'
import { varintBytes } from './fuzz-frames.ts'

/** What a case does to a frame. */
export type FuzzCaseKind =
  | 'valid'
  | 'random'
  | 'truncated'
  | 'bit-flip'
  | 'spliced'
  | 'unknown-tag'
  | 'unknown-template'
  | 'long-length'
  | 'crafted'
  | 'bomb'
  | 'short-brotli'

/** Share of cases per kind, in cases per 100,000 (bombs are few: each one decodes up to max_message_bytes). */
export const KIND_WEIGHTS: Readonly<Record<FuzzCaseKind, number>> = {
  valid: 4000,
  random: 12000,
  truncated: 13000,
  'bit-flip': 12000,
  spliced: 10000,
  'unknown-tag': 3000,
  'unknown-template': 6000,
  'long-length': 15000,
  crafted: 14970,
  bomb: 30,
  'short-brotli': 10000,
}

/** What decoding a case must give besides "bytes within the bound or an E_FRAME_* error". */
export type Expectation =
  | { state: 'any' }
  /** the frame is valid for this target: exactly this message */
  | { state: 'decodes-to'; message: Uint8Array }
  /** a valid frame of another config with the same shared state: this message or an error, never other bytes */
  | { state: 'message-or-error'; message: Uint8Array }
  /** a valid frame this target must refuse with this code (a template frame after a store-mismatch handshake) */
  | { state: 'rejects'; code: string }

/** One generated case. */
export interface FuzzCase {
  index: number
  kind: FuzzCaseKind
  target: FuzzTarget
  frame: Uint8Array
  expected: Expectation
  /** where the frame came from, for crash reports */
  origin: string
}

type Random = () => number

const KIND_TABLE = Object.entries(KIND_WEIGHTS) as Array<[FuzzCaseKind, number]>
const TAG_BYTES = [
  ...Array.from({ length: 0x42 }, (_, i) => 0x80 + i),
  ...Array.from({ length: 11 }, (_, i) => 0xf5 + i),
]
const HUGE_LENGTHS: readonly number[][] = [
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
  [...new Array<number>(39).fill(0xff), 0x01],
  varintBytes(2 ** 31),
  varintBytes(2 ** 53),
]

/** A 32-bit seed for case `index` under run seed `seed` (a murmur3-style mix, so neighbours differ). */
export function caseSeed(seed: number, index: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ index
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

/** Case `index` of run `seed`. */
export function createFuzzCase(setup: FuzzSetup, seed: number, index: number): FuzzCase {
  const random = createRandom(caseSeed(seed, index))
  const kind = pickKind(random)
  const target = pick(random, setup.targets)
  const base = { index, kind, target }
  switch (kind) {
    case 'valid': {
      const valid = pick(random, setup.frames)
      return {
        ...base,
        frame: valid.frame,
        expected: expectationOf(valid, target),
        origin: `${valid.family} ${valid.method} frame`,
      }
    }
    case 'crafted': {
      const crafted = pick(random, setup.crafted)
      const mutate = random() < 0.3
      return {
        ...base,
        frame: mutate ? mutateBytes(random, crafted.frame) : crafted.frame,
        expected: { state: 'any' },
        origin: `${crafted.name}${mutate ? ', mutated' : ''}`,
      }
    }
    case 'bomb': {
      const bomb = pick(random, setup.bombs)
      return { ...base, frame: bomb.frame, expected: { state: 'any' }, origin: bomb.name }
    }
    default:
      return { ...base, ...mutatedCase(kind, random, setup.frames), expected: { state: 'any' } }
  }
}

function expectationOf(valid: ValidFrame, target: FuzzTarget): Expectation {
  if (valid.method === 'binary_semantic' && target.refusesTemplateFrames)
    return { state: 'rejects', code: 'E_FRAME_STORE_MISMATCH' }
  if (valid.family === target.family)
    return valid.message.length > target.maxMessageBytes
      ? { state: 'any' }
      : { state: 'decodes-to', message: valid.message }
  // another store (or store_check setting, or dictionary) may read the frame as other text: that is what the handshake is for
  const [ours, theirs] = [target.sharedState, valid.sharedState]
  if (valid.method === 'binary_semantic' && (ours.store !== theirs.store || ours.storeCheck !== theirs.storeCheck))
    return { state: 'any' }
  if (valid.method === 'zstd_dict' && ours.dictionary !== theirs.dictionary) return { state: 'any' }
  return { state: 'message-or-error', message: valid.message }
}

function mutatedCase(
  kind: FuzzCaseKind,
  random: Random,
  frames: readonly ValidFrame[],
): { frame: Uint8Array; origin: string } {
  const valid = pick(random, frames)
  const from = `${valid.family} ${valid.method} frame`
  switch (kind) {
    case 'random':
      return { frame: randomFrame(random), origin: 'random bytes' }
    case 'truncated':
      return { frame: truncate(random, valid.frame), origin: `${from}, truncated` }
    case 'bit-flip':
      return { frame: mutateBytes(random, valid.frame), origin: `${from}, mutated` }
    case 'spliced': {
      const other = pick(random, frames)
      return {
        frame: splice(random, valid.frame, other.frame),
        origin: `${from} spliced with ${other.family} ${other.method} frame`,
      }
    }
    case 'unknown-tag':
      return {
        // 0xFB-0xFF (0xFA is json_residue since round 35; 0xFB the \r frame since round 41: random bytes after it
        // are mostly E_FRAME_CORRUPT; the valid 0xFB frames are among the frames mutated)
        frame: Uint8Array.from([0xfb + int(random, 5), ...randomBytes(random, int(random, 33))]),
        origin: 'tag 0xFB-0xFF (0xFB the \\r frame, 0xFC-0xFF reserved)',
      }
    case 'unknown-template':
      return { frame: unknownTemplate(random), origin: 'random template id' }
    case 'short-brotli':
      return shortBrotli(random)
    default:
      return { frame: withHugeLength(random, valid), origin: `${from}, a length past the end` }
  }
}

function pickKind(random: Random): FuzzCaseKind {
  let draw = random() * 100_000
  for (const [kind, weight] of KIND_TABLE) {
    if (draw < weight) return kind
    draw -= weight
  }
  return 'bit-flip'
}

function int(random: Random, below: number): number {
  return Math.floor(random() * below)
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[int(random, items.length)] as T
}

function randomBytes(random: Random, lengthBytes: number): number[] {
  return Array.from({ length: lengthBytes }, () => int(random, 256))
}

/** Mostly short, sometimes up to 2 KiB; half start with a method tag, some are printable text. */
function randomFrame(random: Random): Uint8Array {
  const roll = random()
  const lengthBytes = roll < 0.3 ? int(random, 9) : roll < 0.8 ? 9 + int(random, 56) : 65 + int(random, 1984)
  if (random() < 0.15) return Uint8Array.from({ length: lengthBytes }, () => 0x20 + int(random, 95))
  const bytes = randomBytes(random, lengthBytes)
  if (bytes.length > 0 && random() < 0.5) bytes[0] = pick(random, TAG_BYTES)
  return Uint8Array.from(bytes)
}

function truncate(random: Random, frame: Uint8Array): Uint8Array {
  if (frame.length === 0) return frame
  if (random() < 0.7) return frame.slice(0, int(random, frame.length))
  // drop a range from the middle
  const start = int(random, frame.length)
  const end = start + 1 + int(random, Math.min(16, frame.length - start))
  return Uint8Array.from([...frame.subarray(0, start), ...frame.subarray(end)])
}

/** 1-4 edits: flip a bit, overwrite a byte, insert a byte. */
export function mutateBytes(random: Random, frame: Uint8Array): Uint8Array {
  const bytes = [...frame]
  const edits = 1 + int(random, 4)
  for (let i = 0; i < edits; i++) {
    const at = int(random, bytes.length + 1)
    const roll = random()
    if (roll < 0.5 && at < bytes.length) bytes[at] = (bytes[at] as number) ^ (1 << int(random, 8))
    else if (roll < 0.8 && at < bytes.length) bytes[at] = int(random, 256)
    else bytes.splice(at, 0, int(random, 256))
  }
  return Uint8Array.from(bytes)
}

/** The head of one frame and the tail of another (half the time exactly halves). */
function splice(random: Random, a: Uint8Array, b: Uint8Array): Uint8Array {
  const halves = random() < 0.5
  const cutA = halves ? a.length >> 1 : int(random, a.length + 1)
  const cutB = halves ? b.length >> 1 : int(random, b.length + 1)
  return Uint8Array.from([...a.subarray(0, cutA), ...b.subarray(cutB)])
}

function unknownTemplate(random: Random): Uint8Array {
  const body = randomBytes(random, int(random, 17))
  if (random() < 0.6) {
    const id = int(random, 0x4000)
    return Uint8Array.from([0x80 | (id >> 8), id & 0xff, ...body])
  }
  return Uint8Array.from([0xf9, ...varintBytes(Math.floor(random() * 2 ** 50)), ...body])
}

/** A huge varint written over or inserted at a position (aura: mostly in its header). */
function withHugeLength(random: Random, valid: ValidFrame): Uint8Array {
  const bytes = [...valid.frame]
  const span = valid.method === 'aura' && random() < 0.7 ? Math.min(bytes.length, 24) : bytes.length
  const at = Math.min(bytes.length, 1 + int(random, Math.max(1, span)))
  const length = random() < 0.2 ? varintBytes(bytes.length + int(random, 100)) : pick(random, HUGE_LENGTHS)
  if (random() < 0.5) bytes.splice(at, 0, ...length)
  else bytes.splice(at, length.length, ...length)
  return Uint8Array.from(bytes)
}

const BROTLI_TAG = 0xc0
/** First bytes of interest: the large-window signature (with either top bit) and the largest RFC 7932 window, 2^24. */
const LARGE_WINDOW_FIRST_BYTES = [0x11, 0x91]
const WINDOW_24_LOW_NIBBLE = 0x0f

/**
 * A Brotli frame of 1-100 random payload bytes: a quarter declare a large window (the stream that cost
 * brotli-wasm 3.8 s and 1 GB), a quarter the 16 MiB window, the rest any first byte.
 */
function shortBrotli(random: Random): { frame: Uint8Array; origin: string } {
  const payload = randomBytes(random, 1 + int(random, 100))
  const roll = random()
  let origin = 'short random Brotli stream'
  if (roll < 0.25) {
    payload[0] = pick(random, LARGE_WINDOW_FIRST_BYTES)
    origin += ', large-window header'
  } else if (roll < 0.5) {
    payload[0] = ((payload[0] as number) & 0xf0) | WINDOW_24_LOW_NIBBLE
    origin += ', 2^24 window'
  }
  return { frame: Uint8Array.from([BROTLI_TAG, ...payload]), origin }
}
