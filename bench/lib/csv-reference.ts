/**
 * The character-by-character CSV reader src/core/csv.ts had before round s30-csv, kept verbatim as the
 * reference: src/core/csv.test.ts checks the slicing reader gives the same rows on random texts, and
 * bench/csv-parse.ts measures the two side by side. Not used by the project itself.
 */
export function parseCsvRowsCharByChar(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  // a row whose only field is an empty quoted one ("") still counts as a row at the end of the text
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
