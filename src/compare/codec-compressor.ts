/** Adapters for the runner: a bare codec as a Compressor (payload only, no frame tag), and a Compressor that times itself. */
import { hrtime } from 'node:process'
import { toBytes, type Codec, type CompressResult, type Compressor, type Method } from '../core/index.ts'

const METHOD_OF_CODEC: Record<string, Method> = {
  brotli: 'brotli',
  brotli_native: 'brotli',
  zstd: 'zstd',
  zstd_napi: 'zstd',
  zstd_dict: 'zstd_dict',
  deflate: 'deflate',
  identity: 'uncompressed',
}

/**
 * A codec as the runner's Compressor: the "frame" is the codec's payload alone. Per-codec baselines
 * count only what the codec produced (no method tag), so they show the codec, not a framing.
 */
export function createCodecCompressor(codec: Codec, name: string, sharedStateBytes = 0): Compressor {
  const method = METHOD_OF_CODEC[codec.name] ?? 'uncompressed'
  return {
    name,
    sharedStateBytes,
    libraries: { [codec.library]: codec.libraryVersion },
    async compress(message: string | Uint8Array): Promise<CompressResult> {
      const bytes = typeof message === 'string' ? toBytes(message) : message
      const payload = await codec.encode(bytes)
      return {
        bytes: payload,
        method,
        metadata: {
          ratio: bytes.length / Math.max(1, payload.length),
          method,
          originalBytes: bytes.length,
          compressedBytes: payload.length,
        },
      }
    },
    decompress: async (frame: Uint8Array): Promise<Uint8Array> => codec.decode(frame),
  }
}

/** Time spent in a timed compressor's calls, in nanoseconds, each call's time in µs, and the original bytes they handled. */
export interface CallTiming {
  encodeNs: bigint
  decodeNs: bigint
  /** one entry per compress call, in microseconds */
  encodeUs: number[]
  /** one entry per decompress call, in microseconds */
  decodeUs: number[]
  /** original bytes compressed */
  encodedBytes: number
  /** frame length of each compress call, in call order */
  frameSizes: number[]
  /** bytes decompressed back */
  decodedBytes: number
}

/** Wraps a compressor so every compress and decompress call adds its wall time to `timing`. */
export function createTimedCompressor(inner: Compressor): { compressor: Compressor; timing: CallTiming } {
  const timing: CallTiming = {
    encodeNs: 0n,
    decodeNs: 0n,
    encodeUs: [],
    decodeUs: [],
    encodedBytes: 0,
    decodedBytes: 0,
    frameSizes: [],
  }
  const compressor: Compressor = {
    name: inner.name,
    sharedStateBytes: inner.sharedStateBytes,
    libraries: inner.libraries,
    async compress(message) {
      const start = hrtime.bigint()
      const result = await inner.compress(message)
      const elapsedNs = hrtime.bigint() - start
      timing.encodeNs += elapsedNs
      timing.encodeUs.push(Number(elapsedNs) / 1e3)
      timing.encodedBytes += result.metadata.originalBytes
      timing.frameSizes.push(result.bytes.length)
      return result
    },
    async decompress(frame) {
      const start = hrtime.bigint()
      const decoded = await inner.decompress(frame)
      const elapsedNs = hrtime.bigint() - start
      timing.decodeNs += elapsedNs
      timing.decodeUs.push(Number(elapsedNs) / 1e3)
      timing.decodedBytes += decoded.length
      return decoded
    },
  }
  return { compressor, timing }
}

/** MB (1e6 bytes) per second from bytes and nanoseconds; 0 when nothing was timed. */
export function toMegabytesPerSecond(bytes: number, ns: bigint): number {
  return ns === 0n ? 0 : (bytes * 1e3) / Number(ns)
}
