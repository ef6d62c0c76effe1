/**
 * The encoding of the last value an open enum did not list (its escape, or its edit): the same value
 * often comes again (a date or host on consecutive lines, or the next template tried for the same
 * message), and its encoding depends on nothing but its units and `last`, so it is copied instead of
 * made again (an auto escape tries up to eight kinds). A template's compiled writers use the codecs
 * its chooser uses (slotCodecsOf), so a value the chooser encoded is not encoded again by a writer.
 */
import { SlotEncoding } from './slot-encoding.ts'
import { sameRange } from './text-bytes.ts'

/** Longest message (UTF-16 units) a LastValue keeps a reference to. */
const MAX_REMEMBERED_TEXT = 4096

export class LastValue {
  private text = ''
  private start = 0
  private end = -1
  private last = false
  private taken = false
  private readonly encoding = new SlotEncoding()

  /** True when text[start, end) is the remembered value, for the same `last`. */
  has(text: string, start: number, end: number, last: boolean): boolean {
    if (last !== this.last) return false
    if (this.text === text && this.start === start) return this.end === end
    return sameRange(this.text, this.start, this.end, text, start, end)
  }

  /** The remembered answer for the value at text[start, ..): its encoding into `out` (any text range moved onto this text), or false. */
  copyTo(text: string, start: number, out: SlotEncoding): boolean {
    if (!this.taken) return false
    const { encoding } = this
    out.copyFrom(encoding)
    if (encoding.textEnd !== encoding.textStart)
      out.setText(
        text,
        start + encoding.textStart - this.start,
        start + encoding.textEnd - this.start,
        encoding.textBytes,
      )
    return true
  }

  /** Remembers the value's encoding (undefined: refused). */
  remember(text: string, start: number, end: number, last: boolean, encoding: SlotEncoding | undefined): void {
    if (text.length > MAX_REMEMBERED_TEXT) {
      // the value is kept as its message and offsets: a long message is not held for it (a stream's
      // occasional megabyte would stay alive in every open enum slot it went through)
      this.text = ''
      this.end = -1
      this.taken = false
      this.encoding.reset()
      return
    }
    this.text = text
    this.start = start
    this.end = end
    this.last = last
    this.taken = encoding !== undefined
    if (encoding !== undefined) this.encoding.copyFrom(encoding)
  }
}
