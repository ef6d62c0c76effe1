/**
 * Prototype of a JSON "residue" frame (round 33, s33-json), for bench/json-residue-proto.ts. The
 * library's frame (round 35: `json_residue`, tag 0xFA) is src/templates/json-residue.ts and
 * src/hybrid/json-residue-frame.ts, written from this model (its learning sampled the same way, its
 * store bounded by JSON_RESIDUE_STORE_BYTES instead of the options below).
 *
 * A JSON message is sent as (1) its key structure, one id per object from a table of object shapes
 * learnt in training (an object's keys in order and the kind of each value), with the kinds of each
 * array's elements, and (2) its scalar values, joined by NUL and compressed together by zstd with
 * the config's dictionary, where a string value that a derivation rule rebuilds from the other values
 * of its object is replaced by one control character naming the rule.
 *
 * Derivation rules (hypermedia APIs): for a key K, a pattern of literal text and references to
 * sibling keys, `"url": "https://api.github.com/users/" + login`, learnt as every way a training
 * value of K is made of literal text and one or two sibling values (string or number text), kept
 * when seen at least MIN_PATTERN_SUPPORT times, at most MAX_PATTERNS per key (most seen first). A
 * derived value may be a source of another (`comments_url` = `url` + "/comments"): the encoder marks
 * values in rounds, each round only values whose sources are already known to the decoder, so the
 * decoder resolves them in rounds too and a cycle is never marked.
 *
 * Raw control characters cannot occur inside JSON text (RFC 8259 requires them escaped), so NUL
 * (value separator), 0x01 (end of the shapes sent inline), 0x06 (after each of those shapes) and
 * 0x01-0x08 as a whole value (rule index + 1) are unambiguous.
 *
 * The encoder checks its own frame: it decodes it and compares with the message; a message whose
 * frame does not reproduce it (whitespace between tokens: only compact JSON is rebuilt) gets none.
 */
import { ByteReader, ByteWriter } from '../../src/core/index.ts'

export type Kind = 's' | 'n' | 'o' | 'a'
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

/** A pattern: literal pieces at even indexes, sibling key names at odd ones. */
export type Pattern = readonly string[]

export interface ResidueModel {
  /** object shapes: key and kind pairs joined by 0x04 and 0x05 */
  readonly shapes: readonly string[]
  readonly shapeIds: ReadonlyMap<string, number>
  /** derivation patterns per key, most seen first */
  readonly rules: ReadonlyMap<string, readonly Pattern[]>
}

export interface ResidueOptions {
  /** fewest training values a pattern must rebuild, default 2 */
  minPatternSupport?: number
  /** most patterns per key, default 8 */
  maxPatterns?: number
  /** most store bytes (the shape's text) per training object of the shape, default Infinity (no budget) */
  shapeBytesPerObject?: number
  /** most store bytes (the pattern's text) per training value it rebuilds, default Infinity */
  patternBytesPerValue?: number
  /**
   * most store bytes in all per training message, default Infinity: shapes (most used first) take up
   * to `shapeShare` of it, then patterns (most used first) the rest
   */
  storeBytesPerMessage?: number
  /** share of storeBytesPerMessage shapes may take first, default 0.5 */
  shapeShare?: number
  /**
   * most distinct patterns counted per key, default 1024: once a key has that many, only those are
   * counted on (a pattern first seen later is not), so memory is bounded per key, not per corpus
   */
  maxTrackedPatterns?: number
  /**
   * values of a key whose patterns are counted, in octaves (round s35-json, to bound learning): all of
   * its first `sampleValues`, then every 2nd value up to twice that, every 4th up to four times, ...,
   * so a key seen n times costs about sampleValues x (1 + log2(n / sampleValues) / 2) values; default
   * 256, Infinity counts every value (round 33's prototype)
   */
  sampleValues?: number
  /**
   * training messages learnt from, in the same octaves (all of the first `sampleMessages`, then every
   * 2nd up to twice that, ...): default 4096, Infinity learns from every message (round 33's prototype)
   */
  sampleMessages?: number
}

