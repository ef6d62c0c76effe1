/**
 * A per-connection context-mixing model (the `cm` stream of the stateful hybrid): it predicts each
 * bit of a message from the connection's history and the shared dictionary, and binary-coder.ts
 * codes the bit with that prediction. Both ends run the same model on the same bytes, so the
 * receiver's model stays in the sender's state from the frames alone.
 *
 * Inputs, mixed in the logistic domain by weights learnt online (one weight set per match-length
 * bucket and bit position):
 * - orders 0-4 and 6: hashed tables of adaptive bit probabilities keyed by the last N bytes;
 * - a match model: the longest recent match of the last MIN_MATCH bytes, in this connection's
 *   history or in the shared dictionary, predicts the byte that followed it.
 * Before each byte, an end-of-message flag is coded (it is nearly free where the match model saw a
 * message end), so a frame needs no length.
 *
 * Integers only (tables, fixed-point weights): both ends compute the same probabilities on any engine.
 * Memory per end is its typed arrays (see modelStateBytes); the dictionary and its index are shared,
 * read-only, by every connection.
 */
import { squash, stretch } from './logistic.ts'

/** Bytes hashed to find a match. */
export const MIN_MATCH = 5
/** The byte that separates messages in the history (never coded; it gives contexts a message start). */
const SEPARATOR = 0x0a
/** Bytes compared backwards to measure a candidate match. */
const MAX_VERIFY = 48
const ORDERS = 8
/** inputs of the bit mixer: the orders, the match model, a bias */
const INPUTS = ORDERS + 2
/** inputs of the end-of-message mixer */
const EOM_INPUTS = 4
const WEIGHT_ONE = 65536
const LEARNING_RATE = 14
const APM_RATE = 7

/** Table sizes (log2) of one end of a connection. */
export interface ContextModelSizes {
  /** the connection's own history ring */
  historyLog: number
  /** the connection's match index */
  matchHashLog: number
  /** each hashed order table (orders 1-6) */
  orderLog: number
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
    2 * 256 * 33 +
    2 * (1024 + 64 + 1024) +
    4 * EOM_INPUTS * 2 +
    2 * 64
  )
}

const RATE = Int32Array.from({ length: 16 }, (_, n) => Math.floor(65536 / (n + 1.5)))
const LIMIT = 10

const hashBytes = (a: number, b: number): number => {
  const x = Math.imul(a ^ Math.imul(b, 0x2c1b3c6d), 0x9e3779b1)
  return (x ^ (x >>> 15)) >>> 0
}

/** Builds the shared dictionary's match index (positions after every MIN_MATCH bytes; the latest wins). */
export function createSharedDictionary(bytes: Uint8Array, indexLog = 16): SharedDictionary {
  const index = new Int32Array(2 ** indexLog).fill(-1)
  const shift = 32 - indexLog
  for (let end = MIN_MATCH; end <= bytes.length; end++) {
    let h = 0
    for (let k = end - MIN_MATCH; k < end; k++) h = hashBytes(h, bytes[k] as number)
    index[h >>> shift] = end
  }
  return { bytes, index, indexLog }
}

/** One end's byte-level state (copied whole when a primed model opens a connection). */
interface ByteState {
  /** bytes appended to the history so far, separators included */
  position: number
  last4: number
  last8: number
  /** text structure: inside a quoted string, its hash, the last string, the last key (a string followed by `:`), the current and previous word */
  inString: boolean
  stringHash: number
  lastString: number
  keyHash: number
  word: number
  previousWord: number
  matchPointer: number
  matchLength: number
  matchInDictionary: boolean
  /** the byte the match model expects next, or -1 */
  predicted: number
  messageStart: number
}

