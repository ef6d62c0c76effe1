/** The tokens of a message: maximal runs of letters, digits and `_` (Unicode), as the literal index looks them up. */

/** The characters of a token, as the inside of a regex character class (`[${WORD_CHARS}]`, `[^${WORD_CHARS}]`, flag `u`): letters, digits and `_`. */
export const WORD_CHARS = '\\p{L}\\p{N}_'

const WORD_CHAR = new RegExp(`^[${WORD_CHARS}]$`, 'u')
/** 1 for the ASCII word characters (letters, digits, `_`), 0 for the others. */
const ASCII_WORD_UNITS = Uint8Array.from({ length: 128 }, (_, code) => (WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0))

/** Code units of the word character (letter, digit, `_`) at `at`, or 0 when it is none (or `at` is past the end). */
function wordCharUnits(message: string, at: number): number {
  const code = message.charCodeAt(at)
  if (code < 0x80) return ASCII_WORD_UNITS[code] as number
  if (at >= message.length) return 0
  const point = message.codePointAt(at) as number
  return WORD_CHAR.test(String.fromCodePoint(point)) ? (point > 0xffff ? 2 : 1) : 0
}

/** Calls `add` with the start and end (UTF-16 units) of each token of `message`, in order. */
function forEachToken(message: string, add: (start: number, end: number) => void): void {
  let start = -1
  for (let at = 0; at < message.length; at++) {
    const code = message.charCodeAt(at)
    // ASCII inline: this loop reads every character of the message
    const units = code < 0x80 ? (ASCII_WORD_UNITS[code] as number) : wordCharUnits(message, at)
    if (units === 0) {
      if (start !== -1) add(start, at)
      start = -1
      continue
    }
    if (start === -1) start = at
    at += units - 1
  }
  if (start !== -1) add(start, message.length)
}

/** The tokens of the last message read: token i is `[starts[i], ends[i])` in UTF-16 units, i < count. */
export interface MessageTokens {
  readonly count: number
  readonly starts: Int32Array
  readonly ends: Int32Array
  /** Tokenizes the message. */
  read(message: string): void
}

/** Empty reusable token storage (it grows with the longest message). */
export function createMessageTokens(): MessageTokens {
  let count = 0
  let starts = new Int32Array(16)
  let ends = new Int32Array(16)
  const add = (start: number, end: number): void => {
    if (count === starts.length) {
      const [moreStarts, moreEnds] = [new Int32Array(count * 2), new Int32Array(count * 2)]
      moreStarts.set(starts)
      moreEnds.set(ends)
      ;[starts, ends] = [moreStarts, moreEnds]
    }
    starts[count] = start
    ends[count++] = end
  }
  return {
    get count() {
      return count
    },
    get starts() {
      return starts
    },
    get ends() {
      return ends
    },
    read(message) {
      count = 0
      forEachToken(message, add)
    },
  }
}

/** True when `text` occurs in `message` at `at`: `message.startsWith(text, at)` as a loop the JIT inlines (the builtin call costs more than the few units compared). */
export function hasTextAt(message: string, at: number, text: string): boolean {
  const length = text.length
  if (at < 0 || at + length > message.length) return false
  for (let i = 0; i < length; i++) if (message.charCodeAt(at + i) !== text.charCodeAt(i)) return false
  return true
}
