import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ENUM_LIST_BYTES_PER_MESSAGE,
  enumListBytes,
  inferSlotSpec,
  MAX_ENUM_VALUES,
  meanSizeBytes,
  TYPED_CANDIDATES,
} from './discovery-slots.ts'
import { createSlotCodec, preparedSizeBytes } from './slot-codecs.ts'
import type { SlotSpec } from './store-types.ts'

describe('inferSlotSpec', () => {
  it('lists enum values by descending count, ties in first-seen order', () => {
    const values = [
      'gamma',
      'alpha',
      'beta',
      'delta',
      'alpha',
      'beta',
      'alpha',
      'beta',
      'gamma',
      'delta',
      'beta',
      'alpha',
      'alpha',
      'beta',
      'epsilon',
      'epsilon',
      'epsilon',
    ]
    expect(inferSlotSpec(values, false)).toEqual({
      type: 'enum',
      values: ['alpha', 'beta', 'epsilon', 'gamma', 'delta'],
      other: 'auto',
      similar: true,
    })
  })
})

describe('enum list budget', () => {
  it("counts a list as its values' UTF-8 bytes, quotes and comma each", () => {
    expect(enumListBytes(['ab', 'é'])).toBe(2 + 3 + 2 + 3)
  })

  it('types a slot whose repeated values would list more than the budget per message, lists short ones', () => {
    // two 1 KB values, each seen 10 times: an enum would code them in 1 byte, but its list costs 2 KB for 20 messages
    const long = ['a', 'b'].flatMap((c) => Array.from({ length: 10 }, () => c.repeat(1000)))
    expect(enumListBytes(new Set(long))).toBeGreaterThan(long.length * ENUM_LIST_BYTES_PER_MESSAGE)
    expect(inferSlotSpec(long, false)).toEqual({ type: 'auto' })
    const short = ['a', 'b'].flatMap((c) => Array.from({ length: 10 }, () => c.repeat(20)))
    expect(inferSlotSpec(short, false).type).toBe('enum')
  })
})

const SPECS: readonly SlotSpec[] = [
  { type: 'integer' },
  { type: 'integer', width: 3 },
  { type: 'decimal' },
  { type: 'timestamp' },
  { type: 'uuid' },
  { type: 'ipv4' },
  { type: 'ipv6' },
  { type: 'hex' },
  { type: 'string' },
  { type: 'auto' },
  { type: 'enum', values: ['GET', 'POST'], other: 'auto' },
]

/** Values of the shapes the typed slots take, and any text (multi-byte UTF-8 included). */
const SHAPES = [
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.uuid(),
  fc.ipV4(),
  fc.ipV6(),
  fc.stringMatching(/^[0-9a-f]{1,40}$/),
  fc.constantFrom('GET', 'POST'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
]
/** Mostly one shape per array (so typed specs accept the whole array often), now and then any other. */
const slotValues = fc
  .nat({ max: SHAPES.length - 1 })
  .chain((shape) =>
    fc.array(
      fc.oneof(
        { weight: 9, arbitrary: SHAPES[shape] as fc.Arbitrary<string> },
        { weight: 1, arbitrary: fc.oneof(...SHAPES) },
      ),
      { maxLength: 12 },
    ),
  )

describe('meanSizeBytes', () => {
  it('is the mean preparedSizeBytes of each value prepared alone (undefined when one is refused)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SPECS), slotValues, fc.boolean(), (spec, values, last) => {
        const codec = createSlotCodec(spec)
        const sizes = values.map((value) => codec.prepare(value, last))
        const expected = sizes.some((prepared) => prepared === undefined)
          ? undefined
          : values.length === 0
            ? 0
            : sizes.reduce((sum, prepared) => sum + preparedSizeBytes(prepared!), 0) / values.length
        expect(meanSizeBytes(spec, values, last)).toBe(expected)
      }),
      { seed: 42, numRuns: 2000 },
    )
  })
})

describe('the typed spec of a slot of many values', () => {
  /** More distinct values than an enum lists (inferSlotSpec then takes the cheapest typed spec), some repeated. */
  const manyValues = fc
    .nat({ max: SHAPES.length - 1 })
    .chain((shape) =>
      fc.tuple(
        fc.uniqueArray(
          fc.oneof(
            { weight: 9, arbitrary: SHAPES[shape] as fc.Arbitrary<string> },
            { weight: 1, arbitrary: fc.oneof(...SHAPES) },
          ),
          { minLength: MAX_ENUM_VALUES + 1, maxLength: MAX_ENUM_VALUES + 40 },
        ),
        fc.array(fc.nat(), { maxLength: 60 }),
      ),
    )
    .map(([distinct, repeats]) => [...distinct, ...repeats.map((r) => distinct[r % distinct.length] as string)])

  it('is the first spec of strictly smallest mean size, every candidate weighed on every value (round s42-jtime stops weighing one once it reaches the best)', () => {
    fc.assert(
      fc.property(manyValues, fc.boolean(), (values, last) => {
        const first = values[0] as string
        const padded =
          /^\d+$/.test(first) &&
          values.some((v) => v.length > 1 && v.startsWith('0')) &&
          values.every((v) => v.length === first.length && /^\d+$/.test(v))
        const candidates: SlotSpec[] = [
          ...(padded ? [{ type: 'integer', width: first.length } as SlotSpec] : []),
          ...TYPED_CANDIDATES.map((type) => ({ type }) as SlotSpec),
        ]
        let best: { spec: SlotSpec; size: number } | undefined
        for (const spec of candidates) {
          const size = meanSizeBytes(spec, values, last)
          if (size !== undefined && (best === undefined || size < best.size)) best = { spec, size }
        }
        const spec = best?.spec ?? ({ type: 'auto' } as SlotSpec)
        const bare =
          spec.type === 'auto' ||
          spec.type === 'string' ||
          (spec.type === 'integer' && spec.width !== undefined && spec.width > 15)
        expect(inferSlotSpec(values, last)).toEqual(bare ? spec : { ...spec, other: 'auto' })
      }),
      { seed: 42, numRuns: 300 },
    )
  })
})
