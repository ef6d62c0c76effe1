/**
 * The sync path of a message no template may match and aura does not see (a line of a stream the store
 * was not made from): only the uncompressed frame and the fallback's are weighed, so this is steps 3-6
 * of compressor.ts's selection with two candidates, written without the selection's own objects (the
 * selection, its candidates, the best-so-far): what it allocates is what it returns (the frame, the
 * metadata, its candidateBytes, the result). The same frame, method and metadata as the general path
 * (compressor.test.ts checks both on the same messages).
 */
import type { Codec, CompressorConfig, FallbackCodecName } from '../core/index.ts'
import {
  decodeLimitBytes,
  methodTag,
  uncompressedFrameSizeBytes,
  writeMethodFrame,
  writeUncompressedFrame,
  writesFrames,
} from '../codecs/index.ts'
import type { HybridCompressResult, HybridMetadata } from './compressor.ts'

/**
 * A fallback frame in two steps: `write` returns its length, `take` (called at most once, right after,
 * with that length) the frame. A codec that writes its frames into a scratch (zstd_dict) is only asked
 * for the frame when it is chosen: a frame that loses (to the uncompressed frame, on most short lines
 * of a log the dictionary was not made from) is neither copied nor allocated.
 */
export interface SyncFallbackFrame {
  write(message: Uint8Array): number
  take: (frameBytes: number) => Uint8Array
}

/** The fallback's frame of a message, by a sync codec (built once per compressor; see SyncFallbackFrame). */
export function syncFallbackFrame(config: CompressorConfig, codec: Codec): SyncFallbackFrame {
  const tag = methodTag(config.fallback)
  if (writesFrames(codec)) return { write: (message) => codec.writeFrame(message, tag), take: codec.takeFrame }
  // a sync codec returns bytes (compressSync refuses an async one before writing)
  let last: Uint8Array = new Uint8Array(0)
  return {
    write(message) {
      last = writeMethodFrame(config.fallback, codec.encode(message) as Uint8Array)
      return last.length
    },
    take: () => last,
  }
}

/** candidateBytes of the two candidates, keys in the general path's order (uncompressed, then the fallback), as plain literals. */
function bothCandidates(
  fallback: FallbackCodecName,
  uncompressedBytes: number,
  fallbackBytes: number,
): HybridMetadata['candidateBytes'] {
  switch (fallback) {
    case 'zstd_dict':
      return { uncompressed: uncompressedBytes, zstd_dict: fallbackBytes }
    case 'zstd':
      return { uncompressed: uncompressedBytes, zstd: fallbackBytes }
    case 'brotli':
      return { uncompressed: uncompressedBytes, brotli: fallbackBytes }
    case 'deflate':
      return { uncompressed: uncompressedBytes, deflate: fallbackBytes }
  }
}

/** The result of a message no template may match and aura does not see (see the file comment). */
export function compressUnmatched(
  config: CompressorConfig,
  message: Uint8Array,
  isText: boolean,
  fallbackFrame: SyncFallbackFrame,
): HybridCompressResult {
  const originalBytes = message.length
  const uncompressedBytes = uncompressedFrameSizeBytes(originalBytes, config.framing, isText)
  let candidateBytes: HybridMetadata['candidateBytes']
  if (originalBytes >= config.minCompressionSizeBytes) {
    const fallbackBytes = fallbackFrame.write(message)
    candidateBytes = bothCandidates(config.fallback, uncompressedBytes, fallbackBytes)
    // a frame past its decode budget (a message over 1 MiB compressing better than 128:1) would be refused by the decoder
    if (fallbackBytes < uncompressedBytes && originalBytes <= decodeLimitBytes(fallbackBytes, config.maxMessageBytes)) {
      const method = config.fallback
      return {
        bytes: fallbackFrame.take(fallbackBytes),
        method,
        metadata: {
          ratio: originalBytes / fallbackBytes,
          method,
          originalBytes,
          compressedBytes: fallbackBytes,
          candidateBytes,
        },
      }
    }
  } else candidateBytes = { uncompressed: uncompressedBytes }
  return {
    bytes: writeUncompressedFrame(message, config.framing, isText),
    method: 'uncompressed',
    metadata: {
      // an empty message in an empty frame (text-passthrough) neither grew nor shrank: ratio 1
      ratio: uncompressedBytes === 0 ? 1 : originalBytes / uncompressedBytes,
      method: 'uncompressed',
      originalBytes,
      compressedBytes: uncompressedBytes,
      candidateBytes,
    },
  }
}
