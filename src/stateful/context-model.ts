/**
 * A per-connection context-mixing model (the `cm` stream of the stateful hybrid): it predicts each
 * bit of a message from the connection's history and the shared dictionary, and binary-coder.ts
 * codes the bit with that prediction. Both ends run the same model on the same bytes, so the
 * receiver's model stays in the sender's state from the frames alone.
 *
 * Inputs, mixed in the logistic domain by weights learnt online (one weight set per match-length
 * bucket and bit position, one per partial byte):
 * - order 0 and hashed tables of adaptive bit probabilities keyed by the last 1-4 and 6 bytes, the
 *   JSON column (the current key, the byte at the same offset in that key's previous value, the last
 *   byte; since round 11, in place of the key with the last two bytes) and the current and previous
 *   word (text-structure.ts);
 * - the match model (match-model.ts): the longest recent match in this connection's history or in
 *   the shared dictionary predicts the byte that followed it;
 * - the number model (number-model.ts): the digits of a run's last value plus its last difference.
 * Before each byte, an end-of-message flag is coded (end-model.ts), so a frame needs no length; where
 * the match is long, a byte is first coded as "the expected byte or not" (match-model.ts).
 *
 * Speed of the per-bit loop: each context's hash is multiplied once per
 * byte, so a bit's table entry is one add and one shift per context; a mixer's weights are not
 * updated when its error is small (MIXER_SKIP_ERROR); state is int32 in typed arrays; squash and
 * stretch are table lookups. (Measured and rejected on training halves: lpaq's 16-entry blocks per
 * nibble, 4-5% more bytes and no faster here; dropping an order, no faster.)
 *
 * Integers only (tables, fixed-point weights; the mixer's dot products are exact in doubles): both
 * ends compute the same probabilities on any engine. Memory per end is its typed arrays (see
 * modelStateBytes); the dictionary and its index are shared, read-only, by every connection.
 */
import {
  adapt,
  clampProbability,
  clampStretch,
  HALF,
  hashBytes,
  INVERSE_WEIGHT_ONE,
  LEARNING_RATE,
  LIMIT,
  PROBABILITY_MAP_BYTES,
  ProbabilityMap,
  RATE as RATE_TABLE,
  SQUASH as SQUASH_TABLE,
  STRETCH as STRETCH_TABLE,
  WEIGHT_ONE,
} from './cm-tables.ts'
import type { BinaryDecoder } from './binary-coder.ts'
import { END_MODEL_BYTES, EndModel, SEPARATOR } from './end-model.ts'
import { MatchModel, matchModelBytes, type SharedDictionary } from './match-model.ts'
import { NUMBER_MODEL_BYTES, NumberModel } from './number-model.ts'
import { TEXT_STRUCTURE_BYTES, TextStructure } from './text-structure.ts'

/** the per-bit loop's tables as this module's own constants (an imported binding is read through its module cell on every use) */
const RATE = RATE_TABLE
const SQUASH = SQUASH_TABLE
/** order 0 and the hashed contexts */
const ORDERS = 8
/** inputs of the bit mixer: the orders, the match model, the number model, a bias */
const INPUTS = ORDERS + 3
/** A bit's entry in an order table: the top bits of imul(hash + imul(c0, 0x9e3779b1), 0x2c1b3c6d), split into the byte's part (imul(hash, 0x2c1b3c6d), once per byte) and the bit's (imul(c0, BIT_SALT)) */
const BIT_SALT = Math.imul(0x9e3779b1, 0x2c1b3c6d)
/**
 * The mixer's inputs are half the stretched probabilities (x 0.5, a double) and the dot products are
 * scaled by 2 / WEIGHT_ONE (2^-15) instead of 1 / WEIGHT_ONE: the same values exactly (powers of two),
 * but a product of an input and a weight is never an int32 to V8, so it is never the -0 (an input 0
 * times a negative weight) that made the optimised codeByte deoptimise ("minus zero"), one product
 * at a time, well into a connection (round 12).
 */
const HALF_INPUT_SCALE = 2 * INVERSE_WEIGHT_ONE
/** STRETCH / 2 as doubles (shared by every model: 32 KiB once), so an order's input is one load */
const STRETCH_HALF = Float64Array.from(STRETCH_TABLE, (s) => s / 2)
/** a mixer's weights are left as they are when its error is within this (of 4096): its inputs barely move them, and skipping saves ~15% of the time */
const MIXER_SKIP_ERROR = 64 * LEARNING_RATE

