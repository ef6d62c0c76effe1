/**
 * The Brotli stream header (RFC 7932 section 9.1), read before brotli-wasm sees a payload. The header
 * is WBITS, the log2 of the sliding window, in 1, 4 or 7 bits: `0` is 16; `1` + 3 bits n (n > 0) is
 * 17 + n (18-24); `1000` + 3 bits m is 17 when m = 0 and 8 + m (10-15) when m > 1. The pattern
 * `1000` + `001` (the low 7 bits of the first byte equal 0x11) is invalid in RFC 7932: it is the
 * signature of *large-window* Brotli, whose next 6 bits declare a window of up to 2^30 bytes.
 *
 * brotli-wasm 3.0.1's Rust decoder accepts large-window streams and sizes its ring buffer from the
 * declared window before reading further: a random 30-byte payload declaring 2^30 cost 3.8 s of CPU
 * and grew the process by 1.1 GB, which WebAssembly memory never gives back. node:zlib and the C
 * reference decoder refuse such streams (large windows are an opt-in there), and no encoder we ship
 * writes them, so refusing the pattern here accepts exactly the streams node:zlib accepts and keeps
 * the window, and the decoder's ring buffer, at most 2^24 bytes (16 MiB).
 */
import { FrameError } from '../core/index.ts'

const LARGE_WINDOW_SIGNATURE = 0x11

/** WBITS declared by a Brotli stream's first byte (10-24); throws E_FRAME_CORRUPT for the large-window signature. */
export function brotliWindowBits(codecName: string, payload: Uint8Array): number {
  const first = payload[0]
  if (first === undefined) throw new FrameError('E_FRAME_EMPTY', `${codecName} payload is empty`)
  if ((first & 0x01) === 0) return 16
  const n = (first >> 1) & 0x07
  if (n !== 0) return 17 + n
  const m = (first >> 4) & 0x07
  if (m === 0) return 17
  if ((first & 0x7f) === LARGE_WINDOW_SIGNATURE) {
    throw new FrameError(
      'E_FRAME_CORRUPT',
      `${codecName} stream declares a large window (first byte 0x${first.toString(16).padStart(2, '0')}), which RFC 7932 does not allow`,
    )
  }
  return 8 + m
}
