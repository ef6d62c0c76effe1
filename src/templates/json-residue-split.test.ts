/**
 * splitResidue (json-residue-split.ts, round s44-jenc) against round 35's split kept here as the oracle: a
 * tree parse, each rule's string built and compared, a shape's text looked up per object, and the whole
 * message rebuilt by joinResidue and compared. The one-pass split must give the same header and residue,
 * or no frame, on every message: random JSON over a few keys with derived values (so shapes repeat and
 * rules fire), with whitespace put in, keys repeated and messages cut.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteWriter } from '../core/index.ts'
import {
  joinResidue,
  JsonResidueLearner,
  type JsonResidueModel,
  MAX_DEPTH,
  parseJsonResidue,
  type Pattern,
} from './json-residue.ts'
import { splitResidue } from './json-residue-split.ts'

// ---- the oracle: round 35's split (src/templates/json-residue.ts at 1448eec5) ----
type Kind = 's' | 'n' | 'o' | 'a'
const KIND_CODES: Record<Kind, number> = { s: 0, n: 1, o: 2, a: 3 }
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

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

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

function oracleSplit(model: JsonResidueModel, text: string): { head: Uint8Array; residue: string } | undefined {
  const root = parseJson(text)
  if (root === undefined) return undefined
  const marks = new Map<number, number>()
  for (const o of objectsOf(root)) markDerived(model, text, o, marks)
  const header = new ByteWriter(64)
  const values: string[] = []
  const inline: string[] = []
  const walk = (node: JsonNode): void => {
    if (node.kind === 'o') {
      const shape = shapeTextOf(node)
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
  try {
    return joinResidue(model, head, residue) === text ? { head, residue } : undefined
  } catch {
    return undefined
  }
}

function markDerived(model: JsonResidueModel, text: string, o: Obj, marks: Map<number, number>): void {
  if (model.rules.size === 0) return
  const known = new Set<string>()
  const candidates = new Map<number, number>()
  o.keys.forEach((key, k) => {
    const v = o.values[k] as JsonNode
    const own = scalarText(text, v)
    const rules = v.kind === 's' && own !== '' ? model.rules.get(key) : undefined
    const index =
      rules === undefined ? -1 : rules.findIndex((p) => rebuild(p, (q) => scalarText(text, sibling(o, q))) === own)
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

// ---- the property ----
const KEYS = ['id', 'login', 'url', 'html_url', 'name', 'repo', 'tags', 'owner'] as const

const arbValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom('ab', 'cd', 'x/y', 'é', ''),
    fc.integer({ min: -5, max: 99999 }),
    fc.boolean(),
    fc.constant(null),
  ),
  obj: fc
    .record({ login: fc.constantFrom('ab', 'cd', 'eve'), id: fc.integer({ min: 10, max: 99 }) })
    .chain(({ login, id }) =>
      fc.subarray([...KEYS], { minLength: 0 }).chain((keys) =>
        fc.tuple(...keys.map((k) => (k === 'tags' || k === 'owner' ? tie('node') : tie('leaf')))).map((vals) => {
          const o: Record<string, unknown> = { login, id }
          keys.forEach((k, i) => {
            o[k] =
              k === 'url' ? `https://x.test/${login}/${id}` : k === 'html_url' ? `https://x.test/${login}` : vals[i]
          })
          return o
        }),
      ),
    ),
  arr: fc.array(tie('node'), { maxLength: 5 }),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('obj'), tie('arr')),
})).node

/** Variants of a compact message the split must treat as round 35 did: spaced, a key repeated, cut, wrapped. */
function variants(text: string): string[] {
  const out = [text, text.replace(',', ', '), `${text} `, text.slice(0, text.length >> 1), `[${text},${text}]`]
  const first = /^\{("[^"]*":("[^"]*"|[^,{}[\]]*))/.exec(text)
  if (first !== null) out.push(`${text.slice(0, -1)},${first[1]}}`, `{${first[1]},${text.slice(1)}`)
  return out
}

