/**
 * The companion files beside a corpus, checked as a run reads them (split from load-corpus.ts, round 36): a
 * jsonl's recordings.tsv and a loghub log's `<file>_structured.csv`.
 */
import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import type { InputFileSpec } from '../core/index.ts'
import { resolveCorpusFormat } from './load-corpus.ts'
import { checkLoghubGroundTruth } from './loghub.ts'
import { countLines, lastContentLine, loadRecordings, recordingsFileOf } from './recordings-file.ts'
import { checkRecordingsEnd } from './recordings.ts'
import type { CorpusOptions } from './types.ts'

/**
 * The checks compare and replay make of a jsonl corpus's recordings.tsv (rows, and no row past the
 * corpus's last line, counted without decoding a message), for `validate`. Other formats: nothing to check.
 */
export async function checkCorpusRecordings(options: CorpusOptions): Promise<string[]> {
  // an absent corpus is said where it is named (validate's presence check; an optional one is skipped)
  const present = await stat(options.path).then(
    (info) => info.isFile(),
    () => false,
  )
  if (!present) return []
  const beside = await recordingsBeside(options)
  if (beside === undefined) return []
  if (!beside.read) return [recordingsNotReadNote(beside.file, options.path)]
  const spec: InputFileSpec = { path: options.path, kind: 'corpus file', maxBytes: Number.POSITIVE_INFINITY }
  const recordings = await loadRecordings(options.path, spec, options.recordings)
  if (recordings === undefined) return []
  const lineCount = await countLines(spec)
  checkRecordingsEnd(recordings, lineCount, options.path)
  // blank lines at the end hold no message: rows need not cover them
  const contentLines = recordings.lastLine >= lineCount ? 0 : await lastContentLine(spec)
  if (recordings.lastLine >= contentLines) return []
  // rows may leave gaps (those messages are replayed as one extra connection), but rows that stop well before the
  // corpus ends are how a recordings.tsv cut short looks (s34-trial D2): said, with the figures to check it by
  const cut = recordings.endsWithNewline ? '' : '; its last line has no newline, so the file may have been cut short'
  const after = contentLines - recordings.lastLine
  const lines = after === 1 ? '1 line after it lies' : `${after} lines after it lie`
  const end =
    recordings.lastRow === 0
      ? 'it has no rows'
      : `its rows end at corpus line ${recordings.lastLine} (the row on its line ${recordings.lastRow})`
  return [
    `${recordings.file}: ${end}, and ${options.path} has ${contentLines} lines with content: the ${lines} outside every row, and compare and replay replay the ones they measure together as one connection${cut}`,
  ]
}

/** A corpus file's recordings file (`<name>.recordings.tsv` or the folder's `recordings.tsv`): its path, and whether the corpus's format reads it (jsonl only). */
export async function recordingsBeside(options: CorpusOptions): Promise<{ file: string; read: boolean } | undefined> {
  let format: ReturnType<typeof resolveCorpusFormat> | undefined
  try {
    format = resolveCorpusFormat(options)
  } catch {
    return undefined
  }
  // a HAR recording carries its own connections
  if (format === 'har') return undefined
  // `<name>.recordings.tsv`, else the folder's recordings.tsv (refused for a jsonl beside another jsonl corpus)
  const file = await recordingsFileOf(options.path, format === 'jsonl', options.recordings)
  return file === undefined ? undefined : { file, read: format === 'jsonl' }
}

/** What is said of a recordings.tsv beside a corpus that is not jsonl (s34-trial D7). */
export function recordingsNotReadNote(file: string, corpusPath: string): string {
  return `${file} is not read: only a jsonl corpus takes a recordings.tsv, and ${corpusPath} is not jsonl, so compare and replay replay its messages as one connection; convert it to jsonl (one {"text": ...} per line, the same line numbers) to replay its connections`
}

/**
 * The companion files of a present corpus, read as a run reads them: a jsonl's recordings.tsv
 * (checkCorpusRecordings), a loghub log's `<file>_structured.csv`, refused when it is another log's
 * (checkLoghubGroundTruth). `validate` and `run` check them before measuring.
 */
export async function checkCorpusCompanions(options: CorpusOptions & { pathAsWritten?: string }): Promise<string[]> {
  const notes = await checkCorpusRecordings(options)
  await checkLoghubCorpusCsv(options)
  return notes
}

/** A loghub corpus's `<file>_structured.csv`, refused when it is another log's (checkLoghubGroundTruth). */
export async function checkLoghubCorpusCsv(options: CorpusOptions & { pathAsWritten?: string }): Promise<void> {
  const present = await stat(options.path).then(
    (info) => info.isFile(),
    () => false,
  )
  const loghub =
    options.format === 'loghub' ||
    ((options.format === undefined || options.format === 'auto') && extname(options.path).toLowerCase() === '.log')
  if (!present || !loghub) return
  await checkLoghubGroundTruth({
    path: options.path,
    format: 'loghub',
    ...(options.pathAsWritten === undefined ? {} : { pathAsWritten: options.pathAsWritten }),
    ...(options.categoryField === undefined ? {} : { categoryField: options.categoryField }),
  })
}
