/**
 * The number model of the cm stream (context-model.ts): FIX FAST's field operators as a prediction
 * instead of a rewrite. Every run of ASCII digits belongs to a slot, named by the current JSON key,
 * the two bytes before the run and how many runs came since that key (or since the message start);
 * a slot keeps its last value and the difference from the value before. At the start of a run and
 * along it, the model predicts the digits of last + difference, written with the last value's width
 * (leading zeros kept): a sequence number, a counter or a steady clock then costs almost nothing,
 * where the match model (which predicts the previous value) misses its last digits every time.
 *
 * The prediction goes to the mixer as one more input, with a confidence learnt by the slot's recent
 * successes, the position in the run and whether the match model agrees. (Measured and rejected on
 * the training halves: "the number model disagrees" as a context of the expected-byte event, which
 * cost api-github 0.6-1.8% whichever bit of that table it took.) Nothing is rewritten: the bytes and the other models see the message as it is.
 *
 * Integers only (values up to 15 digits, exact in doubles); the state is typed arrays, copied whole
 * with the model when a primed model opens a connection.
 */
import { HALF, hashBytes } from './cm-tables.ts'

/** Slots per connection (a power of 2). */
const SLOTS = 128
/** Digits of a predicted value (longer runs are not predicted). */
const MAX_DIGITS = 15
const DIGITS_STRIDE = 16

/** Run state, one double each. */
const IN_RUN = 0
const RUN_VALUE = 1
const RUN_LENGTH = 2
const RUN_SLOT = 3
/** 1 while every digit of the run so far was the predicted one */
const PREFIX_OK = 4
/** the slot of a run starting at the next byte; while PREDICTED is UNRESOLVED, -1 - (the key hash (uint32) * 65536 + the last two bytes) instead */
const PENDING_SLOT = 5
const RUNS_SINCE_KEY = 6
const LAST_KEY = 7
const PREDICTED = 8
const STATE_FIELDS = 9
/** PREDICTED's value while PENDING_SLOT holds the slot's inputs, not the slot (resolvePending) */
const UNRESOLVED = -2
/** the mixer input's confidence table: by confidence() (0-15), whether the match model agrees, the predicted bit */
const BIT_TABLE_SIZE = 16 * 2 * 2

/** Bytes of one end's number model (see the arrays in the constructor). */
export const NUMBER_MODEL_BYTES = SLOTS * (8 + 8 + 1 + 1 + 1 + DIGITS_STRIDE) + 8 * STATE_FIELDS + 2 * BIT_TABLE_SIZE

/** One end's number model: per-slot last value, difference and predicted digits, and the current run. */
export class NumberModel {
  private readonly values: Float64Array
  private readonly deltas: Float64Array
  /** 0: no value yet, else the last value's width in digits */
  private readonly widths: Uint8Array
  /** the last two runs of the slot: was each the predicted value (2 bits) */
  private readonly successes: Uint8Array
  /** the predicted next value's digit count */
  private readonly predictedLengths: Uint8Array
  /** the predicted next value's digits (ASCII), DIGITS_STRIDE per slot */
  private readonly digits: Uint8Array
  private readonly state: Float64Array
  /** the mixer input's confidence, by confidence(), whether the match model agrees and the predicted bit (read and learnt by modelled-byte.ts) */
  readonly bitTable: Uint16Array

  constructor(from?: NumberModel) {
    this.bitTable = from === undefined ? new Uint16Array(BIT_TABLE_SIZE).fill(HALF) : from.bitTable.slice()
    this.values = from === undefined ? new Float64Array(SLOTS) : from.values.slice()
    this.deltas = from === undefined ? new Float64Array(SLOTS) : from.deltas.slice()
    this.widths = from === undefined ? new Uint8Array(SLOTS) : from.widths.slice()
    this.successes = from === undefined ? new Uint8Array(SLOTS) : from.successes.slice()
    this.predictedLengths = from === undefined ? new Uint8Array(SLOTS) : from.predictedLengths.slice()
    this.digits = from === undefined ? new Uint8Array(SLOTS * DIGITS_STRIDE) : from.digits.slice()
    this.state = from === undefined ? Float64Array.of(0, 0, 0, 0, 0, 0, 0, 0, -1) : from.state.slice()
  }

  /** The byte the model expects next, or -1. */
  predicted(): number {
    if (this.state[PREDICTED] === UNRESOLVED) this.resolvePending()
    return this.state[PREDICTED] as number
  }

  /**
   * The first of the bit input's two confidence entries for this byte (+ the predicted bit), or -1
   * where the model predicts nothing; `matchPredicted`: the byte the match model expects, or -1.
   * modelled-byte.ts reads `bitTable` there for each bit the partial byte still agrees with predicted().
   */
  bitSlotBase(matchPredicted: number): number {
    if (this.state[PREDICTED] === UNRESOLVED) this.resolvePending()
    const number = this.state[PREDICTED] as number
    if (number < 0) return -1
    const agrees = number === matchPredicted ? 1 : 0
    return (this.confidence() * 2 + agrees) * 2
  }

