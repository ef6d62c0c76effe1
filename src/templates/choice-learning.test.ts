import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { ChoiceLearner, type ChoiceRule, situationKeyOf } from './choice-learning.ts'
import { createMatcher, createTemplateFrameEncoder, decodeBinarySemantic, parseTemplateStore } from './index.ts'
import type { TemplateStore } from './store-types.ts'
import { referenceFrame } from './test-support.ts'

/**
 * The learned template choice (choice-learning.ts): a learning frame encoder tries the template that
 * keeps winning a situation alone. Its frames must always decode to the message; the encoder without
 * it must still give the smallest frame; and a situation must start over when its template stops
 * matching or loses a re-check.
 */

const decoder = new TextDecoder()
const ONE_BYTE_HEADER = (): Uint8Array => new Uint8Array(1)
const unevenHeader = (id: number): Uint8Array => new Uint8Array(1 + ((id * 5) % 7))

function storeOf(templates: readonly { id: number; pattern: string; slots: readonly object[] }[]): TemplateStore {
  return parseTemplateStore({ format: 'aura-template-store', version: 1, name: 'choice', templates }, 'choice.json')
}

const SPECS = [
  { type: 'string' },
  { type: 'auto' },
  { type: 'integer' },
  { type: 'enum', values: ['ab', 'cd'], other: 'auto' },
  { type: 'enum', values: ['ab', 'x y'] },
] as const
const WORDS = ['ab', 'cd', 'x y', '12', '007', '-3', 'q]: r', 'a at b', 'go', 'request-handler-17']
/** Patterns of one line shape (`w w]: go w at w`), so that a line often has several matching templates. */
const SHAPES = [
  '{0}]: go {1} at {2}',
  '{0} {1}]: go {2} at {3}',
  'ab {0}]: go {1} at {2}',
  '{0} {1}]: {2} {3} at {4}',
  '{0}]: go {1}',
  '{0} {1}]: go {2}',
  '{0}]: {1}',
  '{0} at {1}',
  '{0} cd]: go {1} at {2}',
]

const storeArbitrary = fc
  .array(
    fc.record({
      shape: fc.nat(SHAPES.length - 1),
      specs: fc.array(fc.nat(SPECS.length - 1), { minLength: 5, maxLength: 5 }),
      id: fc.integer({ min: 1, max: 400 }),
    }),
    { minLength: 2, maxLength: 7 },
  )
  .map((drafts) => {
    const seen = new Set<number | string>()
    return storeOf(
      drafts.flatMap(({ shape, specs, id }) => {
        const pattern = SHAPES[shape] as string
        if (seen.has(id) || seen.has(pattern)) return []
        seen.add(id).add(pattern)
        const slots = pattern.split('{').length - 1
        return [{ id, pattern, slots: specs.slice(0, slots).map((k) => SPECS[k] as object) }]
      }),
    )
  })

const lineArbitrary = fc
  .array(fc.constantFrom(...WORDS), { minLength: 5, maxLength: 5 })
  .map(([a, b, c, d, e]) => `${a} ${b}]: ${c === 'go' ? 'go' : `go ${c}`} ${d} at ${e}`)

/** A stream: a few lines, each repeated in runs, so that situations repeat and the learner engages. */
const streamArbitrary = fc
  .tuple(
    fc.array(lineArbitrary, { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 6 })), { minLength: 4, maxLength: 20 }),
  )
  .map(([pool, runs]) => runs.flatMap(([pick, times]) => Array(times).fill(pool[pick % pool.length] as string)))

/** Aggressive on purpose: the learned path taken as often as possible. */
const EAGER: ChoiceRule = { wins: 1, recheckEvery: 3, recheckMax: 6 }

