/**
 * The `json` slot (round s40-jvar, issue 12): a JSON member whose structure varies between messages
 * (a cut member, discovery-json-cut.ts) sent as a structural code instead of its JSON text.
 *
 * A value is one mode byte, then:
 * - mode 0 (raw): the text as an `auto` slot writes it; any text that is not JSON written in one of the
 *   two spacings below goes this way, so the slot takes every text an `auto` slot takes.
 * - mode 1 (compact JSON, no whitespace) or 2 (`", "` and `": "`, as Python's json.dumps writes it): the
 *   value as a tree of nodes in document order, each a head varint `n * 8 + tag`:
 *   - tag 0 (string) and 1 (number): n = 0 a new value, then its text as an `auto` slot writes it (a
 *     string's text as written between its quotes, escapes kept); n = 2k + 2 the same text as the k-th
 *     most recent distinct value of that tag earlier in this value (nothing follows); n = 2k + 1 a *shape
 *     edit* of that value (the same length and the same characters but digits, at most 15 digits), then
 *     the difference of the two digit strings read as numbers, zigzag varint. At most RECENT_VALUES values
 *     are remembered per tag, so the head stays one byte. A value repeated within the member (a time in
 *     several conditions) costs its head byte; a price next to a price one tick away, two or three bytes.
 *   - tag 2: n = 0 true, 1 false, 2 null, 3 the empty string.
 *   - tag 3: an object of n members, each a key (a varint: 1 + its index in the slot's `keys` list, or 0 and
 *     then the key's UTF-8 bytes after their length) and its value node.
 *   - tag 4: an array of n elements.
 * The decoder writes the tree back in the mode's spacing; the encoder sends a tree only when writing it
 * back gives the value exactly, else mode 0.
 */
import { type ByteReader, FrameError } from '../core/index.ts'
import type { ByteSink } from './byte-sink.ts'
import { SlotEncoding } from './slot-encoding.ts'
import { textToBytes, wellFormedUtf8SizeBytes } from './text-bytes.ts'

/** What the json codec needs of the `auto` codec (passed in: slot-codecs.ts builds this codec). */
export interface AutoLike {
  encodeRange(text: string, start: number, end: number, last: boolean, out: SlotEncoding): boolean
  read(reader: ByteReader, last: boolean): string
}

/** Remembered values per tag (strings, numbers): n = 2k + 2 <= 15 keeps a head of tag 0 or 1 in one byte. */
export const RECENT_VALUES = 6
/** Most keys a json slot lists: an index + 1 of at most 127 is one byte. */
export const MAX_JSON_SLOT_KEYS = 127
/** Deepest nesting the code takes (deeper text goes raw); the decoder refuses deeper trees. */
const MAX_DEPTH = 128
/** Most digits a shape edit compares (their number stays exact in a double). */
const MAX_EDIT_DIGITS = 15

const Tag = { String: 0, Number: 1, Literal: 2, Object: 3, Array: 4 } as const
const LITERALS = ['true', 'false', 'null', '""'] as const

type Node =
  | { t: typeof Tag.String | typeof Tag.Number; text: string }
  | { t: typeof Tag.Literal; n: number }
  | { t: typeof Tag.Object; keys: string[]; values: Node[] }
  | { t: typeof Tag.Array; values: Node[] }

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

const isDigit = (c: number): boolean => c >= 48 && c <= 57

/** True when `raw` is a JSON number, as /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ tests it (read by hand: no regex run per number). */
export function isJsonNumber(raw: string): boolean {
  const n = raw.length
  let i = raw.charCodeAt(0) === 0x2d ? 1 : 0
  const first = raw.charCodeAt(i)
  if (first === 0x30) i++
  else if (first >= 0x31 && first <= 0x39) {
    i++
    while (i < n && isDigit(raw.charCodeAt(i))) i++
  } else return false
  if (i < n && raw.charCodeAt(i) === 0x2e) {
    const from = ++i
    while (i < n && isDigit(raw.charCodeAt(i))) i++
    if (i === from) return false
  }
  if (i < n && (raw.charCodeAt(i) === 0x65 || raw.charCodeAt(i) === 0x45)) {
    i++
    if (i < n && (raw.charCodeAt(i) === 0x2b || raw.charCodeAt(i) === 0x2d)) i++
    const from = i
    while (i < n && isDigit(raw.charCodeAt(i))) i++
    if (i === from) return false
  }
  return i === n
}

