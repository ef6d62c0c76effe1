/**
 * A check on a message's UTF-8 bytes that can rule out every template of a store before the message
 * is decoded or tokenized, in three steps, each a necessary condition of any match.
 *
 * 1. Edges: one lookup of the (first byte, last byte) pair in a 65,536-bit table.
 * A template's message starts with its first literal, or when that is empty with a value of its
 * first slot, whose type limits the byte it can start with (an integer starts with a digit or a sign,
 * an enum with the first byte of one of its values, a string with anything); likewise at the end.
 * The table holds every pair some template allows. A store with a template that takes any text at
 * both ends rules nothing out. Lines of a log a store was not made from usually start or end
 * differently (a bracket, a month name, a digit), so many of them stop here at the cost of one load.
 * 2. Required literals: text that every template's literals hold (` dfs.` in every template of an
 * HDFS store, `|` in every HealthApp one) is in every message any template matches, since a
 * message holds each literal of its template whole. Each is looked for by a native memchr of
 * one of its bytes (~15 ns a line), where tokenizing the line in JavaScript (literal-anchors.ts) costs
 * hundreds.
 * Which: the *maximal* ones (not inside a longer one) that hold a non-word byte (punctuation,
 * space, a control byte): words are the anchor index's business, and a required word is mostly a
 * letter or two (`in`, `or`) found in nearly any text. Longest first. (Rule chosen leave-systems-out
 * on Loghub: docs/speed.md, seventh round.) A store with a template without literal text, or whose
 * templates share none, has none, and the step costs nothing. Found on first use, not when
 * the matcher is built (discovery builds matchers that never screen bytes).
 * 3. Keys: where a template holds a required literal inside one of its literals, the message holds
 * the text around it too (`]: authentication f` in a Linux template, where OpenSSH lines hold
 * `): authentication f`). Each template gives each required literal one key (up to KEY_BYTES_AFTER
 * bytes after it, KEY_BYTES_BEFORE before, at its first place with text after it), and the
 * literal counts as held only at an occurrence with some template's key around it: the first bytes
 * after it looked up in a small table, the rest compared. A literal keeps no keys when a template
 * has it only before a placeholder, or when more than MAX_KEYS_PER_PROBE keys share their first
 * bytes (a bound on the compares). Caps chosen leave-systems-out (docs/speed.md, eighth round).
 */
import { keyAround, keysByProbe, KEY_BYTES_AFTER, KEY_BYTES_BEFORE, type KeysByProbe } from './literal-keys.ts'
import { textToBytes } from './text-bytes.ts'
import type { SlotSpec, SlotType, Template } from './store-types.ts'

/** False only when no template of the store can match the message these UTF-8 bytes encode. */
export type ByteScreen = (bytes: Uint8Array) => boolean

/** Buffer's native indexOf of one byte (memchr), called on any Uint8Array. */
const nativeIndexOf = Buffer.prototype.indexOf as (this: Uint8Array, value: number, from: number) => number

/** A set of bytes, as 256 flags. */
type ByteSet = Uint8Array

function byteSet(...ranges: string[]): ByteSet {
  const set = new Uint8Array(256)
  for (const range of ranges) {
    const [from, to] = [range.charCodeAt(0), range.charCodeAt(range.length - 1)]
    for (let code = from; code <= to; code++) set[code] = 1
  }
  return set
}

const ANY = new Uint8Array(256).fill(1)
const DIGIT = byteSet('09')
const SIGNED = byteSet('09', '+', '-')
const HEX = byteSet('09', 'af', 'AF')
const HEX_OR_COLON = byteSet('09', 'af', 'AF', ':')
const DIGIT_OR_ZONE = byteSet('09', 'Z', 'z')

/**
 * The bytes a value of a type can start (or end) with: a superset of what its codec accepts
 * (slot-numbers.ts, slot-kind.ts, slot-timestamp.ts, slot-ipv6.ts), never smaller.
 */
function edgeBytesOf(type: Exclude<SlotType, 'enum'>, width: number | undefined, atEnd: boolean): ByteSet {
  switch (type) {
    case 'integer':
      return width !== undefined || atEnd ? DIGIT : SIGNED
    case 'decimal':
      return atEnd ? DIGIT : SIGNED
    case 'timestamp':
      return atEnd ? DIGIT_OR_ZONE : DIGIT
    case 'ipv4':
      return DIGIT
    case 'uuid':
    case 'hex':
      return HEX
    case 'ipv6':
      return HEX_OR_COLON
    default:
      return ANY
  }
}

function slotEdgeBytes(spec: SlotSpec, atEnd: boolean): ByteSet {
  if (spec.type !== 'enum') return edgeBytesOf(spec.type, spec.type === 'integer' ? spec.width : undefined, atEnd)
  const set = spec.other === undefined ? new Uint8Array(256) : edgeBytesOf(spec.other, undefined, atEnd).slice()
  for (const value of spec.values) {
    const bytes = textToBytes(value)
    if (bytes.length > 0) set[bytes[atEnd ? bytes.length - 1 : 0] as number] = 1
  }
  return set
}

/** The bytes a template's messages can start (or end) with. */
function templateEdgeBytes(template: Template, atEnd: boolean): ByteSet {
  const { literals, textOrder, slots } = template
  const literal = literals[atEnd ? textOrder.length : 0] as string
  if (literal !== '') {
    const bytes = textToBytes(literal)
    const set = new Uint8Array(256)
    set[bytes[atEnd ? bytes.length - 1 : 0] as number] = 1
    return set
  }
  return slotEdgeBytes(slots[textOrder[atEnd ? textOrder.length - 1 : 0] as number] as SlotSpec, atEnd)
}

