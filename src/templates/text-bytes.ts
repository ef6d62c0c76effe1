/** UTF-8 encoding of the short strings templates handle, without a native call when they are ASCII. */
import { toBytes, tryDecodeUtf8 } from '../core/index.ts'

/** Longest string copied byte by byte; longer ones go to TextEncoder, which is faster at length. */
const MAX_ASCII_LOOP_CHARS = 256
/** Longest string measured and written by a JS loop; longer ones go to native code (Buffer.byteLength, encodeInto). */
const MAX_LOOP_CHARS = 32

const utf8Encoder = new TextEncoder()

/** UTF-8 bytes of well-formed text (same bytes as `toBytes`); ASCII up to 256 characters is copied in JS. */
export function textToBytes(text: string): Uint8Array {
  const length = text.length
  if (length > MAX_ASCII_LOOP_CHARS) return toBytes(text)
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) return toBytes(text)
    out[i] = code
  }
  return out
}

/** Length in bytes of the UTF-8 of well-formed text (no lone surrogates: the caller has checked). */
export function utf8SizeBytes(text: string): number {
  const length = text.length
  if (length > MAX_LOOP_CHARS) return Buffer.byteLength(text, 'utf8')
  let size = length
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    // 2 bytes below U+0800, 4 for a surrogate pair (2 code units), 3 for the rest of the BMP
    if (code >= 0x80) size += code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2
  }
  return size
}

const LONE_SURROGATE = /\p{Surrogate}/u

/**
 * True when `text` holds a lone UTF-16 surrogate (not valid Unicode: no UTF-8 gives it back). Given
 * `bytes`, the text's UTF-8, as many bytes as units means every character is ASCII, and the regular
 * expression is not run.
 */
export function hasLoneSurrogate(text: string, bytes?: Uint8Array): boolean {
  return (bytes === undefined || bytes.length !== text.length) && LONE_SURROGATE.test(text)
}

/**
 * utf8SizeBytes of text[start, end), or -1 when it has a lone surrogate (not well-formed, so it has no
 * UTF-8): the check and the size in one pass for short texts, without a regular expression. A range
 * taken from well-formed text between literals never splits a surrogate pair.
 */
export function wellFormedUtf8SizeBytes(text: string, start = 0, end = text.length): number {
  if (end - start > MAX_LOOP_CHARS) {
    const value = start === 0 && end === text.length ? text : text.slice(start, end)
    return LONE_SURROGATE.test(value) ? -1 : Buffer.byteLength(value, 'utf8')
  }
  let size = end - start
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) size += 1
    else if (code < 0xd800 || code > 0xdfff) size += 2
    else {
      // a high surrogate followed by a low one: 4 bytes for the 2 units; anything else is lone
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0
      if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return -1
      size += 2
      i++
    }
  }
  return size
}

/**
 * Writes the UTF-8 of well-formed text[start, end) at `offset` (the caller has sized `out` with
 * utf8SizeBytes); returns the offset after it. ASCII up to 256 units is copied by a loop (no slice,
 * no native call); from the first other unit on, and for longer texts, TextEncoder writes the rest.
 */
export function writeText(text: string, out: Uint8Array, offset: number, start = 0, end = text.length): number {
  let at = offset
  let i = end - start > MAX_ASCII_LOOP_CHARS ? -1 : start
  for (; i !== -1 && i < end; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) break
    out[at++] = code
  }
  if (i === end) return at
  const from = i === -1 ? start : i
  const rest = from === 0 && end === text.length ? text : text.slice(from, end)
  return at + utf8Encoder.encodeInto(rest, out.subarray(at)).written
}

/** Longest byte run decoded by a JS loop when it is ASCII; longer ones go to TextDecoder. */
const MAX_ASCII_DECODE_BYTES = 64

/** The text of UTF-8 bytes, or undefined when they are not valid UTF-8 (tryDecodeUtf8); short ASCII without a native call. */
export function bytesToText(bytes: Uint8Array): string | undefined {
  const length = bytes.length
  if (length > MAX_ASCII_DECODE_BYTES) return tryDecodeUtf8(bytes)
  let text = ''
  for (let i = 0; i < length; i++) {
    const code = bytes[i] as number
    if (code >= 0x80) return tryDecodeUtf8(bytes)
    text += String.fromCharCode(code)
  }
  return text
}

/** True when a[aStart, aEnd) and b[bStart, bEnd) hold the same UTF-16 units (a value compared in place, no slice). */
export function sameRange(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false
  for (let i = 0; i < aEnd - aStart; i++) if (a.charCodeAt(aStart + i) !== b.charCodeAt(bStart + i)) return false
  return true
}