/** Whether the last `parse` skipped any whitespace: when it did not, the compact writing of its tree is its text exactly. */
let parsedSpaced = false

/**
 * A JSON value of text[start, end) as a tree, or undefined when it is not one JSON value (or nests deeper than
 * MAX_DEPTH). Sets `parsedSpaced`: a tree parsed without skipping whitespace writes back (mode 1) as the text
 * itself, each of its tokens copied as it was read.
 */
function parse(text: string, start: number, end: number): Node | undefined {
  let at = start
  parsedSpaced = false
  const skip = (): void => {
    const from = at
    while (at < end && isSpace(text.charCodeAt(at))) at++
    if (at !== from) parsedSpaced = true
  }
  const value = (depth: number): Node | undefined => {
    skip()
    if (at >= end || depth > MAX_DEPTH) return undefined
    const c = text.charCodeAt(at)
    if (c === 0x22) {
      const from = ++at
      while (at < end) {
        const d = text.charCodeAt(at)
        if (d === 0x22) break
        if (d < 0x20) return undefined
        at += d === 0x5c ? 2 : 1
      }
      if (at >= end) return undefined
      const raw = text.slice(from, at++)
      return raw === '' ? { t: Tag.Literal, n: 3 } : { t: Tag.String, text: raw }
    }
    if (c === 0x7b || c === 0x5b) {
      at++
      const object = c === 0x7b
      const keys: string[] = []
      const values: Node[] = []
      skip()
      if (text.charCodeAt(at) === (object ? 0x7d : 0x5d)) {
        at++
        return object ? { t: Tag.Object, keys, values } : { t: Tag.Array, values }
      }
      for (;;) {
        if (object) {
          const key = value(depth + 1)
          if (key === undefined || (key.t !== Tag.String && !(key.t === Tag.Literal && key.n === 3))) return undefined
          keys.push(key.t === Tag.String ? key.text : '')
          skip()
          if (text.charCodeAt(at++) !== 0x3a) return undefined
        }
        const member = value(depth + 1)
        if (member === undefined) return undefined
        values.push(member)
        skip()
        const next = text.charCodeAt(at++)
        if (next === (object ? 0x7d : 0x5d)) return object ? { t: Tag.Object, keys, values } : { t: Tag.Array, values }
        if (next !== 0x2c) return undefined
      }
    }
    const from = at
    while (at < end) {
      const d = text.charCodeAt(at)
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x3a || isSpace(d)) break
      at++
    }
    const raw = text.slice(from, at)
    const literal = LITERALS.indexOf(raw as (typeof LITERALS)[number])
    if (literal >= 0 && literal < 3) return { t: Tag.Literal, n: literal }
    return isJsonNumber(raw) ? { t: Tag.Number, text: raw } : undefined
  }
  const node = value(0)
  skip()
  return at === end ? node : undefined
}

/** The tree written back: mode 1 compact, mode 2 with `", "` and `": "`. */
function write(node: Node, spaced: boolean, out: string[]): void {
  switch (node.t) {
    case Tag.String:
      out.push('"', node.text, '"')
      return
    case Tag.Number:
      out.push(node.text)
      return
    case Tag.Literal:
      out.push(LITERALS[node.n] as string)
      return
    case Tag.Object:
      out.push('{')
      node.keys.forEach((key, i) => {
        if (i > 0) out.push(spaced ? ', ' : ',')
        out.push('"', key, spaced ? '": ' : '":')
        write(node.values[i] as Node, spaced, out)
      })
      out.push('}')
      return
    case Tag.Array:
      out.push('[')
      node.values.forEach((value, i) => {
        if (i > 0) out.push(spaced ? ', ' : ',')
        write(value, spaced, out)
      })
      out.push(']')
  }
}

