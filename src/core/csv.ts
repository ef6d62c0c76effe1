/**
 * One RFC 4180 CSV reader for the project (Loghub's `*_structured.csv` and `*_templates.csv`):
 * a quoted field may hold commas, line breaks and doubled quotes (`""`); rows end with LF or CRLF.
 */

const QUOTE = 34
const LF = 10

/**
 * Splits CSV text into rows of fields; a final line break does not add an empty row. Lenient where
 * RFC 4180 forbids: a quote inside an unquoted field is kept as a literal character, text after a
 * quoted field's closing quote is appended to it, a lone CR ends a row, and an unterminated quoted
 * field runs to the end of the text.
 *
 * Fields are sliced from the text, not built a character at a time: the next comma, LF and CR are
 * found with `indexOf` (each position is looked up again only once the scan has passed it), and a
 * quoted field is one slice unless it holds doubled quotes.
 */
export function parseCsvRows(text: string): string[][] {
  const n = text.length
  const rows: string[][] = []
  // next comma, LF and CR at or after the scan position (n when there is none)
  let nextComma = -1
  let nextLf = -1
  let nextCr = -1
  let i = 0
  while (i < n) {
    const row: string[] = []
    // one field per pass, starting at i
    for (;;) {
      let field = ''
      if (text.charCodeAt(i) === QUOTE) {
        let start = i + 1
        for (;;) {
          const q = text.indexOf('"', start)
          if (q < 0) {
            // unterminated: the field runs to the end of the text
            row.push(field + text.slice(start))
            rows.push(row)
            return rows
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += text.slice(start, q + 1)
            start = q + 2
          } else {
            field += text.slice(start, q)
            i = q + 1
            break
          }
        }
      }
      if (nextComma < i) nextComma = indexOrEnd(text, ',', i)
      if (nextLf < i) nextLf = indexOrEnd(text, '\n', i)
      if (nextCr < i) nextCr = indexOrEnd(text, '\r', i)
      const end = Math.min(nextComma, nextLf, nextCr)
      row.push(end > i ? field + text.slice(i, end) : field)
      if (end === n) {
        rows.push(row)
        return rows
      }
      i = end + 1
      if (end === nextComma) continue
      if (end === nextCr && text.charCodeAt(i) === LF) i++
      break
    }
    rows.push(row)
  }
  return rows
}

function indexOrEnd(text: string, c: string, from: number): number {
  const at = text.indexOf(c, from)
  return at < 0 ? text.length : at
}