/** True when the n-th value (from 0) of a key is one sampleValues' octaves count. */
export function sampledValue(n: number, sample: number): boolean {
  if (n < sample) return true
  const step = 2 ** (Math.floor(Math.log2(n / sample)) + 1)
  return n % step === 0
}

export interface ZstdLike {
  encode(bytes: Uint8Array): Uint8Array
  decode(bytes: Uint8Array): Uint8Array
}

/** The value tree of a JSON object or array text, positions only; undefined when the text is not one. */
export function parseJson(text: string): JsonNode | undefined {
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object') return undefined
  } catch {
    return undefined
  }
  let i = 0
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++
  }
  const string = (): [number, number] => {
    const start = ++i
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return [start, i - 1]
  }
  const value = (): JsonNode => {
    space()
    const char = text[i]
    if (char === '"') {
      const [start, end] = string()
      return { kind: 's', start, end }
    }
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']'
      i++
      space()
      const node: Obj | Arr = char === '{' ? { kind: 'o', keys: [], values: [] } : { kind: 'a', values: [] }
      if (text[i] === close) {
        i++
        return node
      }
      for (;;) {
        if (node.kind === 'o') {
          space()
          const [start, end] = string()
          node.keys.push(text.slice(start, end))
          space()
          i++
        }
        node.values.push(value())
        space()
        if (text[i++] === close) return node
      }
    }
    const start = i
    while (i < text.length && !',]} \t\n\r'.includes(text[i] as string)) i++
    return { kind: 'n', start, end: i }
  }
  return value()
}

function objects(node: JsonNode, out: Obj[] = []): Obj[] {
  if (node.kind === 'o') out.push(node)
  if (node.kind === 'o' || node.kind === 'a') for (const v of node.values) objects(v, out)
  return out
}

const shapeOf = (o: Obj): string => o.keys.map((k, i) => `${k}\u0004${(o.values[i] as JsonNode).kind}`).join('\u0005')
const scalarText = (text: string, node: JsonNode | undefined): string | undefined =>
  node === undefined || node.kind === 'o' || node.kind === 'a' ? undefined : text.slice(node.start, node.end)

/** Every pattern of literal text and one or two sibling values that rebuilds value k of object o. */
function candidatePatterns(text: string, o: Obj, k: number): string[] {
  const value = scalarText(text, o.values[k]) as string
  const sources: [string, string][] = []
  o.values.forEach((v, j) => {
    const s = scalarText(text, v)
    if (j !== k && s !== undefined && s.length > 0) sources.push([o.keys[j] as string, s])
  })
  const out = new Set<string>()
  for (const [key, s] of sources) {
    for (let at = value.indexOf(s); at >= 0; at = value.indexOf(s, at + 1)) {
      const rest = value.slice(at + s.length)
      out.add([value.slice(0, at), key, rest].join('\u0002'))
      for (const [key2, s2] of sources) {
        const at2 = rest.indexOf(s2)
        if (at2 >= 0)
          out.add([value.slice(0, at), key, rest.slice(0, at2), key2, rest.slice(at2 + s2.length)].join('\u0002'))
      }
    }
  }
  return [...out]
}

