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
const ORDERS = 6
/** inputs of the bit mixer: the orders, the match model, a bias */
const INPUTS = ORDERS + 2
/** inputs of the end-of-message mixer */
const EOM_INPUTS = 4
const WEIGHT_ONE = 65536
const LEARNING_RATE = 6

/** Table sizes (log2) of one end of a connection. */
export interface ContextModelSizes {
  /** the connection's own history ring */
  historyLog: number
  /** the connection's match index */
  matchHashLog: number
  /** each hashed order table (orders 1-6) */
  orderLog: number
}

export const DEFAULT_MODEL_SIZES: ContextModelSizes = { historyLog: 15, matchHashLog: 12, orderLog: 13 }

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
    4 * 2 ** sizes.matchHashLog +
    2 * (256 + (ORDERS - 1) * 2 ** sizes.orderLog) +
    4 * INPUTS * 32 +
    2 * (1024 + 64 + 1024) +
    4 * EOM_INPUTS * 2 +
    2 * 64
  )
}

const RATE = Int32Array.from({ length: 16 }, (_, n) => Math.floor(65536 / (n + 1.5)))
const LIMIT = 15

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

/** One end's model of a connection. Copy a primed model with `clone()` to open a connection quickly. */
export class ContextModel {
  private readonly history: Uint8Array
  private readonly matchIndex: Int32Array
  private readonly order0: Uint16Array
  private readonly orders: Uint16Array[]
  private readonly weights: Int32Array
  private readonly eomTables: Uint16Array
  private readonly eomWeights: Int32Array
  private readonly matchTable: Uint16Array
  private readonly historyMask: number
  private readonly orderShift: number
  private readonly matchShift: number
  // byte-level state
  private position = 0
  private last4 = 0
  private last8 = 0
  private matchPointer = 0
  private matchLength = 0
  private matchInDictionary = false
  private messageStart = 0
  private readonly contextHashes = new Int32Array(ORDERS)
  // bit-level state
  private partial = 1
  private readonly indices = new Int32Array(ORDERS)
  private readonly inputs = new Int32Array(INPUTS)
  private weightBase = 0
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
    if (from !== undefined) {
      this.history = from.history.slice()
      this.matchIndex = from.matchIndex.slice()
      this.order0 = from.order0.slice()
      this.orders = from.orders.map((t) => t.slice())
      this.weights = from.weights.slice()
      this.eomTables = from.eomTables.slice()
      this.eomWeights = from.eomWeights.slice()
      this.matchTable = from.matchTable.slice()
      this.position = from.position
      this.last4 = from.last4
      this.last8 = from.last8
      this.matchPointer = from.matchPointer
      this.matchLength = from.matchLength
      this.matchInDictionary = from.matchInDictionary
      this.contextHashes.set(from.contextHashes)
      this.messageStart = from.messageStart
      return
    }
    this.history = new Uint8Array(2 ** sizes.historyLog)
    this.matchIndex = new Int32Array(2 ** sizes.matchHashLog).fill(-1)
    this.order0 = new Uint16Array(256).fill(2048 << 4)
    this.orders = Array.from({ length: ORDERS - 1 }, () => new Uint16Array(2 ** sizes.orderLog).fill(2048 << 4))
    this.weights = new Int32Array(INPUTS * 32).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.eomTables = new Uint16Array(1024 + 64 + 1024).fill(2048 << 4)
    this.eomWeights = new Int32Array(EOM_INPUTS * 2).fill(Math.floor(WEIGHT_ONE * 0.3))
    this.matchTable = new Uint16Array(64).fill(2048 << 4)
    this.startByte()
  }

  /** A copy of this model (a primed model's state for a new connection). */
  clone(): ContextModel {
    return new ContextModel(this.sizes, this.dictionary, this)
  }

  /** P(the message ends here) * 4096: call before each byte and once after the last. */
  predictEnd(): number {
    const predicted = this.matchLength > 0 ? this.byteAt(this.matchPointer) : -1
    const lengthBucket = this.matchLength === 0 ? 0 : Math.min(15, 1 + Math.floor(Math.log2(this.matchLength)))
    this.eomIndices[0] = hashBytes(this.last4 & 0xffff, 0x51) >>> 22
    this.eomIndices[1] = 1024 + lengthBucket * 4 + (predicted === SEPARATOR ? 1 : 0) + (predicted < 0 ? 2 : 0)
    this.eomIndices[2] = 1088 + (hashBytes(Math.min(this.position - this.messageStart, 4095), this.last4 & 0xff) >>> 22)
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
    let dot = 0
    const o0 = this.order0[c0] as number
    let s = stretch(o0 >>> 4)
    this.inputs[0] = s
    const lengthBucket = this.matchLength === 0 ? 0 : this.matchLength < 16 ? 1 : this.matchLength < 32 ? 2 : 3
    this.weightBase = (lengthBucket * 8 + bitPosition) * INPUTS
    dot += s * (this.weights[this.weightBase] as number)
    const salt = Math.imul(c0, 0x9e3779b1)
    for (let i = 1; i < ORDERS; i++) {
      const x = Math.imul((this.contextHashes[i] as number) + salt, 0x2c1b3c6d)
      const index = (x ^ (x >>> 13)) >>> this.orderShift
      this.indices[i] = index
      s = stretch(((this.orders[i - 1] as Uint16Array)[index] as number) >>> 4)
      this.inputs[i] = s
      dot += s * (this.weights[this.weightBase + i] as number)
    }
    this.matchIndexSlot = -1
    s = 0
    if (this.matchLength > 0) {
      const predicted = this.byteAt(this.matchPointer) | 0x100
      const expectedPrefix = predicted >>> (8 - bitPosition)
      if (expectedPrefix === c0) {
        const expected = (predicted >>> (7 - bitPosition)) & 1
        this.matchIndexSlot = Math.min(31, this.matchLength) * 2 + expected
        s = stretch((this.matchTable[this.matchIndexSlot] as number) >>> 4)
      }
    }
    this.inputs[ORDERS] = s
    dot += s * (this.weights[this.weightBase + ORDERS] as number)
    this.inputs[ORDERS + 1] = 256
    dot += 256 * (this.weights[this.weightBase + ORDERS + 1] as number)
    this.mixed = clampProbability(squash(Math.floor(dot / WEIGHT_ONE)))
    return this.mixed
  }

  /** Learns the bit (after predictBit); at the end of a byte, appends it to the history. */
  updateBit(bit: number): void {
    const c0 = this.partial
    this.order0[c0] = adapt(this.order0[c0] as number, bit)
    for (let i = 1; i < ORDERS; i++) {
      const table = this.orders[i - 1] as Uint16Array
      const index = this.indices[i] as number
      table[index] = adapt(table[index] as number, bit)
    }
    if (this.matchIndexSlot >= 0)
      this.matchTable[this.matchIndexSlot] = adapt(this.matchTable[this.matchIndexSlot] as number, bit)
    const error = ((bit << 12) - this.mixed) * LEARNING_RATE
    for (let i = 0; i < INPUTS; i++)
      this.weights[this.weightBase + i] =
        (this.weights[this.weightBase + i] as number) + (((this.inputs[i] as number) * error) >> 16)
    this.partial = (c0 << 1) | bit
    if (this.partial >= 256) {
      this.append(this.partial & 0xff)
      this.partial = 1
    }
  }

  /** Ends a message: the separator goes into the history (uncoded) and the next message starts. */
  endMessage(): void {
    this.append(SEPARATOR)
    this.messageStart = this.position
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
    if (this.matchInDictionary) return (this.dictionary as SharedDictionary).bytes[pointer] as number
    return this.history[pointer & this.historyMask] as number
  }

  private append(byte: number): void {
    if (this.matchLength > 0) {
      if (this.byteAt(this.matchPointer) === byte) {
        this.matchLength = Math.min(this.matchLength + 1, 65535)
        this.matchPointer += 1
        if (this.matchInDictionary && this.matchPointer >= (this.dictionary as SharedDictionary).bytes.length)
          this.matchLength = 0
      } else this.matchLength = 0
    }
    this.history[this.position & this.historyMask] = byte
    this.position += 1
    this.last8 = ((this.last8 << 8) | (this.last4 >>> 24)) >>> 0
    this.last4 = ((this.last4 << 8) | byte) >>> 0
    this.startByte()
  }

  /** Per-byte work: the order hashes and the match search. */
  private startByte(): void {
    const c4 = this.last4
    this.contextHashes[1] = hashBytes(c4 & 0xff, 1)
    this.contextHashes[2] = hashBytes(c4 & 0xffff, 2)
    this.contextHashes[3] = hashBytes(c4 & 0xffffff, 3)
    this.contextHashes[4] = hashBytes(c4, 4)
    this.contextHashes[5] = hashBytes(hashBytes(c4, this.last8 & 0xffff), 6)
    if (this.position < MIN_MATCH) return
    let h = 0
    for (let k = this.position - MIN_MATCH; k < this.position; k++)
      h = hashBytes(h, this.history[k & this.historyMask] as number)
    if (this.matchLength === 0) this.findMatch(h)
    this.matchIndex[h >>> this.matchShift] = this.position
  }

  private findMatch(h: number): void {
    const oldest = Math.max(0, this.position - this.historyMask)
    const candidate = this.matchIndex[h >>> this.matchShift] as number
    if (candidate > oldest) {
      let length = 0
      while (
        length < MAX_VERIFY &&
        candidate - 1 - length >= oldest &&
        this.history[(candidate - 1 - length) & this.historyMask] ===
          this.history[(this.position - 1 - length) & this.historyMask]
      )
        length += 1
      if (length >= MIN_MATCH) {
        this.matchPointer = candidate
        this.matchLength = length
        this.matchInDictionary = false
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
      this.position - 1 - length >= oldest &&
      dictionary.bytes[inDictionary - 1 - length] === this.history[(this.position - 1 - length) & this.historyMask]
    )
      length += 1
    if (length >= MIN_MATCH) {
      this.matchPointer = inDictionary
      this.matchLength = length
      this.matchInDictionary = true
    }
  }
}

function adapt(entry: number, bit: number): number {
  const p = entry >>> 4
  const n = entry & 15
  const next = p + ((((bit << 12) - bit - p) * (RATE[n] as number)) >> 16)
  return (next << 4) | (n < LIMIT ? n + 1 : n)
}

const clampProbability = (p: number): number => (p < 1 ? 1 : p > 4095 ? 4095 : p)
