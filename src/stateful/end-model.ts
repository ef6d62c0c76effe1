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
  LEARNING_RATE,
  SQUASH,
  STRETCH,
  WEIGHT_ONE,
} from './cm-tables.ts'

/** The byte that separates messages in the history (never coded; it gives contexts a message start). */
export const SEPARATOR = 0x0a
/** the mixer's inputs: three tables and a bias */
const EOM_INPUTS = 4
const TABLE_SIZE = 1024 + 64 + 1024

/** Bytes of one end's end-of-message model (its tables, weights, indices and inputs). */
export const END_MODEL_BYTES = 2 * TABLE_SIZE + 4 * EOM_INPUTS * 2 + 4 * 6

/** One end's end-of-message model. */
export class EndModel {
  private readonly tables: Uint16Array
  private readonly weights: Int32Array
  /** the three table indices (0-2) and the three stretched inputs (3-5) of the current prediction */
  private readonly slots = new Int32Array(6)
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
    const slots = this.slots
    slots[0] = hashBytes(last4 & 0xffff, 0x51) >>> 22
    slots[1] = 1024 + lengthBucket * 4 + (predicted === SEPARATOR ? 1 : 0) + (predicted < 0 ? 2 : 0)
    slots[2] = 1088 + (hashBytes(Math.min(offset, 4095), last4 & 0xff) >>> 22)
    this.base = predicted === SEPARATOR ? EOM_INPUTS : 0
    let dot = 256 * (this.weights[this.base + 3] as number)
    for (let i = 0; i < 3; i++) {
      const s = STRETCH[(this.tables[slots[i] as number] as number) >>> 4] as number
      slots[3 + i] = s
      dot += s * (this.weights[this.base + i] as number)
    }
    const d = Math.floor(dot * INVERSE_WEIGHT_ONE)
    this.mixed = d > 2047 ? 4095 : d < -2047 ? 1 : clampProbability(SQUASH[d + 2047] as number)
    return this.mixed
  }

  /** Learns whether the message ended (after predict). */
  update(ended: number): void {
    const error = ((ended << 12) - this.mixed) * LEARNING_RATE
    const slots = this.slots
    const weights = this.weights
    for (let i = 0; i < 3; i++) {
      const slot = slots[i] as number
      this.tables[slot] = adapt(this.tables[slot] as number, ended)
      weights[this.base + i] = (weights[this.base + i] as number) + (((slots[3 + i] as number) * error) >> 16)
    }
    weights[this.base + 3] = (weights[this.base + 3] as number) + ((256 * error) >> 16)
  }
}
