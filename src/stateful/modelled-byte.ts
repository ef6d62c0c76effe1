/**
 * The per-bit loop of the cm model (context-model.ts): one byte's 8 bits predicted, coded and learnt
 * in one pass. Every input, mixer and table update is written out here, with no call left in the loop
 * but the coder's: V8 inlines a function's callees only up to a budget of their bytecode (920 bytes
 * by default), and round 12's codeByte ran past it, so the two bit inputs, a clamp and an adapt of
 * every bit were real calls (round 13). What depends only on the byte (the context hashes, the match
 * and number models' predictions and confidence rows) is read once per byte.
 *
 * The arithmetic and its order are round 12's exactly (the same probabilities bit for bit, so the
 * same blocks): the mixer's inputs are half-stretches as doubles and its dot products are scaled by
 * 2^-15 (no product is an int32 to V8, so none is ever its -0: no deoptimisation mid-connection).
 * Since s44-state each state-map entry and weight is read once per bit (for its input and its update), the
 * order tables' offsets are per byte, and masks that change no value give V8 the row indices' ranges (no
 * overflow checks); the same probabilities and tables bit for bit (bench/stateful-frames.mjs compares the frames).
 */
import {
  APM_BUCKETS,
  APM_RATE,
  INVERSE_WEIGHT_ONE,
  LEARNING_RATE,
  LIMIT,
  RATE as RATE_TABLE,
  SQUASH as SQUASH_TABLE,
  STRETCH_HALF as STRETCH_HALF_TABLE,
} from './cm-tables.ts'
import type { BinaryDecoder } from './binary-coder.ts'
import {
  NEXT_STATE as NEXT_STATE_TABLE,
  STATE_COUNT,
  STATE_MAP_LIMIT,
  STATE_MAP_ONE,
  STATE_MAP_RATE as STATE_MAP_RATE_TABLE,
} from './bit-history.ts'
import type { BitSink, ByteContext, ModelTables } from './modelled-byte-inputs.ts'

/** the per-bit loop's tables as this module's own constants (an imported binding is read through its module cell on every use) */
const RATE = RATE_TABLE
const SQUASH = SQUASH_TABLE
const NEXT_STATE = NEXT_STATE_TABLE
const STATE_MAP_RATE = STATE_MAP_RATE_TABLE
/** each order's state map starts STATE_COUNT entries after the previous one's */
const M2 = STATE_COUNT
const M3 = 2 * STATE_COUNT
const M4 = 3 * STATE_COUNT
const M5 = 4 * STATE_COUNT
const M6 = 5 * STATE_COUNT
const M7 = 6 * STATE_COUNT
/** order 0 and the hashed contexts */
export const ORDERS = 8
/** inputs of the bit mixer: the orders, the match model, the number model, a bias */
export const INPUTS = ORDERS + 3
/** A bit's entry in an order table: the top bits of imul(hash + imul(c0, 0x9e3779b1), 0x2c1b3c6d), split into the byte's part (imul(hash, 0x2c1b3c6d), once per byte) and the bit's (imul(c0, BIT_SALT)) */
const BIT_SALT = Math.imul(0x9e3779b1, 0x2c1b3c6d)
/** The dot products of half-stretches are scaled by 2 / WEIGHT_ONE (2^-15): the same values as stretches scaled by 2^-16. */
const HALF_INPUT_SCALE = 2 * INVERSE_WEIGHT_ONE
const STRETCH_HALF = STRETCH_HALF_TABLE
/** a mixer's weights are left as they are when its error is within this (of 4096): its inputs barely move them, and skipping saves ~15% of the time */
const MIXER_SKIP_ERROR = 64 * LEARNING_RATE
const APM_SPAN = APM_BUCKETS - 1
/** a state map step is (target - p) * rate / 65536, truncated towards 0 (the product is exact in a double; 2^-16 is exact too) */
const MAP_SCALE = 1 / 65536

/** A hashed order table's entry (12-bit probability, 4-bit count) moved towards `target` (4095 or 0), as cm-tables' adapt() does. */
function adaptTo(entry: number, target: number): number {
  const p = entry >>> 4
  const n = entry & 15
  return ((p + (((target - p) * (RATE[n] as number)) >> 16)) << 4) | (n < LIMIT ? n + 1 : n)
}

/**
 * Codes one byte's 8 modelled bits. `source` null: the bits are `byte`'s, each given to `sink` with
 * its probability (the encoder; null: learn only, as priming does); else each bit is decoded from
 * `source` and `byte` is ignored. Returns the byte. Steps per bit: (1) the 8 order inputs and the
 * match and number inputs, (2) two dot products, their average refined by the probability map,
 * (3) the bit coded, (4) every table, both weight rows and the map learn it.
 */
