/** The `zstd` method: Zstandard through @mongodb-js/zstd (async napi-rs binding), no dictionary. */
import { createRequire } from 'node:module'
import { CODEC_LEVEL_RANGES, type Codec, DEFAULT_MAX_OUTPUT_BYTES, FrameError } from '../core/index.ts'
import { asPlainBytes } from './bytes-view.ts'
import { checkMaxOutputBytes, integerOption } from './options.ts'
import { readPackageVersion } from './package-version.ts'
import { checkZstdFrame, readZstdFrame, withZstdContentSize, zstdFrameError } from './zstd-frame.ts'

interface MongodbZstdBinding {
  compress(data: Buffer, level?: number | null): Promise<Buffer>
  decompress(data: Buffer): Promise<Buffer>
}

const LIBRARY = '@mongodb-js/zstd'
// The package's index.js wrapper drops the level argument (1.2.2 always compresses at level 3);
// its native binding honours it, so the codec calls the binding directly.
const binding = createRequire(import.meta.url)(`${LIBRARY}/bindings`) as MongodbZstdBinding

/** Installed @mongodb-js/zstd version. */
export const ZSTD_LIBRARY_VERSION = readPackageVersion(LIBRARY)

/** Options of the `zstd` codec. */
export interface ZstdOptions {
  /** compression level 1-22, default 3 */
  level?: number
}

/**
 * Creates the async `zstd` codec. Frames state their content size (see withZstdContentSize: the
 * binding's streaming encoder omits it), so decode rejects over-limit frames before decoding.
 */
export function createZstdCodec(options: ZstdOptions = {}): Codec {
  const level = integerOption('zstd', 'level', options.level, 3, CODEC_LEVEL_RANGES.zstd)
  return {
    name: 'zstd',
    library: LIBRARY,
    libraryVersion: ZSTD_LIBRARY_VERSION,
    isAsync: true,
    async encode(message: Uint8Array): Promise<Uint8Array> {
      const frame = await binding.compress(asBuffer(message), level)
      return withZstdContentSize(asPlainBytes(frame), message.length)
    },
    async decode(payload: Uint8Array, maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES): Promise<Uint8Array> {
      const info = readZstdFrame(payload)
      checkZstdFrame(info, checkMaxOutputBytes(maxOutputBytes), 0)
      if (info.contentSizeBytes === undefined) {
        // the binding decodes into an unbounded buffer; only a stated size makes that safe
        throw new FrameError(
          'E_FRAME_CORRUPT',
          'zstd frame does not state its content size, which this decoder needs to bound its output',
        )
      }
      let decoded: Uint8Array
      try {
        // libzstd stops with an error once a block would exceed the stated content size
        decoded = await binding.decompress(asBuffer(payload))
      } catch (error) {
        throw zstdFrameError('zstd', error)
      }
      if (decoded.length !== info.contentSizeBytes) {
        throw new FrameError(
          'E_FRAME_CORRUPT',
          `zstd frame states ${info.contentSizeBytes} bytes but decodes to ${decoded.length}`,
        )
      }
      return asPlainBytes(decoded)
    },
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
