/**
 * The JSON residue frame's model (round s35-json, issue 12; priced in round 33 by
 * bench/json-residue-proto.ts): a JSON object or array is sent as
 *
 * 1. its key structure: one varint per object in document order naming the object's shape (its keys
 *    in order and each value's kind: string, other scalar, object, array) in a table the store holds,
 *    0 for a shape not in the table, whose text then goes in the residue; per array its length and its
 *    elements' kinds (one byte when they are all one kind, else 2 bits each);
 * 2. its residue: the shapes sent inline, then every scalar value's text (inside a string's quotes, or
 *    a number, true, false, null) joined by NUL, compressed by the hybrid with the config's zstd_dict
 *    dictionary; a string value that a derivation rule of the store rebuilds from the other values of
 *    its object is sent as one control character naming the rule.
 *
 * Derivation rules (hypermedia APIs): for a key K, a pattern of literal text and one or two sibling
 * keys (`url` = `https://api.github.com/users/` + login), learnt at discovery as every way a sampled
 * training value of K is made of literal text and sibling values, kept when seen twice or more, at
 * most MAX_PATTERNS per key. A derived value may be a source of another: the encoder marks in rounds,
 * each round only values whose sources the decoder already has, so the decoder resolves them in rounds.
 *
 * Raw control characters cannot occur inside JSON text, so NUL (value separator), 0x01 (end of the
 * inline shapes), 0x06 (after each inline shape) and a value of one character 0x01-0x08 (rule index +
 * 1) are unambiguous. Only compact JSON is rebuilt (no whitespace between tokens): the encoder's split
 * (json-residue-split.ts) sends no frame for any other text.
 */
import { createHash } from 'node:crypto'
import { ByteReader, ByteWriter, FrameError, isJsonObject, type Issue } from '../core/index.ts'

/** Most patterns per key: a derived value is one control character 0x01-0x08. */
export const MAX_PATTERNS = 8
/** Fewest sampled training values a pattern rebuilds to be kept. */
export const MIN_PATTERN_SUPPORT = 2
/** Distinct patterns counted per key (a pattern first seen after that is not counted): memory per key, not per corpus. */
const MAX_TRACKED_PATTERNS = 256
/**
 * Bounds of one value's pattern search (review of s35-json: one 2.3 KB message of 40 one-digit siblings
 * and 2,000 digits took 4 s and 0.5 GB): a value longer than this is not searched, a sibling value
 * shorter than MIN_SOURCE_CHARS is no source (0, 1, true are everywhere and rebuild nothing), at most
 * MAX_VALUE_CANDIDATES patterns per value, and at most MAX_TRACKED_KEYS keys have patterns counted.
 */
const MAX_SEARCHED_VALUE_CHARS = 1024
const MIN_SOURCE_CHARS = 2
const MAX_VALUE_CANDIDATES = 64
const MAX_TRACKED_KEYS = 4096
/** Training messages learnt from, in octaves (sampledIndex): all of the first 4096, then every 2nd up to 8192, ... */
export const SAMPLE_MESSAGES = 4096
/** Values of one key whose patterns are counted, in octaves (sampledIndex). */
export const SAMPLE_VALUES = 256
/**
 * Most store bytes the model may take, whatever the number of training messages: a quarter of issue
 * 12's store goal (1 MB per 100k messages), the goal's own measure. Shapes most used first take up to
 * half, then patterns most seen first the rest. On discovery-scale's 100k-message JSON corpus the
 * model is about 0.1 MB without the bound.
 */
export const JSON_RESIDUE_STORE_BYTES = 256 * 1024
/** Deepest nesting of objects and arrays a frame may have (the decoder recurses once per level). */
export const MAX_DEPTH = 256

type Kind = 's' | 'n' | 'o' | 'a'
const KIND_CODES: Record<Kind, number> = { s: 0, n: 1, o: 2, a: 3 }
const KINDS: readonly Kind[] = ['s', 'n', 'o', 'a']
const MIXED = 4

interface Scalar {
  kind: 's' | 'n'
  start: number
  end: number
}
interface Obj {
  kind: 'o'
  keys: string[]
  values: JsonNode[]
}
interface Arr {
  kind: 'a'
  values: JsonNode[]
}
type JsonNode = Scalar | Obj | Arr

/** A pattern: literal pieces at even indexes, sibling key names at odd ones (odd length, at least 3). */
export type Pattern = readonly string[]

/** An object's shape: its keys (as written between the quotes) and each value's kind. */
export interface Shape {
  readonly text: string
  readonly fields: readonly (readonly [string, Kind])[]
}

