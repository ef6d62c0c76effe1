/**
 * Steps 2-3 of the byte screen (byte-screen.ts): the literals every template of a store holds, ready to
 * look for in a message's UTF-8 with native memchr, with the keys around them (literal-keys.ts).
 */
import { keyAround, keysByProbe, KEY_BYTES_AFTER, KEY_BYTES_BEFORE, type KeysByProbe } from './literal-keys.ts'
import { ReversedLiterals } from './shared-reach.ts'
import { textToBytes } from './text-bytes.ts'
import type { Template } from './store-types.ts'

/** Buffer's native indexOf of one byte (memchr), called on any Uint8Array. */
const nativeIndexOf = Buffer.prototype.indexOf as (this: Uint8Array, value: number, from: number) => number

/** True for a byte of a word unit as literal-anchors.ts counts them: ASCII letters, digits, `_`, and every byte from 0x80 up. */
export const isWordByte = (code: number): boolean => code >= 0x80 || /[A-Za-z0-9_]/.test(String.fromCharCode(code))

/**
 * The maximal byte strings every template holds within one of its literals (none inside a longer
 * one), longest first, as UTF-8. Each is the longest shared string starting at some place of the
 * literals of the template with the least literal text (its *reach* there: the least, over the other
 * templates, of the longest text starting there that one of their literals holds; shared-reach.ts,
 * linear in the bytes of both). A string starting at `at` is inside the one starting at `at - 1` when
 * that one reaches a byte further, so only the others are kept, each once, in the order found; and one
 * of those is inside a longer shared string exactly when, at some place the pivot's literals hold it,
 * the string reaches further or the one a byte before reaches past it.
 */
export function sharedLiterals(templates: readonly Template[]): Uint8Array[] {
  const literalsOf = templates.map((t) => t.literals.filter((l) => l !== '').map((l) => textToBytes(l)))
  if (literalsOf.length === 0 || literalsOf.some((literals) => literals.length === 0)) return []
  const size = (literals: Uint8Array[]): number => literals.reduce((sum, l) => sum + l.length, 0)
  let pivotIndex = 0
  for (let t = 1; t < literalsOf.length; t++)
    if (size(literalsOf[t] as Uint8Array[]) < size(literalsOf[pivotIndex] as Uint8Array[])) pivotIndex = t
  const pivot = literalsOf[pivotIndex] as Uint8Array[]
  // literals as latin1 strings of their UTF-8 (one char per byte): substring search is native
  const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1')
  const texts = pivot.map(latin1)
  const reaches = pivot.map((literal) => Int32Array.from(literal, (_, at) => literal.length - at))
  let found = startsOf(texts, reaches)
  const automaton = new ReversedLiterals()
  for (let t = 0; t < literalsOf.length && found.size > 0; t++) {
    if (t === pivotIndex) continue
    const literals = literalsOf[t] as Uint8Array[]
    // a template holding each string found so far lowers no reach (every shared string is inside one of them):
    // a few native searches, where the automaton costs a pass over its bytes; only a few strings are searched
    if (found.size <= MAX_STRINGS_SEARCHED) {
      const own = literals.map(latin1)
      if ([...found].every((text) => own.some((l) => l.includes(text)))) continue
    }
    automaton.build(literals)
    pivot.forEach((literal, j) => automaton.lowerReach(literal, reaches[j] as Int32Array))
    found = startsOf(texts, reaches)
  }
  const maximal = (shared: string): boolean =>
    texts.every((text, j) => {
      const reach = reaches[j] as Int32Array
      for (let at = text.indexOf(shared); at !== -1; at = text.indexOf(shared, at + 1))
        if ((reach[at] as number) > shared.length || (at > 0 && (reach[at - 1] as number) > shared.length)) return false
      return true
    })
  return [...found]
    .filter(maximal)
    .sort((a, b) => b.length - a.length)
    .map((text) => Uint8Array.from(Buffer.from(text, 'latin1')))
}

/** Most strings found so far that sharedLiterals searches a template for before reading it whole (a bound on the searches). */
const MAX_STRINGS_SEARCHED = 16

