/**
 * How template discovery sees a message: tokens (runs of characters that are not delimiters)
 * between separators (runs of whitespace and delimiter punctuation), so that
 * `separators[0] + tokens[0] + separators[1] + ... + tokens[n-1] + separators[n]` is the message.
 * A token is "variable-like" when its text alone says it is a value rather than a word of the
 * template: it holds a digit, or it is a month or weekday name (log headers carry these).
 */

/** A message split into tokens and the separators around them. */
export interface TokenizedMessage {
  readonly tokens: readonly string[]
  /** `tokens.length + 1` separators; the first and last may be empty, the others never are */
  readonly separators: readonly string[]
}

/** Whitespace and the punctuation that splits fields in log lines (`key=value`, `[pid]`, `a|b`, `12:30:45`). */
const DELIMITER = /[\s|,;=[\](){}<>"':]/u
const WHITESPACE_RUN = /\s+/gu
const DIGIT = /\p{Nd}/u
const CALENDAR_WORDS = new Set(
  [
    'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
    'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  ],
)
const LEVEL_WORDS = new Set(['trace', 'debug', 'info', 'notice', 'warn', 'warning', 'error', 'err', 'crit', 'critical', 'alert', 'emerg', 'fatal', 'severe'])

/** Splits a message into tokens and separators (see the file comment). */
export function tokenizeMessage(message: string): TokenizedMessage {
  const tokens: string[] = []
  const separators: string[] = []
  let separator = ''
  let token = ''
  for (const char of message) {
    if (DELIMITER.test(char)) {
      if (token !== '') {
        tokens.push(token)
        token = ''
      }
      separator += char
    } else {
      if (token === '') {
        separators.push(separator)
        separator = ''
      }
      token += char
    }
  }
  if (token !== '') tokens.push(token)
  separators.push(separator)
  return { tokens, separators }
}

/** What a token is to clustering: a value (always a slot), a level word (a slot unless constant), a header field, or a word. */
export type TokenRole = 'value' | 'level' | 'header' | 'word'

/** The role of a token by its text alone. */
export function tokenRole(token: string): TokenRole {
  if (DIGIT.test(token)) return 'value'
  const lower = token.toLowerCase()
  if (CALENDAR_WORDS.has(lower)) return 'value'
  if (LEVEL_WORDS.has(lower)) return 'level'
  return 'word'
}

const UNIT_WORDS = new Set(['b', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'ms', 'us', 'µs', 'ns', 's', 'sec', 'secs', 'second', 'seconds', 'min', 'mins', 'minutes', 'h', 'hr', 'hrs', 'hours', 'days'])

/**
 * Roles of a message's tokens: tokenRole, except that a unit word one space after a value
 * (`5.2 KB`, `<1 sec`) is part of that value, and words that start before `contentStart` (UTF-16
 * offset) are header fields.
 */
export function tokenRoles(tokenized: TokenizedMessage, contentStart = 0): TokenRole[] {
  const roles = tokenized.tokens.map(tokenRole)
  let offset = 0
  for (let i = 0; i < roles.length && offset < contentStart; i++) {
    offset += (tokenized.separators[i] as string).length
    if (offset < contentStart && roles[i] !== 'value') roles[i] = 'header'
    offset += (tokenized.tokens[i] as string).length
  }
  for (let i = 1; i < roles.length; i++) {
    if (roles[i - 1] === 'value' && roles[i] === 'word' && tokenized.separators[i] === ' ' && UNIT_WORDS.has((tokenized.tokens[i] as string).toLowerCase())) roles[i] = 'value'
  }
  return roles
}

/** The separators with whitespace runs collapsed to one space: messages that differ only in padding share a shape. */
export function separatorShape(separators: readonly string[]): string {
  return separators.map((separator) => separator.replace(WHITESPACE_RUN, ' ')).join('\u0000')
}