/** What the store's `jsonResidue` field holds, parsed. */
export interface JsonResidueModel {
  readonly shapes: readonly Shape[]
  readonly shapeIds: ReadonlyMap<string, number>
  /** patterns per key, most seen first (their order names them in frames) */
  readonly rules: ReadonlyMap<string, readonly Pattern[]>
}

/** True when item n (from 0) of a stream is one the octave sample takes: all of the first `sample`, then every 2nd up to twice that, every 4th up to four times, ... */
export function sampledIndex(n: number, sample: number): boolean {
  if (n < sample) return true
  return n % 2 ** (Math.floor(Math.log2(n / sample)) + 1) === 0
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

/** The value tree of a JSON object or array text (positions only), or undefined when it is not one. */
function parseJson(text: string): JsonNode | undefined {
  const first = text.charCodeAt(0)
  if (first !== 0x7b && first !== 0x5b) return undefined
  let i = 0
  const n = text.length
  let depth = 0
  const space = (): void => {
    while (i < n && isSpace(text.charCodeAt(i))) i++
  }
  const string = (): [number, number] | undefined => {
    if (text.charCodeAt(i) !== 0x22) return undefined
    const start = ++i
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 0x22) return [start, i++]
      if (c < 0x20) return undefined
      i += c === 0x5c ? 2 : 1
    }
    return undefined
  }
  const value = (): JsonNode | undefined => {
    space()
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      const s = string()
      return s === undefined ? undefined : { kind: 's', start: s[0], end: s[1] }
    }
    if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return undefined
      const close = c === 0x7b ? 0x7d : 0x5d
      i++
      space()
      const node: Obj | Arr = c === 0x7b ? { kind: 'o', keys: [], values: [] } : { kind: 'a', values: [] }
      if (text.charCodeAt(i) === close) {
        i++
        depth--
        return node
      }
      for (;;) {
        if (node.kind === 'o') {
          space()
          const key = string()
          if (key === undefined) return undefined
          node.keys.push(text.slice(key[0], key[1]))
          space()
          if (text.charCodeAt(i++) !== 0x3a) return undefined
        }
        const v = value()
        if (v === undefined) return undefined
        node.values.push(v)
        space()
        const next = text.charCodeAt(i++)
        if (next === close) {
          depth--
          return node
        }
        if (next !== 0x2c) return undefined
      }
    }
    const start = i
    while (i < n) {
      const d = text.charCodeAt(i)
      if (d === 0x2c || d === 0x5d || d === 0x7d || isSpace(d)) break
      i++
    }
    // a scalar's text never holds a control character or a quote: the residue's separators stay unambiguous
    for (let j = start; j < i; j++) {
      const d = text.charCodeAt(j)
      if (d < 0x20 || d === 0x22) return undefined
    }
    return i === start ? undefined : { kind: 'n', start, end: i }
  }
  const root = value()
  space()
  return root === undefined || i !== n ? undefined : root
}

function objectsOf(node: JsonNode, out: Obj[] = []): Obj[] {
  if (node.kind === 'o') out.push(node)
  if (node.kind === 'o' || node.kind === 'a') for (const v of node.values) objectsOf(v, out)
  return out
}

const shapeTextOf = (o: Obj): string =>
  o.keys.map((k, i) => `${k}\u0004${(o.values[i] as JsonNode).kind}`).join('\u0005')
const scalarText = (text: string, node: JsonNode | undefined): string | undefined =>
  node === undefined || node.kind === 'o' || node.kind === 'a' ? undefined : text.slice(node.start, node.end)

function shapeFromText(text: string): Shape | undefined {
  if (text === '') return { text, fields: [] }
  const fields: [string, Kind][] = []
  for (const field of text.split('\u0005')) {
    const cut = field.length - 2
    const kind = field[cut + 1] as Kind
    if (cut < 0 || field[cut] !== '\u0004' || !(kind in KIND_CODES) || field.slice(0, cut).includes('\u0004'))
      return undefined
    fields.push([field.slice(0, cut), kind])
  }
  return { text, fields }
}