/** The digits of `text` when it has 1-MAX_EDIT_DIGITS of them, else undefined. */
function digitsOf(text: string): string | undefined {
  let digits = ''
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) digits += text[i]
  }
  return digits.length === 0 || digits.length > MAX_EDIT_DIGITS ? undefined : digits
}

/** The zigzag difference that turns `from` into `to` (same length, same non-digit characters), or undefined. */
function shapeEdit(from: string, to: string): number | undefined {
  if (from.length !== to.length) return undefined
  // both digit strings read as numbers as the layout is compared: the same digit count, at most
  // MAX_EDIT_DIGITS (15) of them, so each sum is exact and equals Number(digitsOf(...))
  let digits = 0
  let x = 0
  let y = 0
  for (let i = 0; i < to.length; i++) {
    const a = from.charCodeAt(i)
    const b = to.charCodeAt(i)
    const digitA = a >= 48 && a <= 57
    if (digitA !== (b >= 48 && b <= 57) || (!digitA && a !== b)) return undefined
    if (digitA) {
      digits++
      x = x * 10 + (a - 48)
      y = y * 10 + (b - 48)
    }
  }
  if (digits === 0 || digits > MAX_EDIT_DIGITS) return undefined
  const delta = y - x
  return delta >= 0 ? delta * 2 : -delta * 2 - 1
}

/** `from` with its digits replaced by (its digits as a number + the unzigzagged `edit`), or undefined when that does not fit. */
function applyEdit(from: string, edit: number): string | undefined {
  const digits = digitsOf(from)
  if (digits === undefined) return undefined
  const delta = edit % 2 === 0 ? edit / 2 : -(edit + 1) / 2
  const value = Number(digits) + delta
  if (!Number.isSafeInteger(value) || value < 0) return undefined
  const next = String(value).padStart(digits.length, '0')
  if (next.length !== digits.length) return undefined
  let out = ''
  let d = 0
  for (let i = 0; i < from.length; i++) {
    const c = from.charCodeAt(i)
    out += c >= 48 && c <= 57 ? next[d++] : from[i]
  }
  return out
}

const varintBytes = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5)

/** Moves `text` to the front of a recent-values list (at most RECENT_VALUES). */
function remember(recent: string[], text: string): void {
  const at = recent.indexOf(text)
  if (at >= 0) recent.splice(at, 1)
  else if (recent.length === RECENT_VALUES) recent.pop()
  recent.unshift(text)
}

const scratch = new SlotEncoding()

/** Writes the tree's code into `out` (tail bytes); false when a value cannot be coded (then the slot goes raw). */
function encodeNode(
  node: Node,
  keys: ReadonlyMap<string, number>,
  auto: AutoLike,
  recent: string[][],
  out: SlotEncoding,
): boolean {
  switch (node.t) {
    case Tag.String:
    case Tag.Number: {
      const list = recent[node.t] as string[]
      const equal = list.indexOf(node.text)
      if (equal >= 0) {
        out.varint((2 * equal + 2) * 8 + node.t)
        remember(list, node.text)
        return true
      }
      if (!auto.encodeRange(node.text, 0, node.text.length, false, scratch.reset())) return false
      const newBytes = scratch.sizeBytes()
      let best = -1
      let bestEdit = 0
      list.forEach((from, k) => {
        const edit = shapeEdit(from, node.text)
        if (
          edit !== undefined &&
          varintBytes(edit) < newBytes &&
          (best < 0 || varintBytes(edit) < varintBytes(bestEdit))
        ) {
          best = k
          bestEdit = edit
        }
      })
      if (best >= 0) {
        out.varint((2 * best + 1) * 8 + node.t)
        out.varint(bestEdit)
      } else {
        out.varint(node.t)
        out.appendWritten(scratch)
      }
      remember(list, node.text)
      return true
    }
    case Tag.Literal:
      out.varint(node.n * 8 + Tag.Literal)
      return true
    case Tag.Object: {
      out.varint(node.keys.length * 8 + Tag.Object)
      for (let i = 0; i < node.keys.length; i++) {
        const key = node.keys[i] as string
        const index = keys.get(key)
        if (index !== undefined) out.varint(index + 1)
        else {
          if (wellFormedUtf8SizeBytes(key, 0, key.length) === -1) return false
          const bytes = textToBytes(key)
          out.varint(0)
          out.varint(bytes.length)
          for (const b of bytes) out.byte(b)
        }
        if (!encodeNode(node.values[i] as Node, keys, auto, recent, out)) return false
      }
      return true
    }
    case Tag.Array:
      out.varint(node.values.length * 8 + Tag.Array)
      for (const value of node.values) if (!encodeNode(value, keys, auto, recent, out)) return false
      return true
  }
}

