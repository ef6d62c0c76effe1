/** UTF-8 checks for the JSON-based formats: JSON text must be valid UTF-8, and a message string must encode back exactly. */

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const encoder = new TextEncoder()

/** Decodes valid UTF-8, or returns undefined when the bytes are not valid UTF-8. */
export function decodeUtf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes)
  } catch {
    return undefined
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i)
    if (length === 0) return i
    i += length
  }
  return -1
}

/** Length of the valid UTF-8 sequence starting at `i` (1-4), or 0 when it is not valid (RFC 3629). */
function sequenceLength(bytes: Uint8Array, i: number): number {
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
