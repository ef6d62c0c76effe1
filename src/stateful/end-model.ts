/**
 * The end-of-message flag of the cm stream (context-model.ts): before each byte, and once after the
 * last, "the message ends here" is coded with this small model, so a frame carries no length. It is
 * nearly free where the match model saw a message end. Contexts: the last two bytes, the match length
 * with whether the match expects the separator, and the position in the message with the last byte;
 * mixed by two weight sets (whether the match expects the separator).
 */
import {
  adapt,
  clampProbability,
  HALF,
  hashBytes,
  INVERSE_WEIGHT_ONE,
  END_LEARNING_RATE as LEARNING_RATE,
  SQUASH,
  STRETCH_HALF,
  WEIGHT_ONE,
} from './cm-tables.ts'

/** The byte that separates messages in the history (never coded; it gives contexts a message start). */
export const SEPARATOR = 0x0a
/** the mixer's inputs: three tables and a bias */
const EOM_INPUTS = 4
const TABLE_SIZE = 1024 + 64 + 1024
/** the dot product of half-stretches scaled by 2^-15: the same value as round 12's stretches scaled by 2^-16 */
const HALF_INPUT_SCALE = 2 * INVERSE_WEIGHT_ONE

/** Bytes of one end's end-of-message model (its tables, weights, indices and inputs). */
export const END_MODEL_BYTES = 2 * TABLE_SIZE + 4 * EOM_INPUTS * 2 + 4 * 6

/** One end's end-of-message model. */
export class EndModel {
  private readonly tables: Uint16Array
  private readonly weights: Int32Array
  /** the current prediction's three table indices and their stretched inputs (the 6 int32 END_MODEL_BYTES counts), and its weight set */
  private slot0 = 0
  private slot1 = 0
  private slot2 = 0
  private input0 = 0
  private input1 = 0
  private input2 = 0
  private base = 0
  private mixed = 2048

  constructor(from?: EndModel) {
    this.tables = from === undefined ? new Uint16Array(TABLE_SIZE).fill(HALF) : from.tables.slice()
    this.weights =
      from === undefined ? new Int32Array(EOM_INPUTS * 2).fill(Math.floor(WEIGHT_ONE * 0.3)) : from.weights.slice()
  }

  /**
   * P(the message ends here) * 4096. `predicted`: the byte the match expects (or -1), `matchLength`
   * its length, `last4` the last 4 bytes, `offset` the bytes of the message so far.
   */
  predict(predicted: number, matchLength: number, last4: number, offset: number): number {
    const lengthBucket = matchLength === 0 ? 0 : Math.min(15, 32 - Math.clz32(matchLength))
    const tables = this.tables
    const weights = this.weights
    // the three inputs written out, halves of stretches as in modelled-byte.ts (round 13: fields, not a scratch
    // array; the same values, and no int32 product that could deoptimise on its -0)
    const slot0 = hashBytes(last4 & 0xffff, 0x51) >>> 22
    const slot1 = 1024 + lengthBucket * 4 + (predicted === SEPARATOR ? 1 : 0) + (predicted < 0 ? 2 : 0)
    const slot2 = 1088 + (hashBytes(Math.min(offset, 4095), last4 & 0xff) >>> 22)
    const base = predicted === SEPARATOR ? EOM_INPUTS : 0
    const input0 = STRETCH_HALF[(tables[slot0] as number) >>> 4] as number
    const input1 = STRETCH_HALF[(tables[slot1] as number) >>> 4] as number
    const input2 = STRETCH_HALF[(tables[slot2] as number) >>> 4] as number
    const dot =
      128 * (weights[base + 3] as number) +
      input0 * (weights[base] as number) +
      input1 * (weights[base + 1] as number) +
      input2 * (weights[base + 2] as number)
    this.slot0 = slot0
    this.slot1 = slot1
    this.slot2 = slot2
    this.input0 = input0
    this.input1 = input1
    this.input2 = input2
    this.base = base
    const d = Math.floor(dot * HALF_INPUT_SCALE)
    this.mixed = d > 2047 ? 4095 : d < -2047 ? 1 : clampProbability(SQUASH[d + 2047] as number)
    return this.mixed
  }

  /** Learns whether the message ended (after predict). */
  update(ended: number): void {
    const error = ((ended << 12) - this.mixed) * LEARNING_RATE
    // the inputs are halves: s * error = (s / 2) * (2 * error), exactly
    const step = 2 * error
    const tables = this.tables
    const weights = this.weights
    const base = this.base
    tables[this.slot0] = adapt(tables[this.slot0] as number, ended)
    tables[this.slot1] = adapt(tables[this.slot1] as number, ended)
    tables[this.slot2] = adapt(tables[this.slot2] as number, ended)
    weights[base] = (weights[base] as number) + ((this.input0 * step) >> 16)
    weights[base + 1] = (weights[base + 1] as number) + ((this.input1 * step) >> 16)
    weights[base + 2] = (weights[base + 2] as number) + ((this.input2 * step) >> 16)
    weights[base + 3] = (weights[base + 3] as number) + ((256 * error) >> 16)
  }
}
