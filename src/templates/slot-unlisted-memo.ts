/**
 * The encodings of the last few hundred values an open enum did not list, by value: held-out log
 * lines repeat their unlisted values (host names, user names, paths) from message to message, not
 * only on consecutive lines (LastValue's case), and an unlisted value's encoding (its escape, or its
 * edit, after the similar-value search) depends on nothing but its units and `last`. A value seen
 * again costs a map look-up and a copy instead of the escape and the search.
 *
 * Bounded: at most MEMO_ENTRIES values of at most MAX_MEMO_UNITS units each, per open-enum codec;
 * when full, the memo is emptied and fills again (no recency kept: a hit costs no bookkeeping). A key
 * is the value as a string of its own: built by concatenation from a slice of the message, then
 * read once, which makes V8 copy it flat, so that no message is held by a key (without that read,
 * 256 keys of 40 units cut from 200 KB messages held 51 MB after a full GC; with it, nothing beyond
 * the keys: ad-hoc check, Node 20). Worst case per codec: 256 keys of 65 units and 256 entries of up
 * to TAIL_ROOM tail bytes, some 60 KB with V8's object and map overhead; nothing before the first
 * unlisted value.
 */
import type { SlotEncoding } from './slot-encoding.ts'

/** Values remembered per codec before the memo is emptied. */
export const MEMO_ENTRIES = 256
/** Longest value (UTF-16 units) remembered: longer ones are rare, and their keys cost more to build and hash. */
export const MAX_MEMO_UNITS = 64
/** Most tail bytes an encoding remembered may have (an escape's heads, an edit's lengths; a long number's bytes are not kept). */
const TAIL_ROOM = 24

/** One remembered encoding: its head, tail bytes and the text range it ends with, relative to the value's start. */
interface Entry {
  readonly hasHead: boolean
  readonly head: number
  readonly tail: number[]
  readonly textFrom: number
  readonly textTo: number
  readonly textBytes: number
}

/** The memo's answer for a value it does not hold. */
export const UNKNOWN = -1

export class UnlistedMemo {
  /** encodings by key (the `last` flag, then the value); null: refused */
  private readonly entries = new Map<string, Entry | null>()
  /** the key of the last look-up that missed, kept for `remember` (undefined: not to be remembered) */
  private pending: string | undefined = undefined

  /**
   * The remembered answer for text[start, end) under `last`: 1 (its encoding put in `out`, the text
   * range moved onto this text), 0 (refused), or UNKNOWN (`remember` may follow).
   */
  lookUp(text: string, start: number, end: number, last: boolean, out: SlotEncoding): number {
    if (end - start > MAX_MEMO_UNITS) {
      this.pending = undefined
      return UNKNOWN
    }
    const key = (last ? '1' : '0') + text.slice(start, end)
    const entry = this.entries.get(key)
    if (entry === undefined) {
      this.pending = key
      return UNKNOWN
    }
    this.pending = undefined
    if (entry === null) return 0
    out.reset()
    if (entry.hasHead) out.setHead(entry.head)
    const { tail } = entry
    for (let i = 0; i < tail.length; i++) out.byte(tail[i] as number)
    if (entry.textTo !== entry.textFrom)
      out.setText(text, start + entry.textFrom, start + entry.textTo, entry.textBytes)
    return 1
  }

  /** Remembers the encoding of the value the last look-up missed (undefined: refused), the value at text[start, ..). */
  remember(start: number, encoding: SlotEncoding | undefined): void {
    const key = this.pending
    if (key === undefined) return
    this.pending = undefined
    if (encoding !== undefined && (encoding.tailBytes > TAIL_ROOM || typeof encoding.head !== 'number')) return
    if (this.entries.size === MEMO_ENTRIES) this.entries.clear()
    // the read that makes V8 copy the concatenation flat (see the file comment)
    key.charCodeAt(0)
    if (encoding === undefined) {
      this.entries.set(key, null)
      return
    }
    const noText = encoding.textEnd === encoding.textStart
    this.entries.set(key, {
      hasHead: encoding.hasHead,
      head: encoding.head as number,
      tail: encoding.tailArray(),
      textFrom: noText ? 0 : encoding.textStart - start,
      textTo: noText ? 0 : encoding.textEnd - start,
      textBytes: noText ? 0 : encoding.textBytes,
    })
  }
}
