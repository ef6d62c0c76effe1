/** Loghub companions: `<file>_structured.csv` holds the ground-truth template (`EventId`) of each log line. */
import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import {
  AuraError,
  hasCode,
  parseCsvRows,
  readInputChunks,
  readInputFile,
  type InputFingerprints,
} from '../core/index.ts'
import { splitByteLines } from './byte-lines.ts'
import { CONTENT_CHECKS, GroundTruthContentCheck } from './ground-truth-check.ts'
import { HARD_CAP_BYTES } from './select.ts'
import type { CorpusLoadStats } from './types.ts'

/** Largest structured CSV read (256 MiB; Loghub's largest is far below). */
const MAX_STRUCTURED_CSV_BYTES = 256 * 1024 * 1024

/** Path of the structured CSV beside a Loghub log file. */
function loghubStructuredPath(logPath: string): string {
  return `${logPath}_structured.csv`
}

/** A structured CSV as a log's categories: one per 1-based log line, and the Content of its first rows. */
interface LoghubCompanion {
  categories: Map<number, string>
  /** Content of the first CONTENT_CHECKS rows (by LineId), when the CSV has the column */
  contents: Map<number, string>
}

/**
 * Maps the structured CSV to a category per 1-based log line (`LineId`); the category is the
 * column named `categoryField` when the CSV has it, else `EventId`. Returns undefined when the
 * companion is absent or has neither column (the log then loads without categories).
 */
function parseLoghubCategories(csvText: string, categoryField: string, file: string): LoghubCompanion | undefined {
  const [header, ...rows] = parseCsvRows(csvText)
  if (header === undefined) return undefined
  const lineColumn = header.indexOf('LineId')
  const categoryColumn = header.includes(categoryField) ? header.indexOf(categoryField) : header.indexOf('EventId')
  const contentColumn = header.indexOf('Content')
  if (categoryColumn === -1) return undefined
  if (lineColumn === -1)
    throw new AuraError('E_CORPUS_FORMAT', 'a Loghub structured CSV needs a LineId column', { file, line: 1 })
  const categories = new Map<number, string>()
  const contents = new Map<number, string>()
  for (const row of rows) {
    const line = Number(row[lineColumn])
    const category = row[categoryColumn]
    if (!Number.isInteger(line) || category === undefined || category === '') continue
    categories.set(line, category)
    const content = contentColumn === -1 ? undefined : row[contentColumn]
    if (content !== undefined && contents.size < CONTENT_CHECKS) contents.set(line, content)
  }
  return { categories, contents }
}

/** Reads the companion CSV of a Loghub log, if there is one. */
export async function loadLoghubCategories(
  logPath: string,
  categoryField: string,
  fingerprints?: InputFingerprints,
): Promise<Map<number, string> | undefined> {
  return (await loadLoghubCompanion(logPath, categoryField, fingerprints))?.categories
}

async function loadLoghubCompanion(
  logPath: string,
  categoryField: string,
  fingerprints?: InputFingerprints,
): Promise<LoghubCompanion | undefined> {
  const file = loghubStructuredPath(logPath)
  let bytes: Buffer
  try {
    bytes = await readInputFile({
      path: file,
      kind: 'structured CSV',
      maxBytes: MAX_STRUCTURED_CSV_BYTES,
      ...(fingerprints === undefined ? {} : { fingerprints }),
    })
  } catch (error) {
    if (hasCode(error) && error.code === 'E_FILE_MISSING') return undefined
    throw error
  }
  return parseLoghubCategories(bytes.toString('utf8'), categoryField, file)
}

/**
 * What a corpus given `format: loghub` would silently lose: Loghub's categories come from the
 * `<file>_structured.csv` beside the log, and a JSON file read as log lines keeps its JSON syntax in
 * every message. One sentence naming the corpus and the file, or none. Only for an explicit
 * `format: loghub` (a `.log` read by extension is any log; it has categories when Loghub's CSV is there).
 */
export async function loghubFormatWarning(corpus: {
  name: string
  path: string
  pathAsWritten?: string
  format?: string
}): Promise<string | undefined> {
  if (corpus.format !== 'loghub') return undefined
  const shown = corpus.pathAsWritten ?? corpus.path
  const extension = extname(corpus.path).toLowerCase()
  const json = ['.jsonl', '.ndjson', '.json', '.har'].includes(extension)
    ? `; ${basename(corpus.path)} is ${extension} by its name, and loghub reads it as plain log lines, so each message is a whole line of JSON (set format: jsonl or json)`
    : ''
  const csv = await stat(loghubStructuredPath(corpus.path)).then(
    (info) => info.isFile(),
    () => false,
  )
  if (csv && json === '') return undefined
  const missing = csv
    ? ''
    : `: ${basename(loghubStructuredPath(corpus.path))} is not beside it, so no message has a category (every one is uncategorised)`
  return `corpus ${corpus.name} (${shown}) has format: loghub${missing}${json}`
}

/**
 * Refuses (E_CORPUS_FORMAT naming the CSV) a loghub corpus whose `<file>_structured.csv` is another
 * log's: the Content of most of its first rows is not in the line its LineId names, so its categories
 * would label the messages with another system's events. The same check as `discover --evaluate`'s;
 * reads the log only up to the last of those rows. Nothing for other formats or without a CSV.
 */
export async function checkLoghubGroundTruth(corpus: {
  path: string
  /** the log as the suite names it: the CSV is named the same way */
  pathAsWritten?: string
  format: 'loghub' | string
  categoryField?: string
}): Promise<void> {
  if (corpus.format !== 'loghub') return
  const companion = await loadLoghubCompanion(corpus.path, corpus.categoryField ?? 'category')
  if (companion === undefined || companion.contents.size === 0) return
  const csv = loghubStructuredPath(corpus.path)
  const check = new GroundTruthContentCheck(
    loghubStructuredPath(corpus.pathAsWritten ?? corpus.path),
    `${basename(csv)} is read as the categories of ${basename(corpus.path)} because it sits beside it: replace it with that log's own structured CSV, or remove it`,
  )
  const lastLine = Math.max(...companion.contents.keys())
  const decoder = new TextDecoder()
  const chunks = readInputChunks({ path: corpus.path, kind: 'corpus file', maxBytes: Number.POSITIVE_INFINITY })
  for await (const line of splitByteLines(chunks, HARD_CAP_BYTES)) {
    const content = companion.contents.get(line.lineNumber)
    if (content !== undefined && line.state === 'line') check.see(decoder.decode(line.bytes), line.lineNumber, content)
    if (line.lineNumber >= lastLine) break
  }
  check.check()
}

/**
 * The messages of a loghub corpus that its `<file>_structured.csv` has no row for (a CSV shorter than
 * the log): they are "uncategorised" in the Per-Category table. One sentence, or none.
 */
export async function loghubUncategorisedWarning(
  corpus: { name: string; path: string; pathAsWritten?: string; format: string },
  stats: Pick<CorpusLoadStats, 'messages' | 'uncategorised'>,
): Promise<string | undefined> {
  if (corpus.format !== 'loghub' || stats.uncategorised === 0) return undefined
  const csv = loghubStructuredPath(corpus.path)
  const present = await stat(csv).then(
    (info) => info.isFile(),
    () => false,
  )
  // without a CSV, loghubFormatWarning (format: loghub) or nothing (any .log) says so
  if (!present) return undefined
  return `corpus ${corpus.name} (${corpus.pathAsWritten ?? corpus.path}): ${stats.uncategorised} of its ${stats.messages} messages have no row in ${basename(csv)} (rows are matched by LineId to the log's line numbers), so they are "uncategorised" in Per-Category`
}
