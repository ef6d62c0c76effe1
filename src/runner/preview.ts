/** Short, printable previews of messages for reports: first characters, control and invalid bytes escaped. */
import { utf8SequenceLength } from '../core/index.ts'

/** Default preview length in characters (a character is one code point or one escaped invalid byte). */
const PREVIEW_CHARS = 80

/**
 * Renders the first `maxChars` characters of a message on one line: valid UTF-8 stays as text,
 * control characters become `\n`, `\t`, `\uXXXX`, invalid bytes become `\xNN`, a backslash becomes
 * `\\`; `…` marks a cut. Never throws, whatever the bytes.
 */
export function previewBytes(bytes: Uint8Array, maxChars = PREVIEW_CHARS): string {
  let out = ''
  let offset = 0
  for (let chars = 0; offset < bytes.length && chars < maxChars; chars++) {
    const length = utf8SequenceLength(bytes, offset)
    if (length === 0) {
      out += `\\x${hex2(bytes[offset] as number)}`
      offset += 1
    } else {
      out += escapeCodePoint(decodeCodePoint(bytes, offset, length))
      offset += length
    }
  }
  return offset < bytes.length ? `${out}…` : out
}

function decodeCodePoint(bytes: Uint8Array, offset: number, length: number): number {
  const lead = bytes[offset] as number
  if (length === 1) return lead
  let codePoint = lead & (0xff >> (length + 1))
  for (let i = 1; i < length; i++) codePoint = (codePoint << 6) | ((bytes[offset + i] as number) & 0x3f)
  return codePoint
}

function escapeCodePoint(codePoint: number): string {
  switch (codePoint) {
    case 0x0a:
      return '\\n'
    case 0x0d:
      return '\\r'
    case 0x09:
      return '\\t'
    case 0x5c:
      return '\\\\'
  }
  // C0/C1 controls, DEL, line/paragraph separators and the BOM would break or hide in a one-line preview.
  const invisible =
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0xfeff
  return invisible ? `\\u${codePoint.toString(16).padStart(4, '0')}` : String.fromCodePoint(codePoint)
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}
