/**
 * How template discovery sees a message: tokens (runs of characters that are not delimiters)
 * between separators (runs of whitespace and delimiter punctuation), so that
 * `separators[0] + tokens[0] + separators[1] + ... + tokens[n-1] + separators[n]` is the message.
 * A token is "variable-like" when its text alone says it is a value rather than a word of the
 * template: it holds a digit, or it is a month or weekday name (log headers carry these), or it is
 * an IPv6 address.
 */
import { CALENDAR_WORDS, MONTH_WORDS } from './discovery-classes.ts'
import { parseIpv6Groups } from './slot-ipv6.ts'

/** A message split into tokens and the separators around them. */
export interface TokenizedMessage {
  readonly tokens: readonly string[]
  /** `tokens.length + 1` separators; the first and last may be empty, the others never are */
  readonly separators: readonly string[]
}

/** Whitespace and the punctuation that splits fields in log lines (`key=value`, `[pid]`, `a|b`, `12:30:45`). */
const DELIMITER = /[\s|,;=[\](){}<>"':]/u
/** DELIMITER's answer for each ASCII code (1: delimiter), so the tokenizer tests most characters without a regex. */
const ASCII_DELIMITER = Uint8Array.from({ length: 128 }, (_, code) =>
  DELIMITER.test(String.fromCharCode(code)) ? 1 : 0,
)
/** The cut marks of paths and query strings (`/api/v1/login?next=/`), used inside opened quoted fields only. */
const ASCII_PATH_DELIMITER = Uint8Array.from({ length: 128 }, (_, code) =>
  '/?&'.includes(String.fromCharCode(code)) ? 1 : 0,
)
const WHITESPACE_RUN = /\s+/gu
const DIGIT = /\p{Nd}/u
const LEVEL_WORDS = new Set([
  'trace',
  'debug',
  'info',
  'notice',
  'warn',
  'warning',
  'error',
  'err',
  'crit',
  'critical',
  'alert',
  'emerg',
  'fatal',
  'severe',
])

/**
 * Splits a message into tokens and separators (see the file comment); an IPv6 address stays one token
 * despite its colons. Each piece is one slice of the message (no string built character by character),
 * passed through `intern` when given, so a run over many messages keeps one copy of each distinct piece.
 */
export function tokenizeMessage(
  message: string,
  intern: (piece: string) => string = (piece) => piece,
  fields?: QuotedFieldCuts,
): TokenizedMessage {
  const tokens: string[] = []
  const separators: string[] = []
  const spans = valueSpans(message)
  // a quoted field taken whole (discovery-cluster.ts): one token from its first character to its last
  if (fields !== undefined) for (const [start, end] of fields.whole) if (end > start) spans.set(start, end)
  const opened = fields?.opened ?? []
  let start = 0
  let inToken = false
  for (let at = 0; at < message.length; ) {
    const span = spans.get(at)
    if (span !== undefined) {
      if (!inToken) {
        separators.push(intern(message.slice(start, at)))
        start = at
        inToken = true
      }
      at = span
      continue
    }
    const code = message.charCodeAt(at)
    let width = 1
    let delimiter: boolean
    if (code < 128)
      delimiter =
        ASCII_DELIMITER[code] === 1 || (ASCII_PATH_DELIMITER[code] === 1 && opened.length > 0 && inside(opened, at))
    else {
      const point = message.codePointAt(at) as number
      width = point > 0xffff ? 2 : 1
      delimiter = DELIMITER.test(width === 1 ? (message[at] as string) : message.slice(at, at + 2))
    }
    if (delimiter && inToken) {
      tokens.push(intern(message.slice(start, at)))
      start = at
      inToken = false
    } else if (!delimiter && !inToken) {
      separators.push(intern(message.slice(start, at)))
      start = at
      inToken = true
    }
    at += width
  }
  if (inToken) {
    tokens.push(intern(message.slice(start)))
    separators.push('')
  } else separators.push(intern(message.slice(start)))
  if (message.includes('  ')) padDays(tokens, separators, intern)
  return { tokens, separators }
}

const ONE_DIGIT_DAY = /^[1-9]$/

/**
 * A day of the month padded to two characters with a space after a month name (`Dec  6`, syslog's
 * RFC 3164 header, `ls -l`, C's asctime): the padding space is the day's (token ` 6`, separator ` `),
 * so the line has the separators of `Dec 16` and a template learnt on days 1-9 takes days 10-31 (its
 * day slot's values are then the padded days, discovery-classes.ts; issue 12, s38-trial D2).
 */
function padDays(tokens: string[], separators: string[], intern: (piece: string) => string): void {
  for (let i = 1; i < tokens.length; i++) {
    const separator = separators[i] as string
    if (
      separator.length >= 2 &&
      separator.endsWith('  ') &&
      ONE_DIGIT_DAY.test(tokens[i] as string) &&
      MONTH_WORDS.has((tokens[i - 1] as string).toLowerCase())
    ) {
      separators[i] = intern(separator.slice(0, -1))
      tokens[i] = intern(` ${tokens[i] as string}`)
    }
  }
}

/** Quoted fields (`quotedFields` offsets) to take whole as one token, and ones opened as structure whose words are also cut at `/ ? &`. */
export interface QuotedFieldCuts {
  readonly whole: readonly (readonly [number, number])[]
  readonly opened: readonly (readonly [number, number])[]
}

function inside(spans: readonly (readonly [number, number])[], at: number): boolean {
  for (const [start, end] of spans) if (at >= start && at < end) return true
  return false
}

/**
 * The double-quoted fields of a log line: a `"` at the start of the line or after a delimiter (whitespace
 * or field punctuation, not a quote), the next `"` at the end or before such a delimiter, no quote between.
 * Each as the [start, end) offsets of its text between the quotes. `GET /x HTTP/1.1` and the user agent
 * of an access log line are two; `say "hi"there` has none.
 */
export function quotedFields(message: string, quote: '"' | "'" = '"'): [number, number][] {
  const fields: [number, number][] = []
  let open = message.indexOf(quote)
  while (open >= 0) {
    let close = closingQuote(message, quote, open + 1)
    // a Windows path a logger does not escape ends in a backslash before its quote (`"C:\\Temp\\"`): where no
    // quote past the escapes closes the field cleanly, the first quote does if it can (review s44-rev2 M1)
    if (close < 0 || !closingEdge(message, close + 1)) {
      const plain = message.indexOf(quote, open + 1)
      if (plain >= 0 && plain !== close && closingEdge(message, plain + 1)) close = plain
    }
    if (close < 0) break
    if (fieldEdge(message[open - 1]) && closingEdge(message, close + 1)) {
      fields.push([open + 1, close])
      open = message.indexOf(quote, close + 1)
    } else open = close
  }
  return fields
}

/**
 * The next `quote` from `from` that a backslash does not escape (s44-ga: `msg="pull failed: Get \"https://r/v2/\":
 * no route to host"`, as Go's %q, logfmt and JSON strings write a quote inside a quoted text), or -1.
 */
function closingQuote(message: string, quote: string, from: number): number {
  let at = message.indexOf(quote, from)
  while (at > 0 && message.charCodeAt(at - 1) === 92) {
    let slashes = 1
    while (at - slashes - 1 >= from && message.charCodeAt(at - slashes - 1) === 92) slashes++
    if (slashes % 2 === 0) break
    at = message.indexOf(quote, at + 1)
  }
  return at
}

/**
 * The quoted fields of a log line, double- and single-quoted (s43-ga): `quotedFields` for `"`, then for
 * `'` the fields outside every double-quoted one, in order of their start. A program quotes a value it
 * fills in with either mark (`cluster 'outbound|8080||ratings'`, `context path ''`, `db: 'shop'`); an
 * apostrophe inside a word (`can't`, `users'`) opens no field, as its `'` does not follow a delimiter.
 */
export function allQuotedFields(message: string): [number, number][] {
  const double = message.includes('"') ? quotedFields(message) : []
  if (!message.includes("'")) return double
  // both lists are in order and without overlaps of their own: one merge keeps the single-quoted fields no
  // double-quoted one overlaps (s43-rev2 L1: a filter over every pair took ~140 ms on a 62 KB line)
  const fields: [number, number][] = []
  let d = 0
  for (const field of quotedFields(message, "'")) {
    while (d < double.length && (double[d] as [number, number])[1] < field[0])
      fields.push(double[d++] as [number, number])
    const next = double[d]
    if (next === undefined || next[0] > field[1]) fields.push(field)
  }
  while (d < double.length) fields.push(double[d++] as [number, number])
  return fields
}

/**
 * The bracketed fields of a log line: a `(` or `[` at the start of the line or after a delimiter, and its
 * closing `)` or `]` at the end or before a delimiter, with no brace or quote between and any bracket
 * between balanced (s41-ga round: a cron command `(test -x /usr/sbin/anacron || ( cd / && run-parts ))` is
 * one field, where before a nested bracket made it none; a quoted text is still not one field). Each as the
 * [start, end) offsets of its text inside the brackets: `signal 11 (Segmentation fault)`, `(backup) CMD
 * (run-parts /etc/cron.hourly)`.
 */
export function bracketedFields(message: string): [number, number][] {
  const fields: [number, number][] = []
  if (!message.includes('(') && !message.includes('[')) return fields
  const closes = closingBrackets(message)
  for (let at = 0; at < message.length; at++) {
    const open = message[at]
    if ((open !== '(' && open !== '[') || !fieldEdge(message[at - 1])) continue
    const end = closes.get(at) ?? -1
    if (end > 0 && closingEdge(message, end + 1)) {
      fields.push([at + 1, end])
      at = end
    }
  }
  return fields
}

/**
 * Each `(` or `[` whose closing bracket comes with every bracket between balanced and no brace or quote
 * between, mapped to that bracket's offset; one pass with a stack (s41-rev1 F2: a scan from each opening
 * bracket to the line's end took 45 s on a 64 KB line of unclosed brackets). A mismatched closing bracket or
 * a brace or quote leaves every bracket still open without one.
 */
function closingBrackets(message: string): Map<number, number> {
  const closes = new Map<number, number>()
  const open: number[] = []
  for (let at = 0; at < message.length; at++) {
    const ch = message[at] as string
    if (ch === '(' || ch === '[') open.push(at)
    else if (ch === ')' || ch === ']') {
      const last = open.pop()
      if (last === undefined) continue
      if ((message[last] === '(') === (ch === ')')) closes.set(last, at)
      else open.length = 0
    } else if (BRACKET_INNER_STOP.includes(ch)) open.length = 0
  }
  return closes
}

/** Characters a bracketed field may not hold: a brace or a quote. */
const BRACKET_INNER_STOP = '{}"'

function fieldEdge(char: string | undefined): boolean {
  return char === undefined || (char !== '"' && DELIMITER.test(char))
}

/**
 * What may follow a field's closing quote or bracket: a delimiter, the line's end, or a full stop ending the line
 * (s44-ga: a sentence closing on its bracketed reason or quoted value, `Aborted connection 7 to db: 'shop' (Got
 * timeout reading communication packets).`).
 */
function closingEdge(message: string, at: number): boolean {
  return fieldEdge(message[at]) || (at === message.length - 1 && message[at] === '.')
}

const IPV6_RUN = /[0-9A-Fa-f]*:[0-9A-Fa-f:]*[0-9A-Fa-f:]/g
const TOKEN_CHAR = /[^\s|,;=[\](){}<>"':]/u

/** True when `text[start, end)` stands alone: no token character (any but whitespace and `|,;=[](){}<>"':`) touches it on either side. */
export function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1]
  const after = text[end]
  return (before === undefined || !TOKEN_CHAR.test(before)) && (after === undefined || !TOKEN_CHAR.test(after))
}

