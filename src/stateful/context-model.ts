/**
 * A per-connection context-mixing model (the `cm` stream of the stateful hybrid): it predicts each
 * bit of a message from the connection's history and the shared dictionary, and binary-coder.ts
 * codes the bit with that prediction. Both ends run the same model on the same bytes, so the
 * receiver's model stays in the sender's state from the frames alone.
 *
 * Inputs, mixed in the logistic domain by weights learnt online (one weight set per match-length
 * bucket and bit position, one per partial byte):
 * - order 0 and hashed tables of adaptive bit probabilities keyed by the last 1-4 and 6 bytes, the
 *   current JSON key and the current and previous word;
 * - a match model: the longest recent match of the last MIN_MATCH bytes, in this connection's
 *   history or in the shared dictionary, predicts the byte that followed it.
 * Before each byte, an end-of-message flag is coded (it is nearly free where the match model saw a
 * message end), so a frame needs no length.
 *
 * Expected bytes: where the match model has matched at least HIT_MIN_LENGTH bytes, a byte is first
 * coded as one event, "the byte the match predicts, or not" (by match length and the last byte); an
 * expected byte then costs that one event instead of 8 modelled bits. On redundant connections most
 * bytes are expected, so this is the largest saving in time (2-3x CPU on the training halves).
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
import { squash, stretch } from './logistic.ts'
import { hashBytes, NUMBER_MODEL_BYTES, NumberModel } from './number-model.ts'

/** Bytes hashed to find a match (4 since round 10, chosen on the training halves; 5 before: docs/stateful.md). */
export const MIN_MATCH = 4
/** The byte that separates messages in the history (never coded; it gives contexts a message start). */
const SEPARATOR = 0x0a
/** Bytes compared backwards to measure a candidate match. */
const MAX_VERIFY = 48
/** order 0 and the hashed contexts */
const ORDERS = 8
/** inputs of the bit mixer: the orders, the match model, the number model, a bias */
const INPUTS = ORDERS + 3
/** the mixer input of the number model */
const NUMBER_INPUT = ORDERS + 1
/** the number model's confidence table: by its confidence (0-15), whether the match model agrees, the predicted bit */
const NUMBER_TABLE_SIZE = 16 * 2 * 2
/** inputs of the end-of-message mixer */
const EOM_INPUTS = 4
const WEIGHT_ONE = 65536
const INVERSE_WEIGHT_ONE = 1 / WEIGHT_ONE
const LEARNING_RATE = 14
const APM_RATE = 7
/** the final probability map's buckets per partial byte, over the stretched domain (17 since round 10, 33 before: the same bytes to 0.1% on the training halves, 16 KiB less per connection) */
const APM_BUCKETS = 17
/** the match length from which a byte is first coded as "expected or not" (chosen on training halves: 8) */
const HIT_MIN_LENGTH = 8
const HIT_TABLE_SIZE = 64 * 64
/** A bit's entry in an order table: the top bits of imul(hash + imul(c0, 0x9e3779b1), 0x2c1b3c6d), split into the byte's part (imul(hash, 0x2c1b3c6d), once per byte) and the bit's (imul(c0, BIT_SALT)) */
const BIT_SALT = Math.imul(0x9e3779b1, 0x2c1b3c6d)
/** a mixer's weights are left as they are when its error is within this (of 4096): its inputs barely move them, and skipping saves ~15% of the time */
const MIXER_SKIP_ERROR = 64 * LEARNING_RATE

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

/** The shared, read-only part: the dictionary and its match index (built once per dictionary). */
export interface SharedDictionary {
  bytes: Uint8Array
  index: Int32Array
  indexLog: number
}

