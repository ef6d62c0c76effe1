/** Turns a config file into a ready compressor: loads its template store and dictionary (the I/O), then builds it. */
import path from 'node:path'
import { AuraError, type CompressorConfig } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { loadCorpus, streamCorpus, type CorpusOptions } from '../corpus/index.ts'
import { createHybridCompressor, type HybridCompressor } from '../hybrid/index.ts'
import { atConfigKey, isExternalConfig, loadCompressorConfig, readDictionaryFile } from '../suite/index.ts'
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
      {
        hint: 'open connections with loadStatefulCompressor, measure it with `aura-bench compare` or `aura-bench replay` (docs/stateful.md)',
      },
    )
  }
  const store = await loadStore(config)
  const dictionary = await loadDictionary(config)
  return createHybridCompressor(config, { store, matcher: store === null ? null : createMatcher(store), dictionary })
}

/** The template store a config names, or null. */
export async function loadStore(config: CompressorConfig): Promise<TemplateStore | null> {
  const storePath = config.templateStorePath
  if (storePath === null) return null
  // a store that cannot be used is said at the config's key first: the store's own errors name only the store
  return atConfigKey(config.file, 'template_store_path', 'a template store', () => loadTemplateStore(storePath))
}

/** The zstd_dict dictionary a config names: read from zstd_dict_path (E_FILE_MISSING when absent) or built from its training corpus, or null. */
export async function loadDictionary(config: CompressorConfig): Promise<Uint8Array | null> {
  if (config.zstdDictPath !== null) return readDictionaryFile({ ...config, zstdDictPath: config.zstdDictPath })
  if (config.zstdDictTrainingCorpus === null) return null
  const corpus = config.zstdDictTrainingCorpus
  const messages = await asTrainingCorpusError(config, corpus, () => loadCorpus(trainingCorpusSpec(config, corpus)))
  return createRawContentDictionary(
    messages.map((m) => m.bytes),
    config.zstdDictSizeBytes,
  )
}

/**
 * Reads the first message of a config's dictionary training corpus as a run reads it (validate's
 * check: a JSONL file whose messages are not in the field read is found before measuring). Nothing
 * for a config that trains no dictionary from a corpus.
 */
export async function checkTrainingCorpus(config: CompressorConfig): Promise<void> {
  const corpus = config.zstdDictTrainingCorpus
  if (corpus === null || config.zstdDictPath !== null || config.mode === 'stateful') return
  await asTrainingCorpusError(config, corpus, async () => {
    for await (const _message of streamCorpus(trainingCorpusSpec(config, corpus))) break
  })
}

/** How the loader is told to read the training corpus, and what its error says to set when the field is wrong. */
function trainingCorpusSpec(config: CompressorConfig, corpusPath: string): CorpusOptions {
  const reading = config.zstdDictTrainingReading
  return {
    name: path.basename(corpusPath),
    path: corpusPath,
    format: reading?.format ?? 'auto',
    textField: reading?.textField ?? 'text',
    categoryField: reading?.categoryField ?? 'category',
    harDirection: reading?.harDirection ?? 'receive',
    // its messages train a dictionary: no connections, so no recordings file is looked for (s37-fixr)
    readRecordings: false,
    fieldAdvice:
      "set the config's `zstd_dict_training_text_field:` to the field that holds the message, or `zstd_dict_training_format: txt` to train on each line whole",
  }
}

/**
 * A bad training corpus was reported at the corpus file alone, with a suite's advice (`text_field:`)
 * no config key answers: it is reported at the config and its zstd_dict_training_corpus, the corpus
 * file and line in the message.
 */
async function asTrainingCorpusError<T>(config: CompressorConfig, corpus: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (!(error instanceof AuraError) || error.code === 'E_INTERNAL') throw error
    // the corpus's own message says where in it (line N, element [i])
    throw new AuraError(
      error.code,
      `dictionary training corpus ${error.location.file ?? corpus}: ${error.reason}`,
      { file: config.file, field: 'zstd_dict_training_corpus' },
      { ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error },
    )
  }
}
