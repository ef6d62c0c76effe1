/** Bounded, typed decoding shared by the node:zlib codecs (`brotli_native`, `deflate`). */
import { kMaxLength } from 'node:buffer'
import type { ZlibOptions, BrotliOptions as ZlibBrotliOptions } from 'node:zlib'
import { errorText, FrameError } from '../core/index.ts'
import { asPlainBytes } from './bytes-view.ts'
import { checkMaxOutputBytes } from './options.ts'

/** A node:zlib one-shot decompressor such as inflateRawSync or brotliDecompressSync. */
type ZlibDecompressSync = (payload: Uint8Array, options: ZlibOptions & ZlibBrotliOptions) => Buffer

/** Version of the zlib Node was built with (node:zlib's Brotli ships with Node as well). */
export const NODE_ZLIB_VERSION = process.versions.zlib

interface ZlibInfoResult {
  buffer: Buffer
  engine: { bytesWritten: number }
}

/**
 * Decodes with `maxOutputLength` so zlib stops allocating past the limit, and maps zlib's errors to
 * frame errors: output limit -> E_FRAME_TOO_LARGE, unexpected end -> E_FRAME_TRUNCATED, bytes after
 * the end of stream (zlib ignores them) -> E_FRAME_TRAILING, anything else -> E_FRAME_CORRUPT.
 */
export function decodeZlibBounded(
  codecName: string,
  decompress: ZlibDecompressSync,
  payload: Uint8Array,
  maxOutputBytes: number,
  options: ZlibOptions & ZlibBrotliOptions = {},
): Uint8Array {
  checkMaxOutputBytes(maxOutputBytes)
  if (payload.length === 0) throw new FrameError('E_FRAME_EMPTY', `${codecName} payload is empty`)
  // zlib requires maxOutputLength >= 1; a zero limit is enforced on the result below
  const maxOutputLength = Math.min(kMaxLength, Math.max(1, maxOutputBytes))
  let result: ZlibInfoResult
  try {
    // info: true reports how much input the engine consumed, which reveals trailing bytes
    result = decompress(payload, {
      ...options,
      maxOutputLength,
      chunkSize: chunkSizeBytes(payload.length, maxOutputLength),
      info: true,
    }) as unknown as ZlibInfoResult
  } catch (error) {
    throw toFrameError(codecName, error, maxOutputBytes)
  }
  if (result.buffer.length > maxOutputBytes) throw tooLarge(codecName, maxOutputBytes)
  if (result.engine.bytesWritten < payload.length) {
    throw new FrameError(
      'E_FRAME_TRAILING',
      `${codecName} stream ends at byte ${result.engine.bytesWritten} but the payload has ${payload.length} bytes`,
    )
  }
  return asPlainBytes(result.buffer)
}

/** zlib's default output chunk: what every payload under 2 KiB keeps. */
const DEFAULT_CHUNK_BYTES = 16 * 1024
const MAX_CHUNK_BYTES = 256 * 1024

/**
 * Output chunk size: zlib's 16 KiB for small payloads, growing with the payload (8 x, a power of two)
 * up to 256 KiB. A 586 KB deflate bomb stopped at 16 MiB took 14 ms of CPU in 16 KiB chunks (a
 * round trip and a Buffer per chunk) and 2 ms in 256 KiB chunks.
 */
function chunkSizeBytes(payloadBytes: number, maxOutputLength: number): number {
  let chunkBytes = DEFAULT_CHUNK_BYTES
  while (chunkBytes < MAX_CHUNK_BYTES && chunkBytes < payloadBytes * 8 && chunkBytes < maxOutputLength) chunkBytes *= 2
  return chunkBytes
}

function toFrameError(codecName: string, error: unknown, maxOutputBytes: number): FrameError {
  const code = (error as { code?: unknown } | undefined)?.code
  if (code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(codecName, maxOutputBytes)
  if (code === 'Z_BUF_ERROR')
    return new FrameError('E_FRAME_TRUNCATED', `${codecName}: stream ends early (${errorText(error)})`)
  return new FrameError('E_FRAME_CORRUPT', `${codecName}: ${errorText(error)}`)
}

function tooLarge(codecName: string, maxOutputBytes: number): FrameError {
  return new FrameError(
    'E_FRAME_TOO_LARGE',
    `${codecName} payload decodes to more than the limit of ${maxOutputBytes} bytes`,
  )
}