/** Bytes of one end's state (typed arrays only; the shared dictionary is not in it). */
export function modelStateBytes(sizes: ContextModelSizes): number {
  return (
    2 ** sizes.historyLog +
    2 * 2 ** sizes.matchHashLog +
    2 * (256 + (ORDERS - 1) * 2 ** sizes.orderLog) +
    4 * INPUTS * (32 + 256) +
    2 * 256 * APM_BUCKETS +
    2 * (1024 + 64 + 1024) +
    4 * EOM_INPUTS * 2 +
    2 * 64 +
    2 * HIT_TABLE_SIZE +
    2 * NUMBER_TABLE_SIZE +
    NUMBER_MODEL_BYTES +
    // the small per-byte state: context hashes, table starts, indices, mixer inputs, end-of-message indices, position fields
    4 * (3 * ORDERS + INPUTS + 3 + STATE_FIELDS)
  )
}

/** Adaptation rate of a table entry by its count (the low 4 bits), and the count where it stops growing. */
const RATE = Int32Array.from({ length: 16 }, (_, n) => Math.floor(65536 / (n + 1.5)))
const LIMIT = 10

/** squash(d) for d = -2047..2047 at index d + 2047, and stretch(p) for p = 0..4095: the per-bit loop's two functions as loads. */
const SQUASH = Int16Array.from({ length: 4095 }, (_, i) => squash(i - 2047))
const STRETCH = Int16Array.from({ length: 4096 }, (_, p) => stretch(p))

/**
 * The size (log2) of a dictionary's match index: one entry per 4 dictionary bytes rounded up to a power of two, at least 2^16 (every
 * dictionary up to 256 KiB, as before round 10) and at most 2^22. Shared, like the dictionary: a 1 MiB
 * dictionary's index is 2^18 int32 entries, 1 MiB, once per dictionary whatever the connections.
 */
export function dictionaryIndexLog(dictionaryBytes: number): number {
  const entries = Math.max(1, Math.ceil(dictionaryBytes / 4))
  return Math.min(22, Math.max(16, Math.ceil(Math.log2(entries))))
}

/** Bytes of a shared dictionary with its match index (not per connection). */
export function sharedDictionaryBytes(dictionaryBytes: number): number {
  return dictionaryBytes + 4 * 2 ** dictionaryIndexLog(dictionaryBytes)
}

/** Builds the shared dictionary's match index (positions after every MIN_MATCH bytes; the latest wins). */
export function createSharedDictionary(
  bytes: Uint8Array,
  indexLog = dictionaryIndexLog(bytes.length),
): SharedDictionary {
  const index = new Int32Array(2 ** indexLog).fill(-1)
  const shift = 32 - indexLog
  for (let end = MIN_MATCH; end <= bytes.length; end++) {
    let h = 0
    for (let k = end - MIN_MATCH; k < end; k++) h = hashBytes(h, bytes[k] as number)
    index[h >>> shift] = end
  }
  return { bytes, index, indexLog }
}

/** Byte-level state, one int32 each (copied whole when a primed model opens a connection). */
const POSITION = 0
const LAST4 = 1
const LAST8 = 2
const IN_STRING = 3
const STRING_HASH = 4
const LAST_STRING = 5
const KEY_HASH = 6
const WORD = 7
const PREVIOUS_WORD = 8
const MATCH_POINTER = 9
const MATCH_LENGTH = 10
const MATCH_IN_DICTIONARY = 11
/** the byte the match model expects next, or -1 */
const PREDICTED = 12
const MESSAGE_START = 13
/** 1 once the current byte's context hashes are computed (they are only needed when a byte's bits are modelled) */
const HASHES_READY = 14
const STATE_FIELDS = 15

