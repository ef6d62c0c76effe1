import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMatcher, createTemplateFrameEncoder, parseTemplateStore, type TemplateStore } from './index.ts'
import { compiledTemplateOf } from './template-compiled.ts'
import { splitsAlike, splitsAlikeGreedy, twinPlanOf } from './template-twins.ts'

const date = { type: 'enum', values: ['Dec', 'Jan'], other: 'auto' }
const level = { type: 'enum', values: ['info', 'warn'], other: 'auto' }

function storeOf(templates: { id: number; pattern: string; slots: unknown[] }[]): TemplateStore {
  return parseTemplateStore({ format: 'aura-template-store', version: 1, name: 'twins', templates }, 'twins.json')
}

const STORE = storeOf([
  {
    id: 1,
    pattern: '<{0} {1}> (info) {2} took {3}',
    slots: [date, { type: 'integer' }, { type: 'auto' }, { type: 'auto' }],
  },
  {
    id: 2,
    pattern: '<{0} {1}> ({2}) {3} took {4}',
    slots: [date, { type: 'integer' }, level, { type: 'auto' }, { type: 'auto' }],
  },
  // a specific template and a twin with a slot for its last word: its last slot {2} becomes a middle one
  { id: 4, pattern: '<{0} {1}> (info) {2} lasted', slots: [date, { type: 'integer' }, { type: 'string' }] },
  {
    id: 5,
    pattern: '<{0} {1}> (info) {2} {3}',
    slots: [date, { type: 'integer' }, { type: 'string' }, { type: 'string' }],
  },
])
const byId = (id: number) => STORE.byId.get(id)!

describe('twinPlanOf', () => {
  it('finds the header-word twin: the same slot specs, a slot where the specific template has a word', () => {
    const plan = twinPlanOf(byId(1), byId(2))
    // the twin's third slot holds `info`, units 7-10 of the specific pattern (its slots count as one unit each), after its two slots
    expect(Array.from(plan!.subarray(8, 12))).toEqual([7, 2, 11, 2])
  })

  it('refuses a lower id, another spec for a shared slot, and a kept slot that becomes the last', () => {
    expect(twinPlanOf(byId(2), byId(1))).toBeUndefined()
    const otherSpec = storeOf([
      { id: 1, pattern: '[{0}] [x] {1}', slots: [{ type: 'integer' }, { type: 'auto' }] },
      { id: 2, pattern: '[{0}] [{1}] {2}', slots: [{ type: 'auto' }, { type: 'auto' }, { type: 'auto' }] },
    ])
    expect(twinPlanOf(otherSpec.byId.get(1)!, otherSpec.byId.get(2)!)).toBeUndefined()
    // 4's last slot is its {2}; in 5 the same value would be a middle slot: allowed (a middle slot is never smaller)
    expect(twinPlanOf(byId(4), byId(5))).toBeDefined()
    const lastBecomes = storeOf([
      { id: 1, pattern: 'a {0} b {1} c', slots: [{ type: 'string' }, { type: 'string' }] },
      { id: 2, pattern: 'a {0} b {1} {2}', slots: [{ type: 'string' }, { type: 'string' }, { type: 'string' }] },
    ])
    expect(twinPlanOf(lastBecomes.byId.get(1)!, lastBecomes.byId.get(2)!)).toBeDefined()
    const middleBecomesLast = storeOf([
      { id: 1, pattern: '{0} x {1} y', slots: [{ type: 'string' }, { type: 'string' }] },
      { id: 2, pattern: '{0} {2} {1} y', slots: [{ type: 'string' }, { type: 'string' }, { type: 'string' }] },
    ])
    expect(twinPlanOf(middleBecomesLast.byId.get(1)!, middleBecomesLast.byId.get(2)!)).toBeDefined()
    const keptBecomesLast = storeOf([
      { id: 1, pattern: '{1} x {0}', slots: [{ type: 'string' }, { type: 'string' }] },
      { id: 2, pattern: '{0} {1} {2}', slots: [{ type: 'string' }, { type: 'string' }, { type: 'string' }] },
    ])
    expect(twinPlanOf(keptBecomesLast.byId.get(1)!, keptBecomesLast.byId.get(2)!)).toBeUndefined()
  })

  it('decides on long patterns without deep recursion (a literal of 200,000 characters)', () => {
    const long = 'x'.repeat(200_000)
    const store = storeOf([
      { id: 1, pattern: `${long} a {0} end`, slots: [{ type: 'string' }] },
      { id: 2, pattern: `${long} {1} {0} end`, slots: [{ type: 'string' }, { type: 'string' }] },
    ])
    expect(twinPlanOf(store.byId.get(1)!, store.byId.get(2)!)).toBeDefined()
    const matcher = createMatcher(store)
    const ids = matcher.matchSpecific(`${long} a b end`, undefined, () => 2).map((m) => m.template.id)
    expect(ids).toEqual([1])
  })
})

