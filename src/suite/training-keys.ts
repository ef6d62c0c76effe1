/**
 * The config keys that say how `zstd_dict_training_corpus` is read (`zstd_dict_training_format`,
 * `zstd_dict_training_text_field`), checked where they would be ignored. training-corpus.ts reads
 * the corpus as a suite reads the same file when they are absent.
 */
import type { Issue, TrainingCorpusReading } from '../core/index.ts'
import { IssueList, type LineOf } from './yaml-schema.ts'

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
  const { issues, add } = new IssueList(file, lineOf)
  const keys = ['zstd_dict_training_format', 'zstd_dict_training_text_field'].filter((k) => raw[k] !== undefined)
  if (raw['zstd_dict_training_corpus'] === undefined)
    for (const key of keys)
      add(
        [key],
        `${key} says how zstd_dict_training_corpus is read, and this config names no zstd_dict_training_corpus: remove it, it would be ignored`,
      )
  const format = raw['zstd_dict_training_format']
  if (
    typeof format === 'string' &&
    FIELDLESS_FORMATS.includes(format) &&
    keys.includes('zstd_dict_training_text_field')
  )
    add(
      ['zstd_dict_training_text_field'],
      `zstd_dict_training_text_field names a JSON field, and a ${format} file has none (each ${format === 'har' ? 'websocket frame' : 'line'} is a message): remove it, or set zstd_dict_training_format: jsonl (or json)`,
    )
  return issues
}
