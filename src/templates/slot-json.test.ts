import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AuraError, ByteReader, FrameError, tryDecodeUtf8 } from '../core/index.ts'
import { createSlotCodec } from './slot-codecs.ts'
import { SlotEncoding } from './slot-encoding.ts'
import { isJsonNumber } from './slot-json.ts'
import {
  createMatcher,
  decodeBinarySemantic,
  discoverTemplates,
  encodeBinarySemantic,
  parseTemplateStore,
  toTemplateStoreJson,
} from './index.ts'
import type { SlotSpec, TemplateStore } from './store-types.ts'

/** A small seeded generator (mulberry32), so the corpus is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), s | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function encoded(spec: SlotSpec, value: string, last = false): Uint8Array | undefined {
  const out = new SlotEncoding()
  if (!createSlotCodec(spec).encode(value, last, out)) return undefined
  const bytes = new Uint8Array(out.sizeBytes())
  out.write(bytes, 0)
  return bytes
}

const decoded = (spec: SlotSpec, bytes: Uint8Array, last = false): string =>
  createSlotCodec(spec).read(new ByteReader(bytes), last)

/** Order-book updates: two arrays of 0-12 [price, quantity] tuples, prices a random walk written as strings. */
function bookUpdates(count: number, seed: number): string[] {
  const rnd = seeded(seed)
  let mid = 43000
  let id = 1000
  const side = (sign: number): string[][] =>
    Array.from({ length: Math.floor(rnd() * 13) }, (_v, i) => [
      (mid + sign * (i + 1) * 0.01).toFixed(2),
      (rnd() * 3).toFixed(3),
    ])
  return Array.from({ length: count }, (_v, i) => {
    mid += Math.round((rnd() - 0.5) * 20) / 100
    const first = id + 1
    id += 1 + Math.floor(rnd() * 5)
    return JSON.stringify({
      e: 'depthUpdate',
      E: 1764460800000 + i * 100,
      s: 'BTCUSDT',
      U: first,
      u: id,
      b: side(-1),
      a: side(1),
    })
  })
}

/** Frame bytes of the messages a store's templates encode (each checked to round-trip), and how many. */
function frameBytes(
  store: TemplateStore,
  messages: readonly string[],
): { bytes: number; encoded: number; text: number } {
  const matcher = createMatcher(store)
  let bytes = 0
  let count = 0
  let text = 0
  for (const message of messages) {
    const frame = encodeBinarySemantic(matcher, message)
    if (frame === undefined) continue
    expect(tryDecodeUtf8(decodeBinarySemantic(store, frame.templateId, frame.body))).toBe(message)
    bytes += frame.body.length
    text += message.length
    count++
  }
  return { bytes, encoded: count, text }
}

