/** Loghub companions: `<file>_structured.csv` holds the ground-truth template (`EventId`) of each log line. */
import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { AuraError, hasCode, parseCsvRows, readInputFile, type InputFingerprints } from '../core/index.ts'

/** Largest structured CSV read (256 MiB; Loghub's largest is far below). */
const MAX_STRUCTURED_CSV_BYTES = 256 * 1024 * 1024

/** Path of the structured CSV beside a Loghub log file. */
function loghubStructuredPath(logPath: string): string {
  return `${logPath}_structured.csv`
}

/**
 * Maps the structured CSV to a category per 1-based log line (`LineId`); the category is the
 * column named `categoryField` when the CSV has it, else `EventId`. Returns undefined when the
 * companion is absent or has neither column (the log then loads without categories).
 */
function parseLoghubCategories(csvText: string, categoryField: string, file: string): Map<number, string> | undefined {
  const [header, ...rows] = parseCsvRows(csvText)
  if (header === undefined) return undefined
  const lineColumn = header.indexOf('LineId')
  const categoryColumn = header.includes(categoryField) ? header.indexOf(categoryField) : header.indexOf('EventId')
  if (categoryColumn === -1) return undefined
  if (lineColumn === -1)
    throw new AuraError('E_CORPUS_FORMAT', 'a Loghub structured CSV needs a LineId column', { file, line: 1 })
  const categories = new Map<number, string>()
  for (const row of rows) {
    const line = Number(row[lineColumn])
    const category = row[categoryColumn]
    if (Number.isInteger(line) && category !== undefined && category !== '') categories.set(line, category)
  }
  return categories
}

/** Reads the companion CSV of a Loghub log, if there is one. */
export async function loadLoghubCategories(
  logPath: string,
  categoryField: string,
  fingerprints?: InputFingerprints,
): Promise<Map<number, string> | undefined> {
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
