/**
 * A per-connection context-mixing model (the `cm` stream of the stateful hybrid): it predicts each
 * bit of a message from the connection's history and the shared dictionary, and binary-coder.ts
 * codes the bit with that prediction. Both ends run the same model on the same bytes, so the
 * receiver's model stays in the sender's state from the frames alone.
 *
 * Inputs, mixed in the logistic domain by weights learnt online (one weight set per match-length
 * bucket and bit position, one per partial byte):
 * - order 0 (adaptive bit probabilities) and hashed tables keyed by the last 1-4 and 6 bytes, the
 *   JSON column (the current key, the byte at the same offset in that key's previous value, the last
 *   byte; since round 11, in place of the key with the last two bytes) and the current and previous
 *   word (text-structure.ts); since round 14 (block format 6) a hashed table's entry is a one-byte
 *   bit-history state and each order's state map gives its probability (bit-history.ts): twice the
 *   contexts in the same bytes;
 * - the match model (match-model.ts): the longest recent match in this connection's history or in
 *   the shared dictionary predicts the byte that followed it;
 * - the number model (number-model.ts): the digits of a run's last value plus its last difference.
 * Before each byte, an end-of-message flag is coded (end-model.ts), so a frame needs no length; where
 * the match is long, a byte is first coded as "the expected byte or not" (match-model.ts).
 *
 * Speed of the per-bit loop (modelled-byte.ts): each context's hash is multiplied once per
 * byte, so a bit's table entry is one add and one shift per context; a mixer's weights are not
 * updated when its error is small; state is int32 in typed arrays; squash and stretch are table
 * lookups; no call in the loop but the coder's (round 13). (Measured and rejected on training halves:
 * lpaq's 16-entry blocks per nibble, 4-5% more bytes and no faster here; dropping an order, no faster.)
 *
 * Integers only (tables, fixed-point weights; the mixer's dot products are exact in doubles): both
 * ends compute the same probabilities on any engine. Memory per end is its typed arrays (see
 * model-sizes.ts modelStateBytes); the dictionary and its index are shared, read-only, by every connection.
 */
import { createProbabilityMap, HALF, WEIGHT_ONE } from './cm-tables.ts'
import type { BinaryDecoder } from './binary-coder.ts'
import { createStateMaps } from './bit-history.ts'
import { EndModel, SEPARATOR } from './end-model.ts'
import { MatchModel, type SharedDictionary } from './match-model.ts'
import { codeModelledByte, INPUTS, ORDERS } from './modelled-byte.ts'
import type { BitSink, ByteContext, ModelTables } from './modelled-byte-inputs.ts'
import { NumberModel } from './number-model.ts'
import { RUN_CLASS, RUN_COST, RUN_MIN, RunModel } from './run-model.ts'
import { TextStructure } from './text-structure.ts'
import { fillByteContext, hashContexts } from './byte-context.ts'
import { learnHistory } from './model-priming.ts'
import { type ContextModelSizes, orderTableEntries, STATE_FIELDS } from './model-sizes.ts'

/** Byte-level state, one int32 each (STATE_FIELDS of them: model-sizes.ts). */
const LAST4 = 0
const LAST8 = 1
const MESSAGE_START = 2
/** 1 once the current byte's context hashes are computed (they are only needed when a byte's bits are modelled) */
const HASHES_READY = 3
/** how many RUN_CLASS bytes in a row end the history (block format 7: run-model.ts) */
const RUN_LENGTH = 4
/**
 * the coded cost of the positions coded the usual way since the class run reached RUN_MIN - 8 bytes, in
 * 1/16 bits, averaged over ~8 (noteCost); RUN_COST's value when the class run breaks
 */
const RECENT_COST = 5
/** RUN_COST in the unit of RECENT_COST */
const RUN_COST_16 = RUN_COST * 16
/** a position's cost is noted once the class run is this long: the 8 positions before a run can start */
const COST_FROM = RUN_MIN - 8