/** Where codeByte sends each bit with its P(1) * 4096 (the arithmetic encoder; a bench may count costs instead). */
export interface BitSink {
  encode(bit: number, p1: number): void
}

/** A hashed order table's entry (12-bit probability, 4-bit count) moved towards `target` (4095 or 0), as adapt() does. */
function adaptTo(entry: number, target: number): number {
  const p = entry >>> 4
  const n = entry & 15
  return ((p + (((target - p) * (RATE[n] as number)) >> 16)) << 4) | (n < LIMIT ? n + 1 : n)
}

/** Byte-level state, one int32 each. */
const LAST4 = 0
const LAST8 = 1
const MESSAGE_START = 2
/** 1 once the current byte's context hashes are computed (they are only needed when a byte's bits are modelled) */
const HASHES_READY = 3
const STATE_FIELDS = 4

/** Table sizes (log2) of one end of a connection. */
export interface ContextModelSizes {
  /** the connection's own history ring */
  historyLog: number
  /** the connection's match index */
  matchHashLog: number
  /** each hashed order table (orders 1-6) */
  orderLog: number
  /** the number model as a mixer input (default true; false: measured in docs/stateful.md, round 9, not a config key) */
  numberModel?: boolean
}

export const DEFAULT_MODEL_SIZES: ContextModelSizes = { historyLog: 15, matchHashLog: 12, orderLog: 12 }

/** Bytes of one end's state (typed arrays only; the shared dictionary is not in it). */
export function modelStateBytes(sizes: ContextModelSizes): number {
  return (
    matchModelBytes(sizes.historyLog, sizes.matchHashLog) +
    2 * (256 + (ORDERS - 1) * 2 ** sizes.orderLog) +
    4 * INPUTS * (32 + 256) +
    PROBABILITY_MAP_BYTES +
    END_MODEL_BYTES +
    NUMBER_MODEL_BYTES +
    TEXT_STRUCTURE_BYTES +
    // the small per-byte state: context hashes, position fields (since round 12 a bit's table indices and mixer inputs are locals)
    4 * (ORDERS + STATE_FIELDS)
  )
}

/** One end's model of a connection. Copy a primed model with `clone()` to open a connection quickly. */
export class ContextModel {
  private readonly match: MatchModel
  private readonly end: EndModel
  private readonly text: TextStructure
  private readonly order0: Uint16Array
  /** the hashed order tables end to end, 2^orderLog entries each */
  private readonly orders: Uint16Array
  private readonly weights: Int32Array
  private readonly weights2: Int32Array
  private readonly apm: ProbabilityMap
  private readonly numbers: NumberModel
  private readonly numbersOn: boolean
  private readonly orderShift: number
  /** byte-level state: the last bytes, where the message started (see LAST4...) */
  private readonly at: Int32Array
  /** each context's hash for the current byte */
  private readonly contextHashes = new Int32Array(ORDERS)
  /** entries of each hashed order table (order i's starts at (i - 1) * orderSize in `orders`) */
  private readonly orderSize: number

  constructor(
    readonly sizes: ContextModelSizes,
    private readonly dictionary: SharedDictionary | null,
    from?: ContextModel,
  ) {
    this.orderShift = 32 - sizes.orderLog
    this.numbersOn = sizes.numberModel !== false
    this.orderSize = 2 ** sizes.orderLog
    this.match = new MatchModel(sizes.historyLog, sizes.matchHashLog, dictionary, from?.match)
    this.end = new EndModel(from?.end)
    this.text = new TextStructure(2 ** sizes.historyLog, from?.text)
    this.apm = new ProbabilityMap(from?.apm)
    if (from !== undefined) {
      this.order0 = from.order0.slice()
      this.orders = from.orders.slice()
      this.weights = from.weights.slice()
      this.weights2 = from.weights2.slice()
      this.numbers = new NumberModel(from.numbers)
      this.at = from.at.slice()
      this.contextHashes.set(from.contextHashes)
      return
    }
    this.order0 = new Uint16Array(256).fill(HALF)
    this.orders = new Uint16Array((ORDERS - 1) * 2 ** sizes.orderLog).fill(HALF)
    this.weights = new Int32Array(INPUTS * 32).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.weights2 = new Int32Array(INPUTS * 256).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.numbers = new NumberModel()
    this.at = new Int32Array(STATE_FIELDS)
  }

