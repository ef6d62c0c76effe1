import { describe, expect, it } from 'vitest'
import { draftJsonTemplate, type JsonMessage, withinListBudget } from './discovery-json.ts'
import { ENUM_LIST_BYTES_PER_MESSAGE, ENUM_LIST_FLOOR_BYTES, enumListBytes } from './discovery-slots.ts'
import { tryDecodeUtf8 } from '../core/index.ts'
import { decodeBinarySemantic, discoverTemplates, encodeBinarySemantic } from './index.ts'
import { scanJson } from './json-spans.ts'

/** A seeded stream of 0 <= x < 1 (no Math.random: the test reads the same every run). */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Wide records (a pod's names, dates, addresses): `keys` keys, each value one of `pool` per key, repeating. */
function wide(count: number, keys: number, pool: number, seed: number): string[] {
  // each key's pool from a seed of its own, the draws from `seed`: two seeds are other messages of one source
  const word = seeded(1)
  const pools = Array.from({ length: keys }, () =>
    Array.from({ length: pool }, () =>
      Array.from({ length: 18 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789-'[Math.floor(word() * 37)]).join(''),
    ),
  )
  const rnd = seeded(seed)
  return Array.from({ length: count }, () =>
    JSON.stringify(
      Object.fromEntries(pools.map((values, k) => [`field_${k}`, values[Math.floor(rnd() * pool)] as string])),
    ),
  )
}

const members = (texts: readonly string[]): JsonMessage[] =>
  texts.map((text, index) => ({ index, text, spans: scanJson(text) as Int32Array }))

/** Bytes of the enum lists longer than ENUM_LIST_FLOOR_BYTES (a shorter one is always allowed, as discovery-slots.ts allows it). */
const longListBytes = (slots: readonly { type: string; values?: readonly string[] }[]): number =>
  slots.reduce((n, s) => {
    const bytes = s.type === 'enum' ? enumListBytes(s.values ?? []) : 0
    return n + (bytes > ENUM_LIST_FLOOR_BYTES ? bytes : 0)
  }, 0)

describe('enum lists of a JSON template (round s39-jgen)', () => {
  it('holds the lists of all its slots together to the store budget of its messages, not each slot to it', () => {
    const train = wide(600, 40, 60, 39)
    const budget = Math.max(ENUM_LIST_FLOOR_BYTES, train.length * ENUM_LIST_BYTES_PER_MESSAGE)
    const { store } = discoverTemplates(train)
    expect(store.templates.length).toBeGreaterThan(0)
    for (const template of store.templates) {
      // each slot's list alone fits (60 values of 21 bytes, 1,260, under 10 bytes x 256 sampled): before, all 40 were kept, 50 KB per template
      expect(longListBytes(template.slots)).toBeLessThanOrEqual(budget)
      expect(template.slots.filter((s) => s.type === 'enum').length).toBeGreaterThan(0)
    }
  })

  it('keeps every list of a structure within the budget as it was', () => {
    const draft = draftJsonTemplate(members(wide(256, 3, 5, 7)))
    expect(withinListBudget(draft, 256)).toBe(draft)
    expect(draft.slots.map((s) => s.type)).toEqual(['enum', 'enum', 'enum'])
    // over the budget the shortest lists stay, the others take their values' typed spec
    const wider = draftJsonTemplate(members(wide(256, 40, 60, 39)))
    const held = withinListBudget(wider, 10)
    expect(longListBytes(held.slots)).toBeLessThanOrEqual(ENUM_LIST_FLOOR_BYTES)
    expect(held.slots.map((s) => s.type)).toContain('string')
  })

  it('still encodes and decodes every message of the wide structure byte-exact, held-out ones too', () => {
    const train = wide(600, 40, 60, 39)
    const { store } = discoverTemplates(train)
    const held = wide(200, 40, 60, 40)
    for (const text of [...train.slice(0, 50), ...held]) {
      const frame = encodeBinarySemantic(store, text)
      if (frame === undefined) throw new Error(`no template encodes ${text.slice(0, 80)}`)
      expect(tryDecodeUtf8(decodeBinarySemantic(store, frame.templateId, frame.body))).toBe(text)
    }
  })
})
