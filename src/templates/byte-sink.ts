/**
 * Where a template decode writes a message's bytes: straight into the free part of an output slab
 * (src/core/output-slab.ts: not zero-filled, every byte handed out is written first), with no intermediate
 * string and no per-slot allocation. The slot decoders ask for room (`room`), write at `at` and move it on;
 * the output is handed out at its exact size (`finish`). An output that outgrows the slab's free part moves
 * to a buffer of its own (rare: a line of many KB).
 */
import { commitOutputSlab, MAX_SLAB_OUTPUT_BYTES, outputSlabBytes, reserveOutputSlab } from '../core/index.ts'
import { bytesToText, utf8SizeBytes, writeText } from './text-bytes.ts'

/** Free slab bytes wanted before an output starts (less left: a new slab), so most outputs never move. */
const MIN_SLAB_ROOM_BYTES = 256
const INT32_LIMIT = 2 ** 31
/** 10^k for k = 0..10 */
const POWERS_OF_TEN = Array.from({ length: 11 }, (_, k) => 10 ** k)

/** An output being written (one at a time: decoding never re-enters itself). */
export class ByteSink {
  /** the buffer being written; replaced when `room` moves the output */
  bytes: Uint8Array = new Uint8Array(0)
  /** where the next byte goes in `bytes` */
  at = 0
  private start = 0
  private inSlab = false
  /** kept between outputs when the sink is a scratch (`begin(false)`) */
  private scratch = new Uint8Array(256)

  /**
   * Starts an output: in the slab (`inSlab`, handed out by `finish`) or, for bytes that are read back
   * and assembled by the caller, in a scratch kept by this sink (`bytes[0, at)` after writing).
   */
  begin(inSlab: boolean): void {
    this.inSlab = inSlab
    if (inSlab) {
      this.start = reserveOutputSlab(MIN_SLAB_ROOM_BYTES)
      this.bytes = outputSlabBytes()
    } else {
      this.start = 0
      this.bytes = this.scratch
    }
    this.at = this.start
  }

  /** `bytes` with room for `sizeBytes` more at `at` (read `bytes` after calling: it may be another buffer). */
  room(sizeBytes: number): Uint8Array {
    if (this.at + sizeBytes > this.bytes.length) this.grow(sizeBytes)
    return this.bytes
  }

  private grow(sizeBytes: number): void {
    const used = this.at - this.start
    const next = new Uint8Array(Math.max(2 * (used + sizeBytes), 1024))
    next.set(this.bytes.subarray(this.start, this.at))
    if (!this.inSlab) this.scratch = next
    // an output moved out of the slab is a buffer of its own, handed out by finish
    this.inSlab = false
    this.bytes = next
    this.start = 0
    this.at = used
  }

  /** Appends bytes (a loop: the runs here are short, below a native call's cost). */
  copy(source: Uint8Array, from = 0, to = source.length): void {
    const out = this.room(to - from)
    if (to - from > 32 && from === 0 && to === source.length) {
      out.set(source, this.at)
      this.at += to
      return
    }
    let at = this.at
    for (let i = from; i < to; i++) out[at++] = source[i] as number
    this.at = at
  }

  /**
   * Appends source[from, to), bytes of a frame, and tells whether they are valid UTF-8: checked as
   * they are copied when ASCII, by a decode otherwise (when not, the caller goes back to the slot codec,
   * which throws: nothing is committed, so the next output starts at the same place).
   */
  copyUtf8(source: Uint8Array, from: number, to: number): boolean {
    const out = this.room(to - from)
    let at = this.at
    let high = 0
    for (let i = from; i < to; i++) {
      const b = source[i] as number
      high |= b
      out[at++] = b
    }
    this.at = at
    return high < 0x80 || bytesToText(source.subarray(from, to)) !== undefined
  }

  /** Appends the UTF-8 of well-formed text (a value some kind still builds as a string). */
  text(value: string): void {
    const out = this.room(utf8SizeBytes(value))
    this.at = writeText(value, out, this.at)
  }

  /** Appends `count` copies of a byte. */
  repeat(byte: number, count: number): void {
    const out = this.room(count)
    for (let i = 0; i < count; i++) out[this.at + i] = byte
    this.at += count
  }

  /** Appends the decimal digits of a non-negative safe integer, padded with zeros to `width` digits. */
  digits(value: number, width: number): void {
    if (value >= INT32_LIMIT) {
      this.wideDigits(value, width)
      return
    }
    // int32 arithmetic (a division by 10 becomes a multiplication) for the numbers of log lines
    let count = 1
    while (count < 10 && value >= (POWERS_OF_TEN[count] as number)) count++
    if (count < width) count = width
    const out = this.room(count)
    let v = value | 0
    for (let i = this.at + count - 1; i >= this.at; i--) {
      const next = (v / 10) | 0
      out[i] = 48 + (v - next * 10)
      v = next
    }
    this.at += count
  }

  /** digits of a value from 2^31 up (a safe integer): its high part and its last 8 digits, both in int32 arithmetic. */
  private wideDigits(value: number, width: number): void {
    const high = Math.floor(value / 1e8)
    this.digits(high, width > 9 ? width - 8 : 1)
    this.digits(value - high * 1e8, 8)
  }

  /** The output written since `begin(true)`, at its exact size, never handed out twice. */
  finish(): Uint8Array {
    const sizeBytes = this.at - this.start
    if (!this.inSlab) return this.bytes.subarray(0, sizeBytes)
    if (sizeBytes <= MAX_SLAB_OUTPUT_BYTES) return commitOutputSlab(sizeBytes)
    // a large output does not keep a slab alive: a copy of its own (the slab's bytes are not handed out)
    return this.bytes.slice(this.start, this.at)
  }
}