  /** A copy of this model (a primed model's state for a new connection). */
  clone(): ContextModel {
    return new ContextModel(this.sizes, this.dictionary, this)
  }

  /** P(the message ends here) * 4096: call before each byte and once after the last. */
  predictEnd(): number {
    const match = this.match
    const offset = match.position() - (this.at[MESSAGE_START] as number)
    return this.end.predict(match.predicted(), match.length(), this.at[LAST4] as number, offset)
  }

  /** Learns whether the message ended (after predictEnd). */
  updateEnd(ended: number): void {
    this.end.update(ended)
  }

  /**
   * The byte the match model expects next when its match is long enough, or -1. Where it is not -1,
   * a byte is first coded as "the expected byte or not" (predictHit / updateHit); an expected byte
   * then goes into the history with appendExpected, without its 8 bits.
   */
  expectedByte(): number {
    return this.match.expectedByte()
  }

  /** P(the next byte is expectedByte()) * 4096. */
  predictHit(): number {
    return this.match.predictHit(this.at[LAST4] as number)
  }

  /** Learns whether the byte was the expected one (after predictHit). */
  updateHit(hit: number): void {
    this.match.updateHit(hit)
  }

  /** Appends the expected byte (after updateHit(1)): no bits are coded or learnt. */
  appendExpected(): void {
    this.append(this.match.predicted())
  }

