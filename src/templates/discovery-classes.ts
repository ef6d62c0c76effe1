/**
 * Closed classes of words: month and weekday names. A slot whose training values are all names of
 * one class (short or long names, one letter case) can only ever hold the other names of that class,
 * so discovery lists the whole class in the slot's enum (discovery-slots.ts): a log whose training
 * half fell in June still codes `Jul` in one byte, where an enum of the names seen would escape it
 * and send its text.
 *
 * Also the space-padded days of the month (` 1` ... ` 9`, `10` ... `31`) of syslog's and `ls -l`'s
 * `Dec  6` (RFC 3164): the tokenizer keeps the padding with the day (discovery-tokens.ts), and a slot
 * learnt on days 1-9 takes days 10-31 in one byte too (issue 12, s38-trial D2).
 */

const MONTHS_SHORT = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTHS_LONG = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const WEEKDAYS_SHORT = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const WEEKDAYS_LONG = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']

/** The classes, each in calendar order (lower case). */
const CLASSES: readonly (readonly string[])[] = [MONTHS_SHORT, MONTHS_LONG, WEEKDAYS_SHORT, WEEKDAYS_LONG]

/** Every month name, lower case (`sept` too). */
export const MONTH_WORDS: ReadonlySet<string> = new Set([...MONTHS_SHORT, ...MONTHS_LONG, 'sept'])

/** The days of the month as a space-padded day field writes them: ` 1` ... ` 9`, `10` ... `31`. */
const PADDED_DAYS: readonly string[] = Array.from({ length: 31 }, (_, k) => String(k + 1).padStart(2, ' '))

/** Every month and weekday name, lower case (`sept` too): tokens that are values by their text alone. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([...CLASSES.flat(), 'sept'])

type Case = (word: string) => string
const CASES: readonly Case[] = [
  (word) => word,
  (word) => word.toUpperCase(),
  (word) => (word[0] as string).toUpperCase() + word.slice(1),
]

/**
 * The names of the one class (in one letter case) that holds every value, in calendar order, or
 * undefined when the values are not all names of one class in one case. `may` is both a short and a
 * long month name: values that fit both classes take the short one. Values that are all days of the
 * month, one at least space-padded (` 6`), are the padded days.
 */
export function closedClassOf(values: Iterable<string>): readonly string[] | undefined {
  const distinct = [...new Set(values)]
  if (distinct.length === 0) return undefined
  if (distinct.some((value) => value.startsWith(' ')) && distinct.every((value) => PADDED_DAYS.includes(value)))
    return PADDED_DAYS
  for (const names of CLASSES) {
    for (const toCase of CASES) {
      const cased = names.map(toCase)
      if (distinct.every((value) => cased.includes(value))) return cased
    }
  }
  return undefined
}