/**
 * A MAC address (EUI-48 or EUI-64: 6 or 8 groups of two hex digits joined by `:` or `-`). Its groups
 * would otherwise be tokens of their own, and a group without a digit (`aa`, `fe`) a word that a
 * template learnt from one example keeps as literal text, missing the next address.
 */
const MAC_ADDRESS = /[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?:(?:\1[0-9A-Fa-f]{2}){2})?/g

/** Start -> end offsets of IPv6 and MAC addresses standing alone (not inside a longer token): each stays one value token. */
function valueSpans(message: string): Map<number, number> {
  const spans = new Map<number, number>()
  for (const found of message.matchAll(MAC_ADDRESS)) {
    const [start, end] = [found.index, found.index + found[0].length]
    if (standsAlone(message, start, end)) spans.set(start, end)
  }
  // an address without `::` has 8 groups (parseIpv6Groups), so 7 groups each followed by a colon: a
  // line whose only colons are a time's (`2026:23:40:00`) skips the scan below
  if (!message.includes('::') && !/(?:[0-9A-Fa-f]{1,4}:){7}/.test(message)) return spans
  for (const found of message.matchAll(IPV6_RUN)) {
    const [start, end] = [found.index, found.index + found[0].length]
    if (spans.has(start)) continue
    if (standsAlone(message, start, end) && /[0-9A-Fa-f]/.test(found[0]) && parseIpv6Groups(found[0]) !== undefined)
      spans.set(start, end)
  }
  return spans
}

