/**
 * Distinct copies of real messages, for benches that need more messages than a corpus holds: a copy
 * keeps the message's structure (its words, punctuation, JSON keys, the length of every number) and
 * re-draws its values, so that copies differ as real traffic does instead of repeating byte for byte
 * (a repeated line is nothing new to discovery: 100k lines cycled from the shared Loghub corpora are
 * 15,026 distinct ones).
 *
 * What a copy re-draws (seeded: the same seed gives the same copies):
 * - a hex run (4 or more hex digits of one case, holding a digit and a letter, standing alone or
 *   after `0x`: ids, hashes, UUID parts): each digit a random digit, each letter a random letter a-f
 *   of its case, so the run keeps where its digits and letters are;
 * - a run of decimal digits not glued to a letter before it (`sshd[1234]`, `10.0.3.7`, `05:59`, not
 *   the `2` of `ssh2` nor the `01` of `web01`): digit by digit, a 0 stays 0 and any other digit
 *   becomes a random one from 1 up to itself, so the run keeps its length and its zeros and is at
 *   most what it was, digit by digit: an IPv4 part stays at most 255, `081109 203615` (HDFS's date
 *   and time) stays a date and a time, a month stays 01-12;
 * - in a JSON message, only values: object keys, and escapes (`\u00e9`), are kept as written.
 * A message with no such run is copied as it is.
 */
import { createRandom, isJsonText } from '../../src/core/index.ts'

/** A seeded generator of numbers in [0, 1): the project's own (src/core createRandom, mulberry32). */
export const seededRandom: (seed: number) => () => number = createRandom

/** A hex run (group 2, after an optional `0x`) standing alone, or a digit run not glued to a letter or digit before it. */
const VALUE_RUN = /(?<![0-9A-Za-z])(0x)?([0-9a-f]{4,}|[0-9A-F]{4,})(?![0-9A-Za-z])|(?<![A-Za-z0-9])\d+/g

/** `text` with its hex runs and digit runs re-drawn (see the file comment); plain text, no JSON rule. */
export function redrawValues(text: string, random: () => number): string {
  return text.replace(VALUE_RUN, (whole: string, prefix: string | undefined, run: string | undefined) => {
    if (run === undefined) return redrawNumber(whole, random)
    const digits = /\d/.test(run)
    if (!/[a-fA-F]/.test(run)) return `${prefix ?? ''}${digits ? redrawNumber(run, random) : run}`
    if (!digits) return whole
    const letters = run === run.toLowerCase() ? 'abcdef' : 'ABCDEF'
    let out = prefix ?? ''
    for (const c of run) out += /\d/.test(c) ? String(Math.floor(random() * 10)) : letters[Math.floor(random() * 6)]
    return out
  })
}

/** `run` digit by digit: a 0 stays 0, any other digit becomes a random one from 1 up to itself. */
function redrawNumber(run: string, random: () => number): string {
  let out = ''
  for (const c of run) out += c === '0' ? '0' : String(1 + Math.floor(random() * Number(c)))
  return out
}

/**
 * `message` re-drawn as redrawValues does, keeping a JSON message's keys and escapes: when it parses as
 * a JSON object or array, only the text of its values (strings and numbers) is re-drawn.
 */
export function redrawMessage(message: string, random: () => number): string {
  const start = message.trimStart()[0]
  if ((start !== '{' && start !== '[') || !isJsonText(message)) return redrawValues(message, random)
  let out = ''
  let at = 0
  while (at < message.length) {
    const c = message[at] as string
    if (c === '"') {
      const end = stringEnd(message, at)
      const literal = message.slice(at, end)
      let next = end
      while (next < message.length && /\s/.test(message[next] as string)) next++
      out += message[next] === ':' ? literal : redrawString(literal, random)
      at = end
    } else if (/[-\d]/.test(c)) {
      let end = at + 1
      while (end < message.length && /[-+\d.eE]/.test(message[end] as string)) end++
      out += redrawValues(message.slice(at, end), random)
      at = end
    } else {
      out += c
      at++
    }
  }
  return out
}

/** The offset just past the JSON string literal starting at `start` (its opening quote). */
function stringEnd(text: string, start: number): number {
  let at = start + 1
  while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1
  return at + 1
}

/** A JSON string literal with the text between its escapes re-drawn. */
function redrawString(literal: string, random: () => number): string {
  return literal
    .split(/(\\u[0-9A-Fa-f]{4}|\\.)/)
    .map((part, i) => (i % 2 === 1 ? part : redrawValues(part, random)))
    .join('')
}

/** One source's messages, in order. */
export type Source = readonly string[]

/**
 * `count` messages dealt round-robin from the sources (one from each in turn, as a collector receiving
 * them all would see them), a source starting over when it runs out: its first pass as written, each
 * later pass a re-drawn copy (redrawMessage), or as written again when `cycled`.
 */
export function dealDistinct(sources: readonly Source[], count: number, seed: number, cycled = false): string[] {
  const live = sources.filter((s) => s.length > 0)
  if (live.length === 0) return []
  const random = seededRandom(seed)
  const out: string[] = []
  const next = live.map(() => 0)
  for (let turn = 0; out.length < count; turn = (turn + 1) % live.length) {
    const source = live[turn] as Source
    const position = next[turn] as number
    const message = source[position % source.length] as string
    out.push(cycled || position < source.length ? message : redrawMessage(message, random))
    next[turn] = position + 1
  }
  return out
}