/** The strings the reaches give, each once, in text order, but those inside the one starting a byte before. */
function startsOf(texts: readonly string[], reaches: readonly Int32Array[]): Set<string> {
  const found = new Set<string>()
  texts.forEach((text, j) => {
    const reach = reaches[j] as Int32Array
    for (let at = 0; at < text.length; at++) {
      const r = reach[at] as number
      if (r > 0 && (at === 0 || reach[at - 1] !== r + 1)) found.add(text.slice(at, at + r))
    }
  })
  return found
}

/** The literals step 2 looks for (see the file comment): the shared literals that hold a non-word byte. */
export function requiredLiterals(templates: readonly Template[]): Uint8Array[] {
  return sharedLiterals(templates).filter((bytes) => bytes.some((byte) => !isWordByte(byte)))
}

/**
 * A required literal ready to look for: its bytes and the one byte of it that native memchr looks
 * for (at first the byte its store's literal text holds fewest times, so that in the store's own
 * messages, which hold every required literal, few false starts are checked; the byte screen then
 * re-picks it from the lines it is given: see repivot). Looking for the whole string natively costs
 * several times one memchr (a string search set up per call). Which byte it is changes the time of
 * `holds`, never its answer: every occurrence of the literal holds the pivot at `pivotAt`.
 */
export interface RequiredLiteral {
  readonly bytes: Uint8Array
  pivotAt: number
  /** the text one template or another holds around it (step 3), or undefined */
  readonly keys: KeysByProbe | undefined
}

export function prepareRequired(
  templates: readonly Template[],
  afterBytes = KEY_BYTES_AFTER,
  beforeBytes = KEY_BYTES_BEFORE,
): RequiredLiteral[] {
  const counts = new Uint32Array(256)
  for (const template of templates)
    for (const literal of template.literals)
      for (const byte of textToBytes(literal)) counts[byte] = (counts[byte] as number) + 1
  return requiredLiterals(templates).map((bytes) => {
    let pivotAt = 0
    for (let i = 1; i < bytes.length; i++)
      if ((counts[bytes[i] as number] as number) < (counts[bytes[pivotAt] as number] as number)) pivotAt = i
    return {
      bytes,
      pivotAt,
      // spaces alone: a line holds a dozen, each one more probe (the store-size bench's 20-template
      // store paid ~0.1-0.2 µs a line), and no Loghub fold refuses a line more with their keys
      keys:
        afterBytes === 0 || bytes.every((byte) => byte === 0x20)
          ? undefined
          : keysByProbe(templates, bytes, afterBytes, beforeBytes),
    }
  })
}

/**
 * True when the message holds the literal, with one of its keys around it when it has keys: memchr
 * for its pivot byte, the rest compared where it sits, then the keys of the byte after it compared.
 */
export function holds(message: Uint8Array, literal: RequiredLiteral): boolean {
  return heldAt(message, literal, 0) !== -1
}

/**
 * Where the message holds the literal (as `holds` tells) first at or after `from`: the start of that
 * occurrence, or -1. For a literal without keys, the first occurrence of its bytes there.
 */
export function heldAt(message: Uint8Array, { bytes, pivotAt, keys }: RequiredLiteral, from: number): number {
  const pivot = bytes[pivotAt] as number
  const last = message.length - bytes.length + pivotAt
  for (
    let at = nativeIndexOf.call(message, pivot, from + pivotAt);
    at !== -1 && at <= last;
    at = nativeIndexOf.call(message, pivot, at + 1)
  ) {
    const start = at - pivotAt
    let i = 0
    while (i < bytes.length && message[start + i] === bytes[i]) i++
    if (i === bytes.length && (keys === undefined || keyAround(message, start, start + i, keys))) return start
  }
  return -1
}

/**
 * Moves each literal's pivot to its byte that `counts` (bytes of lines seen, by value) holds fewest
 * times, when that is fewer than its pivot's: holds() then makes about as many memchr calls a line as
 * the line holds that byte. A store's literal text says which byte is rare in the store's own lines;
 * lines of another log it refuses can hold that byte a dozen times (Linux's ` device node '` looked for
 * by its `i` in OpenSSH lines, ~3 a line, where they hold no `'`).
 */
export function repivot(literals: readonly RequiredLiteral[], counts: Uint32Array): void {
  for (const literal of literals) {
    const { bytes } = literal
    let best = literal.pivotAt
    for (let i = 0; i < bytes.length; i++)
      if ((counts[bytes[i] as number] as number) < (counts[bytes[best] as number] as number)) best = i
    literal.pivotAt = best
  }
}
