/** The `deflate` method: raw deflate through node:zlib, the permessage-deflate baseline (each message alone, no context takeover). */
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { CODEC_LEVEL_RANGES, type Codec, DEFAULT_MAX_OUTPUT_BYTES } from '../core/index.ts'
import { asPlainBytes } from './bytes-view.ts'
import { integerOption } from './options.ts'
import { decodeZlibBounded, NODE_ZLIB_VERSION } from './zlib-decode.ts'

/** Options of the `deflate` codec. */
export interface DeflateOptions {
  /** compression level 0-9, default 9 */
  level?: number
  /** log2 of the window 9-15, default 15 (raw deflate does not support 8); the decoder uses the same value, as a negotiated permessage-deflate window would */
  windowBits?: number
  /** zlib memLevel 1-9, default 8 */
  memLevel?: number
}

/** Creates the sync `deflate` codec. */
export function createDeflateCodec(options: DeflateOptions = {}): Codec {
  const level = integerOption('deflate', 'level', options.level, 9, CODEC_LEVEL_RANGES.deflate)
  const windowBits = integerOption('deflate', 'windowBits', options.windowBits, 15, [9, 15])
  const memLevel = integerOption('deflate', 'memLevel', options.memLevel, 8, [1, 9])
  return {
    name: 'deflate',
    library: 'node:zlib',
    libraryVersion: NODE_ZLIB_VERSION,
    isAsync: false,
    encode: (message: Uint8Array): Uint8Array => asPlainBytes(deflateRawSync(message, { level, windowBits, memLevel })),
    decode: (payload: Uint8Array, maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES): Uint8Array =>
      decodeZlibBounded('deflate', inflateRawSync, payload, maxOutputBytes, { windowBits }),
  }
}
