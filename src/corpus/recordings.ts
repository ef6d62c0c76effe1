/**
 * `recordings.tsv` beside a corpus `messages.jsonl` maps line ranges to the recording each message
 * came from (see the shared corpora README); the recording becomes the message's `connection`.
 */
import { AuraError } from '../core/index.ts'

/** Finds the connection of a 1-based line of the corpus file, or undefined outside every range. */
export type ConnectionLookup = (line: number) => string | undefined

/** A parsed recordings.tsv: the lookup, and the row reaching furthest (checked against the corpus's end). */
export interface Recordings {
  connectionOf: ConnectionLookup
  /** the last corpus line any row covers (0 without rows) */
  lastLine: number
  /** the recordings file */
  file: string
  /** the recordings file's line of the row ending at lastLine */
  lastRow: number
  /** that row's first corpus line */
  lastRowFirstLine: number
  /** false when the file's last line has no newline (a copy cut short looks like this) */
  endsWithNewline: boolean
}

interface RecordingRange {
  firstLine: number
  lastLine: number
  connection: string
  /** line of recordings.tsv the row is on */
  row: number
}

/**
 * Parses recordings.tsv (a leading UTF-8 BOM is removed): a header naming at least `first_line` and `n_messages`; the connection
 * name is `<path> <recording>` from those columns when present, else `lines <first>-<last>`.
 * Refused (E_CORPUS_FORMAT naming the row's line): a count below 1, rows that overlap, and one
 * connection name on rows that do not follow each other (they would silently become one connection).
 */
export function parseRecordingsTsv(text: string, file: string): Recordings {
  // a UTF-8 byte-order mark (Excel, PowerShell's Export-Csv) is removed, as from a corpus (s36-trial D4)
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/)
  // the header is the first line that is not empty (blank lines before it were always accepted)
  const headerAt = Math.max(
    0,
    lines.findIndex((line) => line !== ''),
  )
  const header = (lines[headerAt] ?? '').split('\t')
  const column = (name: string): number => header.indexOf(name)
  const firstColumn = column('first_line')
  const countColumn = column('n_messages')
  if (firstColumn === -1 || countColumn === -1) {
    throw new AuraError(
      'E_CORPUS_FORMAT',
      `recordings file needs the columns first_line and n_messages, found: ${header.join(', ')}`,
      { file, line: headerAt + 1 },
    )
  }
  const ranges: RecordingRange[] = []
  lines.forEach((line, i) => {
    if (i <= headerAt || line === '') return
    const cells = line.split('\t')
    const missing = [firstColumn, countColumn].find((at) => cells[at] === undefined || cells[at] === '')
    if (missing !== undefined)
      throw new AuraError(
        'E_CORPUS_FORMAT',
        cells.length < header.length
          ? `${header[missing]} is missing: the row has ${cells.length} of the header's ${header.length} columns (is the file cut short?)`
          : `${header[missing]} is empty in this row`,
        { file, line: i + 1 },
      )
    const firstLine = Number(cells[firstColumn])
    const count = Number(cells[countColumn])
    if (!Number.isInteger(firstLine) || firstLine < 1 || !Number.isInteger(count) || count < 1) {
      throw new AuraError(
        'E_CORPUS_FORMAT',
        `first_line and n_messages must be positive integers, found "${cells[firstColumn]}" and "${cells[countColumn]}"`,
        { file, line: i + 1 },
      )
    }
    const lastLine = firstLine + count - 1
    const label = [cells[column('path')], cells[column('recording')]]
      .filter((cell) => cell !== undefined && cell !== '')
      .join(' ')
    const connection = label === '' ? `lines ${firstLine}-${lastLine}` : label
    ranges.push({ firstLine, lastLine, connection, row: i + 1 })
  })
  ranges.sort((a, b) => a.firstLine - b.firstLine)
  checkRanges(ranges, file)
  const last = ranges.reduce<RecordingRange | undefined>(
    (a, b) => (a === undefined || b.lastLine > a.lastLine ? b : a),
    undefined,
  )
  return {
    connectionOf: (line) => findRange(ranges, line)?.connection,
    lastLine: last?.lastLine ?? 0,
    file,
    lastRow: last?.row ?? 0,
    lastRowFirstLine: last?.firstLine ?? 0,
    endsWithNewline: text === '' || text.endsWith('\n'),
  }
}

/** Ranges sorted by first line: none overlaps its predecessor; a connection's rows are contiguous. */
function checkRanges(ranges: readonly RecordingRange[], file: string): void {
  const ends = new Map<string, RecordingRange>()
  let previous: RecordingRange | undefined
  for (const range of ranges) {
    if (previous !== undefined && range.firstLine <= previous.lastLine)
      throw new AuraError(
        'E_CORPUS_FORMAT',
        `lines ${range.firstLine}-${range.lastLine} overlap lines ${previous.firstLine}-${previous.lastLine} of the row on line ${previous.row}: each corpus line belongs to at most one recording`,
        { file, line: range.row },
      )
    const before = ends.get(range.connection)
    if (before !== undefined && !(before === previous && before.lastLine + 1 === range.firstLine))
      throw new AuraError(
        'E_CORPUS_FORMAT',
        `recording "${range.connection}" (lines ${range.firstLine}-${range.lastLine}) is also on line ${before.row} (lines ${before.firstLine}-${before.lastLine}), not next to it: one recording's rows must cover consecutive lines`,
        { file, line: range.row },
        { hint: 'give each recording its own path/recording name, or put its rows next to each other' },
      )
    ends.set(range.connection, range)
    previous = range
  }
}

/** E_CORPUS_FORMAT when a row runs past the corpus file's last line (`lineCount` lines). */
export function checkRecordingsEnd(recordings: Recordings, lineCount: number, corpusFile: string): void {
  if (recordings.lastLine <= lineCount) return
  throw new AuraError(
    'E_CORPUS_FORMAT',
    `the row covering lines ${recordings.lastRowFirstLine}-${recordings.lastLine} runs past the end of ${corpusFile}, which has ${lineCount} lines`,
    { file: recordings.file, line: recordings.lastRow },
  )
}

function findRange(ranges: readonly RecordingRange[], line: number): RecordingRange | undefined {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const range = ranges[mid] as RecordingRange
    if (line < range.firstLine) hi = mid - 1
    else if (line > range.lastLine) lo = mid + 1
    else return range
  }
  return undefined
}