/**
 * Fewest hex letters in a run that make a token a value though it has no digit: a hex id of n digits has
 * none of 0-9 with probability (6/16)^n (0.04% for the 8 digits of a 32-bit id, so 1 line in 2,600
 * of an access log's `app.{hash}.js`), while a word of 8 or more letters all from a-f is rare in any
 * language. Without it such a line's id is a word that splits its line from its event (issue 12, D6).
 */
const HEX_ID_LETTERS = 8
const HEX_LETTER_RUN = /(?<!\p{L})(?:[a-f]{8,}|[A-F]{8,})(?!\p{L})/u

/** What a token is to clustering: a value (always a slot), a level word (a slot unless constant), a header field, or a word. */
export type TokenRole = 'value' | 'level' | 'header' | 'word'

/** The role of a token by its text alone. */
export function tokenRole(token: string): TokenRole {
  // a colon survives tokenizing only inside an IPv6 address; a hyphenated hex chain of this length only as a MAC address
  if (DIGIT.test(token) || token.includes(':') || /^[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5,7}$/.test(token)) return 'value'
  if (token.length >= HEX_ID_LETTERS && HEX_LETTER_RUN.test(token)) return 'value'
  const lower = token.toLowerCase()
  if (CALENDAR_WORDS.has(lower)) return 'value'
  if (LEVEL_WORDS.has(lower)) return 'level'
  return 'word'
}

const UNIT_WORDS = new Set([
  'b',
  'kb',
  'mb',
  'gb',
  'tb',
  'kib',
  'mib',
  'gib',
  'ms',
  'us',
  'µs',
  'ns',
  's',
  'sec',
  'secs',
  'second',
  'seconds',
  'min',
  'mins',
  'minutes',
  'h',
  'hr',
  'hrs',
  'hours',
  'days',
])

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
    if (
      roles[i - 1] === 'value' &&
      roles[i] === 'word' &&
      tokenized.separators[i] === ' ' &&
      UNIT_WORDS.has((tokenized.tokens[i] as string).toLowerCase())
    )
      roles[i] = 'value'
  }
  return roles
}

/** The separators with whitespace runs collapsed to one space: messages that differ only in padding share a shape. */
export function separatorShape(separators: readonly string[]): string {
  return separators.map((separator) => separator.replace(WHITESPACE_RUN, ' ')).join('\u0000')
}
