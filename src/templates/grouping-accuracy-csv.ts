/**
 * Ground truth for grouping accuracy: Loghub's `*_structured.csv` (a header row, then one row per
 * log line with its `EventId`), read with core's RFC 4180 `parseCsvRows`.
 */
import { AuraError, type Issue, parseCsvRows, throwIfIssues } from '../core/index.ts'

/** Event id per log line, in file order. */
export interface GroundTruth {
  /** `EventId` of each row */
  readonly eventIds: readonly string[]
  /** `LineId` of each row (1-based line of the log), or the row number when the CSV has no LineId column */
  readonly lineIds: readonly number[]
  /** `Content` of each row (the message part of the log line), when the CSV has that column */
  readonly contents?: readonly string[]
}

/** Reads the EventId (and LineId) column of a Loghub structured CSV; every bad row is one issue. */
export function parseGroundTruthCsv(text: string, file: string): GroundTruth {
  const [header, ...rows] = parseCsvRows(text.startsWith('\uFEFF') ? text.slice(1) : text)
  const eventColumn = header?.indexOf('EventId') ?? -1
  if (header === undefined || eventColumn === -1) {
    throw new AuraError(
      'E_CORPUS_FORMAT',
      `${file} has no EventId column: a ground truth is a Loghub *_structured.csv`,
      { file, line: 1 },
      { hint: `columns found: ${header?.join(', ') ?? 'none'}` },
    )
  }
  const lineColumn = header.indexOf('LineId')
  const contentColumn = header.indexOf('Content')
  const issues: Issue[] = []
  const eventIds: string[] = []
  const lineIds: number[] = []
  const contents: string[] = []
  rows.forEach((row, i) => {
    const eventId = row[eventColumn]
    const lineId = lineColumn === -1 ? i + 1 : Number(row[lineColumn])
    // a row short of the header's columns reads its EventId from another column: refused, not guessed
    if (row.length !== header.length) {
      issues.push({
        code: 'E_CORPUS_FORMAT',
        file,
        field: `row ${i + 1}`,
        message: `row ${i + 1} has ${row.length} fields where the header has ${header.length}: its EventId column cannot be told`,
      })
      return
    }
    if (eventId === undefined || eventId === '' || !Number.isInteger(lineId)) {
      issues.push({
        code: 'E_CORPUS_FORMAT',
        file,
        field: `row ${i + 1}`,
        message: `row ${i + 1} has ${row.length} fields; it needs an EventId${lineColumn === -1 ? '' : ' and an integer LineId'}`,
      })
      return
    }
    eventIds.push(eventId)
    lineIds.push(lineId)
    if (contentColumn !== -1) contents.push(row[contentColumn] ?? '')
  })
  throwIfIssues(issues, `invalid ground truth ${file}`)
  return contentColumn === -1 ? { eventIds, lineIds } : { eventIds, lineIds, contents }
}
