/** Compressors and codecs for benchmarks, built in memory from a few settings (no config files on disk). */
import { createCodec, createRawContentDictionary } from '../../src/codecs/index.ts'
import type { Codec, FallbackCodecName } from '../../src/core/index.ts'
import { createHybridCompressor, type HybridCompressor } from '../../src/hybrid/index.ts'
import { parseCompressorConfig } from '../../src/suite/index.ts'
import { createMatcher, type TemplateStore } from '../../src/templates/index.ts'
import { PROJECT_ROOT } from './fixtures.ts'

/** Dictionary size of every zstd_dict contender: the config default (64 KiB of raw content). */
export const DICTIONARY_BYTES = 65_536
/** zstd_dict level of every contender: the config default. */
export const ZSTD_DICT_LEVEL = 19

/** Settings of a benchmark hybrid; anything not named takes the config defaults (the seed's emergency values). */
export interface BenchHybridSettings {
  name: string
  fallback: FallbackCodecName
  store: TemplateStore | null
  /** zstd_dict dictionary; required when fallback is zstd_dict */
  dictionary?: Uint8Array
  /** extra YAML lines (snake_case keys) */
  yaml?: string
}

/** A hybrid compressor from settings, as createCompressorFromConfig would build it from a file. */
export async function createBenchHybrid(settings: BenchHybridSettings): Promise<HybridCompressor> {
  const lines = [`name: ${settings.name}`, `fallback: ${settings.fallback}`, `zstd_dict_level: ${ZSTD_DICT_LEVEL}`]
  // the dictionary is handed over in memory; the path only satisfies the config check
  if (settings.fallback === 'zstd_dict') lines.push('zstd_dict_path: bench-dictionary.bin')
  if (settings.yaml !== undefined) lines.push(settings.yaml)
  const config = parseCompressorConfig(lines.join('\n'), `${PROJECT_ROOT}configs/${settings.name}.yaml`)
  const store = settings.store
  return createHybridCompressor(config, { store, matcher: store === null ? null : createMatcher(store), dictionary: settings.dictionary ?? null })
}

/** A raw-content dictionary of DICTIONARY_BYTES from training messages. */
export function createBenchDictionary(training: readonly Uint8Array[]): Uint8Array {
  return createRawContentDictionary([...training], DICTIONARY_BYTES)
}

/** The zstd_dict codec (zstd-napi, prepared dictionary, level ZSTD_DICT_LEVEL) as the hybrid's fallback uses it. */
export async function createZstdDictCodec(dictionary: Uint8Array): Promise<Codec> {
  return createCodec({ name: 'zstd_dict', level: ZSTD_DICT_LEVEL, dictionary })
}