/** Every pattern of literal text and one or two sibling values that rebuilds value k of object o. */
function candidatePatterns(text: string, o: Obj, k: number): string[] {
  const value = scalarText(text, o.values[k]) as string
  if (value.length > MAX_SEARCHED_VALUE_CHARS) return []
  const sources: [string, string][] = []
  o.values.forEach((v, j) => {
    const s = scalarText(text, v)
    if (j !== k && s !== undefined && s.length >= MIN_SOURCE_CHARS) sources.push([o.keys[j] as string, s])
  })
  const out = new Set<string>()
  for (const [key, s] of sources) {
    for (let at = value.indexOf(s); at >= 0; at = value.indexOf(s, at + 1)) {
      const rest = value.slice(at + s.length)
      out.add([value.slice(0, at), key, rest].join('\u0002'))
      if (out.size >= MAX_VALUE_CANDIDATES) return [...out]
      for (const [key2, s2] of sources) {
        const at2 = rest.indexOf(s2)
        if (at2 >= 0)
          out.add([value.slice(0, at), key, rest.slice(0, at2), key2, rest.slice(at2 + s2.length)].join('\u0002'))
        if (out.size >= MAX_VALUE_CANDIDATES) return [...out]
      }
    }
  }
  return [...out]
}

/**
 * Learns the model from training messages fed one at a time (discovery's first read): the shapes of
 * an octave sample of the JSON messages (SAMPLE_MESSAGES) and the patterns of an octave sample of each
 * key's string values (SAMPLE_VALUES), so its work and memory are bounded whatever the corpus.
 */
export class JsonResidueLearner {
  private readonly shapeCounts = new Map<string, number>()
  private readonly patternCounts = new Map<string, Map<string, number>>()
  private readonly valuesSeen = new Map<string, number>()
  private messages = 0

  /** Feeds one message that is a JSON object or array (others are skipped). */
  add(text: string): void {
    if (!sampledIndex(this.messages++, SAMPLE_MESSAGES)) return
    const root = parseJson(text)
    if (root === undefined) return
    for (const o of objectsOf(root)) {
      const shape = shapeTextOf(o)
      this.shapeCounts.set(shape, (this.shapeCounts.get(shape) ?? 0) + 1)
      for (let k = 0; k < o.keys.length; k++) {
        const key = o.keys[k] as string
        const v = o.values[k] as JsonNode
        if (v.kind !== 's' || v.start === v.end) continue
        const n = this.valuesSeen.get(key) ?? 0
        this.valuesSeen.set(key, n + 1)
        if (!sampledIndex(n, SAMPLE_VALUES)) continue
        let counts = this.patternCounts.get(key)
        if (counts === undefined) {
          if (this.patternCounts.size >= MAX_TRACKED_KEYS) continue
          this.patternCounts.set(key, (counts = new Map()))
        }
        for (const p of candidatePatterns(text, o, k)) {
          const count = counts.get(p)
          if (count !== undefined) counts.set(p, count + 1)
          else if (counts.size < MAX_TRACKED_PATTERNS) counts.set(p, 1)
        }
      }
    }
  }

  /** The model within `storeBytes` (JSON_RESIDUE_STORE_BYTES), or undefined when no object was seen. */
  finish(storeBytes = JSON_RESIDUE_STORE_BYTES): JsonResidueModel | undefined {
    if (this.shapeCounts.size === 0) return undefined
    let total = storeBytes
    let shapeTotal = storeBytes / 2
    const shapes: string[] = []
    const keyTable = new Map<string, number>()
    for (const [shape, count] of [...this.shapeCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      void count
      const cost = shapeStoreBytes(shape, keyTable)
      if (cost > shapeTotal) continue
      shapes.push(shape)
      for (const [key] of (shapeFromText(shape) as Shape).fields)
        if (!keyTable.has(key)) keyTable.set(key, keyTable.size)
      shapeTotal -= cost
      total -= cost
    }
    const byKey = new Map<string, [string, number][]>()
    for (const [key, counts] of this.patternCounts)
      byKey.set(
        key,
        [...counts]
          .filter(([, c]) => c >= MIN_PATTERN_SUPPORT)
          .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))
          .slice(0, MAX_PATTERNS),
      )
    const flat = [...byKey].flatMap(([key, list]) => list.map(([p, c]) => [key, p, c] as const))
    const rules = new Map<string, Pattern[]>()
    for (const [key, p] of flat.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const cost = JSON.stringify([key, p.split('\u0002')]).length + 1
      if (cost > total) continue
      total -= cost
      const list = rules.get(key) ?? []
      list.push(p.split('\u0002'))
      rules.set(key, list)
    }
    // each key's patterns most seen first: their order names them in frames
    for (const [key, list] of rules) {
      const order = new Map((byKey.get(key) ?? []).map(([p], i) => [p, i]))
      list.sort((a, b) => (order.get(a.join('\u0002')) ?? 0) - (order.get(b.join('\u0002')) ?? 0))
    }
    return modelOf(
      shapes.map((s) => shapeFromText(s) as Shape),
      new Map([...rules].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    )
  }
}

