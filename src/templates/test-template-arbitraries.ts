/**
 * Random templates, values and messages for the property tests of the compiled and generated templates
 * (template-compiled.test.ts, template-generated.test.ts). Test support only: not built into dist.
 */
import fc from 'fast-check'
import { parseTemplateStore, type SlotSpec, type TemplateStore } from './index.ts'

export const SPECS: SlotSpec[] = [
  { type: 'string' },
  { type: 'auto' },
  { type: 'integer' },
  { type: 'integer', width: 6 },
  { type: 'integer', width: 2 },
  { type: 'integer', width: 18 },
  { type: 'enum', values: ['x', 'y'] },
  { type: 'enum', values: ['x'] },
  { type: 'enum', values: ['x', 'y'], other: 'auto' },
  { type: 'enum', values: ['p'], other: 'integer' },
  { type: 'enum', values: ['p', 'q'], other: 'string' },
  { type: 'enum', values: ['x12', 'ab-3'], other: 'auto', similar: true },
  { type: 'decimal' },
  { type: 'hex' },
  { type: 'ipv4' },
  { type: 'ipv6' },
  { type: 'uuid' },
  { type: 'timestamp' },
]

/** Literal pieces, several of which also occur inside values (so the greedy split is often not the one the search takes). */
const PIECES = [' ', ':', ' then ', '|', '=', 'ms', '/', '-', '.', 'a', '0', 'é', '𝒜', ' [', '] ']
export const literal = (minLength: number, maxPieces = 3) =>
  fc.array(fc.constantFrom(...PIECES), { minLength, maxLength: maxPieces }).map((pieces) => pieces.join(''))

/** A pattern of 0-5 slots in a random text order, a non-empty literal between slots, any prefix and suffix. */
export const templateArb = templateArbOf(SPECS)

/** templateArb with its slots' specs drawn from `specs`, each literal of up to `maxPieces` pieces. */
export function templateArbOf(specs: readonly SlotSpec[], maxPieces = 3) {
  return fc
    .integer({ min: 0, max: 5 })
    .chain((slots) =>
      fc.tuple(
        literal(0, maxPieces),
        fc.array(literal(1, maxPieces), { minLength: Math.max(slots - 1, 0), maxLength: Math.max(slots - 1, 0) }),
        literal(0, maxPieces),
        fc.shuffledSubarray(
          Array.from({ length: slots }, (_, i) => i),
          { minLength: slots, maxLength: slots },
        ),
        fc.array(fc.constantFrom(...specs), { minLength: slots, maxLength: slots }),
      ),
    )
    .map(([prefix, between, suffix, order, slots]) => {
      let pattern = prefix
      order.forEach((slot, k) => {
        pattern += `${k > 0 ? between[k - 1] : ''}{${slot}}`
      })
      return { pattern: pattern + suffix, slots }
    })
}

export const VALUE = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ab0129 .:-|=xypq'), minLength: 1, maxLength: 8 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.integer({ min: -5000, max: 5000 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.stringMatching(/^[+-]?0{0,3}\d{1,18}(\.\d{1,4})?$/),
  fc.stringMatching(/^[0-9a-f]{1,12}$/),
  fc.ipV4(),
  fc.ipV6(),
  fc.uuid(),
  fc.constantFrom(
    '007',
    'x12',
    'x47',
    'ab-9',
    '-0',
    '+5',
    '081109',
    '06',
    'x',
    'y',
    'p',
    'q',
    '2025-10-23T10:30:00Z',
    'DEAD',
    'a then b',
    '\ud800',
  ),
)

export function storeOf(templates: readonly { pattern: string; slots: SlotSpec[] }[]): TemplateStore {
  return parseTemplateStore(
    {
      format: 'aura-template-store',
      version: 1,
      name: 'random',
      templates: templates.map((t, i) => ({ id: i + 1, pattern: t.pattern, slots: t.slots })),
    },
    'random.json',
  )
}

/** Where to cut one unit out of a message, one time in three (mostly a literal's unit: a refusal). */
export const cut = fc.option(fc.nat(), { freq: 2 })
export const cutAt = (message: string, at: number | null): string =>
  at === null || message.length === 0
    ? message
    : message.slice(0, at % message.length) + message.slice((at % message.length) + 1)

export const prefixOf = (id: number): Uint8Array => Uint8Array.of(0x80 | (id >> 8), id & 0xff)