describe('matchSpecific', () => {
  const header = (id: number): number => (id <= 0x3fff ? 2 : 3)

  it('does not match a twin that splits the message as its specific template did', () => {
    const matcher = createMatcher(STORE)
    const message = '<Dec 5> (info) a took b'
    expect(matcher.match(message).map((m) => m.template.id)).toEqual([1, 2, 5])
    // 5 is a twin of 4, not of 1, and 4 does not match
    expect(matcher.matchSpecific(message, undefined, header).map((m) => m.template.id)).toEqual([1, 5])
    expect(matcher.matchSpecific('<Dec 5> (info) a lasted', undefined, header).map((m) => m.template.id)).toEqual([4])
  })

  it('checks a twin against each template matched before it, whichever it met on the line before', () => {
    const store = storeOf([
      { id: 1, pattern: 'user {0} login now', slots: [{ type: 'integer' }] },
      { id: 2, pattern: '{0} login now', slots: [{ type: 'string' }] },
      // a twin of 1 (its {1} for `login`), not of 2
      { id: 3, pattern: 'user {0} {1} now', slots: [{ type: 'integer' }, { type: 'auto' }] },
    ])
    const ids = (m: ReturnType<typeof createMatcher>, line: string) =>
      m.matchSpecific(line, undefined, header).map((x) => x.template.id)
    expect(twinPlanOf(store.byId.get(1)!, store.byId.get(3)!)).toBeDefined()
    expect(twinPlanOf(store.byId.get(2)!, store.byId.get(3)!)).toBeUndefined()
    const matcher = createMatcher(store)
    // 3 is checked against 2 alone here (1 refuses `x`), then against 1 and 2 on the next line
    for (let i = 0; i < 3; i++) {
      expect(ids(matcher, 'user x login now')).toEqual([2])
      expect(ids(matcher, 'user 5 login now')).toEqual([1, 2])
      expect(ids(createMatcher(store), 'user 5 login now')).toEqual([1, 2])
    }
  })

  it('matches the twin when its literals occur earlier in a value, so that its split may differ', () => {
    const matcher = createMatcher(STORE)
    // `Dec x` is the first slot's value; the twin's ` ` literal occurs inside it
    const message = '<Dec x 5> (info) a took b'
    expect(matcher.matchSpecific(message, undefined, header).map((m) => m.template.id)).toEqual([1, 2, 5])
  })

  it('lets a twin that splits differently win when its frame is smaller', () => {
    const store = storeOf([
      { id: 1, pattern: '{0} - {1}', slots: [{ type: 'string' }, { type: 'string' }] },
      {
        id: 2,
        pattern: '{0} {1} {2}',
        slots: [{ type: 'string' }, { type: 'enum', values: ['*64'], other: 'auto' }, { type: 'string' }],
      },
    ])
    expect(twinPlanOf(store.byId.get(1)!, store.byId.get(2)!)).toBeDefined()
    const encoder = createTemplateFrameEncoder(store, (id) => Uint8Array.of(0x80, id))
    // 1: `chrome *64` and `host` (15 bytes); 2: `chrome`, `*64` (one byte), `- host` (14)
    expect(encoder.encode('chrome *64 - host')?.templateId).toBe(2)
    expect(encoder.encode('chrome - host')?.templateId).toBe(1)
  })
})

describe('splitsAlikeGreedy', () => {
  it("answers as splitsAlike from the twin's greedy split, values holding the literals or not", () => {
    // values drawn from the literals' own units, so a twin's literal often occurs early in a value
    const value = fc.stringMatching(/^[a-z5 ()<>]{1,6}$/)
    const pairs: [number, number][] = [
      [1, 2],
      [4, 5],
    ]
    let decided = 0
    let searched = 0
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.array(value, { minLength: 4, maxLength: 4 }), ([s, g], values) => {
        const [specific, general] = [byId(s), byId(g)]
        const plan = twinPlanOf(specific, general)!
        const message =
          s === 1
            ? `<${values[0]} ${values[1]}> (info) ${values[2]} took ${values[3]}`
            : `<${values[0]} ${values[1]}> (info) ${values[2]} lasted`
        const [cs, cg] = [compiledTemplateOf(specific), compiledTemplateOf(general)]
        if (cs.split(message) !== 0 || cg.split(message) !== 0) return
        const expected = splitsAlike(plan, specific, cs.spans, general, message)
        if (expected) decided++
        else searched++
        expect(splitsAlikeGreedy(plan, specific, cs.spans, general, cg.spans, message)).toBe(expected)
      }),
      { numRuns: 3000, seed: 37 },
    )
    // both answers are met often
    expect(decided).toBeGreaterThan(300)
    expect(searched).toBeGreaterThan(100)
  })
})