/** One end's model of a connection. Copy a primed model with `clone()` to open a connection quickly. */
export class ContextModel {
  private readonly history: Uint8Array
  private readonly matchIndex: Uint16Array
  private readonly order0: Uint16Array
  /** the hashed order tables end to end, 2^orderLog entries each */
  private readonly orders: Uint16Array
  private readonly weights: Int32Array
  private readonly weights2: Int32Array
  private readonly apm: Uint16Array
  private readonly eomTables: Uint16Array
  private readonly eomWeights: Int32Array
  private readonly matchTable: Uint16Array
  /** P(the next byte is the one the match model expects), by match length and the last byte */
  private readonly hitTable: Uint16Array
  private hitIndex = 0
  private readonly numbers: NumberModel
  private readonly numbersOn: boolean
  private readonly numberTable: Uint16Array
  private numberIndexSlot = -1
  private readonly historyMask: number
  private readonly orderShift: number
  private readonly matchShift: number
  /** byte-level state: where the connection is, its last bytes, text structure and the current match (see POSITION...) */
  private readonly at: Int32Array
  /** each context's hash for the current byte */
  private readonly contextHashes = new Int32Array(ORDERS)
  /** where each context's table starts in `orders` */
  private readonly tableStarts: Int32Array
  // bit-level state
  private partial = 1
  private readonly indices = new Int32Array(ORDERS)
  private readonly inputs = new Int32Array(INPUTS)
  private weightBase = 0
  private weightBase2 = 0
  private mixed2 = 2048
  private apmIndex = 0
  private mixed = 2048
  private matchIndexSlot = -1
  private readonly eomIndices = new Int32Array(3)
  private eomBase = 0

  constructor(
    readonly sizes: ContextModelSizes,
    private readonly dictionary: SharedDictionary | null,
    from?: ContextModel,
  ) {
    this.historyMask = 2 ** sizes.historyLog - 1
    this.orderShift = 32 - sizes.orderLog
    this.matchShift = 32 - sizes.matchHashLog
    this.numbersOn = sizes.numberModel !== false
    this.tableStarts = Int32Array.from({ length: ORDERS }, (_, i) => Math.max(0, i - 1) * 2 ** sizes.orderLog)
    if (from !== undefined) {
      this.history = from.history.slice()
      this.matchIndex = from.matchIndex.slice()
      this.order0 = from.order0.slice()
      this.orders = from.orders.slice()
      this.weights = from.weights.slice()
      this.weights2 = from.weights2.slice()
      this.apm = from.apm.slice()
      this.eomTables = from.eomTables.slice()
      this.eomWeights = from.eomWeights.slice()
      this.matchTable = from.matchTable.slice()
      this.hitTable = from.hitTable.slice()
      this.numbers = new NumberModel(from.numbers)
      this.numberTable = from.numberTable.slice()
      this.at = from.at.slice()
      this.contextHashes.set(from.contextHashes)
      return
    }
    this.history = new Uint8Array(2 ** sizes.historyLog)
    this.matchIndex = new Uint16Array(2 ** sizes.matchHashLog)
    this.order0 = new Uint16Array(256).fill(2048 << 4)
    this.orders = new Uint16Array((ORDERS - 1) * 2 ** sizes.orderLog).fill(2048 << 4)
    this.weights = new Int32Array(INPUTS * 32).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.weights2 = new Int32Array(INPUTS * 256).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.apm = Uint16Array.from(
      { length: 256 * APM_BUCKETS },
      (_, i) => squash(((i % APM_BUCKETS) - (APM_BUCKETS >> 1)) * (4096 / (APM_BUCKETS - 1))) * 16,
    )
    this.eomTables = new Uint16Array(1024 + 64 + 1024).fill(2048 << 4)
    this.eomWeights = new Int32Array(EOM_INPUTS * 2).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.matchTable = new Uint16Array(64).fill(2048 << 4)
    this.hitTable = new Uint16Array(HIT_TABLE_SIZE).fill(2048 << 4)
    this.numbers = new NumberModel()
    this.numberTable = new Uint16Array(NUMBER_TABLE_SIZE).fill(2048 << 4)
    this.at = new Int32Array(STATE_FIELDS)
    this.startByte()
  }

  /** A copy of this model (a primed model's state for a new connection). */
  clone(): ContextModel {
    return new ContextModel(this.sizes, this.dictionary, this)
  }

