/**
 * Where the scalar values of a JSON object or array text are: the text inside a string's quotes, or a
 * number, `true`, `false`, `null`. A strict scanner of JSON's grammar (RFC 8259) that records spans
 * and builds no objects; anything that is not one JSON object or array gives undefined.
 */

/** A value span `[start, end)` of a JSON text. */
export type Span = readonly [number, number]

/** The scalar value spans of a JSON object or array text, or undefined when the text is not one. */
export function jsonValueSpans(text: string): Span[] | undefined {
  const flat = scanJson(text)
  if (flat === undefined) return undefined
  return Array.from({ length: flat.length / 2 }, (_v, k) => [flat[2 * k] as number, flat[2 * k + 1] as number] as const)
}

/**
 * The value spans as one flat array (start, end, start, end, ...): 8 bytes per value where an array
 * per span costs about 50, which for 100k API records of hundreds of values each was 150 MB.
 */
export function scanJson(text: string): Int32Array | undefined {
  const spans: number[] = []
  let at = skipSpace(text, 0)
  const first = text[at]
  if (first !== '{' && first !== '[') return undefined
  const end = value(text, at, spans)
  if (end === undefined) return undefined
  at = skipSpace(text, end)
  return at === text.length ? Int32Array.from(spans) : undefined
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++
  return at
}

/** End of the JSON string starting at `at` (its opening quote), or undefined. */
function stringEnd(text: string, at: number): number | undefined {
  for (let i = at + 1; i < text.length; i++) {
    const char = text[i]
    if (char === '\\') i++
    else if (char === '"') return i + 1
    else if (char !== undefined && char < ' ') return undefined
  }
  return undefined
}

const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y

/** Parses one value at `at`, adding scalar spans; its end, or undefined when it is not JSON. */
function value(text: string, at: number, spans: number[]): number | undefined {
  const char = text[at]
  if (char === '"') {
    const end = stringEnd(text, at)
    if (end !== undefined) spans.push(at + 1, end - 1)
    return end
  }
  if (char === '{' || char === '[') return container(text, at, spans)
  SCALAR.lastIndex = at
  const found = SCALAR.exec(text)
  if (found === null) return undefined
  spans.push(at, at + found[0].length)
  return at + found[0].length
}

function container(text: string, at: number, spans: number[]): number | undefined {
  const close = text[at] === '{' ? '}' : ']'
  let i = skipSpace(text, at + 1)
  if (text[i] === close) return i + 1
  for (;;) {
    if (close === '}') {
      if (text[i] !== '"') return undefined
      const keyEnd = stringEnd(text, i)
      if (keyEnd === undefined) return undefined
      i = skipSpace(text, keyEnd)
      if (text[i] !== ':') return undefined
      i = skipSpace(text, i + 1)
    }
    const end = value(text, i, spans)
    if (end === undefined) return undefined
    i = skipSpace(text, end)
    if (text[i] === close) return i + 1
    if (text[i] !== ',') return undefined
    i = skipSpace(text, i + 1)
  }
}