export function codeModelledByte(
  t: ModelTables,
  context: ByteContext,
  byte: number,
  sink: BitSink | null,
  source: BinaryDecoder | null,
): number {
  const hashes = context.hashes
  const h1 = hashes[1] as number
  const h2 = hashes[2] as number
  const h3 = hashes[3] as number
  const h4 = hashes[4] as number
  const h5 = hashes[5] as number
  const h6 = hashes[6] as number
  const h7 = hashes[7] as number
  const size = t.orderSize
  const shift = t.orderShift
  const shift1 = t.order1Shift
  const start = t.order1Size
  const order0 = t.order0
  const orders = t.orders
  const maps = t.stateMaps
  const weights = t.weights
  const weights2 = t.weights2
  const apm = t.apm
  const matchBits = t.matchBits
  const numberBits = t.numberBits
  const matchLength = context.matchLength
  const lengthBucket = matchLength === 0 ? 0 : matchLength < 16 ? 1 : matchLength < 32 ? 2 : 3
  // 0 where a model predicts nothing: no partial byte (c0 >= 1) is ever a prefix of it
  const matchByte = matchLength > 0 ? context.matchPredicted | 0x100 : 0
  const matchSlotBase = context.matchSlotBase
  const numberByte = context.numberPredicted >= 0 ? context.numberPredicted | 0x100 : 0
  const numberSlotBase = context.numberSlotBase
  // each order's first entry, once per byte (the per-bit adds then have nothing to overflow-check but the hash's part)
  const o3 = start + size
  const o4 = o3 + size
  const o5 = o4 + size
  const o6 = o5 + size
  const o7 = o6 + size
  const rowBase = lengthBucket * 8 * INPUTS
  let c0 = 1
  for (let bitPosition = 0; bitPosition < 8; bitPosition++) {
    // masks that change nothing (the values are in range) but give V8 the ranges: no overflow checks on the row's indices
    const base = (rowBase + bitPosition * INPUTS) & 0x1ff
    const c = c0 & 0xff
    const base2 = (c * INPUTS) & 0xfff
    // the top bits of imul(hash + imul(c0, A), B): imul(hash, B) is the byte's, imul(c0, A * B) the bit's
    const salt = Math.imul(c, BIT_SALT)
    const x1 = (h1 + salt) >>> shift1
    const x2 = start + ((h2 + salt) >>> shift)
    const x3 = o3 + ((h3 + salt) >>> shift)
    const x4 = o4 + ((h4 + salt) >>> shift)
    const x5 = o5 + ((h5 + salt) >>> shift)
    const x6 = o6 + ((h6 + salt) >>> shift)
    const x7 = o7 + ((h7 + salt) >>> shift)
    // each order's input: what its state map has learnt of the context's bit-history state (the top 12 bits of 22)
    const q1 = orders[x1] as number
    const q2 = orders[x2] as number
    const q3 = orders[x3] as number
    const q4 = orders[x4] as number
    const q5 = orders[x5] as number
    const q6 = orders[x6] as number
    const q7 = orders[x7] as number
    const m1 = q1
    const m2 = M2 + q2
    const m3 = M3 + q3
    const m4 = M4 + q4
    const m5 = M5 + q5
    const m6 = M6 + q6
    const m7 = M7 + q7
    // each state map entry read once, for the input and for its update (the seven are distinct: each order has its own map)
    const e1 = maps[m1] as number
    const e2 = maps[m2] as number
    const e3 = maps[m3] as number
    const e4 = maps[m4] as number
    const e5 = maps[m5] as number
    const e6 = maps[m6] as number
    const e7 = maps[m7] as number
    const p0 = order0[c] as number
    const s0 = STRETCH_HALF[p0 >>> 4] as number
    const s1 = STRETCH_HALF[e1 >>> 20] as number
    const s2 = STRETCH_HALF[e2 >>> 20] as number
    const s3 = STRETCH_HALF[e3 >>> 20] as number
    const s4 = STRETCH_HALF[e4 >>> 20] as number
    const s5 = STRETCH_HALF[e5 >>> 20] as number
    const s6 = STRETCH_HALF[e6 >>> 20] as number
    const s7 = STRETCH_HALF[e7 >>> 20] as number
    // the match and number inputs: their predicted byte's next bit while the partial byte agrees with it, else 0
    const up = 8 - bitPosition
    let matchSlot = -1
    let s8 = 0
    if (matchByte >>> up === c) {
      matchSlot = matchSlotBase + ((matchByte >>> (up - 1)) & 1)
      s8 = STRETCH_HALF[(matchBits[matchSlot] as number) >>> 4] as number
    }
    let numberSlot = -1
    let s9 = 0
    if (numberByte >>> up === c) {
      numberSlot = numberSlotBase + ((numberByte >>> (up - 1)) & 1)
      s9 = STRETCH_HALF[(numberBits[numberSlot] as number) >>> 4] as number
    }
    // each weight read once, for the dot product and for its update
    const w0 = weights[base] as number
    const w1 = weights[base + 1] as number
    const w2 = weights[base + 2] as number
    const w3 = weights[base + 3] as number
    const w4 = weights[base + 4] as number
    const w5 = weights[base + 5] as number
    const w6 = weights[base + 6] as number
    const w7 = weights[base + 7] as number
    const w8 = weights[base + 8] as number
    const w9 = weights[base + 9] as number
    const w10 = weights[base + 10] as number
    const v0 = weights2[base2] as number
    const v1 = weights2[base2 + 1] as number
    const v2 = weights2[base2 + 2] as number
    const v3 = weights2[base2 + 3] as number
    const v4 = weights2[base2 + 4] as number
    const v5 = weights2[base2 + 5] as number
    const v6 = weights2[base2 + 6] as number
    const v7 = weights2[base2 + 7] as number
    const v8 = weights2[base2 + 8] as number
    const v9 = weights2[base2 + 9] as number
    const v10 = weights2[base2 + 10] as number
    // sums of integer products in doubles: exact in any order (each under 2^43, 11 of them)
    const dot =
      s0 * w0 + s1 * w1 + s2 * w2 + s3 * w3 + s4 * w4 + s5 * w5 + s6 * w6 + s7 * w7 + s8 * w8 + s9 * w9 + 128 * w10
    const dot2 =
      s0 * v0 + s1 * v1 + s2 * v2 + s3 * v3 + s4 * v4 + s5 * v5 + s6 * v6 + s7 * v7 + s8 * v8 + s9 * v9 + 128 * v10
    // clamped to -2047..2047 (cm-tables' clampStretch, written out)
    const d1 = Math.max(-2047, Math.min(Math.floor(dot * HALF_INPUT_SCALE), 2047))
    const d2 = Math.max(-2047, Math.min(Math.floor(dot2 * HALF_INPUT_SCALE), 2047))
    const d = (d1 + d2) >> 1
    // the probability map: interpolated between the two buckets around d, learnt at the nearer one
    const position = (d + 2048) * APM_SPAN
    const weight = position & 4095
    const apmBase = c * APM_BUCKETS + (position >> 12)
    const apmIndex = apmBase + (weight >> 11)
    const refined = ((apm[apmBase] as number) * (4096 - weight) + (apm[apmBase + 1] as number) * weight) >>> 16
    const p = Math.max(1, Math.min(((SQUASH[d + 2047] as number) + 3 * refined) >> 2, 4095))
    let bit: number
    if (source === null) {
      bit = (byte >>> (7 - bitPosition)) & 1
      if (sink !== null) sink.encode(bit, p)
    } else bit = source.decode(p)
    // learn the bit: every table towards it
    const target = (bit << 12) - bit
    order0[c] = adaptTo(p0, target)
    // each state map entry towards the bit, each context's state to its next; written out (no call in the loop).
    // (q + step) * 1024 + count is under 2^32: as an int32 (q + step) << 10 | count, the same 32 bits in the Uint32Array
    const target22 = bit * STATE_MAP_ONE
    let n = e1 & 1023
    let q = e1 >>> 10
    maps[m1] =
      ((q + (((target22 - q) * (STATE_MAP_RATE[n] as number) * MAP_SCALE) | 0)) << 10) |
      (n < STATE_MAP_LIMIT ? n + 1 : n)
    n = e2 & 1023
    q = e2 >>> 10
    maps[m2] =
      ((q + (((target22 - q) * (STATE_MAP_RATE[n] as number) * MAP_SCALE) | 0)) << 10) |
      (n < STATE_MAP_LIMIT ? n + 1 : n)
    n = e3 & 1023
    q = e3 >>> 10
    maps[m3] =
      ((q + (((target22 - q) * (STATE_MAP_RATE[n] as number) * MAP_SCALE) | 0)) << 10) |
      (n < STATE_MAP_LIMIT ? n + 1 : n)
    n = e4 & 1023
    q = e4 >>> 10
    maps[m4] =
      ((q + (((target22 - q) * (STATE_MAP_RATE[n] as number) * MAP_SCALE) | 0)) << 10) |
      (n < STATE_MAP_LIMIT ? n + 1 : n)
    n = e5 & 1023
    q = e5 >>> 10
    maps[m5] =
      ((q + (((target22 - q) * (STATE_MAP_RATE[n] as number) * MAP_SCALE) | 0)) << 10) |
      (n < STATE_MAP_LIMIT ? n + 1 : n)
    n = e6 & 1023
    q = e6 >>> 10
    maps[m6] =
      ((q + (((target22 - q) * (STATE_MAP_RATE[n] as number) * MAP_SCALE) | 0)) << 10) |
      (n < STATE_MAP_LIMIT ? n + 1 : n)
    n = e7 & 1023
    q = e7 >>> 10
    maps[m7] =
      ((q + (((target22 - q) * (STATE_MAP_RATE[n] as number) * MAP_SCALE) | 0)) << 10) |
      (n < STATE_MAP_LIMIT ? n + 1 : n)
    orders[x1] = NEXT_STATE[q1 * 2 + bit] as number
    orders[x2] = NEXT_STATE[q2 * 2 + bit] as number
    orders[x3] = NEXT_STATE[q3 * 2 + bit] as number
    orders[x4] = NEXT_STATE[q4 * 2 + bit] as number
    orders[x5] = NEXT_STATE[q5 * 2 + bit] as number
    orders[x6] = NEXT_STATE[q6 * 2 + bit] as number
    orders[x7] = NEXT_STATE[q7 * 2 + bit] as number
    if (matchSlot >= 0) matchBits[matchSlot] = adaptTo(matchBits[matchSlot] as number, target)
    if (numberSlot >= 0) numberBits[numberSlot] = adaptTo(numberBits[numberSlot] as number, target)
    // the two rows' dot products and updates are written out on purpose: shared helpers (dotRow / trainRow
    // taking the inputs as arguments) measured 1.09-1.11x this encode CPU on training halves (round 12)
    const error = ((bit << 12) - (SQUASH[d1 + 2047] as number)) * LEARNING_RATE
    // the inputs are halves: s * error = (s / 2) * (2 * error), exactly
    const step = 2 * error
    if (error > MIXER_SKIP_ERROR || error < -MIXER_SKIP_ERROR) {
      weights[base] = w0 + ((s0 * step) >> 16)
      weights[base + 1] = w1 + ((s1 * step) >> 16)
      weights[base + 2] = w2 + ((s2 * step) >> 16)
      weights[base + 3] = w3 + ((s3 * step) >> 16)
      weights[base + 4] = w4 + ((s4 * step) >> 16)
      weights[base + 5] = w5 + ((s5 * step) >> 16)
      weights[base + 6] = w6 + ((s6 * step) >> 16)
      weights[base + 7] = w7 + ((s7 * step) >> 16)
      weights[base + 8] = w8 + ((s8 * step) >> 16)
      weights[base + 9] = w9 + ((s9 * step) >> 16)
      weights[base + 10] = w10 + ((128 * step) >> 16)
    }
    const error2 = ((bit << 12) - (SQUASH[d2 + 2047] as number)) * LEARNING_RATE
    const step2 = 2 * error2
    if (error2 > MIXER_SKIP_ERROR || error2 < -MIXER_SKIP_ERROR) {
      weights2[base2] = v0 + ((s0 * step2) >> 16)
      weights2[base2 + 1] = v1 + ((s1 * step2) >> 16)
      weights2[base2 + 2] = v2 + ((s2 * step2) >> 16)
      weights2[base2 + 3] = v3 + ((s3 * step2) >> 16)
      weights2[base2 + 4] = v4 + ((s4 * step2) >> 16)
      weights2[base2 + 5] = v5 + ((s5 * step2) >> 16)
      weights2[base2 + 6] = v6 + ((s6 * step2) >> 16)
      weights2[base2 + 7] = v7 + ((s7 * step2) >> 16)
      weights2[base2 + 8] = v8 + ((s8 * step2) >> 16)
      weights2[base2 + 9] = v9 + ((s9 * step2) >> 16)
      weights2[base2 + 10] = v10 + ((128 * step2) >> 16)
    }
    const apmEntry = apm[apmIndex] as number
    apm[apmIndex] = apmEntry + (((bit << 16) + (bit << APM_RATE) - bit - bit - apmEntry) >> APM_RATE)
    c0 = (c << 1) | bit
  }
  return c0 & 0xff
}
