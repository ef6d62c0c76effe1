/**
 * The json_residue frame's encoder side (round s44-jenc; the frame and its model: json-residue.ts):
 * splitResidue, the structure header and residue text of one message, in one pass over the text.
 *
 * It writes what round 35's split wrote (a parse into a tree of objects, the derivation rules tried by
 * building each pattern's string, a shape's text built and looked up per object, then the whole message
 * rebuilt from the split and compared), byte for byte, without the intermediate strings:
 * - the parse keeps positions in flat typed arrays reused from message to message;
 * - an object's shape is found by a hash of its keys and kinds, checked key by key against the text,
 *   and compiled once per model (each field's rules with their sibling keys turned into field indexes),
 *   so a derivation rule is compared in place against the value (the pieces in turn, a sibling's
 *   characters against the value's), with no key string, no Map look-up and no built string;
 * - the rebuild check is not needed where it provably passes: a message with whitespace between tokens
 *   is no frame (the rebuilt text never has any, so it never equalled the message), and otherwise the
 *   decoder rebuilds every value as it was read (values hold no control character, derived values are
 *   marked only once their sources are known). Only a message with an object that repeats a key keeps
 *   the check (joinResidue), since a repeated key's first value is the one a rule reads.
 */
import { ByteWriter } from '../core/index.ts'
import { joinResidue, type JsonResidueModel, MAX_DEPTH, type Pattern, type Shape } from './json-residue.ts'

const KIND_S = 0
const KIND_N = 1
const KIND_O = 2
const KIND_A = 3
const MIXED = 4
const KIND_LETTERS = 'snoa'
/** Inline shapes compiled per model are kept up to this many (then forgotten all at once): memory per model, not per stream. */
const MAX_INLINE_SHAPES = 1024

/** A pattern of one field: literal pieces and, between them, the field index (first of its key) of each sibling. */
interface FieldPattern {
  /** false when a sibling is missing from the shape or not a scalar: the pattern never rebuilds the value */
  readonly viable: boolean
  readonly literals: readonly string[]
  readonly sources: readonly number[]
}

/** A shape compiled for the split: its table id (-1 inline), keys, kinds and each string field's patterns. */
interface CompiledShape {
  readonly id: number
  readonly text: string
  readonly keys: readonly string[]
  readonly kinds: Uint8Array
  /** each field's first field of the same key (a rule's sibling is the first value of its key) */
  readonly canon: Int32Array
  readonly repeatsKey: boolean
  /** per field: its patterns in the store's order (their index names them), or null when none can apply */
  readonly patterns: readonly (readonly FieldPattern[] | null)[]
  readonly hasPatterns: boolean
}

interface ShapeIndex {
  readonly byHash: Map<number, CompiledShape[]>
  readonly inline: Map<string, CompiledShape>
}

const indexes = new WeakMap<JsonResidueModel, ShapeIndex>()

/** FNV-1a step over one character code (keys) or a kind (after its key, offset past any character code). */
const mix = (h: number, c: number): number => Math.imul(h ^ c, 16777619)
const HASH_START = 0x811c9dc5 | 0
const KIND_SALT = 0x10000

function shapeHash(keys: readonly string[], kinds: Uint8Array): number {
  let h = HASH_START
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    for (let j = 0; j < key.length; j++) h = mix(h, key.charCodeAt(j))
    h = mix(h, KIND_SALT + (kinds[i] as number))
  }
  return h
}

function compileShape(model: JsonResidueModel, id: number, shape: Shape): CompiledShape {
  const n = shape.fields.length
  const keys = shape.fields.map(([key]) => key)
  const kinds = new Uint8Array(n)
  shape.fields.forEach(([, kind], i) => {
    kinds[i] = KIND_LETTERS.indexOf(kind)
  })
  const canon = new Int32Array(n)
  const first = new Map<string, number>()
  let repeatsKey = false
  keys.forEach((key, i) => {
    const at = first.get(key)
    if (at === undefined) first.set(key, i)
    else repeatsKey = true
    canon[i] = at ?? i
  })
  let hasPatterns = false
  const patterns = keys.map((key, i) => {
    const rules = kinds[i] === KIND_S ? model.rules.get(key) : undefined
    if (rules === undefined) return null
    hasPatterns = true
    return rules.map((p: Pattern): FieldPattern => {
      const literals: string[] = []
      const sources: number[] = []
      let viable = true
      for (let j = 0; j < p.length; j++) {
        if (j % 2 === 0) literals.push(p[j] as string)
        else {
          const at = first.get(p[j] as string)
          const kind = at === undefined ? KIND_O : (kinds[at] as number)
          if (kind !== KIND_S && kind !== KIND_N) viable = false
          sources.push(at ?? -1)
        }
      }
      return { viable, literals, sources }
    })
  })
  return { id, text: shape.text, keys, kinds, canon, repeatsKey, patterns, hasPatterns }
}

