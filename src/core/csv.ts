/**
 * One RFC 4180 CSV reader for the project (Loghub's `*_structured.csv` and `*_templates.csv`):
 * a quoted field may hold commas, line breaks and doubled quotes (`""`); rows end with LF or CRLF.
 */

/**
 * Splits CSV text into rows of fields; a final line break does not add an empty row. Lenient where
 * RFC 4180 forbids: a quote inside an unquoted field is kept as a literal character.
 */
export function parseCsvRows(text: string): string[][] {
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