  /**
   * Codes one byte's 8 modelled bits and appends the byte: each bit predicted, coded and learnt in one
   * pass (round 12: the 8 order inputs and their table entries are locals for the whole byte instead
   * of typed-array round trips between a predict and an update call; the same arithmetic in the
   * same order, so the same probabilities bit for bit). `source` null: the bits are `byte`'s, each
   * given to `sink` with its probability (the encoder; null: learn only, as priming does); else each
   * bit is decoded from `source` and `byte` is ignored. Returns the byte.
   */
  codeByte(byte: number, sink: BitSink | null, source: BinaryDecoder | null): number {
    if (this.at[HASHES_READY] === 0) this.hashContexts()
    const hashes = this.contextHashes
    const h1 = hashes[1] as number
    const h2 = hashes[2] as number
    const h3 = hashes[3] as number
    const h4 = hashes[4] as number
    const h5 = hashes[5] as number
    const h6 = hashes[6] as number
    const h7 = hashes[7] as number
    // order i's table starts at (i - 1) * 2^orderLog
    const size = this.orderSize
    const shift = this.orderShift
    const order0 = this.order0
    const orders = this.orders
    const weights = this.weights
    const weights2 = this.weights2
    const match = this.match
    const numbers = this.numbers
    const numbersOn = this.numbersOn
    const apm = this.apm
    const matchLength = match.length()
    const lengthBucket = matchLength === 0 ? 0 : matchLength < 16 ? 1 : matchLength < 32 ? 2 : 3
    const matchPredicted = matchLength > 0 ? match.predicted() : -1
    let c0 = 1
    for (let bitPosition = 0; bitPosition < 8; bitPosition++) {
      const base = (lengthBucket * 8 + bitPosition) * INPUTS
      const base2 = c0 * INPUTS
      // the top bits of imul(hash + imul(c0, A), B): imul(hash, B) is the byte's, imul(c0, A * B) the bit's
      const salt = Math.imul(c0, BIT_SALT)
      const x1 = (h1 + salt) >>> shift
      const x2 = size + ((h2 + salt) >>> shift)
      const x3 = 2 * size + ((h3 + salt) >>> shift)
      const x4 = 3 * size + ((h4 + salt) >>> shift)
      const x5 = 4 * size + ((h5 + salt) >>> shift)
      const x6 = 5 * size + ((h6 + salt) >>> shift)
      const x7 = 6 * size + ((h7 + salt) >>> shift)
      const s0 = STRETCH_HALF[(order0[c0] as number) >>> 4] as number
      const s1 = STRETCH_HALF[(orders[x1] as number) >>> 4] as number
      const s2 = STRETCH_HALF[(orders[x2] as number) >>> 4] as number
      const s3 = STRETCH_HALF[(orders[x3] as number) >>> 4] as number
      const s4 = STRETCH_HALF[(orders[x4] as number) >>> 4] as number
      const s5 = STRETCH_HALF[(orders[x5] as number) >>> 4] as number
      const s6 = STRETCH_HALF[(orders[x6] as number) >>> 4] as number
      const s7 = STRETCH_HALF[(orders[x7] as number) >>> 4] as number
      const s8 = match.bitInput(c0, bitPosition) * 0.5
      const s9 = numbersOn ? numbers.bitInput(c0, bitPosition, matchPredicted) * 0.5 : 0
      // sums of integer products in doubles: exact in any order (each under 2^43, 11 of them)
      const dot =
        s0 * (weights[base] as number) +
        s1 * (weights[base + 1] as number) +
        s2 * (weights[base + 2] as number) +
        s3 * (weights[base + 3] as number) +
        s4 * (weights[base + 4] as number) +
        s5 * (weights[base + 5] as number) +
        s6 * (weights[base + 6] as number) +
        s7 * (weights[base + 7] as number) +
        s8 * (weights[base + 8] as number) +
        s9 * (weights[base + 9] as number) +
        128 * (weights[base + 10] as number)
      const dot2 =
        s0 * (weights2[base2] as number) +
        s1 * (weights2[base2 + 1] as number) +
        s2 * (weights2[base2 + 2] as number) +
        s3 * (weights2[base2 + 3] as number) +
        s4 * (weights2[base2 + 4] as number) +
        s5 * (weights2[base2 + 5] as number) +
        s6 * (weights2[base2 + 6] as number) +
        s7 * (weights2[base2 + 7] as number) +
        s8 * (weights2[base2 + 8] as number) +
        s9 * (weights2[base2 + 9] as number) +
        128 * (weights2[base2 + 10] as number)
      const d1 = clampStretch(Math.floor(dot * HALF_INPUT_SCALE))
      const d2 = clampStretch(Math.floor(dot2 * HALF_INPUT_SCALE))
      const d = (d1 + d2) >> 1
      const p = clampProbability(((SQUASH[d + 2047] as number) + 3 * apm.refine(d, c0)) >> 2)
      let bit: number
      if (source === null) {
        bit = (byte >>> (7 - bitPosition)) & 1
        if (sink !== null) sink.encode(bit, p)
      } else bit = source.decode(p)
      // learn the bit
      order0[c0] = adapt(order0[c0] as number, bit)
      const target = (bit << 12) - bit
      orders[x1] = adaptTo(orders[x1] as number, target)
      orders[x2] = adaptTo(orders[x2] as number, target)
      orders[x3] = adaptTo(orders[x3] as number, target)
      orders[x4] = adaptTo(orders[x4] as number, target)
      orders[x5] = adaptTo(orders[x5] as number, target)
      orders[x6] = adaptTo(orders[x6] as number, target)
      orders[x7] = adaptTo(orders[x7] as number, target)
      match.updateBit(bit)
      if (numbersOn) numbers.updateBit(bit)
      // the two rows' dot products and updates are written out on purpose: shared helpers (dotRow / trainRow
      // taking the inputs as arguments) measured 1.09-1.11x this encode CPU on training halves (round 12)
      const error = ((bit << 12) - (SQUASH[d1 + 2047] as number)) * LEARNING_RATE
      // the inputs are halves: s * error = (s / 2) * (2 * error), exactly
      const step = 2 * error
      if (error > MIXER_SKIP_ERROR || error < -MIXER_SKIP_ERROR) {
        weights[base] = (weights[base] as number) + ((s0 * step) >> 16)
        weights[base + 1] = (weights[base + 1] as number) + ((s1 * step) >> 16)
        weights[base + 2] = (weights[base + 2] as number) + ((s2 * step) >> 16)
        weights[base + 3] = (weights[base + 3] as number) + ((s3 * step) >> 16)
        weights[base + 4] = (weights[base + 4] as number) + ((s4 * step) >> 16)
        weights[base + 5] = (weights[base + 5] as number) + ((s5 * step) >> 16)
        weights[base + 6] = (weights[base + 6] as number) + ((s6 * step) >> 16)
        weights[base + 7] = (weights[base + 7] as number) + ((s7 * step) >> 16)
        weights[base + 8] = (weights[base + 8] as number) + ((s8 * step) >> 16)
        weights[base + 9] = (weights[base + 9] as number) + ((s9 * step) >> 16)
        weights[base + 10] = (weights[base + 10] as number) + ((128 * step) >> 16)
      }
      const error2 = ((bit << 12) - (SQUASH[d2 + 2047] as number)) * LEARNING_RATE
      const step2 = 2 * error2
      if (error2 > MIXER_SKIP_ERROR || error2 < -MIXER_SKIP_ERROR) {
        weights2[base2] = (weights2[base2] as number) + ((s0 * step2) >> 16)
        weights2[base2 + 1] = (weights2[base2 + 1] as number) + ((s1 * step2) >> 16)
        weights2[base2 + 2] = (weights2[base2 + 2] as number) + ((s2 * step2) >> 16)
        weights2[base2 + 3] = (weights2[base2 + 3] as number) + ((s3 * step2) >> 16)
        weights2[base2 + 4] = (weights2[base2 + 4] as number) + ((s4 * step2) >> 16)
        weights2[base2 + 5] = (weights2[base2 + 5] as number) + ((s5 * step2) >> 16)
        weights2[base2 + 6] = (weights2[base2 + 6] as number) + ((s6 * step2) >> 16)
        weights2[base2 + 7] = (weights2[base2 + 7] as number) + ((s7 * step2) >> 16)
        weights2[base2 + 8] = (weights2[base2 + 8] as number) + ((s8 * step2) >> 16)
        weights2[base2 + 9] = (weights2[base2 + 9] as number) + ((s9 * step2) >> 16)
        weights2[base2 + 10] = (weights2[base2 + 10] as number) + ((128 * step2) >> 16)
      }
      apm.update(bit)
      c0 = (c0 << 1) | bit
    }
    const coded = c0 & 0xff
    this.append(coded)
    return coded
  }

