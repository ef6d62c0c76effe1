/**
 * How a config's `zstd_dict_training_corpus` is read. The file was always read by its extension with
 * messages in field `text`, so a JSONL file whose messages are in another field could not train a
 * dictionary, and a `.log` file was always Loghub. `zstd_dict_training_format` and
 * `zstd_dict_training_text_field` say how; in a suite, a training corpus that is one of the suite's
 * corpus files (and sets neither key) is read as the suite reads that file.
 */
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import type { CompressorConfig, Issue, TrainingCorpusReading } from '../core/index.ts'
import { loadCompressorConfig } from './config.ts'
import type { ConfigRef, CorpusSpec, Suite } from './types.ts'
import { issueAtPath, type LineOf } from './yaml-schema.ts'

/** Formats whose records have no fields: a text field says nothing for them. */
const FIELDLESS_FORMATS: readonly string[] = ['txt', 'loghub', 'har']

/** The reading the config's keys ask for, or undefined when it sets neither (then: by extension, field `text`). */
export function trainingReadingOf(raw: {
  zstd_dict_training_format?: TrainingCorpusReading['format'] | undefined
  zstd_dict_training_text_field?: string | undefined
}): TrainingCorpusReading | undefined {
  if (raw.zstd_dict_training_format === undefined && raw.zstd_dict_training_text_field === undefined) return undefined
  return { format: raw.zstd_dict_training_format ?? 'auto', textField: raw.zstd_dict_training_text_field ?? 'text' }
}

/**
 * The reading keys refused where they would be ignored: without a zstd_dict_training_corpus, and a text
 * field beside a format whose records have no fields.
 */
export function trainingKeyIssues(value: unknown, file: string, lineOf: LineOf): Issue[] {
  if (typeof value !== 'object' || value === null) return []
  const raw = value as Record<string, unknown>
  const issues: Issue[] = []
  const keys = ['zstd_dict_training_format', 'zstd_dict_training_text_field'].filter((k) => raw[k] !== undefined)
  if (raw['zstd_dict_training_corpus'] === undefined)
    for (const key of keys)
      issues.push(
        issueAtPath(
          'E_SCHEMA',
          file,
          [key],
          lineOf,
          `${key} says how zstd_dict_training_corpus is read, and this config names no zstd_dict_training_corpus: remove it, it would be ignored`,
        ),
      )
  const format = raw['zstd_dict_training_format']
  if (
    typeof format === 'string' &&
    FIELDLESS_FORMATS.includes(format) &&
    keys.includes('zstd_dict_training_text_field')
  )
    issues.push(
      issueAtPath(
        'E_SCHEMA',
        file,
        ['zstd_dict_training_text_field'],
        lineOf,
        `zstd_dict_training_text_field names a JSON field, and a ${format} file has none (each ${format === 'har' ? 'websocket frame' : 'line'} is a message): remove it, or set zstd_dict_training_format: jsonl (or json)`,
      ),
    )
  return issues
}

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