/** Learns the shape table and the derivation rules from training messages (those that are not JSON are skipped). */
export function learnResidueModel(train: readonly string[], options: ResidueOptions = {}): ResidueModel {
  const minSupport = options.minPatternSupport ?? 2
  const maxPatterns = options.maxPatterns ?? 8
  // a derived value is sent as one control character 0x01-0x08 (the decoder's check below): more patterns per key
  // would make frames its own check refuses
  if (maxPatterns > 8) throw new RangeError(`maxPatterns ${maxPatterns}: at most 8 (marks are 0x01-0x08)`)
  const shapeBudget = options.shapeBytesPerObject ?? Number.POSITIVE_INFINITY
  const patternBudget = options.patternBytesPerValue ?? Number.POSITIVE_INFINITY
  const shapeCounts = new Map<string, number>()
  const patternCounts = new Map<string, Map<string, number>>()
  const maxTracked = options.maxTrackedPatterns ?? 1024
  const sample = options.sampleValues ?? 256
  const seenValues = new Map<string, number>()
  const sampleMessages = options.sampleMessages ?? 4096
  for (let m = 0; m < train.length; m++) {
    if (!sampledValue(m, sampleMessages)) continue
    const text = train[m] as string
    const root = parseJson(text)
    if (root === undefined) continue
    for (const o of objects(root)) {
      const shape = shapeOf(o)
      shapeCounts.set(shape, (shapeCounts.get(shape) ?? 0) + 1)
      o.keys.forEach((key, k) => {
        const v = o.values[k] as JsonNode
        if (v.kind !== 's' || v.start === v.end) return
        const n = seenValues.get(key) ?? 0
        seenValues.set(key, n + 1)
        if (!sampledValue(n, sample)) return
        let counts = patternCounts.get(key)
        if (counts === undefined) patternCounts.set(key, (counts = new Map()))
        for (const p of candidatePatterns(text, o, k)) {
          const count = counts.get(p)
          if (count !== undefined) counts.set(p, count + 1)
          else if (counts.size < maxTracked) counts.set(p, 1)
        }
      })
    }
  }
  let total = (options.storeBytesPerMessage ?? Number.POSITIVE_INFINITY) * train.length
  let shapeTotal = total * (options.shapeShare ?? 0.5)
  const shapes: string[] = []
  const keyTable = new Map<string, number>()
  for (const [shape, count] of [...shapeCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    const cost = shapeStoreBytes(shape, keyTable)
    if (cost > shapeBudget * count || cost > shapeTotal) continue
    shapes.push(shape)
    for (const [key] of fieldsOf(shape)) if (!keyTable.has(key)) keyTable.set(key, keyTable.size)
    shapeTotal -= cost
    total -= cost
  }
  const byKey = new Map<string, [string, number][]>()
  for (const [key, counts] of patternCounts)
    byKey.set(
      key,
      [...counts]
        .filter(([p, c]) => c >= minSupport && patternStoreBytes(key, p) <= patternBudget * c)
        .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))
        .slice(0, maxPatterns),
    )
  const flat = [...byKey].flatMap(([key, list]) => list.map(([p, c]) => [key, p, c] as const))
  const rules = new Map<string, Pattern[]>()
  for (const [key, p] of flat.sort((a, b) => b[2] - a[2])) {
    const cost = patternStoreBytes(key, p)
    if (cost > total) continue
    total -= cost
    const list = rules.get(key) ?? []
    list.push(p.split('\u0002'))
    rules.set(key, list)
  }
  // each key's patterns most seen first (their order names them in frames)
  for (const [key, list] of rules) {
    const order = new Map((byKey.get(key) ?? []).map(([p], i) => [p, i]))
    list.sort((a, b) => (order.get(a.join('\u0002')) ?? 0) - (order.get(b.join('\u0002')) ?? 0))
  }
  return { shapes, shapeIds: new Map(shapes.map((s, i) => [s, i])), rules }
}

const fieldsOf = (shape: string): [string, string][] =>
  shape === '' ? [] : shape.split('\u0005').map((field) => [field.slice(0, -2), field.slice(-1)])

/**
 * A shape as a store would write it in JSON, its keys interned in a table written once: one string of
 * fields, each its kind's letter and the key's index in base 36 (`s0,n1,o2`).
 */
const storedShape = (shape: string, keys: ReadonlyMap<string, number>): string =>
  fieldsOf(shape)
    .map(([key, kind]) => `${kind}${(keys.get(key) ?? keys.size).toString(36)}`)
    .join(',')