const corrupt = (what: string): FrameError => new FrameError('E_FRAME_CORRUPT', `json slot: ${what}`)
// ignoreBOM: a key that starts with U+FEFF keeps it (the default drops a leading BOM: s40-rev1 F2)
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * What a json slot may decode to, in characters: as a compressed frame's budget (src/codecs/decode-budget.ts), at
 * most max(1 MiB, 128 x the bytes it is read from). A remembered value is repeated by a one-byte head, so without
 * it a 301 KB body decoded to 301 MB (s40-rev1 F1); the compressor never sends a frame past its decode budget.
 */
const JSON_SLOT_FLOOR_CHARS = 1024 * 1024
const JSON_SLOT_EXPANSION = 128

/** The characters a json slot read from `bytes` bytes may decode to. */
function jsonSlotBudgetChars(bytes: number): number {
  return Math.max(JSON_SLOT_FLOOR_CHARS, JSON_SLOT_EXPANSION * bytes)
}

/** Characters left to a json slot's decode; `spend` throws E_FRAME_CORRUPT past the budget. */
class OutputBudget {
  constructor(private left: number) {}
  spend(chars: number): void {
    this.left -= chars
    if (this.left < 0) throw corrupt('decodes past its budget (max(1 MiB, 128 x its bytes))')
  }
}

function readNode(
  reader: ByteReader,
  keys: readonly string[],
  auto: AutoLike,
  recent: string[][],
  depth: number,
  spaced: boolean,
  out: string[],
  budget: OutputBudget,
): void {
  if (depth > MAX_DEPTH) throw corrupt(`nested deeper than ${MAX_DEPTH}`)
  const head = reader.varint()
  const tag = head % 8
  const n = (head - tag) / 8
  switch (tag) {
    case Tag.String:
    case Tag.Number: {
      const list = recent[tag] as string[]
      let text: string
      if (n === 0) text = auto.read(reader, false)
      else {
        const from = list[Math.floor((n - 1) / 2)]
        if (from === undefined) throw corrupt(`refers to remembered value ${Math.floor((n - 1) / 2)} of ${list.length}`)
        if (n % 2 === 0) text = from
        else {
          const edited = applyEdit(from, reader.varint())
          if (edited === undefined) throw corrupt('a shape edit does not fit its value')
          text = edited
        }
      }
      budget.spend(tag === Tag.String ? text.length + 2 : text.length)
      remember(list, text)
      if (tag === Tag.String) out.push('"', text, '"')
      else out.push(text)
      return
    }
    case Tag.Literal: {
      const literal = LITERALS[n]
      if (literal === undefined) throw corrupt(`literal ${n} is not defined`)
      budget.spend(literal.length)
      out.push(literal)
      return
    }
    case Tag.Object:
      budget.spend(2)
      out.push('{')
      for (let i = 0; i < n; i++) {
        if (i > 0) {
          budget.spend(spaced ? 2 : 1)
          out.push(spaced ? ', ' : ',')
        }
        const index = reader.varint()
        let key: string
        if (index > 0) {
          const listed = keys[index - 1]
          if (listed === undefined) throw corrupt(`key ${index} is not listed (${keys.length} keys)`)
          key = listed
        } else {
          try {
            key = decoder.decode(reader.lengthPrefixed())
          } catch {
            throw corrupt('a key is not UTF-8')
          }
        }
        budget.spend(key.length + (spaced ? 4 : 3))
        out.push('"', key, spaced ? '": ' : '":')
        readNode(reader, keys, auto, recent, depth + 1, spaced, out, budget)
      }
      out.push('}')
      return
    case Tag.Array:
      budget.spend(2)
      out.push('[')
      for (let i = 0; i < n; i++) {
        if (i > 0) {
          budget.spend(spaced ? 2 : 1)
          out.push(spaced ? ', ' : ',')
        }
        readNode(reader, keys, auto, recent, depth + 1, spaced, out, budget)
      }
      out.push(']')
      return
    default:
      throw corrupt(`node tag ${tag} is not defined`)
  }
}

