/**
 * Where the scalar values of a JSON object or array text are: the text inside a string's quotes, or a
 * number, `true`, `false`, `null`. A strict scanner of JSON's grammar (RFC 8259) that records spans
 * and builds no objects; anything that is not one JSON object or array gives undefined.
 *
 * It reads character codes, not one-character strings, and records the spans in one scratch array
 * reused by every call (the result is a copy of its used part): discovery scans each JSON message on
 * its first read and its sample again (round s34-jspeed: the scan took about a quarter of the first
 * read's grouping).
 */

/** A value span `[start, end)` of a JSON text. */
export type Span = readonly [number, number]

/** The scalar value spans of a JSON object or array text, or undefined when the text is not one. */
export function jsonValueSpans(text: string): Span[] | undefined {
  const flat = scanJson(text)
  if (flat === undefined) return undefined
  return Array.from({ length: flat.length / 2 }, (_v, k) => [flat[2 * k] as number, flat[2 * k + 1] as number] as const)
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39

/**
 * Deepest nesting of objects and arrays the scanner reads (the same default limit as serde_json's parser). A text
 * nested deeper is not JSON to discovery (it is a text message then): the scanner recurses once per level, and a
 * logged request body nested thousands deep overflowed the stack (exit 3; the s39 trial's D7).
 */
export const MAX_JSON_DEPTH = 128

/** The spans of the scan in progress (start, end, start, end, ...), grown as needed; see KEPT_SCRATCH. */
const FIRST_SCRATCH = 1024
let scratch = new Int32Array(FIRST_SCRATCH)
let used = 0
/**
 * A scratch grown past this many entries (1 MiB) is dropped after its scan, so that one huge JSON text does not
 * pin its spans' memory for the life of a library process (the review of s34-jspeed); ordinary messages stay far
 * below it and keep reusing one array.
 */
const KEPT_SCRATCH = 1 << 18

function push(start: number, end: number): void {
  if (used + 2 > scratch.length) {
    const grown = new Int32Array(scratch.length * 2)
    grown.set(scratch)
    scratch = grown
  }
  scratch[used] = start
  scratch[used + 1] = end
  used += 2
}

/**
 * The value spans as one flat array (start, end, start, end, ...): 8 bytes per value where an array
 * per span costs about 50, which for 100k API records of hundreds of values each was 150 MB.
 */
export function scanJson(text: string): Int32Array | undefined {
  used = 0
  const at = skipSpace(text, 0)
  const first = text.charCodeAt(at)
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return undefined
  const end = container(text, at, 1)
  const spans = end >= 0 && skipSpace(text, end) === text.length ? scratch.slice(0, used) : undefined
  if (scratch.length > KEPT_SCRATCH) scratch = new Int32Array(FIRST_SCRATCH)
  return spans
}

function skipSpace(text: string, at: number): number {
  for (;;) {
    const code = text.charCodeAt(at)
    // space, tab, line feed, carriage return (NaN past the end is none of them)
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return at
    at++
  }
}

/** A run of string characters that need no look: neither a quote, a backslash nor a control character. */
const PLAIN = /[^"\\\u0000-\u001f]*/y

/** End of the JSON string starting at `at` (its opening quote), or -1. */
function stringEnd(text: string, at: number): number {
  const length = text.length
  let i = at + 1
  while (i < length) {
    PLAIN.lastIndex = i
    PLAIN.test(text)
    i = PLAIN.lastIndex
    const code = text.charCodeAt(i)
    if (code === QUOTE) return i + 1
    // a backslash takes the character after it, whatever it is
    if (code !== BACKSLASH) return -1
    i += 2
  }
  return -1
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE
}

/**
 * End of the scalar at `at`: a number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as long as
 * it goes: a fraction or exponent without digits is not part of it), `true`, `false` or `null`; or -1.
 */
function scalarEnd(text: string, at: number): number {
  let i = at
  if (text.charCodeAt(i) === MINUS) i++
  const lead = text.charCodeAt(i)
  if (lead === ZERO) i++
  else if (lead > ZERO && lead <= NINE) {
    i++
    while (isDigit(text.charCodeAt(i))) i++
  } else {
    if (text.startsWith('true', at) || text.startsWith('null', at)) return at + 4
    return text.startsWith('false', at) ? at + 5 : -1
  }
  if (text.charCodeAt(i) === DOT && isDigit(text.charCodeAt(i + 1))) {
    i += 2
    while (isDigit(text.charCodeAt(i))) i++
  }
  const e = text.charCodeAt(i)
  if (e === 0x65 || e === 0x45) {
    let j = i + 1
    const sign = text.charCodeAt(j)
    if (sign === PLUS || sign === MINUS) j++
    if (isDigit(text.charCodeAt(j))) {
      j++
      while (isDigit(text.charCodeAt(j))) j++
      i = j
    }
  }
  return i
}

/** Parses one value at `at` (inside `depth` containers), adding scalar spans; its end, or -1 when it is not JSON. */
function value(text: string, at: number, depth: number): number {
  const code = text.charCodeAt(at)
  if (code === QUOTE) {
    const end = stringEnd(text, at)
    if (end >= 0) push(at + 1, end - 1)
    return end
  }
  if (code === OPEN_BRACE || code === OPEN_BRACKET) return depth >= MAX_JSON_DEPTH ? -1 : container(text, at, depth + 1)
  const end = scalarEnd(text, at)
  if (end >= 0) push(at, end)
  return end
}

/** Parses the object or array at `at`, the `depth`th level of nesting; its end, or -1. */
function container(text: string, at: number, depth: number): number {
  const object = text.charCodeAt(at) === OPEN_BRACE
  const close = object ? CLOSE_BRACE : CLOSE_BRACKET
  let i = skipSpace(text, at + 1)
  if (text.charCodeAt(i) === close) return i + 1
  for (;;) {
    if (object) {
      if (text.charCodeAt(i) !== QUOTE) return -1
      const keyEnd = stringEnd(text, i)
      if (keyEnd < 0) return -1
      i = skipSpace(text, keyEnd)
      if (text.charCodeAt(i) !== COLON) return -1
      i = skipSpace(text, i + 1)
    }
    const end = value(text, i, depth)
    if (end < 0) return -1
    i = skipSpace(text, end)
    const next = text.charCodeAt(i)
    if (next === close) return i + 1
    if (next !== COMMA) return -1
    i = skipSpace(text, i + 1)
  }
}
