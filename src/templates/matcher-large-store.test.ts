import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMatcher, parsePattern, parseTemplateStore, renderTemplate, type SlotSpec } from './index.ts'
import { matchWithoutIndex } from './matcher.ts'
import { mutate, patternArbs } from './test-pattern-arbs.ts'

/**
 * The index of a store of thousands (literal-anchors.ts, QUALIFIED_ITEMS and up: packed edge probes, first-word
 * qualification, edges checked side by side) against checking each template without the index: near-duplicate
 * templates among 1,000 others, messages rendered from them or made of the same words.
 */
const WORDS = [
  'block',
  'blk_',
  'size',
  'to',
  'Served',
  'served',
  'ms',
  'x',
  'café',
  '中文',
  '𝒜b',
  'id7',
  'bloc',
  'blockade',
]
const SEPARATORS = [' ', ': ', '/', '=', ', ', '-', '.', '']
const { piece, patternArb, valueArb } = patternArbs(WORDS, SEPARATORS, 5)

const FILLER = 1000

/** Base patterns and their near-duplicates, with 1,000 filler templates before or after them. */
const storeArb = fc
  .tuple(
    fc.array(patternArb, { minLength: 1, maxLength: 6 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), piece, fc.nat({ max: 2 }), fc.boolean()), { minLength: 10, maxLength: 80 }),
    fc.boolean(),
  )
  .map(([bases, changes, fillerFirst]) => {
    const patterns = new Map<string, SlotSpec[] | undefined>()
    for (const base of bases) patterns.set(base, undefined)
    for (const [which, at, replacement, kind, integers] of changes) {
      const pattern = mutate(bases[which % bases.length] as string, at, replacement, kind)
      const slotCount = (pattern.match(/\{\d+\}/g) ?? []).length
      if (!patterns.has(pattern))
        patterns.set(
          pattern,
          integers ? Array.from({ length: slotCount }, () => ({ type: 'integer' as const })) : undefined,
        )
    }
    const own = [...patterns].filter(([pattern]) => parsePattern(pattern).status === 'ok')
    const filler = Array.from(
      { length: FILLER },
      (_v, i) => [`filler f${i} {0} end${i % 7}`, undefined] as [string, SlotSpec[] | undefined],
    )
    const all = fillerFirst ? [...filler, ...own] : [...own, ...filler]
    const templates = all.map(([pattern, slots], i) =>
      slots === undefined ? { id: i + 1, pattern } : { id: i + 1, pattern, slots },
    )
    return parseTemplateStore({ format: 'aura-template-store', version: 1, name: 'test', templates }, 'test.json')
  })

describe('a store of thousands', () => {
  it('the index selects every template that matches: match equals checking each template without the index', () => {
    const scenario = storeArb.chain((store) =>
      fc.tuple(
        fc.constant(store),
        fc.array(
          fc.oneof(
            fc.tuple(fc.nat(), fc.array(valueArb, { minLength: 5, maxLength: 5 })),
            fc.array(piece, { maxLength: 10 }).map((pieces) => pieces.join('')),
          ),
          { minLength: 1, maxLength: 15 },
        ),
      ),
    )
    let checked = 0
    let matched = 0
    fc.assert(
      fc.property(scenario, ([store, inputs]) => {
        expect(store.templates.length).toBeGreaterThan(FILLER)
        const matcher = createMatcher(store)
        const own = store.templates.filter((t) => !t.pattern.startsWith('filler'))
        for (const input of inputs) {
          const template = typeof input === 'string' ? undefined : own[input[0] % own.length]
          if (typeof input !== 'string' && template === undefined) continue
          const message =
            template === undefined
              ? (input as string)
              : renderTemplate(template, (input as [number, string[]])[1].slice(0, template.slots.length))
          const expected = matchWithoutIndex(store, message).map((m) => [m.template.id, m.values])
          const got = matcher.match(message).map((m) => [m.template.id, m.values])
          expect({ message, matches: got }).toEqual({ message, matches: expected })
          checked++
          matched += expected.length
        }
      }),
      { seed: 1, numRuns: 60 },
    )
    // not vacuous: rendered messages match their template (and often near-duplicates of it); seed 1: 366 checked, 206 matches
    expect(checked).toBeGreaterThan(300)
    expect(matched).toBeGreaterThan(150)
  })
})
