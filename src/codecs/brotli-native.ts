/** The `brotli_native` codec: Brotli through node:zlib, to show the binding's share of Brotli's cost next to brotli-wasm. */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import { CODEC_LEVEL_RANGES, type Codec, DEFAULT_MAX_OUTPUT_BYTES } from '../core/index.ts'
import { asPlainBytes } from './bytes-view.ts'
import { enumOption, integerOption } from './options.ts'
import { decodeZlibBounded, NODE_ZLIB_VERSION } from './zlib-decode.ts'

/** Brotli's input hint: `text` tunes for UTF-8, `generic` assumes nothing. */
export type BrotliMode = 'generic' | 'text'

/** Options of the `brotli_native` codec. */
export interface BrotliNativeOptions {
  /** quality 0-11, default 11 */
  quality?: number
  /** log2 of the sliding window (Brotli's lgwin) 10-24, default 22 */
  windowBits?: number
  /** default `text` */
  mode?: BrotliMode
}

/** Creates the sync `brotli_native` codec (node:zlib Brotli with quality, window, mode and a size hint). */
export function createBrotliNativeCodec(options: BrotliNativeOptions = {}): Codec {
  const quality = integerOption('brotli_native', 'quality', options.quality, 11, CODEC_LEVEL_RANGES.brotli_native)
  const windowBits = integerOption('brotli_native', 'windowBits', options.windowBits, 22, [10, 24])
  const mode = enumOption('brotli_native', 'mode', options.mode, 'text', ['generic', 'text'])
  const modeParam = mode === 'text' ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC
  return {
    name: 'brotli_native',
    library: 'node:zlib',
    libraryVersion: NODE_ZLIB_VERSION,
    isAsync: false,
    encode: (message: Uint8Array): Uint8Array =>
      asPlainBytes(
        brotliCompressSync(message, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: quality,
            [constants.BROTLI_PARAM_LGWIN]: windowBits,
            [constants.BROTLI_PARAM_MODE]: modeParam,
            [constants.BROTLI_PARAM_SIZE_HINT]: message.length,
          },
        }),
      ),
    decode: (payload: Uint8Array, maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES): Uint8Array =>
      decodeZlibBounded('brotli_native', brotliDecompressSync, payload, maxOutputBytes),
  }
}
