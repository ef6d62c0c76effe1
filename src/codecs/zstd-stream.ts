/**
 * One Zstandard stream per connection (zstd-napi's low-level binding): the sender's CCtx stays in one
 * frame and flushes after every message (ZSTD_e_flush), so each message can be decoded as soon as it
 * arrives and later messages refer back to earlier ones, like permessage-deflate with context
 * takeover. The receiver's DCtx decodes the flushed blocks in order. The window is set explicitly
 * (windowLog): it bounds both what a message may refer to and the memory each side keeps.
 */
import { concatBytes, FrameError } from '../core/index.ts'
import { zstdFrameError } from './zstd-frame.ts'
import { type ZstdNapiBinding, zstdNapiBinding } from './zstd-napi-binding.ts'

type ZstdCCtx = InstanceType<ZstdNapiBinding['CCtx']>
type ZstdDCtx = InstanceType<ZstdNapiBinding['DCtx']>

/** Settings of one Zstandard stream connection. */
interface ZstdStreamOptions {
  /** compression level 1-22 */
  level: number
  /** log2 of the window in bytes (10-27) */
  windowLog: number
  /** content both sides load before the first message (ZSTD_CCtx/DCtx_loadDictionary): raw content or a trained dictionary */
  dictionary?: Uint8Array
  /** log2 of the match-finder tables (bounds the sender's memory); default: libzstd's for the level */
  hashLog?: number
  chainLog?: number
}

/** One direction of a connection: the sender's compression stream and the receiver's decompression stream. */
interface ZstdStreamConnection {
  /** compresses one message and flushes: the bytes to send (the first message also carries the frame header) */
  encode(message: Uint8Array): Uint8Array
  /** decodes one flushed payload on the receiver's stream, in send order */
  decode(payload: Uint8Array): Uint8Array
}

/** Opens one connection's compression and decompression contexts. */
export function createZstdStreamConnection(options: ZstdStreamOptions): ZstdStreamConnection {
  return { encode: createZstdStreamEncoder(options), decode: createZstdStreamDecoder(options) }
}

/** The sender's side alone: one CCtx kept in one frame, flushed after every message. */
export function createZstdStreamEncoder(options: ZstdStreamOptions): (message: Uint8Array) => Uint8Array {
  // loaded here, not at import: E_DEPENDENCY when zstd-napi's binding was not built (zstd-napi-binding.ts)
  const binding = zstdNapiBinding()
  const cctx = new binding.CCtx()
  cctx.setParameter(binding.CParameter.compressionLevel, options.level)
  cctx.setParameter(binding.CParameter.windowLog, options.windowLog)
  if (options.hashLog !== undefined) cctx.setParameter(binding.CParameter.hashLog, options.hashLog)
  if (options.chainLog !== undefined) cctx.setParameter(binding.CParameter.chainLog, options.chainLog)
  if (options.dictionary !== undefined && options.dictionary.length > 0) {
    // the dictionary id is known to both sides; 4 bytes it would add to the frame header are saved
    cctx.setParameter(binding.CParameter.dictIDFlag, 0)
    cctx.loadDictionary(options.dictionary)
  }
  // one output chunk per side for the connection's life: a fresh 128 KiB chunk per message would be garbage at every call
  const compressChunk = Buffer.allocUnsafe(binding.cStreamOutSize())
  const flush = binding.EndDirective.flush
  return (message) => compressAndFlush(cctx, message, compressChunk, flush)
}

/** The receiver's side alone: one DCtx decoding the flushed blocks in send order. */
export function createZstdStreamDecoder(options: ZstdStreamOptions): (payload: Uint8Array) => Uint8Array {
  const binding = zstdNapiBinding()
  const dctx = new binding.DCtx()
  dctx.setParameter(binding.DParameter.windowLogMax, Math.max(options.windowLog, 10))
  if (options.dictionary !== undefined && options.dictionary.length > 0) dctx.loadDictionary(options.dictionary)
  const decompressChunk = Buffer.allocUnsafe(binding.dStreamOutSize())
  return (payload) => decompressAll(dctx, payload, decompressChunk)
}

/** Feeds the whole message, then flushes until libzstd reports nothing left to flush. */
function compressAndFlush(
  cctx: ZstdCCtx,
  message: Uint8Array,
  out: Buffer,
  flush: ZstdNapiBinding['EndDirective']['flush'],
): Uint8Array {
  const chunks: Uint8Array[] = []
  let input = message
  for (;;) {
    const [remaining, produced, consumed] = cctx.compressStream2(out, input, flush)
    input = input.subarray(consumed)
    if (produced > 0) chunks.push(Uint8Array.prototype.slice.call(out, 0, produced))
    if (remaining === 0 && input.length === 0) return concatBytes(chunks)
  }
}

/** Decodes everything a payload holds: stops when the input is consumed and the last output chunk was not full. */
function decompressAll(dctx: ZstdDCtx, payload: Uint8Array, out: Buffer): Uint8Array {
  const chunks: Uint8Array[] = []
  let input = payload
  try {
    for (;;) {
      const [, produced, consumed] = dctx.decompressStream(out, input)
      input = input.subarray(consumed)
      if (produced > 0) chunks.push(Uint8Array.prototype.slice.call(out, 0, produced))
      if (input.length === 0 && produced < out.length) return concatBytes(chunks)
      if (produced === 0 && consumed === 0)
        throw new FrameError('E_FRAME_TRUNCATED', 'zstd stream payload ends before its flushed block')
    }
  } catch (error) {
    throw zstdFrameError('zstd stream', error)
  }
}