describe('learned template choice', () => {
  it('decodes every frame a learning encoder sends to its message; the encoder without learning sends the smallest', () => {
    let alone = 0
    let larger = 0
    fc.assert(
      fc.property(storeArbitrary, streamArbitrary, fc.boolean(), (store, stream, uneven) => {
        const prefix = uneven ? unevenHeader : ONE_BYTE_HEADER
        const matcher = createMatcher(store)
        const learner = new ChoiceLearner(EAGER)
        const learning = createTemplateFrameEncoder(matcher, prefix, { learnChoice: learner })
        const plain = createTemplateFrameEncoder(matcher, prefix)
        for (const message of stream) {
          const expected = referenceFrame(matcher, message, prefix)
          const before = learner.counts.tried - learner.counts.missed
          const sent = learning.encodeBytes(toBytes(message))
          if (learner.counts.tried - learner.counts.missed > before) alone++
          expect(sent === undefined).toBe(expected === undefined)
          if (sent !== undefined) {
            const body = sent.frame.subarray(prefix(sent.templateId).length)
            expect(decoder.decode(decodeBinarySemantic(store, sent.templateId, body))).toBe(message)
            if (sent.frame.length > (expected as { frame: Uint8Array }).frame.length) larger++
          }
          expect(plain.encodeBytes(toBytes(message))).toEqual(expected)
          expect(plain.encode(message)).toEqual(expected)
        }
      }),
      { seed: 30, numRuns: 250 },
    )
    // not vacuous: many frames sent by the template tried alone, some of them larger than the smallest
    expect(alone).toBeGreaterThan(2000)
    expect(larger).toBeGreaterThan(20)
  })

  /** `v {0} end` (a string) and `{0} {1} end` (a string, then the closed enum [alpha]): one situation for every `v ... end` line. */
  const store = storeOf([
    { id: 1, pattern: 'v {0} end', slots: [{ type: 'string' }] },
    { id: 2, pattern: '{0} {1} end', slots: [{ type: 'string' }, { type: 'enum', values: ['alpha'] }] },
  ])
  const setUp = (rule: ChoiceRule) => {
    const matcher = createMatcher(store)
    const learner = new ChoiceLearner(rule)
    const encoder = createTemplateFrameEncoder(matcher, ONE_BYTE_HEADER, { learnChoice: learner })
    const bytes = toBytes('v alpha end')
    matcher.mayMatchBytes(bytes)
    const key = situationKeyOf(matcher.selection('v alpha end', bytes))
    const send = (message: string) => encoder.encodeBytes(toBytes(message))
    return { matcher, learner, send, key }
  }

  it('tries the streak template alone, and starts over when it loses a re-check', () => {
    const { matcher, learner, send, key } = setUp({ wins: 2, recheckEvery: 4, recheckMax: 8 })
    // template 2 cannot take "betabetabeta" (not in its enum): template 1 wins, twice, and is learned
    for (let i = 0; i < 2; i++) expect(send('v betabetabeta end')?.templateId).toBe(1)
    expect(learner.stateOf(key)).toEqual({ winner: 1, wins: 2, recheckEvery: 4 })
    // "alpha": template 2's frame (3 bytes) is the smallest, but template 1 is tried alone and matches
    const smallest = referenceFrame(matcher, 'v alpha end', ONE_BYTE_HEADER)
    expect(smallest?.templateId).toBe(2)
    for (let use = 1; use <= 3; use++) {
      const sent = send('v alpha end')
      expect(sent?.templateId).toBe(1)
      expect(sent?.frame.length).toBeGreaterThan(smallest?.frame.length as number)
    }
    expect(learner.counts.tried).toBe(3)
    // the 4th learned use is a re-check: the full choice, template 2, which starts the situation over
    expect(send('v alpha end')).toEqual(smallest)
    expect(learner.stateOf(key)).toEqual({ winner: 2, wins: 1, recheckEvery: 4 })
    // a re-check it wins doubles the uses to the next one (up to recheckMax)
    send('v alpha end')
    for (let use = 1; use <= 3; use++) expect(send('v alpha end')).toEqual(smallest)
    expect(learner.counts.tried).toBe(6)
    send('v alpha end') // the re-check, won
    expect(learner.stateOf(key)).toEqual({ winner: 2, wins: 3, recheckEvery: 8 })
  })

  it('starts over when the template tried alone stops matching, or cannot take a value', () => {
    const { learner, send, key } = setUp({ wins: 2, recheckEvery: 32, recheckMax: 256 })
    for (let i = 0; i < 3; i++) expect(send('v alpha end')?.templateId).toBe(2)
    expect(learner.stateOf(key)?.winner).toBe(2)
    // "x" is not in template 2's enum: tried alone, it cannot send; the full choice picks template 1
    expect(send('v x end')?.templateId).toBe(1)
    expect(learner.stateOf(key)).toEqual({ winner: 1, wins: 1, recheckEvery: 32 })
    for (let i = 0; i < 3; i++) send('v alpha end')
    expect(learner.stateOf(key)?.winner).toBe(2)
    // too short for template 2 (its split is refused), and nothing else matches: the situation is forgotten
    expect(send('v end')).toBeUndefined()
    expect(learner.stateOf(key)).toBeUndefined()
    expect(learner.counts.missed).toBe(2)
  })

  it('sends alone no frame taking a larger share of its message than the streak frames took', () => {
    const { learner, send, key } = setUp({ wins: 2, recheckEvery: 32, recheckMax: 256 })
    // template 1 learned on short values: 1 + 2 bytes for 9 units
    for (let i = 0; i < 2; i++) expect(send('v bb end')?.templateId).toBe(1)
    // "alpha": template 1 alone would take 6 of 11 (wider than 3 of 9): the full choice runs, picks 2
    expect(send('v alpha end')?.templateId).toBe(2)
    expect(learner.counts).toEqual({ tried: 1, missed: 1, recorded: 3 })
    expect(learner.stateOf(key)?.winner).toBe(2)
    // without the guard the wider frame is sent alone
    const unguarded = setUp({ wins: 2, recheckEvery: 32, recheckMax: 256, widestShare: false })
    for (let i = 0; i < 2; i++) unguarded.send('v bb end')
    expect(unguarded.send('v alpha end')?.templateId).toBe(1)
  })

  it('keeps at most CHOICE_SITUATIONS_MAX situations and forgets nothing else', () => {
    const learner = new ChoiceLearner({ wins: 1, recheckEvery: 32, recheckMax: 256 })
    for (let key = 0; key < 4096; key++) learner.record(key, 7, 10, 20)
    expect(learner.stateOf(0)?.winner).toBe(7)
    learner.record(4096, 7, 10, 20) // the 4,097th: the memory starts over
    expect(learner.stateOf(0)).toBeUndefined()
    expect(learner.stateOf(4096)?.winner).toBe(7)
  })
})
