import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import {
  createMatcher,
  createTemplateFrameEncoder,
  encodeBinarySemantic,
  encodeTemplateBody,
  parseTemplateStore,
} from './index.ts'
import { referenceFrame } from './test-support.ts'
import type { MatchChooser, TemplateSpans } from './matcher.ts'
import { SpecificChoice } from './specific-choice.ts'

/** A SpecificChoice that counts the candidates it refused that do match the message (where the rule saves a match). */
class CountingChoice extends SpecificChoice {
  matching = new Set<number>()
  refusedMatching = 0
  override refuses(templateId: number, boundBytes: number): boolean {
    const refused = super.refuses(templateId, boundBytes)
    if (refused && this.matching.has(templateId)) this.refusedMatching++
    return refused
  }
}

/**
 * The frame encoder leaves a candidate unmatched when its lower bound (match-order.ts preBoundBytes: the
 * least its slots can take, a first string value at least up to its next literal) plus its header
 * cannot beat the best frame so far. These tests check the rule on random stores of header-fallback
 * templates (`{0}]: ...`, a string first) beside specific ones, as discovery writes them.
 */

type Prefix = (templateId: number) => Uint8Array
const unevenHeader: Prefix = (id) => new Uint8Array(1 + ((id * 5) % 7))
const twoByteHeader: Prefix = (id) => Uint8Array.of(0x80 | (id >> 8), id & 0xff)

const SPECS = [
  { type: 'string' },
  { type: 'auto' },
  { type: 'integer' },
  { type: 'enum', values: ['ab', 'cd'], other: 'auto' },
  { type: 'enum', values: ['ab', 'x y'] },
] as const
const WORDS = [
  'ab',
  'cd',
  'x y',
  '12',
  '007',
  '-3',
  'q]: r',
  'a at b',
  'go',
  'request-handler-17',
  '2025-10-23T10:30:00Z',
]
/** Patterns of one line shape (`w w]: go w at w`), from a header fallback (`{0}]: ...`, a string first) to specific ones. */
const SHAPES = [
  '{0}]: go {1} at {2}',
  '{0} {1}]: go {2} at {3}',
  'ab {0}]: go {1} at {2}',
  '{0} {1}]: {2} {3} at {4}',
  '{0}]: go {1}',
  '{0} {1}]: go {2}',
  '{0}]: {1}',
  '{0} at {1}',
  '{0} at 12',
  '{0} cd]: go {1} at {2}',
]

/** A random store: some of the shapes, each slot of a random spec, ids random (so a coarse template's id may be lower). */
const storeArbitrary = fc
  .array(
    fc.record({
      shape: fc.nat(SHAPES.length - 1),
      coarse: fc.boolean(),
      specs: fc.array(fc.nat(SPECS.length - 1), { minLength: 5, maxLength: 5 }),
      id: fc.integer({ min: 1, max: 400 }),
    }),
    { minLength: 2, maxLength: 7 },
  )
  .map((drafts) => {
    const seen = new Set<number | string>()
    const templates = drafts.flatMap(({ shape, coarse, specs, id }) => {
      const pattern = SHAPES[shape] as string
      if (seen.has(id) || seen.has(pattern)) return []
      seen.add(id).add(pattern)
      const slots = pattern.split('{').length - 1
      // half of them a header fallback's: a string first
      return [{ id, pattern, slots: specs.slice(0, slots).map((k, i) => (coarse && i === 0 ? SPECS[0] : SPECS[k])) }]
    })
    return parseTemplateStore({ format: 'aura-template-store', version: 1, name: 'random', templates }, 'random.json')
  })

/** A line of that shape, its words drawn so that several templates often match it. */
const messageArbitrary = fc
  .array(fc.constantFrom(...WORDS), { minLength: 5, maxLength: 5 })
  .map(([a, b, c, d, e]) => `${a} ${b}]: ${c === 'go' ? 'go' : `go ${c}`} ${d} at ${e}`)

describe('candidates refused by their lower bound before they are matched', () => {
  it('never leaves out a template that would give a smaller frame, or as small with a lower id', () => {
    let several = 0
    const choice = new CountingChoice()
    fc.assert(
      fc.property(
        fc.tuple(storeArbitrary, fc.array(messageArbitrary, { minLength: 1, maxLength: 8 })),
        fc.boolean(),
        ([store, messages], uneven) => {
          const prefix = uneven ? unevenHeader : twoByteHeader
          const matcher = createMatcher(store)
          const encoder = createTemplateFrameEncoder(matcher, prefix)
          for (const message of messages) {
            const matches = matcher.match(message)
            if (matches.length > 1) several++
            const expected = referenceFrame(matcher, message, prefix)
            choice.matching = new Set(matches.map((m) => m.template.id))
            choice.match(matcher, message, undefined, (id) => prefix(id).length)
            expect(choice.settle() ? choice.chooser.templateId : undefined).toBe(expected?.templateId)
            expect(encoder.encode(message)).toEqual(expected)
            expect(encoder.encodeBytes(toBytes(message))).toEqual(expected)
            const semantic = encodeBinarySemantic(matcher, message, { headerSizeBytes: (id) => prefix(id).length })
            expect(semantic?.templateId).toBe(expected?.templateId)
          }
        },
      ),
      { seed: 7, numRuns: 1500 },
    )
    // the property means something only if many messages have several matches, and matching templates are refused
    expect(several).toBeGreaterThan(1000)
    expect(choice.refusedMatching).toBeGreaterThan(150)
  })

  it('bounds a template whose placeholders are out of text order with the last slot as the body writes it', () => {
    // {1} x {0}: the integer is the body's first slot and the string its last; a bound that took the
    // text's last slot as the body's last refused this template, the smaller frame (a review's finding)
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'order',
        templates: [
          { id: 0, pattern: '{0} x {1}', slots: [{ type: 'string' }, { type: 'integer' }] },
          { id: 1, pattern: '{1} x {0}', slots: [{ type: 'integer' }, { type: 'string' }] },
        ],
      },
      'order.json',
    )
    const matcher = createMatcher(store)
    const prefix: Prefix = () => new Uint8Array(1)
    const expected = referenceFrame(matcher, 'ab x 5', prefix)
    expect(createTemplateFrameEncoder(matcher, prefix).encode('ab x 5')).toEqual(expected)
    const semantic = encodeBinarySemantic(matcher, 'ab x 5', { headerSizeBytes: () => 1 })
    expect(semantic?.templateId).toBe(expected?.templateId)
  })

  it('asks with a bound never above the body of the template asked about', () => {
    let asked = 0
    fc.assert(
      fc.property(
        fc.tuple(storeArbitrary, fc.array(messageArbitrary, { minLength: 1, maxLength: 8 })),
        ([store, messages]) => {
          const matcher = createMatcher(store)
          for (const message of messages) {
            const bodies = new Map(
              matcher.match(message).map(({ template, values }) => [template.id, encodeTemplateBody(template, values)]),
            )
            const questions: [number, number][] = []
            // a chooser that refuses nothing: every candidate of a growing bound is asked about and then matched
            const spy: MatchChooser = {
              refuses: (id, bound) => (questions.push([id, bound]), false),
              take: (_match: TemplateSpans) => {},
            }
            matcher.matchEachSpecific(message, undefined, () => 0, spy)
            for (const [id, bound] of questions) {
              asked++
              const body = bodies.get(id)
              if (body !== undefined) expect(body.length).toBeGreaterThanOrEqual(bound)
            }
          }
        },
      ),
      { seed: 8, numRuns: 1500 },
    )
    expect(asked).toBeGreaterThan(1000)
  })
})