  /** Ends a message: the separator goes into the history (uncoded) and the next message starts. */
  endMessage(): void {
    this.append(SEPARATOR)
    this.at[MESSAGE_START] = this.match.position()
  }

  /**
   * Primes the model with the shared dictionary's last 2^(historyLog + 1) bytes (twice what the
   * history ring holds, so the ring ends full; all of a dictionary up to that size). The match model
   * searches the whole dictionary through its shared index, so a larger dictionary reaches further
   * without running the model over it: chosen on the training halves (docs/stateful.md, "Round 10").
   */
  prime(): void {
    const bytes = this.dictionary?.bytes
    if (bytes === undefined || bytes.length === 0) return
    const keep = 2 ** (this.sizes.historyLog + 1)
    this.learn(bytes.length > keep ? bytes.subarray(bytes.length - keep) : bytes)
  }

  /** Learns `bytes` as history without coding them (priming with the dictionary). */
  learn(bytes: Uint8Array): void {
    for (const byte of bytes) this.codeByte(byte, null, null)
    this.endMessage()
  }

  private append(byte: number): void {
    const at = this.at
    this.match.append(byte)
    const last4 = at[LAST4] as number
    at[LAST8] = ((at[LAST8] as number) << 8) | (last4 >>> 24)
    this.text.append(byte, this.match.position())
    at[LAST4] = (last4 << 8) | byte
    if (this.numbersOn) this.numbers.append(byte, this.text.keyHash(), at[LAST4] as number, byte === SEPARATOR)
    at[HASHES_READY] = 0
  }

  /** The current byte's context hashes, on the first bit it models (an expected byte never needs them). */
  private hashContexts(): void {
    const at = this.at
    at[HASHES_READY] = 1
    const c4 = at[LAST4] as number
    const text = this.text
    const hashes = this.contextHashes
    hashes[1] = hashBytes(c4 & 0xff, 1)
    hashes[2] = hashBytes(c4 & 0xffff, 2)
    hashes[3] = hashBytes(c4 & 0xffffff, 3)
    hashes[4] = hashBytes(c4, 4)
    hashes[5] = hashBytes(hashBytes(c4, (at[LAST8] as number) & 0xffff), 6)
    // the JSON column (round 11): the key, the byte at the same offset in the key's previous value (0x100: none) with
    // whether the last byte was its column's byte too (0x200: the value so far follows the previous one), and the last byte
    const position = this.match.position()
    const column = text.columnOf(position)
    let columnByte = 0x100
    if (column >= 0) {
      columnByte = this.match.historyByte(column)
      if (
        column > 0 &&
        text.columnOf(position - 1) === column - 1 &&
        this.match.historyByte(column - 1) === (c4 & 0xff)
      )
        columnByte |= 0x200
    }
    hashes[6] = hashBytes(hashBytes(hashBytes(text.keyHash(), columnByte), c4 & 0xff), 7)
    hashes[7] = hashBytes(hashBytes(text.word(), text.previousWord()), 8)
    for (let i = 1; i < ORDERS; i++) hashes[i] = Math.imul(hashes[i] as number, 0x2c1b3c6d)
  }
}
