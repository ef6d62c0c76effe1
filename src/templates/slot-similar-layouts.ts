/**
 * What decoding an edit of a listed value (slot-similar.ts) keeps of the value, made when an edit of
 * it is first decoded: its text around its digit runs (to text), its UTF-8 with where its digits are
 * (to bytes).
 */
import { isDigit } from './slot-similar-shape.ts'
import { textToBytes } from './text-bytes.ts'

/** A listed value as UTF-8, with where its digits are and (when not ASCII) the UTF-8 size of each prefix. */
export class ValueBytes {
  readonly bytes: Uint8Array
  /** byte offset of each digit, in order */
  readonly digitAt: Int32Array
  /** UTF-8 bytes of the first u units, u = 0..length; undefined for ASCII (as many bytes as units) */
  readonly unitBytes: Int32Array | undefined

  constructor(value: string) {
    this.bytes = textToBytes(value)
    const ascii = this.bytes.length === value.length
    const unitBytes = ascii ? undefined : new Int32Array(value.length + 1)
    const digitAt: number[] = []
    let at = 0
    for (let u = 0; u < value.length; u++) {
      if (unitBytes !== undefined) unitBytes[u] = at
      const code = value.charCodeAt(u)
      if (isDigit(code)) digitAt.push(at)
      // a surrogate pair's 4 bytes: 2 at each unit (a prefix never ends between them)
      at += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3
    }
    if (unitBytes !== undefined) unitBytes[value.length] = at
    this.digitAt = Int32Array.from(digitAt)
    this.unitBytes = unitBytes
  }
}

/**
 * A value as its text around its digit runs: `texts[0]`, a run of `runs[0]` digits, `texts[1]`, ...,
 * `texts[runs.length]`; `fill` puts other digits in the runs (a few slices joined instead of one
 * string per character).
 */
export class DigitLayout {
  private readonly texts: string[] = []
  private readonly runs: number[] = []

  constructor(value: string) {
    let from = 0
    let i = 0
    while (i < value.length) {
      if (!isDigit(value.charCodeAt(i))) {
        i++
        continue
      }
      let end = i
      while (end < value.length && isDigit(value.charCodeAt(end))) end++
      this.texts.push(value.slice(from, i))
      this.runs.push(end - i)
      from = i = end
    }
    this.texts.push(value.slice(from))
  }

  /** The value with its digits replaced, in order, by `digits` (as many as it has). */
  fill(digits: string): string {
    let out = this.texts[0] as string
    let next = 0
    for (let r = 0; r < this.runs.length; r++) {
      const run = this.runs[r] as number
      out += digits.slice(next, next + run) + (this.texts[r + 1] as string)
      next += run
    }
    return out
  }
}
