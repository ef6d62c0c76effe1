/**
 * The `brotli` method: Brotli through brotli-wasm. Its compress accepts only `quality` (3.0.1's
 * Rust `Options` struct has no window or mode; other keys are silently ignored), so window size
 * and text mode are available through `brotli_native` only.
 *
 * Decoding is bounded before brotli-wasm runs: the stream header is read first and a large-window
 * stream refused (brotli-header.ts), so the decoder's window is at most 16 MiB, and output is taken
 * in chunks never past max_message_bytes + 1. Work is then linear in the payload and the output limit.
 */
import { createRequire } from 'node:module'
import {
  CODEC_LEVEL_RANGES,
  type Codec,
  concatBytes,
  DEFAULT_MAX_OUTPUT_BYTES,
  FrameError,
  toFrameError,
} from '../core/index.ts'
import { brotliWindowBits } from './brotli-header.ts'
import { checkMaxOutputBytes, integerOption } from './options.ts'
import { readPackageVersion } from './package-version.ts'

type BrotliWasm = typeof import('brotli-wasm')

const LIBRARY = 'brotli-wasm'
// An ESM import resolves to the browser build; require() gets the Node build, usable synchronously.
const brotli = createRequire(import.meta.url)(LIBRARY) as BrotliWasm
const { ResultSuccess: RESULT_SUCCESS, NeedsMoreInput: RESULT_NEEDS_MORE_INPUT } = brotli.BrotliStreamResultCode
const MIN_CHUNK_BYTES = 4 * 1024
const MAX_CHUNK_BYTES = 4 * 1024 * 1024

/** Installed brotli-wasm version. */
export const BROTLI_LIBRARY_VERSION = readPackageVersion(LIBRARY)

/** Options of the `brotli` codec. */
export interface BrotliOptions {
  /** quality 0-11, default 11 */
  quality?: number
}

/** Creates the sync `brotli` codec (brotli-wasm). */
export function createBrotliCodec(options: BrotliOptions = {}): Codec {
  const quality = integerOption('brotli', 'quality', options.quality, 11, CODEC_LEVEL_RANGES.brotli)
  return {
    name: 'brotli',
    library: LIBRARY,
    libraryVersion: BROTLI_LIBRARY_VERSION,
    isAsync: false,
    encode: (message: Uint8Array): Uint8Array => brotli.compress(message, { quality }),
    decode(payload: Uint8Array, maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES): Uint8Array {
      // refuses the empty payload and a large-window header before the decoder allocates its window
      brotliWindowBits('brotli', payload)
      const stream = new brotli.DecompressStream()
      try {
        return decodeBounded(stream, payload, checkMaxOutputBytes(maxOutputBytes))
      } catch (error) {
        throw toFrameError('brotli', error)
      } finally {
        stream.free()
      }
    },
  }
}

/**
 * Decodes in chunks that grow from a guess based on the payload size, never asking for more than
 * one byte past `maxOutputBytes` (brotli-wasm's one-shot decompress has no limit).
 */
function decodeBounded(
  stream: InstanceType<BrotliWasm['DecompressStream']>,
  payload: Uint8Array,
  maxOutputBytes: number,
): Uint8Array {
  const chunks: Uint8Array[] = []
  let totalBytes = 0
  let offset = 0
  let chunkBytes = Math.min(MAX_CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, payload.length * 8))
  for (;;) {
    const result = stream.decompress(payload.subarray(offset), Math.min(chunkBytes, maxOutputBytes - totalBytes + 1))
    const output = result.buf
    const code = result.code
    offset += result.input_offset
    result.free()
    totalBytes += output.length
    if (totalBytes > maxOutputBytes)
      throw new FrameError(
        'E_FRAME_TOO_LARGE',
        `brotli payload decodes to more than the limit of ${maxOutputBytes} bytes`,
      )
    chunks.push(output)
    if (code === RESULT_SUCCESS) {
      if (offset < payload.length)
        throw new FrameError(
          'E_FRAME_TRAILING',
          `brotli stream ends at byte ${offset} but the payload has ${payload.length} bytes`,
        )
      return chunks.length === 1 ? output : concatBytes(chunks)
    }
    if (code === RESULT_NEEDS_MORE_INPUT)
      throw new FrameError('E_FRAME_TRUNCATED', 'brotli stream ends before its last meta-block')
    // needs more output: a call that neither reads nor writes would loop forever
    if (output.length === 0) throw new FrameError('E_FRAME_CORRUPT', 'brotli decoder made no progress')
    chunkBytes = Math.min(MAX_CHUNK_BYTES, chunkBytes * 2)
  }
}