describe('json slot (round s40-jvar): a member whose structure varies, as a structural code', () => {
  it('codes an order book whose arrays vary in length far below its JSON text (failure class 1)', () => {
    const train = bookUpdates(400, 39)
    const result = discoverTemplates(train)
    const slots = result.store.templates.flatMap((t) => t.slots)
    expect(slots.some((slot) => slot.type === 'json')).toBe(true)
    // messages discovery never saw (another seed): every one is encoded and round-trips
    const later = bookUpdates(200, 40)
    const { bytes, encoded: count, text } = frameBytes(result.store, later)
    expect(count).toBe(later.length)
    // frame bytes over text bytes: 0.80 with the arrays as JSON text in a slot (the start build), 0.29 as a structural code
    expect(bytes / text).toBeLessThan(0.5)
  })

  it('sends a value repeated within a cut member once (failure class 2)', () => {
    // a status whose conditions (1-4 of them, each with or without a reason: too many shapes to template
    // one by one, so the status is cut out whole) all carry one time, as a Kubernetes pod's do
    const rnd = seeded(7)
    const event = (i: number, times: (k: number) => string): string => {
      const conditions = Array.from({ length: 1 + (i % 4) }, (_v, k) => ({
        type: ['Ready', 'Initialized', 'Scheduled', 'ContainersReady'][k],
        status: 'True',
        lastTransitionTime: times(k),
        ...((i >> (2 + k)) % 2 === 1 ? { reason: 'PodCompleted' } : {}),
      }))
      return JSON.stringify({
        kind: 'Pod',
        name: `web-${Math.floor(rnd() * 1e6)}`,
        status: { phase: 'Running', conditions },
      })
    }
    const iso = (s: number): string => new Date(Date.UTC(2026, 11, 7, 10, 0, s)).toISOString().replace('.000', '')
    const train = Array.from({ length: 400 }, (_v, i) => event(i, () => iso(i % 60)))
    const result = discoverTemplates(train)
    const matcher = createMatcher(result.store)
    // the same event with its four conditions at one time, and at four unrelated times
    const same = encodeBinarySemantic(
      matcher,
      event(7, () => iso(9)),
    )
    const unrelated = (k: number): string =>
      new Date(Date.UTC(2020 + k, 3 * k, 1 + 5 * k, 5 * k, 7 * k, 11 * k)).toISOString().replace('.000', '')
    const apart = encodeBinarySemantic(matcher, event(7, unrelated))
    const slots = result.store.templates.flatMap((t) => t.slots)
    expect(slots.some((slot) => slot.type === 'json')).toBe(true)
    expect(same).toBeDefined()
    expect(apart).toBeDefined()
    // three repeats cost a head byte each instead of a timestamp each
    expect((apart?.body.length as number) - (same?.body.length as number)).toBeGreaterThanOrEqual(9)
  })

  it('gives back any JSON value, compact or spaced as Python writes it, and any other text', () => {
    const spec: SlotSpec = { type: 'json', keys: ['a', 'b', 'price'] }
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), fc.boolean(), (value, spaced, last) => {
        const compact = JSON.stringify(value)
        const text = spaced ? compact.replace(/,(?=["[{\d\-tfn])/g, ', ').replace(/":/g, '": ') : compact
        if (text === '' || text === undefined) return
        const bytes = encoded(spec, text, last)
        expect(bytes).toBeDefined()
        expect(decoded(spec, bytes as Uint8Array, last)).toBe(text)
      }),
      { numRuns: 300 },
    )
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.boolean(), (text, last) => {
        const bytes = encoded(spec, text, last)
        if (bytes === undefined) return
        expect(decoded(spec, bytes, last)).toBe(text)
      }),
      { numRuns: 300 },
    )
    for (const text of ['{ "a":1}', '[1,2 ]', '{"a":1}x', '[01]', 'null']) {
      const bytes = encoded(spec, text) as Uint8Array
      expect(bytes[0]).toBe(0)
      expect(decoded(spec, bytes)).toBe(text)
    }
  })

  it('writes mode 1 for compact JSON, 2 for Python spacing, 0 for any other whitespace (round s43-jenc: mode 1 read from the parse)', () => {
    const spec: SlotSpec = { type: 'json', keys: ['a'] }
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(' ', '\t', '\n', '\r'), fc.nat(), (value, space, pick) => {
        const compact = JSON.stringify(value)
        if (compact === undefined || (compact[0] !== '{' && compact[0] !== '[')) return
        expect((encoded(spec, compact) as Uint8Array)[0]).toBe(1)
        const python = compact.replace(/,(?=["[{\d\-tfn])/g, ', ').replace(/":/g, '": ')
        if (
          python !== compact &&
          python ===
            JSON.stringify(value, null, 0)
              .replace(/,(?=["[{\d\-tfn])/g, ', ')
              .replace(/":/g, '": ')
        ) {
          const bytes = encoded(spec, python) as Uint8Array
          expect(decoded(spec, bytes)).toBe(python)
          expect([1, 2]).toContain(bytes[0])
        }
        // one whitespace character after a bracket, comma or colon outside strings: JSON, but neither spacing
        const cuts: number[] = []
        let inString = false
        for (let i = 0; i < compact.length; i++) {
          const c = compact[i]
          if (inString) {
            if (c === '\\') i++
            else if (c === '"') inString = false
          } else if (c === '"') inString = true
          else if (c === '{' || c === '[' || ((c === ',' || c === ':') && space !== ' ')) cuts.push(i + 1)
        }
        if (cuts.length === 0) return
        const at = cuts[pick % cuts.length] as number
        const spaced = compact.slice(0, at) + space + compact.slice(at)
        const bytes = encoded(spec, spaced) as Uint8Array
        expect(bytes[0]).toBe(0)
        expect(decoded(spec, bytes)).toBe(spaced)
      }),
      { numRuns: 400 },
    )
  })

  it('tells a JSON number as the regular expression it replaced does (round s43-jenc)', () => {
    const rx = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('-', '+', '0', '1', '5', '9', '.', 'e', 'E', 'x'), maxLength: 9 }),
        (raw) => {
          expect(isJsonNumber(raw)).toBe(rx.test(raw))
        },
      ),
      { numRuns: 20000 },
    )
    for (const raw of ['', '-', '0', '-0', '01', '1.', '.5', '1e', '1e+', '1e5', '1.5E-3', '-12.0e+00', '0.0e0'])
      expect(isJsonNumber(raw)).toBe(rx.test(raw))
  })

  it('refuses a corrupt body with a frame error', () => {
    const spec: SlotSpec = { type: 'json', keys: ['a'] }
    const bad = [
      [9], // no such mode
      [1, 7], // node tag 7
      [1, 4 * 8 + 2], // literal 4 is not defined (0-3: true, false, null, "")
      [1, 8 + 3, 5, 2], // object with key index 5 of 1
      [1, 2 * 8 + 0], // a repeat of a value not yet seen
      [1, 8 + 4, 1 * 8 + 1, 3], // an edit of a value not yet seen
    ]
    for (const bytes of bad) expect(() => decoded(spec, Uint8Array.from(bytes))).toThrow(FrameError)
  })

  it('reads and writes a store with a json slot; names the field of a bad one', () => {
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 's',
        templates: [{ id: 1, pattern: '{"b":{0}}', slots: [{ type: 'json', keys: ['price', 'qty'] }] }],
      },
      'ok.json',
    )
    expect(store.templates[0]?.slots).toEqual([{ type: 'json', keys: ['price', 'qty'] }])
    expect(parseTemplateStore(toTemplateStoreJson(store), 'again.json').templates[0]?.slots).toEqual(
      store.templates[0]?.slots,
    )
    const issues = (slot: unknown): string[] => {
      try {
        parseTemplateStore(
          {
            format: 'aura-template-store',
            version: 1,
            name: 's',
            templates: [{ id: 1, pattern: 'x {0}', slots: [slot] }],
          },
          'bad.json',
        )
      } catch (error) {
        expect(error).toBeInstanceOf(AuraError)
        return (error as AuraError).issues.map((issue) => `${issue.field}: ${issue.message}`)
      }
      throw new Error('expected the store to be rejected')
    }
    expect(issues({ type: 'string', keys: ['a'] })).toEqual([
      'templates[0].slots[0].keys: "keys" only applies to slots of type "json", this slot is "string"',
    ])
    expect(issues({ type: 'json', keys: ['a', 'a'] })).toEqual([
      'templates[0].slots[0].keys[1]: key "a" is listed twice',
    ])
    expect(issues({ type: 'json', other: 'auto' })).toEqual([
      'templates[0].slots[0].other: "other" does not apply to slots of type "json"',
    ])
  })
})