/** The (first byte, last byte) pairs some template allows, as 65,536 bits; undefined when every pair is allowed. */
function edgePairs(templates: readonly Template[]): Uint32Array | undefined {
  const pairs = new Uint32Array(2048)
  const done = new Set<string>()
  for (const template of templates) {
    const first = templateEdgeBytes(template, false)
    const last = templateEdgeBytes(template, true)
    const key = `${first.join('')}${last.join('')}`
    if (done.has(key)) continue
    done.add(key)
    if (!first.includes(0) && !last.includes(0)) return undefined
    for (let a = 0; a < 256; a++) {
      if (first[a] === 0) continue
      for (let b = 0; b < 256; b++) {
        if (last[b] === 1) pairs[(a << 3) | (b >>> 5)] = (pairs[(a << 3) | (b >>> 5)] as number) | (1 << (b & 31))
      }
    }
  }
  return pairs
}

/** True for a byte of a word unit as literal-anchors.ts counts them: ASCII letters, digits, `_`, and every byte from 0x80 up. */
const isWordByte = (code: number): boolean => code >= 0x80 || /[A-Za-z0-9_]/.test(String.fromCharCode(code))

/**
 * The maximal byte strings every template holds within one of its literals (none inside a longer
 * one), longest first, as UTF-8. Each is the longest shared string starting at some place of the
 * literals of the template with the least literal text; the one starting a byte later is at least
 * that long less one byte (every substring of a shared string is shared), so each place extends the
 * last, and the search tries about twice as many strings as those literals have bytes.
 */
export function sharedLiterals(templates: readonly Template[]): Uint8Array[] {
  // literals as latin1 strings of their UTF-8 (one char per byte): substring tests are native
  const literalsOf = templates.map((t) =>
    t.literals.filter((l) => l !== '').map((l) => Buffer.from(textToBytes(l)).toString('latin1')),
  )
  if (literalsOf.length === 0 || literalsOf.some((literals) => literals.length === 0)) return []
  const size = (literals: string[]): number => literals.reduce((sum, l) => sum + l.length, 0)
  const pivot = literalsOf.reduce((a, b) => (size(b) < size(a) ? b : a))
  const shared = (text: string): boolean => literalsOf.every((literals) => literals.some((l) => l.includes(text)))
  const found = new Set<string>()
  for (const literal of pivot) {
    let length = 0
    for (let at = 0; at < literal.length; at++) {
      length = Math.max(length - 1, 0)
      while (at + length < literal.length && shared(literal.slice(at, at + length + 1))) length += 1
      if (length > 0) found.add(literal.slice(at, at + length))
    }
  }
  const all = [...found]
  return all
    .filter((text) => !all.some((other) => other.length > text.length && other.includes(text)))
    .sort((a, b) => b.length - a.length)
    .map((text) => Uint8Array.from(Buffer.from(text, 'latin1')))
}

/** The literals step 2 looks for (see the file comment): the shared literals that hold a non-word byte. */
export function requiredLiterals(templates: readonly Template[]): Uint8Array[] {
  return sharedLiterals(templates).filter((bytes) => bytes.some((byte) => !isWordByte(byte)))
}

/**
 * A required literal ready to look for: its bytes and the one byte of it that native memchr looks
 * for (the byte its store's literal text holds fewest times, so that in the store's own messages,
 * which hold every required literal, few false starts are checked). Looking for the whole string
 * natively costs several times one memchr (a string search set up per call).
 */
export interface RequiredLiteral {
  readonly bytes: Uint8Array
  readonly pivotAt: number
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
export function holds(message: Uint8Array, { bytes, pivotAt, keys }: RequiredLiteral): boolean {
  const pivot = bytes[pivotAt] as number
  const last = message.length - bytes.length + pivotAt
  for (
    let at = nativeIndexOf.call(message, pivot, pivotAt);
    at !== -1 && at <= last;
    at = nativeIndexOf.call(message, pivot, at + 1)
  ) {
    const start = at - pivotAt
    let i = 0
    while (i < bytes.length && message[start + i] === bytes[i]) i++
    if (i === bytes.length && (keys === undefined || keyAround(message, start, start + i, keys))) return true
  }
  return false
}

/** Step 1 on a non-empty message: true when some template allows its first and last byte. */
function edgesAllow(pairs: Uint32Array | undefined, bytes: Uint8Array): boolean {
  if (pairs === undefined) return true
  const b = bytes[bytes.length - 1] as number
  return ((pairs[((bytes[0] as number) << 3) | (b >>> 5)] as number) & (1 << (b & 31))) !== 0
}

/** Step 1 alone (benches compare the steps). */
export function createEdgeScreen(templates: readonly Template[]): ByteScreen {
  const pairs = edgePairs(templates)
  return (bytes) => bytes.length > 0 && edgesAllow(pairs, bytes)
}

/** Builds the screen (all three steps) for a store's templates. */
export function createByteScreen(templates: readonly Template[]): ByteScreen {
  const pairs = edgePairs(templates)
  let required: RequiredLiteral[] | undefined
  return (bytes) => {
    if (bytes.length === 0 || !edgesAllow(pairs, bytes)) return false
    required ??= prepareRequired(templates)
    for (let i = 0; i < required.length; i++) if (!holds(bytes, required[i] as RequiredLiteral)) return false
    return true
  }
}
