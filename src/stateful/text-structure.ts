/**
 * Text structure for the cm stream's contexts (context-model.ts): quoted strings, the current JSON
 * key (the last quoted string followed by `:`), the current and previous word (letters, case
 * folded), and the JSON column (round 11): where the previous value of the current key started, so
 * the model can read the byte at the same offset in that value ("updated_at" under "updated_at",
 * a URL under the same key's URL). Works on JSON and log lines alike: in a log line every `:` starts a
 * "value" whose column is the text after the previous `:` seen at the same depth and key. Nothing is
 * parsed strictly, so any bytes go.
 */
import { hashBytes } from './cm-tables.ts'
import { SEPARATOR } from './end-model.ts'

/** Structure state, one int32 each. */
const IN_STRING = 0
const STRING_HASH = 1
const LAST_STRING = 2
const KEY_HASH = 3
const WORD = 4
const PREVIOUS_WORD = 5
/** the history position of the current value's first byte (after its key's `:`), or -1 outside a value */
const VALUE_START = 6
/** the history position where the previous value of the same key (and depth) started, or -1 */
const COLUMN = 7
/** nesting depth of objects and arrays (0-15), part of a key's slot */
const DEPTH = 8
const FIELDS = 9
/** Value starts kept per connection end, one per hashed key and depth (chosen on the training halves: 128 slots of 16 bits, round 11). */
const KEY_SLOT_BITS = 7
const MAX_DEPTH = 15

/** Bytes of one end's text structure. */
export const TEXT_STRUCTURE_BYTES = 4 * FIELDS + 2 * 2 ** KEY_SLOT_BITS

/** One end's view of the text structure, moved on byte by byte. */
export class TextStructure {
  private readonly state: Int32Array
  /** per key slot, the low 16 bits of the position where its last value started (as the match index keeps positions) */
  private readonly valueStarts: Uint16Array

  constructor(
    /** bytes of the history ring: a column further back than this is gone */
    private readonly historyBytes: number,
    from?: TextStructure,
  ) {
    this.state = from === undefined ? Int32Array.of(0, 0, 0, 0, 0, 0, -1, -1, 0) : from.state.slice()
    this.valueStarts = from === undefined ? new Uint16Array(2 ** KEY_SLOT_BITS) : from.valueStarts.slice()
  }

  /** The current JSON key's hash (0 outside JSON and at a message start). */
  keyHash(): number {
    return this.state[KEY_HASH] as number
  }

  /** The hash of the current word (0 between words). */
  word(): number {
    return this.state[WORD] as number
  }

  /** The hash of the previous word. */
  previousWord(): number {
    return this.state[PREVIOUS_WORD] as number
  }

  /**
   * The history position of the byte in the same column as the byte at `position` (the same offset
   * in the previous value of the current key), or -1: outside a value, without a previous value, or
   * past the previous value's reach (the column never reads the current value itself).
   */
  columnOf(position: number): number {
    const state = this.state
    const start = state[VALUE_START] as number
    const column = state[COLUMN] as number
    if (start < 0 || column < 0) return -1
    const at = column + position - start
    return at < start ? at : -1
  }

  /** Moves on by one byte of the history; `next`: the history position of the byte after it. */
  append(byte: number, next: number): void {
    const state = this.state
    if (byte === 0x22) {
      if (state[IN_STRING] === 1) state[LAST_STRING] = state[STRING_HASH] as number
      state[IN_STRING] = state[IN_STRING] === 1 ? 0 : 1
      state[STRING_HASH] = 0
    } else if (state[IN_STRING] === 1) state[STRING_HASH] = hashBytes(state[STRING_HASH] as number, byte)
    else if (byte === 0x3a) this.startValue(next)
    else if (byte === 0x2c || byte === 0x7d || byte === 0x5d) {
      state[VALUE_START] = -1
      state[COLUMN] = -1
      if (byte !== 0x2c && (state[DEPTH] as number) > 0) state[DEPTH] = (state[DEPTH] as number) - 1
    } else if (byte === 0x7b || byte === 0x5b) state[DEPTH] = Math.min((state[DEPTH] as number) + 1, MAX_DEPTH)
    else if (byte === SEPARATOR) {
      state[KEY_HASH] = 0
      state[VALUE_START] = -1
      state[COLUMN] = -1
      state[DEPTH] = 0
    }
    const letter = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a)
    if (letter) state[WORD] = hashBytes(state[WORD] as number, byte | 0x20)
    else if (state[WORD] !== 0) {
      state[PREVIOUS_WORD] = state[WORD] as number
      state[WORD] = 0
    }
  }

  /** A `:` outside a string: the last string is the key, its value starts at `next`, its column where the key's previous value started. */
  private startValue(next: number): void {
    const state = this.state
    const key = state[LAST_STRING] as number
    state[KEY_HASH] = key
    const slot = hashBytes(key, state[DEPTH] as number) >>> (32 - KEY_SLOT_BITS)
    // a slot never written reads as some position within the last 64 KiB: a wrong column, the same on both ends
    const previous = next - ((next - (this.valueStarts[slot] as number)) & 0xffff)
    state[COLUMN] = previous >= 0 && next - previous < this.historyBytes ? previous : -1
    this.valueStarts[slot] = next & 0xffff
    state[VALUE_START] = next
  }
}