function indexOf(model: JsonResidueModel): ShapeIndex {
  let index = indexes.get(model)
  if (index === undefined) {
    const byHash = new Map<number, CompiledShape[]>()
    model.shapes.forEach((shape, id) => {
      // a text listed twice names its last id (the shapeIds map of round 35)
      if (model.shapeIds.get(shape.text) !== id) return
      const compiled = compileShape(model, id, shape)
      const h = shapeHash(compiled.keys, compiled.kinds)
      const list = byHash.get(h)
      if (list === undefined) byHash.set(h, [compiled])
      else list.push(compiled)
    })
    index = { byHash, inline: new Map() }
    indexes.set(model, index)
  }
  return index
}

// The parse's state, reused from message to message (one split runs at a time: no await inside)
let text = ''
let pos = 0
let nodes = 0
/** per node in document order: kind, value start and end (scalars, inside a string's quotes), key start and end (an object's field), child count (containers), next sibling */
let kind = new Uint8Array(256)
let start = new Int32Array(256)
let end = new Int32Array(256)
let keyStart = new Int32Array(256)
let keyEnd = new Int32Array(256)
let count = new Int32Array(256)
let next = new Int32Array(256)
/** per object node: its compiled shape; per string node: its derivation mark (rule index + 1) or 0 */
const shapes: (CompiledShape | undefined)[] = new Array(256).fill(undefined)
let mark = new Uint8Array(256)
/** the fields of the objects being parsed (node indexes), innermost last */
let stack = new Int32Array(256)
let top = 0
let repeated = false
let model: JsonResidueModel
let index: ShapeIndex
/** per field of the object being marked: 1 once its key's value is known to the decoder */
let known = new Uint8Array(64)
let candidate = new Int32Array(64)

/** Node arrays kept between messages: past this many nodes a message's arrays are dropped after it (memory per message, not per largest message). */
const KEPT_NODES = 1 << 16

function grow(): void {
  resize(kind.length * 2)
}

function resize(size: number): void {
  const more = <T extends Uint8Array | Int32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(size)
    b.set(a.subarray(0, Math.min(a.length, size)))
    return b
  }
  kind = more(kind)
  start = more(start)
  end = more(end)
  keyStart = more(keyStart)
  keyEnd = more(keyEnd)
  count = more(count)
  next = more(next)
  mark = more(mark)
  for (let i = shapes.length; i < size; i++) shapes.push(undefined)
  shapes.length = size
}

function push(node: number): void {
  if (top === stack.length) {
    const s = new Int32Array(stack.length * 2)
    s.set(stack)
    stack = s
  }
  stack[top++] = node
}

/** Skips a string's body from the character after its opening quote; the closing quote's position, or -1. */
function stringEnd(from: number): number {
  const t = text
  const n = t.length
  let i = from
  while (i < n) {
    const c = t.charCodeAt(i)
    if (c === 0x22) return i
    if (c < 0x20) return -1
    if (c !== 0x5c) {
      i += 1
      continue
    }
    // an escape as JSON writes it, or no frame: a raw control byte after a backslash would land in the
    // frame among its own separators (review s44-rev2 H1: `C:\` then a raw NUL sent a frame its decoder refused)
    const e = i + 1 < n ? t.charCodeAt(i + 1) : -1
    if (e === 0x75) {
      for (let k = i + 2; k < i + 6; k++) if (k >= n || !isHexDigit(t.charCodeAt(k))) return -1
      i += 6
    } else if (isEscapeLetter(e)) i += 2
    else return -1
  }
  return -1
}

/** `"`, `\\`, `/`, `b`, `f`, `n`, `r`, `t`: the one-letter escapes of JSON. */
function isEscapeLetter(c: number): boolean {
  return c === 0x22 || c === 0x5c || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
}

