/** Byte helpers shared by codecs and templates: UTF-8, varints, reading frames safely. */
import { FrameError } from './errors.ts'

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const utf8Encoder = new TextEncoder()

/** UTF-8 bytes of a string. */
export function toBytes(text: string): Uint8Array {
  return utf8Encoder.encode(text)
}

/** Decodes UTF-8 or returns undefined when the bytes are not valid UTF-8 (a BOM is kept as U+FEFF). */
export function tryDecodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes, { stream: false })
  } catch {
    return undefined
  }
}

/** Length of the valid UTF-8 sequence starting at `i` (1-4), or 0 when it is not valid or cut short by the end (RFC 3629 byte ranges). */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number
  if (b0 < 0x80) return 1
  // second-byte ranges exclude overlong forms, surrogates and code points above U+10FFFF
  let low = 0x80
  let high = 0xbf
  let length: number
  if (b0 >= 0xc2 && b0 <= 0xdf) length = 2
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3
    if (b0 === 0xe0) low = 0xa0
    if (b0 === 0xed) high = 0x9f
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4
    if (b0 === 0xf0) low = 0x90
    if (b0 === 0xf4) high = 0x8f
  } else return 0
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k]
    if (b === undefined || b < (k === 1 ? low : 0x80) || b > (k === 1 ? high : 0xbf)) return 0
  }
  return length
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Index of the first differing byte, or -1 when equal. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return a.length === b.length ? -1 : n
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0
  for (const part of parts) total += part.length
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** Growable byte buffer for encoders. */
export class ByteWriter {
  private buffer: Uint8Array
  length = 0

  constructor(initialBytes = 64) {
    this.buffer = new Uint8Array(initialBytes)
  }

  private ensure(extraBytes: number): void {
    if (this.length + extraBytes <= this.buffer.length) return
    let size = this.buffer.length * 2
    while (size < this.length + extraBytes) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buffer.subarray(0, this.length))
    this.buffer = next
  }

  byte(value: number): this {
    this.ensure(1)
    this.buffer[this.length++] = value & 0xff
    return this
  }

  bytes(values: Uint8Array): this {
    this.ensure(values.length)
    this.buffer.set(values, this.length)
    this.length += values.length
    return this
  }

  /** Unsigned LEB128 varint; value must be a non-negative safe integer. */
  varint(value: number): this {
    let v = value
    while (v >= 0x80) {
      this.byte((v % 0x80) | 0x80)
      v = Math.floor(v / 0x80)
    }
    return this.byte(v)
  }

  /** Unsigned LEB128 varint of a bigint. */
  bigVarint(value: bigint): this {
    let v = value
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    return this.byte(Number(v))
  }

  /** Length-prefixed bytes. */
  lengthPrefixed(values: Uint8Array): this {
    return this.varint(values.length).bytes(values)
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length)
  }
}

/** Bounds-checked reader over a frame; every overrun throws a FrameError with code E_FRAME_TRUNCATED. */
export class ByteReader {
  offset: number

  constructor(
    readonly bytes: Uint8Array,
    offset = 0,
  ) {
    this.offset = offset
  }

  get remaining(): number {
    return this.bytes.length - this.offset
  }

  byte(): number {
    const value = this.bytes[this.offset]
    if (value === undefined)
      throw new FrameError('E_FRAME_TRUNCATED', `frame ends at byte ${this.offset} where a byte was expected`)
    this.offset++
    return value
  }

  take(lengthBytes: number): Uint8Array {
    if (lengthBytes < 0 || this.offset + lengthBytes > this.bytes.length) {
      throw new FrameError(
        'E_FRAME_TRUNCATED',
        `frame needs ${lengthBytes} bytes at offset ${this.offset}, has ${this.remaining}`,
      )
    }
    const out = this.bytes.subarray(this.offset, this.offset + lengthBytes)
    this.offset += lengthBytes
    return out
  }

  /** Unsigned LEB128 varint, at most 8 bytes (values up to 2^56), else E_FRAME_CORRUPT. */
  varint(): number {
    let result = 0
    let scale = 1
    for (let i = 0; i < 8; i++) {
      const b = this.byte()
      result += (b & 0x7f) * scale
      if ((b & 0x80) === 0) return result
      scale *= 0x80
    }
    throw new FrameError('E_FRAME_CORRUPT', `varint at offset ${this.offset} is longer than 8 bytes`)
  }

  /** Unsigned LEB128 varint as bigint, at most maxBytes bytes. */
  bigVarint(maxBytes = 40): bigint {
    let result = 0n
    let shift = 0n
    for (let i = 0; i < maxBytes; i++) {
      const b = this.byte()
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return result
      shift += 7n
    }
    throw new FrameError('E_FRAME_CORRUPT', `varint at offset ${this.offset} is longer than ${maxBytes} bytes`)
  }

  /** Length-prefixed bytes with the length bounded by what is left. */
  lengthPrefixed(): Uint8Array {
    return this.take(this.varint())
  }

  rest(): Uint8Array {
    return this.take(this.remaining)
  }

  expectEnd(): void {
    if (this.remaining !== 0)
      throw new FrameError(
        'E_FRAME_TRAILING',
        `frame has ${this.remaining} bytes after its end at offset ${this.offset}`,
      )
  }
}

/** Number of bytes an unsigned varint of `value` (a safe integer) takes: by comparisons, the usual sizes without a division. */
export function varintSizeBytes(value: number): number {
  if (value < 0x80) return 1
  if (value < 0x4000) return 2
  if (value < 0x200000) return 3
  let size = 4
  for (let limit = 0x10000000; value >= limit; limit *= 0x80) size++
  return size
}
