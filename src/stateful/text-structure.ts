/**
 * Text structure for the cm stream's contexts (context-model.ts): quoted strings, the current JSON
 * key (the last quoted string followed by `:`) and the current and previous word (letters, case
 * folded). Works on JSON and log lines alike; nothing here is parsed strictly, so any bytes go.
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
const FIELDS = 6

/** Bytes of one end's text structure. */
export const TEXT_STRUCTURE_BYTES = 4 * FIELDS

/** One end's view of the text structure, moved on byte by byte. */
export class TextStructure {
  private readonly state: Int32Array

  constructor(from?: TextStructure) {
    this.state = from === undefined ? new Int32Array(FIELDS) : from.state.slice()
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

  /** Moves on by one byte of the history. */
  append(byte: number): void {
    const state = this.state
    if (byte === 0x22) {
      if (state[IN_STRING] === 1) state[LAST_STRING] = state[STRING_HASH] as number
      state[IN_STRING] = state[IN_STRING] === 1 ? 0 : 1
      state[STRING_HASH] = 0
    } else if (state[IN_STRING] === 1) state[STRING_HASH] = hashBytes(state[STRING_HASH] as number, byte)
    else if (byte === 0x3a) state[KEY_HASH] = state[LAST_STRING] as number
    else if (byte === SEPARATOR) state[KEY_HASH] = 0
    const letter = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a)
    if (letter) state[WORD] = hashBytes(state[WORD] as number, byte | 0x20)
    else if (state[WORD] !== 0) {
      state[PREVIOUS_WORD] = state[WORD] as number
      state[WORD] = 0
    }
  }
}
