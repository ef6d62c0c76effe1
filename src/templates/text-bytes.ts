/** UTF-8 encoding of the short strings templates handle, without a native call when they are ASCII. */
import { toBytes } from '../core/index.ts'

/** Longest string copied byte by byte; longer ones go to TextEncoder, which is faster at length. */
const MAX_ASCII_LOOP_CHARS = 256

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