function modelOf(shapes: Shape[], rules: Map<string, Pattern[]>): JsonResidueModel {
  return { shapes, shapeIds: new Map(shapes.map((s, i) => [s.text, i])), rules }
}

/** A shape as the store writes it: its fields, each its kind's letter and the key's index in the key table in base 36 (`s0,n1,o2`). */
const storedShape = (shape: Shape, keys: ReadonlyMap<string, number>): string =>
  shape.fields.map(([key, kind]) => `${kind}${(keys.get(key) ?? keys.size).toString(36)}`).join(',')

function shapeStoreBytes(text: string, keys: ReadonlyMap<string, number>): number {
  const shape = shapeFromText(text) as Shape
  let bytes = JSON.stringify(storedShape(shape, keys)).length + 1
  const added = new Set<string>()
  for (const [key] of shape.fields)
    if (!keys.has(key) && !added.has(key)) {
      added.add(key)
      bytes += JSON.stringify(key).length + 1
    }
  return bytes
}

/** The store's `jsonResidue` field: `{"keys": [...], "shapes": ["s0,n1", ...], "rules": [[key, [pattern, ...]], ...]}`. */
export function toJsonResidueJson(model: JsonResidueModel): Record<string, unknown> {
  const keys = new Map<string, number>()
  for (const shape of model.shapes) for (const [key] of shape.fields) if (!keys.has(key)) keys.set(key, keys.size)
  return {
    keys: [...keys.keys()],
    shapes: model.shapes.map((shape) => storedShape(shape, keys)),
    rules: [...model.rules].map(([key, list]) => [key, list.map((p) => [...p])]),
  }
}

const modelCheckBytes = new WeakMap<JsonResidueModel, number>()

/**
 * A one-byte digest of the whole model (first byte of the SHA-256 of its store form, toJsonResidueJson):
 * what `store_check: frame` puts first in every json_residue payload, so a reader whose store's model
 * differs (other shapes or other derivation rules) refuses the frame instead of rebuilding other text.
 * Any change of the model changes it (one byte misses 1 change in 256), unlike a template's check byte.
 */
export function jsonResidueCheckByte(model: JsonResidueModel): number {
  let check = modelCheckBytes.get(model)
  if (check === undefined) {
    check = createHash('sha256')
      .update(JSON.stringify(toJsonResidueJson(model)))
      .digest()[0] as number
    modelCheckBytes.set(model, check)
  }
  return check
}

const SHAPE_FIELD = /^[snoa][0-9a-z]+$/
// a control character in a key or literal would make the residue's separators ambiguous
const hasControl = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return true
  return false
}