/** Parses one value at `pos` (no whitespace allowed) as node `nodes`; false when it is not JSON the frame rebuilds. */
function value(depth: number): boolean {
  const c = text.charCodeAt(pos)
  const node = nodes++
  if (node === kind.length) grow()
  mark[node] = 0
  next[node] = -1
  if (c === 0x22) {
    const close = stringEnd(pos + 1)
    if (close < 0) return false
    kind[node] = KIND_S
    start[node] = pos + 1
    end[node] = close
    pos = close + 1
    return true
  }
  if (c === 0x7b) return object(node, depth + 1)
  if (c === 0x5b) return array(node, depth + 1)
  const n = text.length
  const from = pos
  let i = pos
  while (i < n) {
    const d = text.charCodeAt(i)
    if (d === 0x2c || d === 0x5d || d === 0x7d) break
    // whitespace ends a scalar, and whitespace between tokens is never rebuilt; a control character or a quote would make the residue's separators ambiguous
    if (d <= 0x20 || d === 0x22) return false
    i++
  }
  if (i === from) return false
  kind[node] = KIND_N
  start[node] = from
  end[node] = i
  pos = i
  return true
}

function array(node: number, depth: number): boolean {
  if (depth > MAX_DEPTH) return false
  kind[node] = KIND_A
  pos++
  let items = 0
  if (text.charCodeAt(pos) === 0x5d) {
    pos++
    count[node] = 0
    return true
  }
  let prev = -1
  for (;;) {
    const child = nodes
    if (!value(depth)) return false
    if (prev >= 0) next[prev] = child
    prev = child
    items++
    const d = text.charCodeAt(pos++)
    if (d === 0x5d) break
    if (d !== 0x2c) return false
  }
  count[node] = items
  return true
}

function object(node: number, depth: number): boolean {
  if (depth > MAX_DEPTH) return false
  kind[node] = KIND_O
  pos++
  const message = text
  const base = top
  let h = HASH_START
  if (text.charCodeAt(pos) === 0x7d) pos++
  else
    for (;;) {
      if (text.charCodeAt(pos) !== 0x22) return false
      const ks = pos + 1
      const ke = stringEnd(ks)
      if (ke < 0) return false
      for (let j = ks; j < ke; j++) h = mix(h, message.charCodeAt(j))
      pos = ke + 1
      if (text.charCodeAt(pos++) !== 0x3a) return false
      const child = nodes
      if (!value(depth)) return false
      keyStart[child] = ks
      keyEnd[child] = ke
      h = mix(h, KIND_SALT + (kind[child] as number))
      if (top > base) next[stack[top - 1] as number] = child
      push(child)
      const d = text.charCodeAt(pos++)
      if (d === 0x7d) break
      if (d !== 0x2c) return false
    }
  count[node] = top - base
  const shape = shapeOf(h, base)
  shapes[node] = shape
  if (shape.repeatsKey) repeated = true
  if (shape.hasPatterns) markDerived(shape, base)
  top = base
  return true
}

/** The compiled shape of the object whose fields are stack[base..top): the table's, else an inline one. */
function shapeOf(h: number, base: number): CompiledShape {
  const n = top - base
  const list = index.byHash.get(h)
  if (list !== undefined)
    for (const shape of list) {
      if (shape.keys.length !== n) continue
      let same = true
      for (let i = 0; i < n && same; i++) {
        const child = stack[base + i] as number
        const key = shape.keys[i] as string
        const ks = keyStart[child] as number
        same =
          shape.kinds[i] === kind[child] && key.length === (keyEnd[child] as number) - ks && text.startsWith(key, ks)
      }
      if (same) return shape
    }
  let shapeText = ''
  const fields: [string, Shape['fields'][number][1]][] = []
  for (let i = 0; i < n; i++) {
    const child = stack[base + i] as number
    const key = text.slice(keyStart[child], keyEnd[child])
    const letter = KIND_LETTERS[kind[child] as number] as 's' | 'n' | 'o' | 'a'
    shapeText += `${i > 0 ? '\u0005' : ''}${key}\u0004${letter}`
    fields.push([key, letter])
  }
  let shape = index.inline.get(shapeText)
  if (shape === undefined) {
    if (index.inline.size >= MAX_INLINE_SHAPES) index.inline.clear()
    shape = compileShape(model, -1, { text: shapeText, fields })
    index.inline.set(shapeText, shape)
  }
  return shape
}

