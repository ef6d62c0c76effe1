/**
 * The integer arithmetic every part of the cm model shares (context-model.ts and its parts): adaptive
 * bit probabilities packed with a count, squash and stretch as table loads, the mixers' fixed point,
 * and the hash that keys every table. Integers only, so both ends compute the same values on any engine.
 */
import { squash, stretch } from './logistic.ts'

/** A mixer weight of 1.0 in fixed point. */
export const WEIGHT_ONE = 65536
export const INVERSE_WEIGHT_ONE = 1 / WEIGHT_ONE
/**
 * the bit mixers' learning rate (of 1024; chosen on the training halves): 96 since round 14, whose
 * state-map inputs move less than round 13's direct probabilities did (14 before; 64-112 within 0.2%)
 */
export const LEARNING_RATE = 96
/** the end-of-message mixer's learning rate (of 1024): 14, as before round 14 (96 there measured no better) */
export const END_LEARNING_RATE = 14

/** Adaptation rate of a table entry by its count (the low 4 bits), and the count where it stops growing. */
export const RATE = Int32Array.from({ length: 16 }, (_, n) => Math.floor(65536 / (n + 1.5)))
export const LIMIT = 10

/** squash(d) for d = -2047..2047 at index d + 2047, and stretch(p) for p = 0..4095: the per-bit loop's two functions as loads. */
export const SQUASH = Int16Array.from({ length: 4095 }, (_, i) => squash(i - 2047))
export const STRETCH = Int16Array.from({ length: 4096 }, (_, p) => stretch(p))
/**
 * STRETCH / 2 as doubles (32 KiB once per process): the mixers' inputs. With the dot products scaled by
 * 2 / WEIGHT_ONE instead of 1 / WEIGHT_ONE the values are the same exactly (powers of two), but no
 * input x weight product is an int32 to V8, so none is ever the -0 (an input 0 times a negative
 * weight) that made optimised code deoptimise mid-connection ("minus zero", round 12).
 */
export const STRETCH_HALF = Float64Array.from(STRETCH, (s) => s / 2)

/** The initial entry of an adaptive table: p = 1/2, count 0 (12-bit probability << 4 | count). */
export const HALF = 2048 << 4

/** An adaptive table entry (12-bit probability << 4 | count) after learning `bit`. */
export function adapt(entry: number, bit: number): number {
  const p = entry >>> 4
  const n = entry & 15
  const next = p + ((((bit << 12) - bit - p) * (RATE[n] as number)) >> 16)
  return (next << 4) | (n < LIMIT ? n + 1 : n)
}

export const clampStretch = (d: number): number => Math.max(-2047, Math.min(d, 2047))

export const clampProbability = (p: number): number => Math.max(1, Math.min(p, 4095))

/** A 32-bit hash of a running hash and one more value (int32 result; callers shift it unsigned). */
export const hashBytes = (a: number, b: number): number => {
  const x = Math.imul(a ^ Math.imul(b, 0x2c1b3c6d), 0x9e3779b1)
  return x ^ (x >>> 15)
}

/** the final probability map's adaptation rate (a shift) */
export const APM_RATE = 7
/** the final probability map's buckets per partial byte, over the stretched domain (17 since round 10, 33 before: the same bytes to 0.1% on the training halves, 16 KiB less per connection) */
export const APM_BUCKETS = 17

/** Bytes of one end's final probability map. */
export const PROBABILITY_MAP_BYTES = 2 * 256 * APM_BUCKETS

/**
 * The final adjustment of the mixed probability: a table by the partial byte over the stretched
 * domain (APM_BUCKETS per partial byte), interpolated between the two buckets around the mixer's
 * output and learnt at the nearer one (modelled-byte.ts reads and updates it in its per-bit loop).
 * `from`: a table to copy.
 */
export function createProbabilityMap(from?: Uint16Array): Uint16Array {
  if (from !== undefined) return from.slice()
  return Uint16Array.from(
    { length: 256 * APM_BUCKETS },
    (_, i) => squash(((i % APM_BUCKETS) - (APM_BUCKETS >> 1)) * (4096 / (APM_BUCKETS - 1))) * 16,
  )
}