/** Parses the store's `jsonResidue` field; problems go to `add` with their field (`jsonResidue.shapes[3]`). */
export function parseJsonResidue(
  raw: unknown,
  add: (field: string, message: string) => void,
): JsonResidueModel | undefined {
  const before: Issue[] = []
  const note = (field: string, message: string): void => {
    before.push({ code: 'E_TEMPLATE_STORE', message, field })
    add(`jsonResidue${field}`, message)
  }
  if (!isJsonObject(raw)) {
    note('', 'jsonResidue is an object {"keys": [...], "shapes": [...], "rules": [...]}')
    return undefined
  }
  for (const key of Object.keys(raw))
    if (key !== 'keys' && key !== 'shapes' && key !== 'rules') note(`.${key}`, `unknown key "${key}"`)
  const keys = Array.isArray(raw.keys) ? raw.keys : []
  if (!Array.isArray(raw.keys)) note('.keys', 'keys is a list of strings')
  keys.forEach((key, i) => {
    if (typeof key !== 'string' || hasControl(key)) note(`.keys[${i}]`, 'a key is a string without control characters')
  })
  const shapes: Shape[] = []
  if (!Array.isArray(raw.shapes)) note('.shapes', 'shapes is a list of strings like "s0,n1,o2"')
  else
    raw.shapes.forEach((stored, i) => {
      const fields = typeof stored === 'string' ? (stored === '' ? [] : stored.split(',')) : undefined
      const parsed = fields?.map((f) => {
        const index = SHAPE_FIELD.test(f) ? Number.parseInt(f.slice(1), 36) : Number.NaN
        return index < keys.length && typeof keys[index] === 'string'
          ? [keys[index] as string, f[0] as Kind]
          : undefined
      })
      if (parsed === undefined || parsed.some((f) => f === undefined)) {
        note(
          `.shapes[${i}]`,
          'a shape is fields like "s0,n1,o2": a kind letter (s, n, o, a) and a key index in base 36',
        )
        return
      }
      const text = (parsed as [string, Kind][]).map(([key, kind]) => `${key}\u0004${kind}`).join('\u0005')
      shapes.push({ text, fields: parsed as [string, Kind][] })
    })
  const rules = new Map<string, Pattern[]>()
  if (!Array.isArray(raw.rules)) note('.rules', 'rules is a list of [key, [pattern, ...]]')
  else
    raw.rules.forEach((entry, i) => {
      const ok =
        Array.isArray(entry) &&
        entry.length === 2 &&
        typeof entry[0] === 'string' &&
        !hasControl(entry[0]) &&
        !rules.has(entry[0]) &&
        Array.isArray(entry[1]) &&
        entry[1].length >= 1 &&
        entry[1].length <= MAX_PATTERNS &&
        entry[1].every(
          (p: unknown) =>
            Array.isArray(p) &&
            p.length >= 3 &&
            p.length % 2 === 1 &&
            p.every((piece) => typeof piece === 'string' && !hasControl(piece)),
        )
      if (!ok) {
        note(
          `.rules[${i}]`,
          `a rule is [key, [pattern, ...]] (a key not listed before, 1 to ${MAX_PATTERNS} patterns, each an odd-length list of strings: literal, key, literal, ...)`,
        )
        return
      }
      rules.set(entry[0] as string, entry[1] as Pattern[])
    })
  return before.length > 0 ? undefined : modelOf(shapes, rules)
}

function rebuild(pattern: Pattern, value: (key: string) => string | undefined): string | undefined {
  let out = ''
  for (let j = 0; j < pattern.length; j++) {
    if (j % 2 === 0) out += pattern[j]
    else {
      const v = value(pattern[j] as string)
      if (v === undefined) return undefined
      out += v
    }
  }
  return out
}

/** The frame's payload (after its tag): varint header length, header, the compressed residue. */
export function writeResiduePayload(head: Uint8Array, packed: Uint8Array): Uint8Array {
  return new ByteWriter(head.length + packed.length + 4).varint(head.length).bytes(head).bytes(packed).toBytes()
}

/** Splits a payload into its structure header and its compressed residue; E_FRAME_TRUNCATED when the header is cut. */
export function readResiduePayload(payload: Uint8Array): { head: Uint8Array; packed: Uint8Array } {
  const reader = new ByteReader(payload, 0)
  const headLength = reader.varint()
  if (reader.offset + headLength > payload.length)
    throw new FrameError('E_FRAME_TRUNCATED', `json_residue frame's structure header of ${headLength} bytes is cut`)
  return {
    head: payload.subarray(reader.offset, reader.offset + headLength),
    packed: payload.subarray(reader.offset + headLength),
  }
}

const corrupt = (what: string): FrameError => new FrameError('E_FRAME_CORRUPT', `json_residue frame: ${what}`)

/**
 * The message of a structure header and its residue text; FrameError E_FRAME_CORRUPT (or
 * E_FRAME_TRUNCATED) for anything splitResidue did not write: an unknown shape or rule, a value
 * missing or left over, a header not read to its end, nesting deeper than MAX_DEPTH; E_FRAME_TOO_LARGE
 * as soon as the text built so far is longer than `limit` characters (the frame's decode budget: a
 * message's UTF-8 bytes are never fewer than its characters, so a message within it is never refused).
 * Its work is bounded by the limit: an object's derived values are resolved in at most twice as many
 * rounds as it has distinct keys, each round one pass over the values still pending (a frame listing
 * one derived key many times in an inline shape is then linear, not quadratic).
 */
