/**
 * `recordings.tsv` beside a corpus `messages.jsonl` maps line ranges to the recording each message
 * came from (see the shared corpora README); the recording becomes the message's `connection`.
 */
import { AuraError } from '../core/index.ts'

/** Finds the connection of a 1-based line of the corpus file, or undefined outside every range. */
export type ConnectionLookup = (line: number) => string | undefined

interface RecordingRange {
  firstLine: number
  lastLine: number
  connection: string
}

/**
 * Parses recordings.tsv: a header naming at least `first_line` and `n_messages`; the connection
 * name is `<path> <recording>` from those columns when present, else `lines <first>-<last>`.
 */
export function parseRecordingsTsv(text: string, file: string): ConnectionLookup {
  const lines = text.split(/\r?\n/).filter((line) => line !== '')
  const header = (lines[0] ?? '').split('\t')
  const column = (name: string): number => header.indexOf(name)
  const firstColumn = column('first_line')
  const countColumn = column('n_messages')
  if (firstColumn === -1 || countColumn === -1) {
    throw new AuraError(
      'E_CORPUS_FORMAT',
      `recordings file needs the columns first_line and n_messages, found: ${header.join(', ')}`,
      { file, line: 1 },
    )
  }
  const ranges: RecordingRange[] = lines.slice(1).map((line, i) => {
    const cells = line.split('\t')
    const firstLine = Number(cells[firstColumn])
    const count = Number(cells[countColumn])
    if (!Number.isInteger(firstLine) || firstLine < 1 || !Number.isInteger(count) || count < 0) {
      throw new AuraError(
        'E_CORPUS_FORMAT',
        `first_line and n_messages must be positive integers, found "${cells[firstColumn]}" and "${cells[countColumn]}"`,
        { file, line: i + 2 },
      )
    }
    const lastLine = firstLine + count - 1
    const label = [cells[column('path')], cells[column('recording')]]
      .filter((cell) => cell !== undefined && cell !== '')
      .join(' ')
    return { firstLine, lastLine, connection: label === '' ? `lines ${firstLine}-${lastLine}` : label }
  })
  ranges.sort((a, b) => a.firstLine - b.firstLine)
  return (line) => findRange(ranges, line)?.connection
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
