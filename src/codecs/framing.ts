/**
 * Frame layout shared by both framings. One tag byte says the method; every tag value lies in
 * 0x80-0xC1 or 0xF5-0xFF, bytes that cannot start valid UTF-8, so `text-passthrough` can send a
 * valid-UTF-8 message as itself and still tell it apart from a tagged frame by its first byte.
 *
 * | tag          | method                                                       |
 * |--------------|--------------------------------------------------------------|
 * | 0x80-0xBF    | binary_semantic; id = (tag & 0x3f) << 8 / next byte (0-16383) |
 * | 0xC0         | brotli                                                       |
 * | 0xC1         | zstd                                                         |
 * | 0xF5         | zstd_dict                                                    |
 * | 0xF6         | deflate                                                      |
 * | 0xF7         | aura                                                         |
 * | 0xF8         | uncompressed (tagged framing, or bytes that are not UTF-8)   |
 * | 0xF9         | binary_semantic with a varint id (ids >= 16384)              |
 * | 0xFA         | json_residue (round 35): needs the store and the dictionary  |
 * | 0xFB         | a binary_semantic frame of the message without its final \r |
 * | 0xFC-0xFF    | reserved: E_FRAME_UNKNOWN_METHOD                             |
 *
 * The two-byte header for ids below 16384 is what lets a zero-slot template cost 2 bytes in all.
 */
import {
  ByteReader,
  ByteWriter,
  FrameError,
  tryDecodeUtf8,
  varintSizeBytes,
  type Framing,
  type Method,
} from '../core/index.ts'
import { allocFrameBytes } from './frame-slab.ts'

const TAG_BINARY_BASE = 0x80
const TAG_BINARY_LAST = 0xbf
const TAG_BINARY_VARINT = 0xf9
/** Round 41: a binary_semantic frame (either header) of the message without its final `\r` follows. */
export const TAG_CR_TAIL = 0xfb
const CR = 0x0d
/** Largest template id that fits the two-byte header. */
const MAX_SHORT_TEMPLATE_ID = 0x3fff

const METHOD_TAGS = {
  brotli: 0xc0,
  zstd: 0xc1,
  zstd_dict: 0xf5,
  deflate: 0xf6,
  aura: 0xf7,
  uncompressed: 0xf8,
  json_residue: 0xfa,
} as const satisfies Partial<Record<Method, number>>

type PayloadMethod = keyof typeof METHOD_TAGS

const TAG_TO_METHOD = new Map<number, PayloadMethod>(
  Object.entries(METHOD_TAGS).map(([method, tag]) => [tag, method as PayloadMethod]),
)

/** A parsed frame: what method wrote it and its payload (a view into the frame, not a copy). */
export type ParsedFrame =
  | {
      method: 'binary_semantic'
      templateId: number
      payload: Uint8Array
      /** true for a 0xFB frame (round 41): the message is the template's text followed by `\r` */
      trailingCr?: true
    }
  | { method: PayloadMethod; payload: Uint8Array }
  | { method: 'passthrough'; payload: Uint8Array }

/** The tag byte that starts every frame of a general-purpose method (brotli 0xC0, zstd_dict 0xF5, ...). */
export function methodTag(method: PayloadMethod): number {
  return METHOD_TAGS[method]
}

/** Frame of a general-purpose method: tag byte + payload. */
export function writeMethodFrame(method: PayloadMethod, payload: Uint8Array): Uint8Array {
  // from a slab (frame-slab.ts): a buffer of its own over 64 bytes cost more than the copy
  const frame = allocFrameBytes(payload.length + 1)
  frame[0] = METHOD_TAGS[method]
  frame.set(payload, 1)
  return frame
}

/** Frame of a binary_semantic message: two-byte (or varint) template header + slot body. */
export function writeTemplateFrame(templateId: number, body: Uint8Array): Uint8Array {
  if (templateId <= MAX_SHORT_TEMPLATE_ID) {
    const frame = new Uint8Array(body.length + 2)
    frame[0] = TAG_BINARY_BASE | (templateId >> 8)
    frame[1] = templateId & 0xff
    frame.set(body, 2)
    return frame
  }
  return new ByteWriter(body.length + 6).byte(TAG_BINARY_VARINT).varint(templateId).bytes(body).toBytes()
}

/** Size in bytes of a binary_semantic frame header for a template id. */
export function templateHeaderSizeBytes(templateId: number): number {
  if (templateId <= MAX_SHORT_TEMPLATE_ID) return 2
  return 1 + varintSizeBytes(templateId)
}