/** One end's model of a connection. Copy a primed model with `clone()` to open a connection quickly. */
export class ContextModel {
  private readonly match: MatchModel
  private readonly end: EndModel
  private readonly text: TextStructure
  private readonly order0: Uint16Array
  /** the hashed order tables' bit-history states end to end (orderTableEntries) */
  private readonly orders: Uint8Array
  /** each hashed order's state map (bit-history.ts) */
  private readonly stateMaps: Uint32Array
  private readonly weights: Int32Array
  private readonly weights2: Int32Array
  private readonly apm: Uint16Array
  private readonly numbers: NumberModel
  private readonly runs: RunModel
  private readonly numbersOn: boolean
  /** byte-level state: the last bytes, where the message started (see LAST4...) */
  private readonly at: Int32Array
  /** each context's hash for the current byte */
  private readonly contextHashes = new Int32Array(ORDERS)
  /** the arrays the per-bit loop reads and learns (this model's and its parts', not copies) */
  private readonly tables: ModelTables
  /** what the current byte's bits are predicted from (filled by byteContext(), once per modelled byte) */
  private readonly context: ByteContext

  constructor(
    readonly sizes: ContextModelSizes,
    private readonly dictionary: SharedDictionary | null,
    from?: ContextModel,
  ) {
    this.numbersOn = sizes.numberModel !== false
    this.match = new MatchModel(sizes.historyLog, sizes.matchHashLog, dictionary, from?.match)
    this.end = new EndModel(from?.end)
    this.text = new TextStructure(1 << sizes.historyLog, from?.text)
    this.apm = createProbabilityMap(from?.apm)
    this.numbers = new NumberModel(from?.numbers)
    this.runs = new RunModel(from?.runs)
    if (from !== undefined) {
      this.order0 = from.order0.slice()
      this.orders = from.orders.slice()
      this.stateMaps = createStateMaps(ORDERS - 1, from.stateMaps)
      this.weights = from.weights.slice()
      this.weights2 = from.weights2.slice()
      this.at = from.at.slice()
      this.contextHashes.set(from.contextHashes)
    } else {
      this.order0 = new Uint16Array(256).fill(HALF)
      this.orders = new Uint8Array(orderTableEntries(sizes.orderLog))
      this.stateMaps = createStateMaps(ORDERS - 1)
      this.weights = new Int32Array(INPUTS * 32).fill(Math.floor(WEIGHT_ONE * 0.3))
      this.weights2 = new Int32Array(INPUTS * 256).fill(Math.floor(WEIGHT_ONE * 0.3))
      this.at = new Int32Array(STATE_FIELDS)
      this.at[RECENT_COST] = RUN_COST_16
    }
    this.tables = {
      order0: this.order0,
      orders: this.orders,
      // shifts, not 2 ** n: a power is a double to V8, and the per-bit loop's table indices were then worked
      // out in doubles and checked back to integers (stop 39; the same values)
      order1Size: 1 << sizes.orderLog,
      order1Shift: 32 - sizes.orderLog,
      orderSize: 1 << (sizes.orderLog + 1),
      orderShift: 32 - (sizes.orderLog + 1),
      stateMaps: this.stateMaps,
      weights: this.weights,
      weights2: this.weights2,
      apm: this.apm,
      matchBits: this.match.bitTable,
      numberBits: this.numbers.bitTable,
    }
    this.context = {
      hashes: this.contextHashes,
      matchLength: 0,
      matchPredicted: -1,
      matchSlotBase: 0,
      numberPredicted: -1,
      numberSlotBase: -1,
    }
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

  /**
   * Whether the next position is in a token run (run-model.ts): the last RUN_MIN bytes are all run
   * characters and the match model expects nothing. Then the position first codes predictStay /
   * updateStay, and a byte that goes on with the run is coded by codeRunByte.
   */
  runActive(): boolean {
    const at = this.at
    return (
      (at[RUN_LENGTH] as number) >= RUN_MIN &&
      (at[RECENT_COST] as number) >= RUN_COST_16 &&
      this.match.expectedByte() < 0
    )
  }

  /**
   * Whether the coder should pass this position's cost to noteCost (the class run is RUN_MIN - 8 bytes or
   * longer): elsewhere no run can start within 8 positions, so the coder does not count (it saves two
   * calls a position on text with short runs).
   */
  wantsCost(): boolean {
    return (this.at[RUN_LENGTH] as number) >= COST_FROM
  }

  /**
   * The bits a position coded the usual way cost (end flag, expected-byte event, modelled bits: the
   * coder's bitsSpent() after minus before), folded into the recent average that runActive() reads.
   */
  noteCost(bits: number): void {
    const at = this.at
    const average = at[RECENT_COST] as number
    at[RECENT_COST] = average + (((bits << 4) - average) >> 3)
  }

  /** P(the run goes on at this position) * 4096 (when runActive()). */
  predictStay(): number {
    return this.runs.predictStay(this.at[RUN_LENGTH] as number)
  }

  /** Learns whether the run went on (after predictStay). */
  updateStay(stay: number): void {
    this.runs.updateStay(stay)
  }

  /**
   * Codes a run byte (after updateStay(1)) with the run model and appends it: the mixer's tables do not
   * see it. `source` null: `byte`'s bits to `sink` (null: learn only); else decoded. Returns the byte.
   */
  codeRunByte(byte: number, sink: BitSink | null, source: BinaryDecoder | null): number {
    const coded = this.runs.code(byte, sink, source)
    this.append(coded)
    return coded
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
   * Codes one byte's 8 modelled bits and appends the byte (modelled-byte.ts: each bit predicted,
   * coded and learnt in one pass). `source` null: the bits are `byte`'s, each given to `sink` with its
   * probability (the encoder; null: learn only, as priming does); else each bit is decoded from
   * `source` and `byte` is ignored. Returns the byte.
   */
  codeByte(byte: number, sink: BitSink | null, source: BinaryDecoder | null): number {
    if (this.at[HASHES_READY] === 0) this.hashContexts()
    const context = fillByteContext(this.context, this.match, this.numbers, this.numbersOn)
    const coded = codeModelledByte(this.tables, context, byte, sink, source)
    this.append(coded)
    return coded
  }

  /**
   * Puts a message coded outside the model (the history path of model-stream.ts) into the history ring and the match
   * index only: no table learns it and no bit is coded; the last bytes move on as its last bytes. Call endMessage() after.
   */
  learnRaw(bytes: Uint8Array): void {
    const at = this.at
    this.match.appendRaw(bytes, at[LAST4] as number)
    for (let i = Math.max(0, bytes.length - 8); i < bytes.length; i++) {
      const last4 = at[LAST4] as number
      at[LAST8] = ((at[LAST8] as number) << 8) | (last4 >>> 24)
      at[LAST4] = (last4 << 8) | (bytes[i] as number)
    }
    at[RUN_LENGTH] = 0
    at[RECENT_COST] = RUN_COST_16
    at[HASHES_READY] = 0
  }

  /** The history's last bytes (up to the ring's size), oldest first, in `out` (at least the ring's size). */
  historyWindow(out: Uint8Array): Uint8Array {
    return this.match.window(out)
  }

  /** The history ring's size in bytes. */
  historyBytes(): number {
    return 1 << this.sizes.historyLog
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
   * without running the model over it: chosen on the training halves (docs/history/stateful-rounds.md, "Round 10").
   */
  prime(): void {
    const bytes = this.dictionary?.bytes
    if (bytes === undefined || bytes.length === 0) return
    const keep = 2 ** (this.sizes.historyLog + 1)
    this.learn(bytes.length > keep ? bytes.subarray(bytes.length - keep) : bytes)
  }

  /** Learns `bytes` as history without coding them (priming with the dictionary; model-priming.ts). */
  learn(bytes: Uint8Array): void {
    learnHistory(this, bytes)
  }

  private append(byte: number): void {
    const at = this.at
    const last4 = at[LAST4] as number
    const next4 = (last4 << 8) | byte
    this.match.append(byte, next4)
    at[LAST8] = ((at[LAST8] as number) << 8) | (last4 >>> 24)
    this.text.append(byte, this.match.position())
    at[LAST4] = next4
    if (RUN_CLASS[byte] === 1) at[RUN_LENGTH] = (at[RUN_LENGTH] as number) + 1
    else {
      at[RUN_LENGTH] = 0
      at[RECENT_COST] = RUN_COST_16
    }
    if (this.numbersOn) this.numbers.append(byte, this.text.keyHash(), at[LAST4] as number, byte === SEPARATOR)
    at[HASHES_READY] = 0
  }

  /** The current byte's context hashes, on the first bit it models (an expected byte never needs them). */
  private hashContexts(): void {
    const at = this.at
    at[HASHES_READY] = 1
    hashContexts(this.contextHashes, at[LAST4] as number, at[LAST8] as number, this.text, this.match)
  }
}