  /** A small context for the prediction's confidence (0-15): the slot's recent successes and the position in the run. */
  private confidence(): number {
    const state = this.state
    const slot = (state[IN_RUN] === 1 ? state[RUN_SLOT] : state[PENDING_SLOT]) as number
    const position = state[IN_RUN] === 1 ? Math.min(state[RUN_LENGTH] as number, 3) : 0
    return ((this.successes[slot] as number) << 2) | position
  }

  /**
   * Moves on by one byte of the history. `keyHash`: the current JSON key's hash (0 outside JSON);
   * `last2`: the last two bytes, this one included; `separator`: the byte ends a message.
   */
  append(byte: number, keyHash: number, last2: number, separator: boolean): void {
    const state = this.state
    if (byte >= 0x30 && byte <= 0x39) {
      if (state[IN_RUN] === 0) {
        if (state[PREDICTED] === UNRESOLVED) this.resolvePending()
        const slot = state[PENDING_SLOT] as number
        state[IN_RUN] = 1
        state[RUN_VALUE] = 0
        state[RUN_LENGTH] = 0
        state[RUN_SLOT] = slot
        state[PREFIX_OK] = (this.widths[slot] as number) > 0 ? 1 : 0
      }
      const slot = state[RUN_SLOT] as number
      const length = state[RUN_LENGTH] as number
      if (state[PREFIX_OK] === 1 && this.digits[slot * DIGITS_STRIDE + length] !== byte) state[PREFIX_OK] = 0
      state[RUN_VALUE] = (state[RUN_VALUE] as number) * 10 + (byte - 0x30)
      state[RUN_LENGTH] = length + 1
      state[PREDICTED] =
        state[PREFIX_OK] === 1 && length + 1 < (this.predictedLengths[slot] as number)
          ? (this.digits[slot * DIGITS_STRIDE + length + 1] as number)
          : -1
      return
    }
    if (state[IN_RUN] === 1) this.endRun()
    if (separator || keyHash !== state[LAST_KEY]) {
      state[RUNS_SINCE_KEY] = 0
      state[LAST_KEY] = separator ? 0 : keyHash
    }
    // the pending slot and its prediction are worked out when first read (resolvePending): most positions
    // (expected bytes, run bytes, bytes before a non-digit) never read them; nothing they depend on changes before
    // the next append, so the values are the same as working them out here (the same blocks)
    state[PENDING_SLOT] = -1 - ((keyHash >>> 0) * 65536 + (last2 & 0xffff))
    state[PREDICTED] = UNRESOLVED
  }

  /** The pending slot from the inputs append() left in PENDING_SLOT, and its prediction. */
  private resolvePending(): void {
    const state = this.state
    const packed = -1 - (state[PENDING_SLOT] as number)
    const keyHash = Math.floor(packed / 65536) | 0
    const last2 = packed % 65536
    const slot =
      hashBytes(hashBytes(keyHash, last2), Math.min(state[RUNS_SINCE_KEY] as number, 15)) >>> (32 - SLOT_BITS)
    state[PENDING_SLOT] = slot
    state[PREDICTED] = (this.widths[slot] as number) > 0 ? (this.digits[slot * DIGITS_STRIDE] as number) : -1
  }

  /** A run ended: the slot learns its value, its difference and whether the prediction held. */
  private endRun(): void {
    const state = this.state
    state[IN_RUN] = 0
    state[RUNS_SINCE_KEY] = (state[RUNS_SINCE_KEY] as number) + 1
    const slot = state[RUN_SLOT] as number
    const length = state[RUN_LENGTH] as number
    const hit = state[PREFIX_OK] === 1 && length === this.predictedLengths[slot] ? 1 : 0
    this.successes[slot] = (((this.successes[slot] as number) << 1) | hit) & 3
    if (length > MAX_DIGITS) {
      this.widths[slot] = 0
      return
    }
    const value = state[RUN_VALUE] as number
    const delta = this.widths[slot] === 0 ? 0 : value - (this.values[slot] as number)
    this.values[slot] = value
    this.deltas[slot] = delta
    this.widths[slot] = length
    this.writeDigits(slot, value + delta, length)
  }

  /** The slot's predicted next value as ASCII digits, at least `width` of them (zero padded). */
  private writeDigits(slot: number, next: number, width: number): void {
    let value = Math.max(next, 0)
    let count = 0
    const scratch = SCRATCH
    do {
      scratch[count++] = 0x30 + (value % 10)
      value = Math.floor(value / 10)
    } while (value > 0 && count < MAX_DIGITS)
    if (value > 0) {
      this.predictedLengths[slot] = 0
      this.widths[slot] = 0
      return
    }
    while (count < width) scratch[count++] = 0x30
    const base = slot * DIGITS_STRIDE
    for (let i = 0; i < count; i++) this.digits[base + i] = scratch[count - 1 - i] as number
    this.predictedLengths[slot] = count
  }
}

const SLOT_BITS = Math.log2(SLOTS)
const SCRATCH = new Uint8Array(MAX_DIGITS)