/** The parts of a json slot codec (slot-codecs.ts wraps them as a SlotCodec). */
export function jsonSlotParts(
  keyList: readonly string[],
  auto: AutoLike,
): {
  encodeRange(text: string, start: number, end: number, last: boolean, out: SlotEncoding): boolean
  read(reader: ByteReader, last: boolean): string
  readInto(reader: ByteReader, last: boolean, sink: ByteSink): void
} {
  const keys = new Map(keyList.map((key, i) => [key, i]))
  const tree = new SlotEncoding()
  const encodeRange = (text: string, start: number, end: number, last: boolean, out: SlotEncoding): boolean => {
    const first = text.charCodeAt(start)
    const node = first === 0x7b || first === 0x5b ? parse(text, start, end) : undefined
    if (node !== undefined) {
      let mode = 0
      // no whitespace skipped: the compact writing is the text (parse's tokens written back as read)
      if (!parsedSpaced) mode = 1
      else {
        const spaced: string[] = []
        write(node, true, spaced)
        const s = spaced.join('')
        if (s.length === end - start && text.startsWith(s, start)) mode = 2
      }
      // the decoder's budget (OutputBudget): a tree it would refuse is sent as text instead
      if (
        mode !== 0 &&
        encodeNode(node, keys, auto, [[], []], tree.reset()) &&
        end - start <= jsonSlotBudgetChars(tree.sizeBytes() + 1)
      ) {
        out.reset()
        out.byte(mode)
        out.appendWritten(tree)
        return true
      }
    }
    if (!auto.encodeRange(text, start, end, last, tree.reset())) return false
    out.reset()
    out.byte(0)
    out.append(tree)
    return true
  }
  const read = (reader: ByteReader, last: boolean): string => {
    const mode = reader.byte()
    if (mode === 0) return auto.read(reader, last)
    if (mode !== 1 && mode !== 2) throw corrupt(`mode ${mode} is not defined`)
    const out: string[] = []
    const budget = new OutputBudget(jsonSlotBudgetChars(reader.bytes.length))
    readNode(reader, keyList, auto, [[], []], 0, mode === 2, out, budget)
    return out.join('')
  }
  return { encodeRange, read, readInto: (reader, last, sink) => sink.text(read(reader, last)) }
}

/**
 * The `keys` of a json slot drafted from training values (discovery-pattern.ts): the object keys that
 * occur at least twice in them, most frequent first (ties in text order), at most MAX_JSON_SLOT_KEYS.
 */
export function jsonSlotKeys(values: readonly string[]): string[] {
  const counts = new Map<string, number>()
  const visit = (node: Node): void => {
    if (node.t === Tag.Object)
      node.keys.forEach((key, i) => {
        counts.set(key, (counts.get(key) ?? 0) + 1)
        visit(node.values[i] as Node)
      })
    else if (node.t === Tag.Array) for (const value of node.values) visit(value)
  }
  for (const value of values) {
    const node = parse(value, 0, value.length)
    if (node !== undefined) visit(node)
  }
  return [...counts]
    .filter(([, count]) => count >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_JSON_SLOT_KEYS)
    .map(([key]) => key)
}