/** One end's model of a connection. Copy a primed model with `clone()` to open a connection quickly. */
export class ContextModel {
  private readonly history: Uint8Array
  private readonly matchIndex: Uint16Array
  private readonly order0: Uint16Array
  /** the hashed order tables end to end, 2^orderLog entries each */
  private readonly orders: Uint16Array
  private readonly orderSize: number
  private readonly weights: Int32Array
  private readonly weights2: Int32Array
  private readonly apm: Uint16Array
  private readonly eomTables: Uint16Array
  private readonly eomWeights: Int32Array
  private readonly matchTable: Uint16Array
  private readonly historyMask: number
  private readonly orderShift: number
  private readonly matchShift: number
  /** byte-level state: where the connection is, its last bytes, text structure and the current match */
  private readonly at: ByteState
  private readonly contextHashes = new Int32Array(ORDERS)
  // bit-level state
  private partial = 1
  private readonly indices = new Int32Array(ORDERS)
  private readonly inputs = new Int32Array(INPUTS)
  private weightBase = 0
  private weightBase2 = 0
  private mixed2 = 2048
  private final = 2048
  private apmIndex = 0
  private mixed = 2048
  private matchIndexSlot = -1
  private eomIndices = new Int32Array(3)
  private eomBase = 0

  constructor(
    readonly sizes: ContextModelSizes,
    private readonly dictionary: SharedDictionary | null,
    from?: ContextModel,
  ) {
    this.historyMask = 2 ** sizes.historyLog - 1
    this.orderShift = 32 - sizes.orderLog
    this.matchShift = 32 - sizes.matchHashLog
    this.orderSize = 2 ** sizes.orderLog
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
      this.at = { ...from.at }
      this.contextHashes.set(from.contextHashes)
      return
    }
    this.history = new Uint8Array(2 ** sizes.historyLog)
    this.matchIndex = new Uint16Array(2 ** sizes.matchHashLog)
    this.order0 = new Uint16Array(256).fill(2048 << 4)
    this.orders = new Uint16Array((ORDERS - 1) * 2 ** sizes.orderLog).fill(2048 << 4)
    this.weights = new Int32Array(INPUTS * 32).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.weights2 = new Int32Array(INPUTS * 256).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.apm = Uint16Array.from({ length: 256 * 33 }, (_, i) => squash(((i % 33) - 16) * 128) * 16)
    this.eomTables = new Uint16Array(1024 + 64 + 1024).fill(2048 << 4)
    this.eomWeights = new Int32Array(EOM_INPUTS * 2).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.matchTable = new Uint16Array(64).fill(2048 << 4)
    this.at = {
      position: 0,
      last4: 0,
      last8: 0,
      inString: false,
      stringHash: 0,
      lastString: 0,
      keyHash: 0,
      word: 0,
      previousWord: 0,
      matchPointer: 0,
      matchLength: 0,
      matchInDictionary: false,
      predicted: -1,
      messageStart: 0,
    }
    this.startByte()
  }

  /** A copy of this model (a primed model's state for a new connection). */
  clone(): ContextModel {
    return new ContextModel(this.sizes, this.dictionary, this)
  }

  /** P(the message ends here) * 4096: call before each byte and once after the last. */
  predictEnd(): number {
    const predicted = this.at.predicted
    const lengthBucket = this.at.matchLength === 0 ? 0 : Math.min(15, 32 - Math.clz32(this.at.matchLength))
    this.eomIndices[0] = hashBytes(this.at.last4 & 0xffff, 0x51) >>> 22
    this.eomIndices[1] = 1024 + lengthBucket * 4 + (predicted === SEPARATOR ? 1 : 0) + (predicted < 0 ? 2 : 0)
    this.eomIndices[2] =
      1088 + (hashBytes(Math.min(this.at.position - this.at.messageStart, 4095), this.at.last4 & 0xff) >>> 22)
    this.eomBase = predicted === SEPARATOR ? EOM_INPUTS : 0
    let dot = 256 * (this.eomWeights[this.eomBase + 3] as number)
    for (let i = 0; i < 3; i++) {
      const s = stretch((this.eomTables[this.eomIndices[i] as number] as number) >>> 4)
      this.inputs[i] = s
      dot += s * (this.eomWeights[this.eomBase + i] as number)
    }
    this.mixed = clampProbability(squash(Math.floor(dot / WEIGHT_ONE)))
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

  /** P(next bit = 1) * 4096. */
  predictBit(): number {
    const c0 = this.partial
    const bitPosition = 31 - Math.clz32(c0)
    const inputs = this.inputs
    inputs[0] = stretch((this.order0[c0] as number) >>> 4)
    const salt = Math.imul(c0, 0x9e3779b1)
    for (let i = 1; i < ORDERS; i++) {
      const x = Math.imul((this.contextHashes[i] as number) + salt, 0x2c1b3c6d)
      const index = (i - 1) * this.orderSize + ((x ^ (x >>> 13)) >>> this.orderShift)
      this.indices[i] = index
      inputs[i] = stretch((this.orders[index] as number) >>> 4)
    }
    this.matchIndexSlot = -1
    let s = 0
    if (this.at.matchLength > 0) {
      const predicted = this.at.predicted | 0x100
      if (predicted >>> (8 - bitPosition) === c0) {
        const expected = (predicted >>> (7 - bitPosition)) & 1
        this.matchIndexSlot = Math.min(31, this.at.matchLength) * 2 + expected
        s = stretch((this.matchTable[this.matchIndexSlot] as number) >>> 4)
      }
    }
    inputs[ORDERS] = s
    inputs[ORDERS + 1] = 256
    const lengthBucket = this.at.matchLength === 0 ? 0 : this.at.matchLength < 16 ? 1 : this.at.matchLength < 32 ? 2 : 3
    this.weightBase = (lengthBucket * 8 + bitPosition) * INPUTS
    this.weightBase2 = c0 * INPUTS
    let dot = 0
    let dot2 = 0
    for (let i = 0; i < INPUTS; i++) {
      dot += (inputs[i] as number) * (this.weights[this.weightBase + i] as number)
      dot2 += (inputs[i] as number) * (this.weights2[this.weightBase2 + i] as number)
    }
    const d1 = clampStretch(Math.floor(dot / WEIGHT_ONE))
    const d2 = clampStretch(Math.floor(dot2 / WEIGHT_ONE))
    this.mixed = squash(d1)
    this.mixed2 = squash(d2)
    const d = (d1 + d2) >> 1
    const p = squash(d)
    // the final adjustment: a table by the partial byte, interpolated between the two buckets around d
    const position = (d + 2048) * 32
    const low = position >> 12
    const weight = position & 4095
    this.apmIndex = c0 * 33 + low + (weight >> 11)
    const base = c0 * 33 + low
    const refined = ((this.apm[base] as number) * (4096 - weight) + (this.apm[base + 1] as number) * weight) >>> 16
    this.final = clampProbability((p + 3 * refined) >> 2)
    return this.final
  }

  /** Learns the bit (after predictBit); at the end of a byte, appends it to the history. */
  updateBit(bit: number): void {
    const c0 = this.partial
    this.order0[c0] = adapt(this.order0[c0] as number, bit)
    for (let i = 1; i < ORDERS; i++) {
      const index = this.indices[i] as number
      this.orders[index] = adapt(this.orders[index] as number, bit)
    }
    if (this.matchIndexSlot >= 0)
      this.matchTable[this.matchIndexSlot] = adapt(this.matchTable[this.matchIndexSlot] as number, bit)
    const error = ((bit << 12) - this.mixed) * LEARNING_RATE
    const error2 = ((bit << 12) - this.mixed2) * LEARNING_RATE
    for (let i = 0; i < INPUTS; i++) {
      const input = this.inputs[i] as number
      this.weights[this.weightBase + i] = (this.weights[this.weightBase + i] as number) + ((input * error) >> 16)
      this.weights2[this.weightBase2 + i] = (this.weights2[this.weightBase2 + i] as number) + ((input * error2) >> 16)
    }
    const target = (bit << 16) + (bit << APM_RATE) - bit - bit
    const entry = this.apm[this.apmIndex] as number
    this.apm[this.apmIndex] = entry + ((target - entry) >> APM_RATE)
    this.partial = (c0 << 1) | bit
    if (this.partial >= 256) {
      this.append(this.partial & 0xff)
      this.partial = 1
    }
  }

  /** Ends a message: the separator goes into the history (uncoded) and the next message starts. */
  endMessage(): void {
    this.append(SEPARATOR)
    this.at.messageStart = this.at.position
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
    if (this.at.matchInDictionary) return (this.dictionary as SharedDictionary).bytes[pointer] as number
    return this.history[pointer & this.historyMask] as number
  }

  private append(byte: number): void {
    if (this.at.matchLength > 0) {
      if (this.byteAt(this.at.matchPointer) === byte) {
        this.at.matchLength = Math.min(this.at.matchLength + 1, 65535)
        this.at.matchPointer += 1
        if (this.at.matchInDictionary && this.at.matchPointer >= (this.dictionary as SharedDictionary).bytes.length)
          this.at.matchLength = 0
      } else this.at.matchLength = 0
    }
    this.history[this.at.position & this.historyMask] = byte
    this.at.position += 1
    this.at.last8 = ((this.at.last8 << 8) | (this.at.last4 >>> 24)) >>> 0
    this.structure(byte)
    this.at.last4 = ((this.at.last4 << 8) | byte) >>> 0
    this.startByte()
  }

  /** Tracks quoted strings, keys and words (JSON and log text) for the structure contexts. */
  private structure(byte: number): void {
    if (byte === 0x22) {
      if (this.at.inString) this.at.lastString = this.at.stringHash
      this.at.inString = !this.at.inString
      this.at.stringHash = 0
    } else if (this.at.inString) this.at.stringHash = hashBytes(this.at.stringHash, byte)
    else if (byte === 0x3a) this.at.keyHash = this.at.lastString
    else if (byte === SEPARATOR) this.at.keyHash = 0
    const letter = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a)
    if (letter) this.at.word = hashBytes(this.at.word, byte | 0x20)
    else if (this.at.word !== 0) {
      this.at.previousWord = this.at.word
      this.at.word = 0
    }
  }

  /** Per-byte work: the order hashes and the match search. */
  private startByte(): void {
    const c4 = this.at.last4
    this.contextHashes[1] = hashBytes(c4 & 0xff, 1)
    this.contextHashes[2] = hashBytes(c4 & 0xffff, 2)
    this.contextHashes[3] = hashBytes(c4 & 0xffffff, 3)
    this.contextHashes[4] = hashBytes(c4, 4)
    this.contextHashes[5] = hashBytes(hashBytes(c4, this.at.last8 & 0xffff), 6)
    if (ORDERS > 6) this.contextHashes[6] = hashBytes(hashBytes(this.at.keyHash, c4 & 0xffff), 7)
    if (ORDERS > 7) this.contextHashes[7] = hashBytes(hashBytes(this.at.word, this.at.previousWord), 8)
    this.at.predicted = this.at.matchLength > 0 ? this.byteAt(this.at.matchPointer) : -1
    if (this.at.position < MIN_MATCH) return
    let h = 0
    for (let k = this.at.position - MIN_MATCH; k < this.at.position; k++)
      h = hashBytes(h, this.history[k & this.historyMask] as number)
    if (this.at.matchLength === 0) this.findMatch(h)
    this.matchIndex[h >>> this.matchShift] = this.at.position & 0xffff
    this.at.predicted = this.at.matchLength > 0 ? this.byteAt(this.at.matchPointer) : -1
  }

  private findMatch(h: number): void {
    const oldest = Math.max(0, this.at.position - this.historyMask)
    // the index keeps the low 16 bits of a position: the candidate is the latest position with those bits
    const candidate =
      this.at.position - ((this.at.position - (this.matchIndex[h >>> this.matchShift] as number)) & 0xffff)
    if (candidate > oldest && candidate < this.at.position) {
      let length = 0
      while (
        length < MAX_VERIFY &&
        candidate - 1 - length >= oldest &&
        this.history[(candidate - 1 - length) & this.historyMask] ===
          this.history[(this.at.position - 1 - length) & this.historyMask]
      )
        length += 1
      if (length >= MIN_MATCH) {
        this.at.matchPointer = candidate
        this.at.matchLength = length
        this.at.matchInDictionary = false
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
      this.at.position - 1 - length >= oldest &&
      dictionary.bytes[inDictionary - 1 - length] === this.history[(this.at.position - 1 - length) & this.historyMask]
    )
      length += 1
    if (length >= MIN_MATCH) {
      this.at.matchPointer = inDictionary
      this.at.matchLength = length
      this.at.matchInDictionary = true
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