/** Store bytes a shape adds (with the comma between entries), keys not yet in the table included. */
function shapeStoreBytes(shape: string, keys: ReadonlyMap<string, number>): number {
  let bytes = JSON.stringify(storedShape(shape, keys)).length + 1
  const added = new Set<string>()
  for (const [key] of fieldsOf(shape))
    if (!keys.has(key) && !added.has(key)) {
      added.add(key)
      bytes += JSON.stringify(key).length + 1
    }
  return bytes
}
const patternStoreBytes = (key: string, pattern: string): number =>
  JSON.stringify([key, pattern.split('\u0002')]).length + 1

/** Store bytes of a model written as JSON (the key table, shapes and rules). */
export function residueModelBytes(model: ResidueModel): number {
  const keys = new Map<string, number>()
  for (const shape of model.shapes) for (const [key] of fieldsOf(shape)) if (!keys.has(key)) keys.set(key, keys.size)
  return JSON.stringify({
    keys: [...keys.keys()],
    shapes: model.shapes.map((shape) => storedShape(shape, keys)),
    rules: [...model.rules],
  }).length
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

const KIND_CODES: Record<Kind, number> = { s: 0, n: 1, o: 2, a: 3 }
const KINDS: readonly Kind[] = ['s', 'n', 'o', 'a']
const MIXED = 4

/** The frame's payload (after a tag byte): varint header length, header, zstd frame of the residue; undefined when it would not rebuild the message. */
export function encodeResidue(model: ResidueModel, text: string, zstd: ZstdLike): Uint8Array | undefined {
  const root = parseJson(text)
  if (root === undefined) return undefined
  const marks = new Map<number, number>() // value start -> pattern index
  for (const o of objects(root)) markDerived(model, text, o, marks)
  const header = new ByteWriter(64)
  const values: string[] = []
  const inline: string[] = []
  const walk = (node: JsonNode): void => {
    if (node.kind === 'o') {
      const shape = shapeOf(node)
      const id = model.shapeIds.get(shape)
      header.varint(id === undefined ? 0 : id + 1)
      if (id === undefined) inline.push(shape)
      for (const v of node.values) walk(v)
    } else if (node.kind === 'a') {
      header.varint(node.values.length)
      const kinds = node.values.map((v) => KIND_CODES[v.kind])
      if (kinds.length > 0 && kinds.every((c) => c === kinds[0])) header.byte(kinds[0] as number)
      else if (kinds.length > 0) {
        header.byte(MIXED)
        for (let q = 0; q < kinds.length; q += 4)
          header.byte(kinds.slice(q, q + 4).reduce((b, c, r) => b | (c << (2 * r)), 0))
      }
      for (const v of node.values) walk(v)
    } else {
      const mark = marks.get(node.start)
      values.push(mark === undefined ? text.slice(node.start, node.end) : String.fromCharCode(1 + mark))
    }
  }
  header.byte(KIND_CODES[root.kind])
  walk(root)
  const residue = `${inline.map((shape) => `${shape}\u0006`).join('')}\u0001${values.join('\u0000')}`
  const head = header.toBytes()
  const packed = zstd.encode(new TextEncoder().encode(residue))
  const frame = new ByteWriter(head.length + packed.length + 4).varint(head.length).bytes(head).bytes(packed).toBytes()
  try {
    return decodeResidue(model, frame, zstd) === text ? frame : undefined
  } catch {
    return undefined
  }
}

/** Marks the values of object o that a rule rebuilds, in rounds so that every mark's sources are known first. */
function markDerived(model: ResidueModel, text: string, o: Obj, marks: Map<number, number>): void {
  const known = new Set<string>()
  const candidates = new Map<number, number>()
  o.keys.forEach((key, k) => {
    const v = o.values[k] as JsonNode
    const own = scalarText(text, v)
    const index =
      v.kind === 's' && own !== '' && own !== undefined
        ? (model.rules.get(key) ?? []).findIndex((p) => rebuild(p, (q) => scalarText(text, sibling(o, q))) === own)
        : -1
    if (index >= 0) candidates.set(k, index)
    else known.add(key)
  })
  for (let changed = true; changed; ) {
    changed = false
    for (const [k, index] of candidates) {
      const key = o.keys[k] as string
      const pattern = (model.rules.get(key) as readonly Pattern[])[index] as Pattern
      if (!pattern.every((part, j) => j % 2 === 0 || (known.has(part) && part !== key))) continue
      marks.set((o.values[k] as Scalar).start, index)
      known.add(key)
      candidates.delete(k)
      changed = true
    }
  }
}

function sibling(o: Obj, key: string): JsonNode | undefined {
  const at = o.keys.indexOf(key)
  return at < 0 ? undefined : o.values[at]
}

/** Rebuilds the message from a payload encodeResidue wrote; throws on a payload it did not write. */
export function decodeResidue(model: ResidueModel, payload: Uint8Array, zstd: ZstdLike): string {
  const reader = new ByteReader(payload, 0)
  const headLength = reader.varint()
  const head = new ByteReader(payload.subarray(reader.offset, reader.offset + headLength), 0)
  const residue = new TextDecoder().decode(zstd.decode(payload.subarray(reader.offset + headLength)))
  // shapes sent inline, then 0x01 (never in a shape's text), then the values
  const cut = residue.indexOf('\u0001')
  if (cut < 0) throw new Error('residue without its separator')
  const inline = residue.slice(0, cut).split('\u0006').slice(0, -1)
  const values = residue.slice(cut + 1).split('\u0000')
  let vi = 0
  let xi = 0
  const node = (kind: Kind): string => {
    if (kind === 'o') {
      const id = head.varint()
      const shape = id === 0 ? (inline[xi++] as string) : (model.shapes[id - 1] as string)
      if (shape === undefined) throw new Error('unknown shape')
      const fields = shape === '' ? [] : shape.split('\u0005').map((f) => f.split('\u0004') as [string, Kind])
      const texts: (string | undefined)[] = []
      const pending: [number, number][] = []
      fields.forEach(([, k], i) => {
        if (k === 's') {
          const v = values[vi++] as string
          if (v.length === 1 && v.charCodeAt(0) < 9) {
            pending.push([i, v.charCodeAt(0) - 1])
            texts.push(undefined)
          } else texts.push(v)
        } else texts.push(node(k))
      })
      while (pending.length > 0) {
        const before = pending.length
        for (let q = 0; q < pending.length; q++) {
          const [i, index] = pending[q] as [number, number]
          const pattern = model.rules.get((fields[i] as [string, Kind])[0])?.[index]
          if (pattern === undefined) throw new Error('unknown rule')
          const rebuilt = rebuild(pattern, (key) => texts[fields.findIndex(([k]) => k === key)])
          if (rebuilt === undefined) continue
          texts[i] = rebuilt
          pending.splice(q--, 1)
        }
        if (pending.length === before) throw new Error('rules do not resolve')
      }
      return `{${fields.map(([key, k], i) => `"${key}":${k === 's' ? `"${texts[i]}"` : texts[i]}`).join(',')}}`
    }
    if (kind === 'a') {
      const length = head.varint()
      let kinds: Kind[] = []
      if (length > 0) {
        const code = head.byte()
        if (code !== MIXED) kinds = Array.from({ length }, () => KINDS[code] as Kind)
        else
          for (let q = 0; q < length; q += 4) {
            const b = head.byte()
            for (let r = 0; r < 4 && q + r < length; r++) kinds.push(KINDS[(b >> (2 * r)) & 3] as Kind)
          }
      }
      return `[${kinds.map((k) => (k === 's' ? `"${values[vi++]}"` : node(k))).join(',')}]`
    }
    return values[vi++] as string
  }
  return node(KINDS[head.byte()] as Kind)
}
