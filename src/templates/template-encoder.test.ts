import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { concatBytes, toBytes } from '../core/index.ts'
import {
  SLOT_TYPES,
  createMatcher,
  createTemplateFrameEncoder,
  decodeTemplateBody,
  encodeBinarySemantic,
  loadTemplateStore,
  parseTemplateStore,
  renderTemplate,
  type TemplateFrameEncoder,
  type TemplateStore,
} from './index.ts'
import { referenceFrame } from './test-support.ts'

type Prefix = (templateId: number) => Uint8Array

/**
 * Both entries of the frame encoder give `expected`: encode (the general path) and encodeBytes (the
 * compiled templates where they decide), the latter for messages that have UTF-8.
 */
function expectFrames(
  encoder: TemplateFrameEncoder,
  message: string,
  expected: ReturnType<typeof referenceFrame>,
): void {
  expect(encoder.encode(message)).toEqual(expected)
  if (!/\p{Surrogate}/u.test(message)) expect(encoder.encodeBytes(toBytes(message))).toEqual(expected)
}

/** Headers of the real framing's shape (2 bytes up to id 16383, longer above) and one with a check byte after it. */
const twoByteHeader: Prefix = (id) =>
  id <= 0x3fff ? Uint8Array.of(0x80 | (id >> 8), id & 0xff) : Uint8Array.of(0xf9, 0x80 | (id & 0x7f), id >> 7)
const checkedHeader: Prefix = (id) => concatBytes([twoByteHeader(id), Uint8Array.of((id * 37) & 0xff)])
/** Header sizes that differ a lot between ids, so the header decides between templates whose bodies are close. */
const unevenHeader: Prefix = (id) => new Uint8Array(1 + (id % 7))

/** Overlapping templates of every slot type: many messages match several, with values of different kinds in the shared slots. */
const OVERLAPPING = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'overlapping',
    templates: [
      ...SLOT_TYPES.map((type, i) => ({
        id: i + 1,
        pattern: `${type} {0} then {1} and {2}`,
        slots: [type === 'enum' ? { type, values: ['x', 'y'] } : { type }, { type: 'auto' }, { type: 'string' }],
      })),
      ...SLOT_TYPES.map((type, i) => ({
        id: i + 20,
        pattern: `${type} {0} then {1}`,
        slots: [type === 'enum' ? { type, values: ['x', 'y'], other: 'auto' } : { type }, { type: 'auto' }],
      })),
      { id: 40, pattern: '{0} then {1} and {2}', slots: [{ type: 'auto' }, { type: 'integer' }, { type: 'auto' }] },
      { id: 41, pattern: '{0} then {1}', slots: [{ type: 'string' }, { type: 'auto' }] },
      { id: 42, pattern: '{0} and {1}', slots: [{ type: 'auto' }, { type: 'enum', values: ['p'], other: 'integer' }] },
      { id: 43, pattern: 'w {1}|{0}', slots: [{ type: 'enum', values: ['p'] }, { type: 'hex' }] },
      {
        id: 44,
        pattern: 'w {0}|{1}',
        slots: [
          { type: 'integer', width: 6 },
          { type: 'enum', values: ['p', 'q'], other: 'string' },
        ],
      },
      { id: 45, pattern: 'w {0}' },
      { id: 20000, pattern: '{0} then {1}ms', slots: [{ type: 'auto' }, { type: 'integer' }] },
    ],
  },
  'overlapping.json',
)

const VALUE = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
  fc.integer({ min: -5000, max: 5000 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String),
  fc.stringMatching(/^[+-]?0{0,3}\d{1,20}(\.\d{1,8})?(ms)?$/),
  fc.stringMatching(/^(0x)?[0-9a-f]{1,40}$/),
  fc.ipV4(),
  fc.ipV6(),
  fc.uuid(),
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '007',
    '-0',
    '2025-10-23 10:30:00,5+02:00',
    'deadBEEF',
    'x',
    'y',
    'p',
    'q',
    '081109',
    'a then b',
    'c and d',
  ),
)

const messageOf = (store: TemplateStore) =>
  fc
    .tuple(fc.constantFrom(...store.templates), fc.array(VALUE, { minLength: 3, maxLength: 3 }))
    .map(([template, values]) => renderTemplate(template, values.slice(0, template.slots.length)))

let expanded: TemplateStore
beforeAll(async () => {
  expanded = await loadTemplateStore(join(import.meta.dirname, '../../configs/templates/expanded.json'))
})

