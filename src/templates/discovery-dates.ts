/**
 * Dates held as literal text by a store's templates. A year and month (`2026-12-`, `2026/12/`), a whole
 * date (`01/12/2026`) or a year joined to a slot (`{0}/2026:`) in a template's literal text was constant in
 * the lines it was learnt from: lines of another year, month or day do not match that template. Discovery keeps a date's digit groups in slots (discovery-pattern.ts,
 * step 3), so a discovered template holds none; a store merged into, or written by hand or by an older
 * version, may. `discover` warns about each (issue 12, s35-trial D1).
 */
import type { TemplateStore } from './store-types.ts'

/** A year (19xx or 20xx) and a month, or a day, month and year, joined by one of `-`, `/`, `.`, with no digit right before or after. */
const DATE_TEXT =
  /(?<!\p{N})(?:(?:19|20)\d{2}([-/.])(?:0[1-9]|1[0-2])(?:\1(?:0[1-9]|[12]\d|3[01]))?|(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\2(?:19|20)\d{2})(?!\p{N})/u
/** A year joined by `-`, `/` or `.` to the slot before it (`{2}/2026:` of an access log's `[01/Dec/2026:...]`). */
const YEAR_AFTER_SLOT = /^[-/.]((?:19|20)\d{2})(?!\p{N})/u
/** A year joined by `-`, `/` or `.` to the slot after it (`2026-{0}`). */
const YEAR_BEFORE_SLOT = /(?<!\p{N})((?:19|20)\d{2})[-/.]$/u

/** A template and the first date its literal text holds. */
export interface ConstantDate {
  readonly id: number
  readonly pattern: string
  readonly date: string
  /** what the date fixes: lines of another year, month or day do not match */
  readonly period: 'year' | 'month' | 'day'
  /**
   * the date is the whole value of a JSON string (`"api_version":"2026-09-01"`): discovery keeps a JSON
   * value literal only when every message of the template had it, which a constant (an API version, a
   * fixed date) does, across days (s37-trial D7: warned as if it were the message's day)
   */
  readonly wholeJsonValue: boolean
}

/** The templates whose literal text (any piece between two slots) holds a date, with the date, in store order. */
export function constantDates(store: TemplateStore): ConstantDate[] {
  const found: ConstantDate[] = []
  for (const template of store.templates) {
    const { literals } = template
    for (let k = 0; k < literals.length; k++) {
      const literal = literals[k] as string
      const date =
        DATE_TEXT.exec(literal)?.[0] ??
        (k > 0 ? YEAR_AFTER_SLOT.exec(literal)?.[1] : undefined) ??
        (k < literals.length - 1 ? YEAR_BEFORE_SLOT.exec(literal)?.[1] : undefined)
      if (date !== undefined) {
        found.push({
          id: template.id,
          pattern: template.pattern,
          date,
          period: periodOf(date),
          wholeJsonValue: literal.includes(`"${date}"`),
        })
        break
      }
    }
  }
  return found
}

/** A year alone (`2026`), a year and month (`2026-12`), or a day too. */
function periodOf(date: string): ConstantDate['period'] {
  const groups = date.split(/[-/.]/u).length
  return groups === 1 ? 'year' : groups === 2 ? 'month' : 'day'
}
