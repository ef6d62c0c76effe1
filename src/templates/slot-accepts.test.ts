/**
 * `acceptsRange` is documented as "true when encodeRange would succeed" (slot-codecs.ts). The matcher
 * (matcher-split.ts) and discovery's verification of a lone match (discovery-verify.ts, round s41-jtime)
 * ask it instead of encoding, so a codec whose acceptsRange said yes where encodeRange says no would
 * let a template claim messages it cannot encode (inflated coverage, stores kept on false evidence),
 * and one that said no where encodeRange says yes would drop matches. Pinned here on random ranges of
 * random text for every kind of slot (round s41-rev3 F6).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SlotEncoding } from './slot-encoding.ts'
import { createSlotCodec } from './slot-codecs.ts'
import type { SlotSpec } from './store-types.ts'

const SPECS: readonly SlotSpec[] = [
  { type: 'auto' },
  { type: 'string' },
  { type: 'json' },
  { type: 'json', keys: ['id', 'name', 'a'] },
  { type: 'integer' },
  { type: 'integer', width: 4 },
  { type: 'integer', other: 'auto' },
  { type: 'integer', width: 2, other: 'auto' },
  { type: 'decimal' },
  { type: 'decimal', other: 'auto' },
  { type: 'timestamp' },
  { type: 'timestamp', other: 'auto' },
  { type: 'uuid' },
  { type: 'uuid', other: 'auto' },
  { type: 'ipv4' },
  { type: 'ipv4', other: 'auto' },
  { type: 'ipv6' },
  { type: 'ipv6', other: 'auto' },
  { type: 'hex' },
  { type: 'hex', other: 'auto' },
  { type: 'enum', values: ['GET', 'POST', '0', 'ünï ✓'] },
  { type: 'enum', values: ['GET', 'POST'], other: 'auto' },
  { type: 'enum', values: ['GET', 'POST'], other: 'string' },
  { type: 'enum', values: ['GET', 'POST'], other: 'integer' },
  { type: 'enum', values: ['worker-1', 'worker-22'], other: 'auto', similar: true },
  { type: 'enum', values: ['worker-1', 'worker-22'], other: 'string', similar: true },
]

/** Pieces that make every kind's values and near misses: digits, hex, separators, JSON, lone surrogates. */
const PIECES = [
  '0',
  '7',
  '42',
  '-',
  '.',
  ':',
  'a',
  'F',
  'ff',
  ' ',
  'GET',
  'POST',
  'worker-',
  '2026-12-07T19:40:52Z',
  '2026-12-07 19:40:52.123',
  '10.0.0.7',
  '0.1.2.3',
  'fe80::1',
  '123e4567-e89b-12d3-a456-426614174000',
  '{"id":1}',
  '{"a":',
  '}',
  '[',
  ']',
  '"',
  '\\',
  'ünï ✓',
  '😀',
  '\ud800',
  '\udc00',
  '\n',
]

const TEXT = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join(''))

/** A text and a range of it, often the whole text, sometimes empty or cut through a surrogate pair. */
const RANGE = TEXT.chain((text) =>
  fc.oneof(
    fc.constant({ text, start: 0, end: text.length }),
    fc
      .tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length }))
      .map(([a, b]) => ({ text, start: Math.min(a, b), end: Math.max(a, b) })),
  ),
)

describe('acceptsRange agrees with encodeRange', () => {
  for (const spec of SPECS) {
    it(JSON.stringify(spec), () => {
      const codec = createSlotCodec(spec)
      const out = new SlotEncoding()
      fc.assert(
        fc.property(RANGE, fc.boolean(), ({ text, start, end }, last) => {
          const accepted = codec.acceptsRange(text, start, end)
          const encoded = codec.encodeRange(text, start, end, last, out.reset())
          expect(accepted).toBe(encoded)
        }),
        { seed: 41, numRuns: 600 },
      )
    })
  }

  it('deeply nested JSON text: accepted exactly when encoded (json and auto slots)', () => {
    for (const spec of [{ type: 'json' }, { type: 'auto' }, { type: 'string' }] as const) {
      const codec = createSlotCodec(spec)
      for (const depth of [1, 64, 2_000]) {
        const text = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
        for (const [start, end] of [
          [0, text.length],
          [0, 0],
          [5, text.length - 1],
        ] as const) {
          const out = new SlotEncoding()
          expect(codec.acceptsRange(text, start, end)).toBe(codec.encodeRange(text, start, end, true, out))
          expect(codec.acceptsRange(text, start, end)).toBe(codec.encodeRange(text, start, end, false, out.reset()))
        }
      }
    }
  })
})
