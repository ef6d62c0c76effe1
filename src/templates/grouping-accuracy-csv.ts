/**
 * Ground truth for grouping accuracy: Loghub's `*_structured.csv` (a header row, then one row per
 * log line with its `EventId`). Fields follow RFC 4180: a quoted field may hold commas, line
 * breaks and doubled quotes (`""`); rows end with LF or CRLF.
 */
import { AuraError, type Issue, throwIfIssues } from '../core/index.ts'

/** Event id per log line, in file order. */
export interface GroundTruth {
  /** `EventId` of each row */
  readonly eventIds: readonly string[]
  /** `LineId` of each row (1-based line of the log), or the row number when the CSV has no LineId column */
  readonly lineIds: readonly number[]
}

/** Splits CSV text into rows of fields (RFC 4180); a final line break does not add an empty row. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let fieldStarted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') {
        field += '"'
        i++
      } else quoted = false
      continue
    }
    if (c === '"' && field === '') quoted = fieldStarted = true
    else if (c === ',') {
      row.push(field)
      field = ''
      fieldStarted = true
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      fieldStarted = false
    } else {
      field += c
      fieldStarted = true
    }
  }
  if (fieldStarted || field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Reads the EventId (and LineId) column of a Loghub structured CSV; every bad row is one issue. */
export function parseGroundTruthCsv(text: string, file: string): GroundTruth {
  const [header, ...rows] = parseCsvRows(text.startsWith('\uFEFF') ? text.slice(1) : text)
  const eventColumn = header?.indexOf('EventId') ?? -1
  if (header === undefined || eventColumn === -1) {
    throw new AuraError('E_CORPUS_FORMAT', `${file} has no EventId column: a ground truth is a Loghub *_structured.csv`, { file, line: 1 }, { hint: `columns found: ${header?.join(', ') ?? 'none'}` })
  }
  const lineColumn = header.indexOf('LineId')
  const issues: Issue[] = []
  const eventIds: string[] = []
  const lineIds: number[] = []
  rows.forEach((row, i) => {
    const eventId = row[eventColumn]
    const lineId = lineColumn === -1 ? i + 1 : Number(row[lineColumn])
    if (eventId === undefined || eventId === '' || !Number.isInteger(lineId)) {
      issues.push({ code: 'E_CORPUS_FORMAT', file, field: `row ${i + 1}`, message: `row ${i + 1} has ${row.length} fields; it needs an EventId${lineColumn === -1 ? '' : ' and an integer LineId'}` })
      return
    }
    eventIds.push(eventId)
    lineIds.push(lineId)
  })
  throwIfIssues(issues, `invalid ground truth ${file}`)
  return { eventIds, lineIds }
}