  /** P(the message ends here) * 4096: call before each byte and once after the last. */
  predictEnd(): number {
    const at = this.at
    const predicted = at[PREDICTED] as number
    const matchLength = at[MATCH_LENGTH] as number
    const last4 = at[LAST4] as number
    const lengthBucket = matchLength === 0 ? 0 : Math.min(15, 32 - Math.clz32(matchLength))
    const indices = this.eomIndices
    indices[0] = hashBytes(last4 & 0xffff, 0x51) >>> 22
    indices[1] = 1024 + lengthBucket * 4 + (predicted === SEPARATOR ? 1 : 0) + (predicted < 0 ? 2 : 0)
    indices[2] =
      1088 + (hashBytes(Math.min((at[POSITION] as number) - (at[MESSAGE_START] as number), 4095), last4 & 0xff) >>> 22)
    this.eomBase = predicted === SEPARATOR ? EOM_INPUTS : 0
    let dot = 256 * (this.eomWeights[this.eomBase + 3] as number)
    for (let i = 0; i < 3; i++) {
      const s = STRETCH[(this.eomTables[indices[i] as number] as number) >>> 4] as number
      this.inputs[i] = s
      dot += s * (this.eomWeights[this.eomBase + i] as number)
    }
    const d = Math.floor(dot * INVERSE_WEIGHT_ONE)
    this.mixed = d > 2047 ? 4095 : d < -2047 ? 1 : clampProbability(SQUASH[d + 2047] as number)
    return this.mixed
  }

  /** Learns whether the message ended (after predictEnd). */
  updateEnd(ended: number): void {
    const error = ((ended << 12) - this.mixed) * LEARNING_RATE
    for (let i = 0; i < 3; i++) {
      const slot = this.eomIndices[i] as number
      this.eomTables[slot] = adapt(this.eomTables[slot] as number, ended)
      this.eomWeights[this.eomBase + i] =
        (this.eomWeights[this.eomBase + i] as number) + (((this.inputs[i] as number) * error) >> 16)
    }
    this.eomWeights[this.eomBase + 3] = (this.eomWeights[this.eomBase + 3] as number) + ((256 * error) >> 16)
  }

  /**
   * The byte the match model expects next when its match is at least HIT_MIN_LENGTH bytes long, or
   * -1. Where it is not -1, a byte is first coded as "the expected byte or not" (predictHit /
   * updateHit); an expected byte then goes into the history with appendExpected, without its 8 bits.
   */
  expectedByte(): number {
    const at = this.at
    return (at[MATCH_LENGTH] as number) >= HIT_MIN_LENGTH ? (at[PREDICTED] as number) : -1
  }

  /** P(the next byte is expectedByte()) * 4096. */
  predictHit(): number {
    const at = this.at
    const length = at[MATCH_LENGTH] as number
    this.hitIndex = Math.min(length, 63) * 64 + (hashBytes((at[LAST4] as number) & 0xff, 0x77) >>> 26)
    return clampProbability((this.hitTable[this.hitIndex] as number) >>> 4)
  }

  /** Learns whether the byte was the expected one (after predictHit). */
  updateHit(hit: number): void {
    this.hitTable[this.hitIndex] = adapt(this.hitTable[this.hitIndex] as number, hit)
  }

  /** Appends the expected byte (after updateHit(1)): no bits are coded or learnt. */
  appendExpected(): void {
    this.append(this.at[PREDICTED] as number)
  }

