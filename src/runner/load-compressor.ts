/** Turns a config file into a ready compressor: loads its template store and dictionary (the I/O), then builds it. */
import path from 'node:path'
import { AuraError, type CompressorConfig } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { loadCorpus } from '../corpus/index.ts'
import { createHybridCompressor, type HybridCompressor } from '../hybrid/index.ts'
import { isExternalConfig, loadCompressorConfig, readDictionaryFile, type CorpusSpec } from '../suite/index.ts'
import { createMatcher, loadTemplateStore, type TemplateStore } from '../templates/index.ts'

/** Loads a config YAML and everything it refers to, and returns the compressor (DESIGN.md's library API). */
export async function loadCompressor(configPath: string): Promise<HybridCompressor> {
  return createCompressorFromConfig(await loadCompressorConfig(configPath))
}

/** Builds the hybrid compressor from an already validated config, loading its store and dictionary. */
export async function createCompressorFromConfig(config: CompressorConfig): Promise<HybridCompressor> {
  if (isExternalConfig(config)) {
    throw new AuraError(
      'E_EXTERNAL',
      `config ${config.name} names an external compressor, not the hybrid`,
      { file: config.file },
      { hint: "build it with src/external's createExternalCompressor" },
    )
  }
  if (config.mode === 'stateful') {
    // never silently a per-message hybrid: a stateful config needs a context per connection
    throw new AuraError(
      'E_SCHEMA',
      `config ${config.name} is mode: stateful: it compresses connections, not single messages`,
      { file: config.file, field: 'mode' },
      { hint: 'measure it with `aura-bench compare` or `aura-bench replay` (docs/stateful.md)' },
    )
  }
  const store = await loadStore(config)
  const dictionary = await loadDictionary(config)
  return createHybridCompressor(config, { store, matcher: store === null ? null : createMatcher(store), dictionary })
}

/** The template store a config names, or null. */
export async function loadStore(config: CompressorConfig): Promise<TemplateStore | null> {
  return config.templateStorePath === null ? null : loadTemplateStore(config.templateStorePath)
}

/** The zstd_dict dictionary a config names: read from zstd_dict_path (E_FILE_MISSING when absent) or built from its training corpus, or null. */
export async function loadDictionary(config: CompressorConfig): Promise<Uint8Array | null> {
  if (config.zstdDictPath !== null) return readDictionaryFile({ ...config, zstdDictPath: config.zstdDictPath })
  if (config.zstdDictTrainingCorpus === null) return null
  const messages = await loadCorpus(trainingCorpusSpec(config.zstdDictTrainingCorpus))
  return createRawContentDictionary(
    messages.map((m) => m.bytes),
    config.zstdDictSizeBytes,
  )
}

function trainingCorpusSpec(corpusPath: string): CorpusSpec {
  return {
    name: path.basename(corpusPath),
    path: corpusPath,
    pathAsWritten: corpusPath,
    format: 'auto',
    textField: 'text',
    categoryField: 'category',
    harDirection: 'receive',
    required: true,
  }
}