/** True when field `f`'s value (node `v`) is what `p` builds from the object's other values (compared in place). */
function rebuilds(p: FieldPattern, v: number, base: number): boolean {
  let at = start[v] as number
  const stop = end[v] as number
  const { literals, sources } = p
  for (let j = 0; ; j++) {
    const literal = literals[j] as string
    if (at + literal.length > stop || !text.startsWith(literal, at)) return false
    at += literal.length
    if (j === sources.length) return at === stop
    const s = stack[base + (sources[j] as number)] as number
    const from = start[s] as number
    const length = (end[s] as number) - from
    if (at + length > stop) return false
    const t = text
    for (let q = 0; q < length; q++) if (t.charCodeAt(from + q) !== t.charCodeAt(at + q)) return false
    at += length
  }
}

/** Marks the values of the object at stack[base..top) that a rule rebuilds, in rounds (each mark's sources known first). */
function markDerived(shape: CompiledShape, base: number): void {
  const n = top - base
  if (known.length < n) {
    known = new Uint8Array(n * 2)
    candidate = new Int32Array(n * 2)
  }
  known.fill(0, 0, n)
  let candidates = 0
  for (let i = 0; i < n; i++) {
    const v = stack[base + i] as number
    const list = shape.patterns[i]
    let found = -1
    if (list !== null && list !== undefined && end[v] !== start[v])
      for (let r = 0; r < list.length; r++) {
        const p = list[r] as FieldPattern
        if (p.viable && rebuilds(p, v, base)) {
          found = r
          break
        }
      }
    if (found >= 0) {
      candidate[i] = found
      candidates++
    } else {
      candidate[i] = -1
      known[shape.canon[i] as number] = 1
    }
  }
  for (let changed = candidates > 0; changed; ) {
    changed = false
    for (let i = 0; i < n; i++) {
      const r = candidate[i] as number
      if (r < 0) continue
      const self = shape.canon[i] as number
      const { sources } = (shape.patterns[i] as readonly FieldPattern[])[r] as FieldPattern
      let ready = true
      for (let j = 0; j < sources.length && ready; j++) {
        const s = sources[j] as number
        ready = known[s] === 1 && s !== self
      }
      if (!ready) continue
      mark[stack[base + i] as number] = r + 1
      known[self] = 1
      candidate[i] = -1
      changed = true
    }
  }
}

/** Structure header and residue text of a message, or undefined when it is not compact JSON the model rebuilds exactly. */
export function splitResidue(
  residueModel: JsonResidueModel,
  message: string,
): { head: Uint8Array; residue: string } | undefined {
  const first = message.charCodeAt(0)
  if (first !== 0x7b && first !== 0x5b) return undefined
  text = message
  pos = 0
  nodes = 0
  top = 0
  repeated = false
  model = residueModel
  index = indexOf(residueModel)
  try {
    if (!value(0) || pos !== message.length) return undefined
    return emit(residueModel, message)
  } finally {
    text = ''
    if (kind.length > KEPT_NODES) resize(256)
    if (stack.length > KEPT_NODES) stack = new Int32Array(256)
  }
}

function emit(residueModel: JsonResidueModel, message: string): { head: Uint8Array; residue: string } | undefined {
  const header = new ByteWriter(64)
  let inline = ''
  let values = ''
  let firstValue = true
  header.byte(kind[0] as number)
  for (let node = 0; node < nodes; node++) {
    const k = kind[node] as number
    if (k === KIND_O) {
      const shape = shapes[node] as CompiledShape
      header.varint(shape.id + 1)
      if (shape.id < 0) inline += `${shape.text}\u0006`
    } else if (k === KIND_A) {
      const items = count[node] as number
      header.varint(items)
      if (items === 0) continue
      const firstKind = kind[node + 1] as number
      let same = true
      for (let c = next[node + 1] as number; c >= 0 && same; c = next[c] as number) same = kind[c] === firstKind
      if (same) header.byte(firstKind)
      else {
        header.byte(MIXED)
        let b = 0
        let r = 0
        for (let c = node + 1; c >= 0; c = next[c] as number) {
          b |= (kind[c] as number) << (2 * r)
          if (++r === 4) {
            header.byte(b)
            b = 0
            r = 0
          }
        }
        if (r > 0) header.byte(b)
      }
    } else {
      const m = mark[node] as number
      const v = m === 0 ? message.slice(start[node], end[node]) : String.fromCharCode(m)
      values = firstValue ? v : `${values}\u0000${v}`
      firstValue = false
    }
  }
  const residue = `${inline}\u0001${values}`
  const head = header.toBytes()
  if (!repeated) return { head, residue }
  try {
    return joinResidue(residueModel, head, residue) === message ? { head, residue } : undefined
  } catch {
    return undefined
  }
}
