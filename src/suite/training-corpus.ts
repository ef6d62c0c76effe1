/**
 * How a config's `zstd_dict_training_corpus` is read. The file was always read by its extension with
 * messages in field `text`, so a JSONL file whose messages are in another field could not train a
 * dictionary, and a `.log` file was always Loghub. `zstd_dict_training_format` and
 * `zstd_dict_training_text_field` say how; in a suite, a training corpus that is one of the suite's
 * corpus files (and sets neither key) is read as the suite reads that file.
 */
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import type { CompressorConfig } from '../core/index.ts'
import { loadCompressorConfig } from './config-file.ts'
import type { ConfigRef, CorpusSpec, Suite } from './types.ts'

/**
 * The config with its training corpus read as the suite reads the same file (its format, text and
 * category fields, HAR direction), when the config says nothing of how and one of `corpora` is that
 * file (links resolved; the first such corpus). Otherwise the config as it is.
 */
export async function withSuiteTrainingReading(
  config: CompressorConfig,
  corpora: readonly CorpusSpec[],
): Promise<CompressorConfig> {
  const training = config.zstdDictTrainingCorpus
  if (training === null || config.zstdDictTrainingReading !== undefined) return config
  const real = await realPath(training)
  for (const corpus of corpora) {
    if ((await realPath(corpus.path)) !== real) continue
    return {
      ...config,
      zstdDictTrainingReading: {
        format: corpus.format,
        textField: corpus.textField,
        categoryField: corpus.categoryField,
        harDirection: corpus.harDirection,
      },
    }
  }
  return config
}

async function realPath(file: string): Promise<string> {
  return realpath(path.resolve(file)).catch(() => path.resolve(file))
}

/** A suite's config entry as run, compare and replay read it: its file, named as the suite names it, its training corpus read as the suite reads that file. */
export async function loadSuiteConfig(ref: ConfigRef, suite: Suite): Promise<CompressorConfig> {
  return withSuiteTrainingReading({ ...(await loadCompressorConfig(ref.path)), name: ref.name }, suite.corpora)
}