  /** P(next bit = 1) * 4096. */
  predictBit(): number {
    const c0 = this.partial
    const bitPosition = 31 - Math.clz32(c0)
    const at = this.at
    const matchLength = at[MATCH_LENGTH] as number
    const lengthBucket = matchLength === 0 ? 0 : matchLength < 16 ? 1 : matchLength < 32 ? 2 : 3
    const base = (lengthBucket * 8 + bitPosition) * INPUTS
    const base2 = c0 * INPUTS
    this.weightBase = base
    this.weightBase2 = base2
    const weights = this.weights
    const weights2 = this.weights2
    const inputs = this.inputs
    const orders = this.orders
    const starts = this.tableStarts
    const indices = this.indices
    // each input goes into both dot products as it is read (sums of integers in doubles: exact in any order)
    let s = STRETCH[(this.order0[c0] as number) >>> 4] as number
    inputs[0] = s
    let dot = s * (weights[base] as number)
    let dot2 = s * (weights2[base2] as number)
    // the top bits of imul(hash + imul(c0, A), B): imul(hash, B) is the byte's, imul(c0, A * B) the bit's
    const salt = Math.imul(c0, BIT_SALT)
    const shift = this.orderShift
    if (at[HASHES_READY] === 0) this.hashContexts()
    const hashes = this.contextHashes
    for (let i = 1; i < ORDERS; i++) {
      const index = (starts[i] as number) + (((hashes[i] as number) + salt) >>> shift)
      indices[i] = index
      s = STRETCH[(orders[index] as number) >>> 4] as number
      inputs[i] = s
      dot += s * (weights[base + i] as number)
      dot2 += s * (weights2[base2 + i] as number)
    }
    this.matchIndexSlot = -1
    s = 0
    if (matchLength > 0) {
      const predicted = (at[PREDICTED] as number) | 0x100
      if (predicted >>> (8 - bitPosition) === c0) {
        const expected = (predicted >>> (7 - bitPosition)) & 1
        this.matchIndexSlot = Math.min(matchLength, 31) * 2 + expected
        s = STRETCH[(this.matchTable[this.matchIndexSlot] as number) >>> 4] as number
      }
    }
    inputs[ORDERS] = s
    dot += s * (weights[base + ORDERS] as number)
    dot2 += s * (weights2[base2 + ORDERS] as number)
    this.numberIndexSlot = -1
    s = 0
    const number = this.numbersOn ? this.numbers.predicted() : -1
    if (number >= 0) {
      const predicted = number | 0x100
      if (predicted >>> (8 - bitPosition) === c0) {
        const agrees = matchLength > 0 && number === at[PREDICTED] ? 1 : 0
        this.numberIndexSlot = (this.numbers.confidence() * 2 + agrees) * 2 + ((predicted >>> (7 - bitPosition)) & 1)
        s = STRETCH[(this.numberTable[this.numberIndexSlot] as number) >>> 4] as number
      }
    }
    inputs[NUMBER_INPUT] = s
    inputs[NUMBER_INPUT + 1] = 256
    dot += s * (weights[base + NUMBER_INPUT] as number) + 256 * (weights[base + NUMBER_INPUT + 1] as number)
    dot2 += s * (weights2[base2 + NUMBER_INPUT] as number) + 256 * (weights2[base2 + NUMBER_INPUT + 1] as number)
    const d1 = clampStretch(Math.floor(dot * INVERSE_WEIGHT_ONE))
    const d2 = clampStretch(Math.floor(dot2 * INVERSE_WEIGHT_ONE))
    this.mixed = SQUASH[d1 + 2047] as number
    this.mixed2 = SQUASH[d2 + 2047] as number
    const d = (d1 + d2) >> 1
    const p = SQUASH[d + 2047] as number
    // the final adjustment: a table by the partial byte, interpolated between the two buckets around d
    const position = (d + 2048) * (APM_BUCKETS - 1)
    const low = position >> 12
    const weight = position & 4095
    const apmBase = c0 * APM_BUCKETS + low
    this.apmIndex = apmBase + (weight >> 11)
    const refined =
      ((this.apm[apmBase] as number) * (4096 - weight) + (this.apm[apmBase + 1] as number) * weight) >>> 16
    return clampProbability((p + 3 * refined) >> 2)
  }

