/**
 * One slot value's encoding, held in a reusable object so that encoding a message allocates only
 * its output: an optional head varint, then tail bytes, then (string values) the UTF-8 of a text,
 * which is kept as a range of the message (no substring) until it is written. Sizes are known before anything is
 * written, so a frame can be allocated at its exact length and filled once.
 */
import { writeText } from './text-bytes.ts'
import { headSizeBytes, type Head } from './varint-heads.ts'

/** A value ready to write, as a plain object: an optional leading varint (its head) and the bytes after it. */
export interface PreparedSlot {
  readonly head: Head | undefined
  readonly tail: Uint8Array
}

const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER)

/** Writes a head as an unsigned LEB128 varint at `offset` (the bytes ByteWriter.varint/bigVarint write); returns the offset after it. */
export function putHead(out: Uint8Array, offset: number, head: Head): number {
  let at = offset
  if (typeof head === 'number') {
    let v = head
    // past 2^31 `%` calls fmod: there a floor of the quotient and a subtraction give the same byte exactly
    while (v >= 0x80) {
      if (v < 0x80000000) {
        out[at++] = (v & 0x7f) | 0x80
        v >>>= 7
      } else {
        const rest = Math.floor(v / 0x80)
        out[at++] = (v - rest * 0x80) | 0x80
        v = rest
      }
    }
    out[at++] = v
    return at
  }
  // 49 bits (7 varint bytes) at a time as a number: two bigint operations per 7 bytes instead of two per byte
  let v = head
  while (v > MAX_SAFE_BIGINT) {
    let low = Number(BigInt.asUintN(49, v))
    for (let i = 0; i < 7; i++) {
      out[at++] = (low % 0x80) | 0x80
      low = Math.floor(low / 0x80)
    }
    v >>= 49n
  }
  return putHead(out, at, Number(v))
}

/** Copies the first `count` bytes of `from` to `to` at `offset` (a loop: tails are a few bytes, and a subarray would allocate); returns the offset after them. */
function copyBytes(from: Uint8Array, count: number, to: Uint8Array, offset: number): number {
  for (let i = 0; i < count; i++) to[offset + i] = from[i] as number
  return offset + count
}

/** Head varint, tail bytes and text of one slot value; reset before each use. */
export class SlotEncoding {
  hasHead = false
  head: Head = 0
  private tail = new Uint8Array(16)
  tailBytes = 0
  /** the text whose range [textStart, textEnd) ends the encoding as UTF-8; none when the range is empty (a string value never is) */
  text = ''
  textStart = 0
  textEnd = 0
  textBytes = 0

  /** Empties the encoding. */
  reset(): this {
    this.hasHead = false
    this.head = 0
    this.tailBytes = 0
    this.text = ''
    this.textStart = 0
    this.textEnd = 0
    this.textBytes = 0
    return this
  }

  /** Sets the leading varint. */
  setHead(head: Head): void {
    this.hasHead = true
    this.head = head
  }

  /** Ends the encoding with the UTF-8 of text[start, end) (`sizeBytes` of it, from utf8SizeBytes). */
  setText(text: string, start: number, end: number, sizeBytes: number): void {
    this.text = text
    this.textStart = start
    this.textEnd = end
    this.textBytes = sizeBytes
  }

  /** Appends one tail byte. */
  byte(value: number): void {
    if (this.tailBytes === this.tail.length) this.grow(1)
    this.tail[this.tailBytes++] = value & 0xff
  }

  /** Appends a varint (number or bigint) to the tail. */
  varint(value: Head): void {
    this.grow(headSizeBytes(value))
    this.tailBytes = putHead(this.tail, this.tailBytes, value)
  }

  /** Appends another encoding whole (its head varint, tail bytes and text) to this one's tail, which has no text yet. */
  append(other: SlotEncoding): void {
    if (other.hasHead) this.varint(other.head)
    this.grow(other.tailBytes)
    copyBytes(other.tail, other.tailBytes, this.tail, this.tailBytes)
    this.tailBytes += other.tailBytes
    this.setText(other.text, other.textStart, other.textEnd, other.textBytes)
  }

  /** Appends the bytes another encoding writes (its head varint, tail bytes and text's UTF-8) to this one's tail, which has no text yet. */
  appendWritten(other: SlotEncoding): void {
    this.grow(other.sizeBytes())
    this.tailBytes = other.write(this.tail, this.tailBytes)
  }

  /** Bytes the encoding takes. */
  sizeBytes(): number {
    return (this.hasHead ? headSizeBytes(this.head) : 0) + this.tailBytes + this.textBytes
  }

  /** Writes the encoding at `offset` (the caller has sized `out`); returns the offset after it. */
  write(out: Uint8Array, offset: number): number {
    let at = this.hasHead ? putHead(out, offset, this.head) : offset
    at = copyBytes(this.tail, this.tailBytes, out, at)
    return this.textEnd === this.textStart ? at : writeText(this.text, out, at, this.textStart, this.textEnd)
  }

  /** Makes this encoding a copy of another. */
  copyFrom(other: SlotEncoding): void {
    this.reset()
    this.hasHead = other.hasHead
    this.head = other.head
    this.grow(other.tailBytes)
    copyBytes(other.tail, other.tailBytes, this.tail, 0)
    this.tailBytes = other.tailBytes
    this.setText(other.text, other.textStart, other.textEnd, other.textBytes)
  }

  /** The encoding as a plain object with its own bytes (for callers that keep it). */
  toPrepared(): PreparedSlot {
    const tail = new Uint8Array(this.tailBytes + this.textBytes)
    tail.set(this.tail.subarray(0, this.tailBytes))
    if (this.textEnd !== this.textStart) writeText(this.text, tail, this.tailBytes, this.textStart, this.textEnd)
    return { head: this.hasHead ? this.head : undefined, tail }
  }

  /** Makes room for `extraBytes` more tail bytes. */
  private grow(extraBytes: number): void {
    const needed = this.tailBytes + extraBytes
    if (needed <= this.tail.length) return
    let size = this.tail.length * 2
    while (size < needed) size *= 2
    const next = new Uint8Array(size)
    next.set(this.tail.subarray(0, this.tailBytes))
    this.tail = next
  }
}