// s40-rev1 F1, F2: a remembered value repeated by a one-byte head decoded a 301 KB body to 301 MB; a key outside the
// slot's list that starts with U+FEFF lost it (TextDecoder drops a leading BOM unless told not to)
describe('the json slot under hostile and unusual input (s40-rev1)', () => {
  const spec: SlotSpec = { type: 'json', keys: ['a'] }

  const leb128 = (n: number): number[] => {
    const out: number[] = []
    for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80)
    out.push(n)
    return out
  }

  it('refuses a body that would decode past max(1 MiB, 128 x its bytes), and never encodes one', () => {
    const long = 'x'.repeat(1000)
    // 500 copies: the tree (a string, then 499 one-byte repeat heads) decodes within its budget
    const fits = JSON.stringify(Array.from({ length: 500 }, () => long))
    const body = encoded(spec, fits, true) as Uint8Array
    expect(body[0]).toBe(1)
    expect(decoded(spec, body, true)).toBe(fits)
    // the same body told it holds 3,000 elements, with 2,500 more repeat heads: ~3 MB from ~4 KB
    const head = leb128(500 * 8 + 4)
    expect([...body.subarray(1, 1 + head.length)]).toEqual(head)
    const hostile = Uint8Array.from([
      1,
      ...leb128(3000 * 8 + 4),
      ...body.subarray(1 + head.length),
      ...new Array(2500).fill(16),
    ])
    expect(3000 * 1001).toBeGreaterThan(Math.max(1024 * 1024, 128 * hostile.length))
    expect(() => decoded(spec, hostile, true)).toThrow(FrameError)
    expect(() => decoded(spec, hostile, true)).toThrow(/decodes past its budget/)
    // the encoder sends such a value as text (mode 0), which round-trips
    const many = JSON.stringify(Array.from({ length: 3000 }, () => long))
    const asText = encoded(spec, many, true) as Uint8Array
    expect(asText[0]).toBe(0)
    expect(decoded(spec, asText, true)).toBe(many)
  })

  it('keeps a leading U+FEFF in a key outside the slot’s list', () => {
    const value = '{"\uFEFFx":1,"a":"\uFEFF"}'
    expect(decoded(spec, encoded(spec, value, true) as Uint8Array, true)).toBe(value)
  })
})
