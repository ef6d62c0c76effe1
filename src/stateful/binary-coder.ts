/**
 * A binary arithmetic coder for one message at a time (32-bit range, carry-less, integers only so
 * both ends compute the same ranges on any engine). Probabilities are 12-bit: p1 = P(bit = 1) * 4096,
 * 1-4095.
 *
 * Choices:
 * - Each message is coded from a fresh range [0, 2^32 - 1]; the model's state (context-model.ts)
 *   carries over between messages, the coder's does not, so a frame decodes on its own once the
 *   model is in the sender's state.
 * - Flush: the shortest value inside the final range whose trailing bytes are zero, then every
 *   trailing zero byte of the message's output is dropped: the decoder reads zeros past the end of
 *   the frame, so they are implied. A message costs its coded bits plus under a byte.
 */

/** The buffer a sender keeps between messages (it grows for a long block and shrinks back). */
export const ENCODER_BUFFER_BYTES = 256

/**
 * A grown buffer kept for the process's next long block (s41-state): an encoder whose block outgrows its own buffer
 * takes it (none is left while it codes) and puts it back at finish(). Before, every long block grew a buffer of its
 * own by doubling and let it go, leaving freed buffers in the C allocator beside the connections' tables.
 */
let spareGrown: Uint8Array | undefined
/** a grown buffer is kept up to this size between blocks; a longer block's is let go after it */
export const SPARE_KEEP_BYTES = 1 << 20

/** The size of the grown buffer kept for the process's next long block (0: none); for tests. */
export function spareEncoderBufferBytes(): number {
  return spareGrown?.length ?? 0
}

/** 2^shift for the flush's shifts 0, 8, 16, 24, 32 (by shift / 8) */
const FLUSH_UNITS = [1, 2 ** 8, 2 ** 16, 2 ** 24, 2 ** 32]

/** Encodes bits into a growing byte buffer. */
export class BinaryEncoder {
  /**
   * The range's ends as int32 (their uint32 values' bits): int32 fields stay small integers to V8, where
   * uint32 values above 2^31 made them boxed doubles read and written on every bit (stop 39, same bits)
   */
  private low = 0
  private high = -1
  private out: Uint8Array
  /** the buffer of capacityBytes this encoder keeps between blocks */
  private readonly own: Uint8Array
  private length = 0
  private shifted = 0

  constructor(capacityBytes = ENCODER_BUFFER_BYTES) {
    this.own = new Uint8Array(capacityBytes)
    this.out = this.own
  }

  /** The buffer's size now (memory a connection keeps between messages). */
  get bufferBytes(): number {
    return this.out.length
  }

  /** Codes `bit` (0 or 1) with P(1) = p1 / 4096. */
  encode(bit: number, p1: number): void {
    let low = this.low
    let high = this.high
    // the uint32 width high - low, and mid = low + floor(width * p1 / 4096) as the uint32 values give it: mid is
    // within [low, high], so every sum below is the uint32 one modulo 2^32 (imul keeps the low 32 bits of a product)
    const range = (high - low) | 0
    const mid = (low + Math.imul(range >>> 12, p1) + (((range & 0xfff) * p1) >>> 12)) | 0
    if (bit === 1) high = mid
    else low = (mid + 1) | 0
    while (((low ^ high) & 0xff000000) === 0) {
      this.shifted += 1
      this.push(high >>> 24)
      low = low << 8
      high = (high << 8) | 0xff
    }
    this.low = low
    this.high = high
  }

  /**
   * The bits coded so far, to within a bit: 8 per byte shifted out plus the leading zeros of the range's
   * width. The decoder's bitsSpent() gives the same number at the same point (its range is the encoder's).
   */
  bitsSpent(): number {
    return this.shifted * 8 + Math.clz32(this.high - this.low)
  }

  /** Ends the message: the bytes that identify it, trailing zeros left out. The encoder starts afresh. */
  finish(): Uint8Array {
    // the value in [low, high] with the most trailing zero bytes: low rounded up to a multiple of 2^shift
    const low = this.low >>> 0
    const high = this.high >>> 0
    for (let shift = 32; shift >= 0; shift -= 8) {
      const unit = FLUSH_UNITS[shift >>> 3] as number
      const value = Math.ceil(low / unit) * unit
      // value <= high < 2^32: its bytes by unsigned shifts (the same bytes as value / 2^s; no power per message)
      if (value <= high) {
        for (let s = 24; s >= 0 && s >= shift; s -= 8) this.push((value >>> s) & 0xff)
        break
      }
    }
    let end = this.length
    while (end > 0 && this.out[end - 1] === 0) end -= 1
    const bytes = this.out.slice(0, end)
    // a buffer grown by a long block goes back to its first size: a connection does not keep its longest block's bytes
    // (the grown one is kept for the process's next long block)
    if (this.out !== this.own) {
      if (this.out.length <= SPARE_KEEP_BYTES) spareGrown = this.out
      this.out = this.own
    }
    this.low = 0
    this.high = -1
    this.length = 0
    return bytes
  }

  private push(byte: number): void {
    if (this.length === this.out.length) {
      // the spare when it is larger (taken: no other encoder writes it meanwhile), else a buffer twice as large
      const spare = spareGrown
      const grown = spare !== undefined && spare.length > this.length ? spare : new Uint8Array(this.out.length * 2)
      if (grown === spare) spareGrown = undefined
      grown.set(this.out.subarray(0, this.length))
      this.out = grown
    }
    this.out[this.length++] = byte
  }
}

/** Decodes the bits of one message; reads zeros past the end of its bytes. */
export class BinaryDecoder {
  private low = 0
  private high = 0xffffffff
  private x = 0
  private position = 0
  private shifted = 0

  constructor(private readonly input: Uint8Array) {
    for (let i = 0; i < 4; i++) this.x = ((this.x << 8) | this.next()) >>> 0
  }

  /** The next bit, coded with P(1) = p1 / 4096 (the same p1 the encoder used). */
  decode(p1: number): number {
    const range = this.high - this.low
    const mid = this.low + (range >>> 12) * p1 + (((range & 0xfff) * p1) >>> 12)
    const bit = this.x <= mid ? 1 : 0
    if (bit === 1) this.high = mid
    else this.low = mid + 1
    while (((this.low ^ this.high) & 0xff000000) === 0) {
      this.shifted += 1
      this.low = (this.low << 8) >>> 0
      this.high = ((this.high << 8) | 0xff) >>> 0
      this.x = ((this.x << 8) | this.next()) >>> 0
    }
    return bit
  }

  /** The bits decoded so far, as the encoder's bitsSpent() counts them. */
  bitsSpent(): number {
    return this.shifted * 8 + Math.clz32(this.high - this.low)
  }

  /** Bytes read beyond the input (the zeros the encoder left out, plus the look-ahead). */
  overrunBytes(): number {
    return Math.max(0, this.position - this.input.length)
  }

  private next(): number {
    const byte = this.position < this.input.length ? (this.input[this.position] as number) : 0
    this.position += 1
    return byte
  }
}