  /** Learns the bit (after predictBit); at the end of a byte, appends it to the history. */
  updateBit(bit: number): void {
    const c0 = this.partial
    this.order0[c0] = adapt(this.order0[c0] as number, bit)
    const orders = this.orders
    const indices = this.indices
    const target = (bit << 12) - bit
    for (let i = 1; i < ORDERS; i++) {
      const index = indices[i] as number
      const entry = orders[index] as number
      const p = entry >>> 4
      const n = entry & 15
      orders[index] = ((p + (((target - p) * (RATE[n] as number)) >> 16)) << 4) | (n < LIMIT ? n + 1 : n)
    }
    if (this.matchIndexSlot >= 0)
      this.matchTable[this.matchIndexSlot] = adapt(this.matchTable[this.matchIndexSlot] as number, bit)
    if (this.numberIndexSlot >= 0)
      this.numberTable[this.numberIndexSlot] = adapt(this.numberTable[this.numberIndexSlot] as number, bit)
    const error = ((bit << 12) - this.mixed) * LEARNING_RATE
    const error2 = ((bit << 12) - this.mixed2) * LEARNING_RATE
    const inputs = this.inputs
    const weights = this.weights
    const weights2 = this.weights2
    const base = this.weightBase
    const base2 = this.weightBase2
    if (error > MIXER_SKIP_ERROR || error < -MIXER_SKIP_ERROR)
      for (let i = 0; i < INPUTS; i++)
        weights[base + i] = (weights[base + i] as number) + (((inputs[i] as number) * error) >> 16)
    if (error2 > MIXER_SKIP_ERROR || error2 < -MIXER_SKIP_ERROR)
      for (let i = 0; i < INPUTS; i++)
        weights2[base2 + i] = (weights2[base2 + i] as number) + (((inputs[i] as number) * error2) >> 16)
    const apmTarget = (bit << 16) + (bit << APM_RATE) - bit - bit
    const entry = this.apm[this.apmIndex] as number
    this.apm[this.apmIndex] = entry + ((apmTarget - entry) >> APM_RATE)
    const next = (c0 << 1) | bit
    if (next >= 256) {
      this.partial = 1
      this.append(next & 0xff)
    } else this.partial = next
  }

  /** Ends a message: the separator goes into the history (uncoded) and the next message starts. */
  endMessage(): void {
    this.append(SEPARATOR)
    this.at[MESSAGE_START] = this.at[POSITION] as number
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
    for (const byte of bytes) {
      for (let k = 7; k >= 0; k--) {
        this.predictBit()
        this.updateBit((byte >>> k) & 1)
      }
    }
    this.endMessage()
  }

  private byteAt(pointer: number): number {
    if (this.at[MATCH_IN_DICTIONARY] === 1) return (this.dictionary as SharedDictionary).bytes[pointer] as number
    return this.history[pointer & this.historyMask] as number
  }

  private append(byte: number): void {
    const at = this.at
    if ((at[MATCH_LENGTH] as number) > 0) {
      if (this.byteAt(at[MATCH_POINTER] as number) === byte) {
        at[MATCH_LENGTH] = Math.min((at[MATCH_LENGTH] as number) + 1, 65535)
        at[MATCH_POINTER] = (at[MATCH_POINTER] as number) + 1
        if (
          at[MATCH_IN_DICTIONARY] === 1 &&
          (at[MATCH_POINTER] as number) >= (this.dictionary as SharedDictionary).bytes.length
        )
          at[MATCH_LENGTH] = 0
      } else at[MATCH_LENGTH] = 0
    }
    const position = at[POSITION] as number
    this.history[position & this.historyMask] = byte
    at[POSITION] = position + 1
    const last4 = at[LAST4] as number
    at[LAST8] = ((at[LAST8] as number) << 8) | (last4 >>> 24)
    this.structure(byte)
    at[LAST4] = (last4 << 8) | byte
    if (this.numbersOn) this.numbers.append(byte, at[KEY_HASH] as number, at[LAST4] as number, byte === SEPARATOR)
    this.startByte()
  }