describe('splitResidue in one pass (round s44-jenc)', () => {
  it("writes what round 35's split wrote, or no frame where it sent none", () => {
    fc.assert(
      fc.property(
        fc.array(
          arbValue.filter((v) => typeof v === 'object' && v !== null),
          { minLength: 4, maxLength: 12 },
        ),
        (messages) => {
          const texts = messages.map((m) => JSON.stringify(m))
          const learner = new JsonResidueLearner()
          for (const t of texts.slice(0, texts.length >> 1)) learner.add(t)
          const model = learner.finish()
          if (model === undefined) return
          for (const text of texts)
            for (const v of variants(text)) {
              const want = oracleSplit(model, v)
              const got = splitResidue(model, v)
              expect(got === undefined ? undefined : { head: [...got.head], residue: got.residue }).toEqual(
                want === undefined ? undefined : { head: [...want.head], residue: want.residue },
              )
            }
        },
      ),
      { numRuns: 100 },
    )
  })

  it('sends no frame its decoder cannot read: raw control bytes and malformed escapes after a backslash (review s44-rev2 H1)', () => {
    const learner = new JsonResidueLearner()
    for (let i = 0; i < 50; i++)
      learner.add(JSON.stringify({ login: `u${i % 7}`, id: i, url: `https://x.test/u${i % 7}/${i}` }))
    const model = learner.finish() as JsonResidueModel
    const after = [...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)), 'x', 'u12', 'u12G4', 'uZZZZ', '']
    for (const tail of after)
      for (const text of [`{"login":"u1\\${tail}x","id":3}`, `{"k\\${tail}":"u1","id":3}`, `{"login":"C:\\${tail}`]) {
        const got = splitResidue(model, text)
        if (got !== undefined) expect(joinResidue(model, got.head, got.residue)).toBe(text)
      }
    // escapes as JSON writes them still get their frame
    for (const text of ['{"login":"u1\\n\\u00e9\\"","id":3}', '{"login":"a\\\\","id":3}'])
      expect(splitResidue(model, text)).toBeDefined()
  })

  it("reads a rule's sibling as the first value of a repeated key, and rebuilds the message exactly", () => {
    const learner = new JsonResidueLearner()
    for (const login of ['ab', 'cd', 'ef']) learner.add(JSON.stringify({ login, url: `https://x.test/${login}` }))
    const model = learner.finish() as JsonResidueModel
    expect(model.rules.get('url')).toEqual([['https://x.test/', 'login', '']])
    for (const text of [
      '{"login":"zz","url":"https://x.test/zz"}',
      '{"login":"zz","url":"https://x.test/zz","login":"yy"}',
      '{"login":"zz","url":"https://x.test/yy","login":"yy"}',
      '{"url":"https://x.test/zz","login":"zz","url":"https://x.test/zz"}',
    ]) {
      const got = splitResidue(model, text)
      expect(got?.residue).toBe(oracleSplit(model, text)?.residue)
      if (got !== undefined) expect(joinResidue(model, got.head, got.residue)).toBe(text)
    }
  })

  it("follows a store's hand-written rules as round 35 did: a rule naming its own key, chains, repeated keys", () => {
    const model = parseJsonResidue(
      {
        keys: ['login', 'url', 'html_url'],
        shapes: ['s0,s1,s2'],
        rules: [
          [
            'url',
            [
              ['', 'url', ''],
              ['u/', 'login', ''],
            ],
          ],
          ['html_url', [['h/', 'url', '']]],
          ['login', [['', 'html_url', '!']]],
        ],
      },
      (field, message) => {
        throw new Error(`${field}: ${message}`)
      },
    ) as JsonResidueModel
    for (const text of [
      '{"login":"ab","url":"u/ab","html_url":"h/u/ab"}',
      '{"login":"ab","url":"u/ab","html_url":"h/u/ab","url":"u/ab"}',
      '{"url":"u/ab","url":"zz","login":"h/zz!","html_url":"h/zz"}',
      '{"login":"h/u/ab!","url":"u/ab","html_url":"h/u/ab"}',
      '{"html_url":"h/q","url":"q","login":"h/q!"}',
    ]) {
      const want = oracleSplit(model, text)
      const got = splitResidue(model, text)
      expect(got?.residue).toBe(want?.residue)
      expect(got === undefined ? undefined : [...got.head]).toEqual(want === undefined ? undefined : [...want.head])
    }
  })
})
