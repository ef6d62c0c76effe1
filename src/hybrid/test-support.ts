/** Shared by the hybrid layer's tests (not exported from index.ts). */
import { expect } from 'vitest'
import type { CompressorConfig } from '../core/index.ts'
import type { HybridCompressor } from './compressor.ts'

/** The config schema's defaults (the seed's emergency values), inline: this layer does not read YAML. */
export const DEFAULT_TEST_CONFIG: CompressorConfig = {
  name: 'test',
  description: '',
  file: '<inline>',
  enableAura: false,
  minCompressionSizeBytes: 30,
  binaryAdvantageThreshold: 1.1,
  templateStorePath: null,
  auraPreferenceMargin: 0.3,
  auraMinSizeBytes: 0,
  fallback: 'brotli',
  brotliQuality: 11,
  brotliLibrary: 'brotli-wasm',
  brotliWindowLog: 22,
  brotliMode: 'generic',
  zstdLevel: 3,
  zstdDictPath: null,
  zstdDictTrainingCorpus: null,
  zstdDictSizeBytes: 65536,
  zstdDictLevel: 19,
  zstdChecksum: false,
  zstdDictId: false,
  deflateLevel: 9,
  framing: 'tagged',
  maxMessageBytes: 16 * 1024 * 1024,
}

/** compressSync gives what compress gives, decompressSync what decompress gives, and that is the message (tests of the sync API). */
export async function expectSyncMatchesAsync(
  compressor: HybridCompressor,
  message: string | Uint8Array,
): Promise<void> {
  const sync = compressor.compressSync(message)
  expect(sync).toEqual(await compressor.compress(message))
  const back = compressor.decompressSync(sync.bytes)
  expect(back).toEqual(await compressor.decompress(sync.bytes))
  expect(
    Buffer.from(back).equals(typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message)),
  ).toBe(true)
}