export function joinResidue(
  model: JsonResidueModel,
  headBytes: Uint8Array,
  residue: string,
  limit = Number.POSITIVE_INFINITY,
): string {
  const head = new ByteReader(headBytes, 0)
  const cut = residue.indexOf('\u0001')
  if (cut < 0) throw corrupt('the residue has no end of its inline shapes')
  const inline = cut === 0 ? [] : residue.slice(0, cut).split('\u0006')
  if (cut > 0 && inline.pop() !== '') throw corrupt('an inline shape is not ended')
  const values = residue.slice(cut + 1).split('\u0000')
  let vi = 0
  let xi = 0
  // characters of the text built so far (never more than the message's): checked against `limit` as it grows
  let built = 0
  const grow = (n: number): void => {
    built += n
    if (built > limit)
      throw new FrameError(
        'E_FRAME_TOO_LARGE',
        `json_residue frame decodes to more than ${limit} bytes, past its decode budget or max_message_bytes`,
      )
  }
  const nextValue = (): string => {
    const v = values[vi++]
    if (v === undefined) throw corrupt('the residue has fewer values than its structure')
    grow(v.length)
    return v
  }
  const node = (kind: Kind, depth: number): string => {
    if (depth > MAX_DEPTH) throw corrupt(`nesting deeper than ${MAX_DEPTH}`)
    if (kind === 'o') {
      const id = head.varint()
      let shape: Shape | undefined
      if (id === 0) {
        const text = inline[xi++]
        shape = text === undefined ? undefined : shapeFromText(text)
        if (shape === undefined) throw corrupt('an inline shape is missing or malformed')
      } else shape = model.shapes[id - 1]
      if (shape === undefined) throw corrupt(`shape ${id - 1} is not in the store`)
      const { fields } = shape
      // the braces, and per field its quoted key and colon
      grow(2 + fields.reduce((n, [key]) => n + key.length + 3, 0))
      // each key's first field: the value a pattern's key names (as splitResidue's sibling())
      const firstAt = new Map<string, number>()
      fields.forEach(([key], i) => {
        if (!firstAt.has(key)) firstAt.set(key, i)
      })
      const texts: (string | undefined)[] = []
      let pending: [number, number][] = []
      fields.forEach(([, k], i) => {
        if (k === 's') {
          const v = nextValue()
          if (v.length === 1 && v.charCodeAt(0) < 9) {
            pending.push([i, v.charCodeAt(0) - 1])
            texts.push(undefined)
          } else texts.push(v)
        } else if (k === 'n') texts.push(nextValue())
        else texts.push(node(k, depth + 1))
      })
      const source = (key: string): string | undefined => {
        const at = firstAt.get(key)
        return at === undefined ? undefined : texts[at]
      }
      // a round that resolves no key's first field leaves the next round nothing new: at most 2 x keys + 1 rounds
      while (pending.length > 0) {
        const left: [number, number][] = []
        for (const entry of pending) {
          const [i, index] = entry
          const pattern = model.rules.get((fields[i] as [string, Kind])[0])?.[index]
          if (pattern === undefined) throw corrupt('a derived value names a rule not in the store')
          const rebuilt = rebuild(pattern, source)
          if (rebuilt === undefined) left.push(entry)
          else {
            grow(rebuilt.length)
            texts[i] = rebuilt
          }
        }
        if (left.length === pending.length) throw corrupt('derived values whose sources are missing')
        pending = left
      }
      return `{${fields.map(([key, k], i) => `"${key}":${k === 's' ? `"${texts[i]}"` : texts[i]}`).join(',')}}`
    }
    if (kind === 'a') {
      const length = head.varint()
      // every element costs a value or a header byte: a length past what is left is corrupt, not an allocation
      if (length > values.length - vi + headBytes.length - head.offset) throw corrupt(`array of ${length} elements`)
      const kinds: Kind[] = []
      if (length > 0) {
        const code = head.byte()
        if (code < MIXED) for (let q = 0; q < length; q++) kinds.push(KINDS[code] as Kind)
        else if (code === MIXED)
          for (let q = 0; q < length; q += 4) {
            const b = head.byte()
            for (let r = 0; r < 4 && q + r < length; r++) kinds.push(KINDS[(b >> (2 * r)) & 3] as Kind)
          }
        else throw corrupt(`element kind ${code}`)
      }
      grow(2)
      return `[${kinds.map((k) => (k === 's' ? `"${nextValue()}"` : k === 'n' ? nextValue() : node(k, depth + 1))).join(',')}]`
    }
    return nextValue()
  }
  const rootCode = head.byte()
  if (rootCode !== KIND_CODES.o && rootCode !== KIND_CODES.a) throw corrupt(`root kind ${rootCode}`)
  const out = node(KINDS[rootCode] as Kind, 1)
  if (head.offset !== headBytes.length) throw corrupt('bytes left after the structure header')
  // no value at all and one empty string both leave an empty value list: the structure tells them apart
  const valuesLeft = vi !== values.length && !(vi === 0 && values.length === 1 && values[0] === '')
  if (valuesLeft || xi !== inline.length) throw corrupt('values or shapes left after the structure')
  return out
}
