/** UTF-8 checks for the JSON-based formats: JSON text must be valid UTF-8, and a message string must encode back exactly. */
import { utf8SequenceLength } from '../core/index.ts'

const encoder = new TextEncoder()

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i)
    if (length === 0) return i
    i += length
  }
  return -1
}

/** 1-based line of a byte offset (counts 0x0A before it). */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line += 1
  return line
}

const LONE_SURROGATE = /\p{Surrogate}/u

/** UTF-8 bytes of a string, or undefined when it holds a lone surrogate (UTF-8 cannot encode it, so the bytes would not be the message). */
export function encodeUtf8Exact(text: string): Uint8Array | undefined {
  return LONE_SURROGATE.test(text) ? undefined : encoder.encode(text)
}