describe('createTemplateFrameEncoder', () => {
  it('writes the frames of the straightforward encoder, byte for byte, whatever the prefix', () => {
    const matcher = createMatcher(OVERLAPPING)
    const prefixes = [twoByteHeader, checkedHeader, unevenHeader]
    const encoders = prefixes.map((prefix) => createTemplateFrameEncoder(matcher, prefix))
    let several = 0
    fc.assert(
      fc.property(messageOf(OVERLAPPING), fc.nat(2), (message, p) => {
        if (matcher.match(message).length > 1) several++
        expectFrames(
          encoders[p] as TemplateFrameEncoder,
          message,
          referenceFrame(matcher, message, prefixes[p] as Prefix),
        )
      }),
      { seed: 42, numRuns: 3000 },
    )
    // the property means something only if many messages have several templates to choose from
    expect(several).toBeGreaterThan(300)
  })

  it('writes the straightforward frames for specific templates and their twins (same slot specs, a slot for a word), whichever id is lower', () => {
    const date = { type: 'enum', values: ['Dec', 'Jan'], other: 'auto' }
    const level = { type: 'enum', values: ['notice', 'error'], other: 'auto' }
    const twins = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'twins',
        templates: [
          {
            id: 1,
            pattern: '[{0} {1}] [notice] {2} done in {3}',
            slots: [date, { type: 'integer' }, { type: 'auto' }, { type: 'auto' }],
          },
          {
            id: 2,
            pattern: '[{0} {1}] [{2}] {3} done in {4}',
            slots: [date, { type: 'integer' }, level, { type: 'auto' }, { type: 'auto' }],
          },
          // the twin first: the specific one, tried first as it has fewer slots, must win only by being strictly smaller
          {
            id: 3,
            pattern: '[{0} {1}] [{2}] {3} left in {4}',
            slots: [date, { type: 'integer' }, { type: 'enum', values: ['x'] }, { type: 'auto' }, { type: 'auto' }],
          },
          {
            id: 4,
            pattern: '[{0} {1}] [x] {2} left in {3}',
            slots: [date, { type: 'integer' }, { type: 'auto' }, { type: 'auto' }],
          },
          { id: 5, pattern: '{0} done in {1}', slots: [{ type: 'auto' }, { type: 'auto' }] },
        ],
      },
      'twins.json',
    )
    const matcher = createMatcher(twins)
    const word = fc.constantFrom('notice', 'error', 'x', 'warn')
    const value = fc.oneof(VALUE, fc.constantFrom('Dec', 'Jan', 'Feb'))
    const message = fc
      .tuple(value, fc.nat(99_999), word, value, value, fc.constantFrom('done', 'left'))
      .map(([d, n, w, a, b, verb]) => `[${d} ${n}] [${w}] ${a} ${verb} in ${b}`)
    let several = 0
    for (const prefix of [twoByteHeader, unevenHeader]) {
      const encoder = createTemplateFrameEncoder(matcher, prefix)
      fc.assert(
        fc.property(message, (m) => {
          if (matcher.match(m).length > 1) several++
          expectFrames(encoder, m, referenceFrame(matcher, m, prefix))
        }),
        { seed: 11, numRuns: 1500 },
      )
    }
    expect(several).toBeGreaterThan(500)
  })

  it('agrees with encodeBinarySemantic and the straightforward encoder on the expanded store', () => {
    const matcher = createMatcher(expanded)
    const encoder = createTemplateFrameEncoder(matcher, twoByteHeader)
    fc.assert(
      fc.property(messageOf(expanded), (message) => {
        const expected = referenceFrame(matcher, message, twoByteHeader)
        expectFrames(encoder, message, expected)
        const encoding = encodeBinarySemantic(matcher, message, { headerSizeBytes: (id) => twoByteHeader(id).length })
        expect(
          encoding === undefined
            ? undefined
            : {
                templateId: encoding.templateId,
                frame: concatBytes([twoByteHeader(encoding.templateId), encoding.body]),
              },
        ).toEqual(expected)
      }),
      { seed: 42, numRuns: 1500 },
    )
  })

  it('does not skip a later template that wins by one byte (the lower bounds are tight, never above the size)', () => {
    // each template takes one more ASCII character as literal text than the one before: one byte smaller
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'one-byte',
        templates: ['', 'a', 'ab', 'abc'].flatMap((literal, i) => [
          { id: 10 + i, pattern: `<${literal}{0}`, slots: [{ type: 'string' }] },
          { id: 20 + i, pattern: `[${literal}{0}|{1}`, slots: [{ type: 'string' }, { type: 'string' }] },
        ]),
      },
      'one-byte.json',
    )
    const matcher = createMatcher(store)
    const encoder = createTemplateFrameEncoder(matcher, twoByteHeader)
    fc.assert(
      fc.property(
        fc.constantFrom('<', '['),
        fc.string({ unit: fc.constantFrom('x', 'é', '7'), minLength: 1, maxLength: 20 }),
        (open, rest) => {
          const message = open === '<' ? `<abc${rest}` : `[abc${rest}|z`
          const expected = referenceFrame(matcher, message, twoByteHeader)
          expect(encoder.encode(message)).toEqual(expected)
        },
      ),
      { seed: 42, numRuns: 300 },
    )
    expect(encoder.encode('<abcxx')?.templateId).toBe(13)
    expect(encoder.encode('[abcxx|z')?.templateId).toBe(23)
  })

  it('keeps the smaller of two matching templates (149 over 170) and the body decodes back', () => {
    const encoder = createTemplateFrameEncoder(expanded, twoByteHeader)
    const message = 'Request req-8f3a2b completed in 120ms'
    expect(
      createMatcher(expanded)
        .match(message)
        .map((m) => m.template.id),
    ).toEqual([149, 170])
    const encoded = encoder.encode(message)
    expect(encoded?.templateId).toBe(149)
    expect(decodeTemplateBody(expanded.byId.get(149)!, encoded!.frame.subarray(2))).toBe(message)
  })

  it('asks for each prefix once and encodes nothing a store cannot represent', () => {
    const asked: number[] = []
    const encoder = createTemplateFrameEncoder(expanded, (id) => (asked.push(id), twoByteHeader(id)))
    for (let i = 0; i < 3; i++) encoder.encode('Processing request...')
    expect(asked).toEqual([160])
    expect(encoder.encode('Processing request...')?.frame).toEqual(Uint8Array.of(0x80, 160))
    expect(encoder.encode('Database query returned 1e3 results')).toBeUndefined()
    expect(encoder.encode('Invalid input: \uD800')).toBeUndefined()
    expect(encoder.encode('no template says this')).toBeUndefined()
  })
})