  /** Tracks quoted strings, keys and words (JSON and log text) for the structure contexts. */
  private structure(byte: number): void {
    const at = this.at
    if (byte === 0x22) {
      if (at[IN_STRING] === 1) at[LAST_STRING] = at[STRING_HASH] as number
      at[IN_STRING] = at[IN_STRING] === 1 ? 0 : 1
      at[STRING_HASH] = 0
    } else if (at[IN_STRING] === 1) at[STRING_HASH] = hashBytes(at[STRING_HASH] as number, byte)
    else if (byte === 0x3a) at[KEY_HASH] = at[LAST_STRING] as number
    else if (byte === SEPARATOR) at[KEY_HASH] = 0
    const letter = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a)
    if (letter) at[WORD] = hashBytes(at[WORD] as number, byte | 0x20)
    else if (at[WORD] !== 0) {
      at[PREVIOUS_WORD] = at[WORD] as number
      at[WORD] = 0
    }
  }

  /** Per-byte work: the context hashes and the match search. */
  private startByte(): void {
    const at = this.at
    at[HASHES_READY] = 0
    const position = at[POSITION] as number
    if (position < MIN_MATCH) {
      at[PREDICTED] = (at[MATCH_LENGTH] as number) > 0 ? this.byteAt(at[MATCH_POINTER] as number) : -1
      return
    }
    let h = 0
    for (let k = position - MIN_MATCH; k < position; k++) h = hashBytes(h, this.history[k & this.historyMask] as number)
    if (at[MATCH_LENGTH] === 0) this.findMatch(h)
    this.matchIndex[h >>> this.matchShift] = position & 0xffff
    at[PREDICTED] = (at[MATCH_LENGTH] as number) > 0 ? this.byteAt(at[MATCH_POINTER] as number) : -1
  }

  /** The current byte's context hashes, on the first bit it models (an expected byte never needs them). */
  private hashContexts(): void {
    const at = this.at
    at[HASHES_READY] = 1
    const c4 = at[LAST4] as number
    const hashes = this.contextHashes
    hashes[1] = hashBytes(c4 & 0xff, 1)
    hashes[2] = hashBytes(c4 & 0xffff, 2)
    hashes[3] = hashBytes(c4 & 0xffffff, 3)
    hashes[4] = hashBytes(c4, 4)
    hashes[5] = hashBytes(hashBytes(c4, (at[LAST8] as number) & 0xffff), 6)
    hashes[6] = hashBytes(hashBytes(at[KEY_HASH] as number, c4 & 0xffff), 7)
    hashes[7] = hashBytes(hashBytes(at[WORD] as number, at[PREVIOUS_WORD] as number), 8)
    for (let i = 1; i < ORDERS; i++) hashes[i] = Math.imul(hashes[i] as number, 0x2c1b3c6d)
  }

  private findMatch(h: number): void {
    const at = this.at
    const position = at[POSITION] as number
    const oldest = Math.max(0, position - this.historyMask)
    const history = this.history
    const mask = this.historyMask
    // the index keeps the low 16 bits of a position: the candidate is the latest position with those bits
    const candidate = position - ((position - (this.matchIndex[h >>> this.matchShift] as number)) & 0xffff)
    if (candidate > oldest && candidate < position) {
      let length = 0
      while (
        length < MAX_VERIFY &&
        candidate - 1 - length >= oldest &&
        history[(candidate - 1 - length) & mask] === history[(position - 1 - length) & mask]
      )
        length += 1
      if (length >= MIN_MATCH) {
        at[MATCH_POINTER] = candidate
        at[MATCH_LENGTH] = length
        at[MATCH_IN_DICTIONARY] = 0
        return
      }
    }
    const dictionary = this.dictionary
    if (dictionary === null) return
    const inDictionary = dictionary.index[h >>> (32 - dictionary.indexLog)] as number
    if (inDictionary < 0 || inDictionary >= dictionary.bytes.length) return
    let length = 0
    while (
      length < MAX_VERIFY &&
      inDictionary - 1 - length >= 0 &&
      position - 1 - length >= oldest &&
      dictionary.bytes[inDictionary - 1 - length] === history[(position - 1 - length) & mask]
    )
      length += 1
    if (length >= MIN_MATCH) {
      at[MATCH_POINTER] = inDictionary
      at[MATCH_LENGTH] = length
      at[MATCH_IN_DICTIONARY] = 1
    }
  }
}

function adapt(entry: number, bit: number): number {
  const p = entry >>> 4
  const n = entry & 15
  const next = p + ((((bit << 12) - bit - p) * (RATE[n] as number)) >> 16)
  return (next << 4) | (n < LIMIT ? n + 1 : n)
}

const clampStretch = (d: number): number => Math.max(-2047, Math.min(d, 2047))

const clampProbability = (p: number): number => Math.max(1, Math.min(p, 4095))