/**
 * Frame for a message sent without compression: itself under text-passthrough when it is valid UTF-8
 * (no message grows), else tag 0xF8 + message (tagged framing grows every such message by 1 byte).
 */
export function writeUncompressedFrame(message: Uint8Array, framing: Framing, isUtf8: boolean): Uint8Array {
  if (framing === 'text-passthrough' && isUtf8) return message
  return writeMethodFrame('uncompressed', message)
}

/** Length of the frame writeUncompressedFrame would write, without writing it. */
export function uncompressedFrameSizeBytes(messageBytes: number, framing: Framing, isUtf8: boolean): number {
  return framing === 'text-passthrough' && isUtf8 ? messageBytes : messageBytes + 1
}

/** True when a byte cannot start valid UTF-8 and is therefore a method tag under text-passthrough. */
export function isTagByte(byte: number): boolean {
  return (byte >= 0x80 && byte <= 0xc1) || byte >= 0xf5
}

/** Splits a frame into method and payload; throws FrameError for anything not a valid frame header. */
export function parseFrame(frame: Uint8Array, framing: Framing): ParsedFrame {
  const tag = frame[0]
  if (tag === undefined) {
    if (framing === 'text-passthrough') return { method: 'passthrough', payload: frame }
    throw new FrameError('E_FRAME_EMPTY', 'frame is empty; a tagged frame has at least its method byte')
  }
  if (!isTagByte(tag)) {
    if (framing === 'tagged') throw new FrameError('E_FRAME_UNKNOWN_METHOD', `byte 0x${hex(tag)} is not a method tag`)
    // A passthrough frame is exactly what the encoder sent: a valid UTF-8 message.
    if (tryDecodeUtf8(frame) === undefined)
      throw new FrameError('E_FRAME_CORRUPT', 'passthrough frame is not valid UTF-8')
    return { method: 'passthrough', payload: frame }
  }
  if (tag === TAG_CR_TAIL) return { ...parseCrTail(frame.subarray(1)), trailingCr: true }
  return parseTagged(frame, tag)
}

/** A tagged frame's method and payload (tag: its first byte, a tag byte). */
function parseTagged(frame: Uint8Array, tag: number): ParsedFrame {
  if (tag >= TAG_BINARY_BASE && tag <= TAG_BINARY_LAST) {
    const low = frame[1]
    if (low === undefined)
      throw new FrameError('E_FRAME_TRUNCATED', 'binary_semantic frame ends inside its template id')
    return { method: 'binary_semantic', templateId: ((tag & 0x3f) << 8) | low, payload: frame.subarray(2) }
  }
  if (tag === TAG_BINARY_VARINT) {
    const reader = new ByteReader(frame, 1)
    const templateId = reader.varint()
    if (templateId <= MAX_SHORT_TEMPLATE_ID)
      throw new FrameError('E_FRAME_CORRUPT', `template id ${templateId} must use the two-byte header`)
    return { method: 'binary_semantic', templateId, payload: frame.subarray(reader.offset) }
  }
  const method = TAG_TO_METHOD.get(tag)
  if (method === undefined) throw new FrameError('E_FRAME_UNKNOWN_METHOD', `tag 0x${hex(tag)} names no method`)
  return { method, payload: frame.subarray(1) }
}

/** The binary_semantic frame after a 0xFB tag; any other frame there (another 0xFB among them) is E_FRAME_CORRUPT. */
function parseCrTail(inner: Uint8Array): ParsedFrame & { method: 'binary_semantic' } {
  const tag = inner[0]
  if (tag === undefined)
    throw new FrameError('E_FRAME_TRUNCATED', 'frame ends after its tag 0xfb (a binary_semantic frame follows it)')
  if (!((tag >= TAG_BINARY_BASE && tag <= TAG_BINARY_LAST) || tag === TAG_BINARY_VARINT))
    throw new FrameError('E_FRAME_CORRUPT', `tag 0xfb is followed by 0x${hex(tag)}, not a binary_semantic frame`)
  return parseTagged(inner, tag) as ParsedFrame & { method: 'binary_semantic' }
}

/** Frame of a message ending in `\r` whose text without it a template encodes: 0xFB + that template frame. */
export function writeCrTailFrame(templateFrame: Uint8Array): Uint8Array {
  const frame = new Uint8Array(templateFrame.length + 1)
  frame[0] = TAG_CR_TAIL
  frame.set(templateFrame, 1)
  return frame
}

/** True when the message's last byte (or UTF-16 unit) is `\r`. */
export function endsInCr(message: string | Uint8Array): boolean {
  return typeof message === 'string'
    ? message.charCodeAt(message.length - 1) === CR
    : message[message.length - 1] === CR
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}
