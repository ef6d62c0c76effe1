/**
 * Zstandard with a dictionary given per message: the stateful cm stream's history path (src/stateful/model-stream.ts)
 * compresses a message against the connection's own recent history, which changes with every message, so the
 * dictionary is loaded into one process-wide context pair at each call (no memory per connection). Raw content
 * only: a history whose first bytes are the zstd dictionary magic number is passed from its second byte on (both
 * ends do the same), as libzstd would otherwise parse it as a trained dictionary.
 */
import { FrameError } from '../core/index.ts'
import { asPlainBytes } from './bytes-view.ts'
import { checkZstdFrame, readZstdFrame, zstdFrameError } from './zstd-frame.ts'
import { type ZstdNapiBinding, zstdNapiBinding } from './zstd-napi-binding.ts'

/** Compresses and decompresses single messages against a dictionary passed with each call. */
export interface PerMessageDictionaryZstd {
  /** `message` compressed against `dictionary`, after `prefix` (the caller's tag bytes), in a buffer of its own */
  compress(message: Uint8Array, dictionary: Uint8Array, prefix: Uint8Array): Uint8Array
  /** the frame decoded against the same `dictionary`; FrameError when corrupt or over `maxOutputBytes` */
  decompress(frame: Uint8Array, dictionary: Uint8Array, maxOutputBytes: number): Uint8Array
}

/** Largest compress scratch kept between calls. */
const MAX_KEPT_SCRATCH_BYTES = 1 << 20

/** libzstd's ZSTD_MAGIC_DICTIONARY as its first four bytes (little-endian 0xEC30A437). */
const MAGIC = [0x37, 0xa4, 0x30, 0xec] as const

/** The dictionary libzstd reads as raw content: from the second byte when the first four are the magic number. */
function rawContent(dictionary: Uint8Array): Uint8Array {
  return dictionary.length >= 4 &&
    dictionary[0] === MAGIC[0] &&
    dictionary[1] === MAGIC[1] &&
    dictionary[2] === MAGIC[2] &&
    dictionary[3] === MAGIC[3]
    ? dictionary.subarray(1)
    : dictionary
}

/**
 * One context pair at `level` with small match tables (`hashLog`, `chainLog`: a dictionary of a few tens of KiB
 * needs no larger ones, and libzstd clears them at every dictionary load) and a 2^windowLog window.
 */
export function createPerMessageDictionaryZstd(options: {
  level: number
  windowLog: number
  hashLog: number
  chainLog: number
}): PerMessageDictionaryZstd {
  const binding: ZstdNapiBinding = zstdNapiBinding()
  const cctx = new binding.CCtx()
  const dctx = new binding.DCtx()
  const setParameters = (): void => {
    cctx.setParameter(binding.CParameter.compressionLevel, options.level)
    cctx.setParameter(binding.CParameter.windowLog, options.windowLog)
    cctx.setParameter(binding.CParameter.hashLog, options.hashLog)
    cctx.setParameter(binding.CParameter.chainLog, options.chainLog)
    cctx.setParameter(binding.CParameter.checksumFlag, 0)
    cctx.setParameter(binding.CParameter.contentSizeFlag, 1)
  }
  setParameters()
  let scratch = new Uint8Array(1024)
  return {
    compress(message, dictionary, prefix) {
      const bound = binding.compressBound(message.length) + prefix.length
      // a scratch grown past MAX_KEPT_SCRATCH_BYTES serves this message only
      const out =
        bound <= scratch.length
          ? scratch
          : bound > MAX_KEPT_SCRATCH_BYTES
            ? new Uint8Array(bound)
            : (scratch = new Uint8Array(Math.max(bound, scratch.length * 2)))
      cctx.reset(binding.ResetDirective.sessionOnly)
      cctx.loadDictionary(rawContent(dictionary))
      const written = cctx.compress2(out.subarray(prefix.length), message)
      out.set(prefix, 0)
      return out.slice(0, prefix.length + written)
    },
    decompress(frame, dictionary, maxOutputBytes) {
      const info = readZstdFrame(frame)
      checkZstdFrame(info, maxOutputBytes, 0)
      const size = info.contentSizeBytes
      if (size === undefined) throw new FrameError('E_FRAME_CORRUPT', 'zstd frame of the history path states no size')
      try {
        dctx.reset(binding.ResetDirective.sessionOnly)
        dctx.loadDictionary(rawContent(dictionary))
        const out = Buffer.allocUnsafe(size)
        const decoded = dctx.decompress(out, frame)
        if (decoded !== size)
          throw new FrameError('E_FRAME_CORRUPT', `zstd frame states ${size} bytes but decodes to ${decoded}`)
        return asPlainBytes(out)
      } catch (error) {
        if (error instanceof FrameError) throw error
        throw zstdFrameError('stateful history path (zstd against the connection history)', error)
      }
    },
  }
}
