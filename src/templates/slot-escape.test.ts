/**
 * Typed slots with `other: "auto"` (issue 12, D5 of the s30 trial: a value slot must accept any token,
 * not only the type seen in training): a value of the type is written exactly as the typed slot writes
 * it; any other value after an escape the type never writes, then as an auto slot writes it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ESCAPABLE_SLOT_TYPES, parseTemplateStore, type SlotSpec, type Template } from './index.ts'
import { decodeTemplateBody, encodeTemplateBody } from './index.ts'
import { createSlotCodec } from './slot-codecs.ts'
import { SlotEncoding } from './slot-encoding.ts'

/** A value of each type, and what its typed encoding costs. */
const TYPED_VALUES: Record<(typeof ESCAPABLE_SLOT_TYPES)[number], readonly string[]> = {
  integer: ['0', '7', '-12', '0042', '123456789012345678901234567890'],
  decimal: ['0.5', '-12.250', '3.14159'],
  timestamp: ['2026-12-06', '2026-12-06T13:05:56Z', '2026-12-06 13:05:56,123'],
  uuid: ['6a3ced55-2fc9-a2fb-84ff-3ea2f936e801', '6A3CED55-2FC9-A2FB-84FF-3EA2F936E801'],
  ipv4: ['10.0.0.7', '192.168.1.254', '255.255.255.255', '1.2.3.4'],
  ipv6: ['fe80::1', '2001:db8::7', '::', '::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  hex: ['deadbeef', '0xFF', '0a'],
}

const FOREIGN = ['LOCAL(0)', 'server.example', 'fe80::1', '10.0.0.7', 'x', '0.0.0.0', '0.1.2.3', 'ünïcode ✓', '-']

function encoded(spec: SlotSpec, value: string, last: boolean): Uint8Array | undefined {
  const out = new SlotEncoding()
  if (!createSlotCodec(spec).encode(value, last, out)) return undefined
  const bytes = new Uint8Array(out.sizeBytes())
  out.write(bytes, 0)
  return bytes
}

function template(spec: SlotSpec): { last: Template; notLast: Template } {
  const store = parseTemplateStore(
    {
      format: 'aura-template-store',
      version: 1,
      name: 'escape',
      templates: [
        { id: 1, pattern: '<{0}>', slots: [spec] },
        { id: 2, pattern: '<{0}|{1}>', slots: [spec, { type: 'string' }] },
      ],
    },
    'escape.json',
  )
  return { last: store.byId.get(1) as Template, notLast: store.byId.get(2) as Template }
}

const SPECS: SlotSpec[] = [
  ...ESCAPABLE_SLOT_TYPES.map((type) => ({ type, other: 'auto' }) as SlotSpec),
  { type: 'integer', width: 2, other: 'auto' },
  { type: 'integer', width: 6, other: 'auto' },
]

describe('a typed slot with other: "auto"', () => {
  it('writes a value of its type exactly as the typed slot does (no byte more), except an IPv4 address 0.x.x.x', () => {
    for (const type of ESCAPABLE_SLOT_TYPES)
      for (const value of TYPED_VALUES[type])
        for (const last of [false, true])
          expect(encoded({ type, other: 'auto' } as SlotSpec, value, last), `${type} ${value}`).toEqual(
            encoded({ type } as SlotSpec, value, last),
          )
    expect(encoded({ type: 'integer', width: 6, other: 'auto' }, '081109', false)).toEqual(
      encoded({ type: 'integer', width: 6 }, '081109', false),
    )
  })

  it('takes any other token: the escape, then the value as an auto slot writes it', () => {
    // the escape costs 1 byte (ipv4, uuid, hex, timestamp, fixed width 2) or 2 (integer, decimal, ipv6)
    const auto = (value: string, last: boolean): number => (encoded({ type: 'auto' }, value, last) as Uint8Array).length
    const cost = (spec: SlotSpec, value: string): number => (encoded(spec, value, false) as Uint8Array).length
    expect(cost({ type: 'ipv4', other: 'auto' }, 'LOCAL(0)')).toBe(1 + auto('LOCAL(0)', false))
    expect(cost({ type: 'ipv4', other: 'auto' }, 'fe80::1')).toBe(1 + auto('fe80::1', false))
    expect(cost({ type: 'ipv4', other: 'auto' }, '0.1.2.3')).toBe(1 + auto('0.1.2.3', false))
    expect(cost({ type: 'uuid', other: 'auto' }, 'none')).toBe(1 + auto('none', false))
    expect(cost({ type: 'hex', other: 'auto' }, 'none')).toBe(1 + auto('none', false))
    expect(cost({ type: 'timestamp', other: 'auto' }, 'never')).toBe(1 + auto('never', false))
    expect(cost({ type: 'integer', width: 2, other: 'auto' }, '-')).toBe(1 + auto('-', false))
    expect(cost({ type: 'integer', other: 'auto' }, 'n/a')).toBe(2 + auto('n/a', false))
    expect(cost({ type: 'decimal', other: 'auto' }, 'NaN')).toBe(2 + auto('NaN', false))
    expect(cost({ type: 'ipv6', other: 'auto' }, '10.0.0.7')).toBe(2 + auto('10.0.0.7', false))
    // without other, the same values are refused (what the matcher did with them)
    expect(encoded({ type: 'ipv4' }, 'LOCAL(0)', false)).toBeUndefined()
    expect(encoded({ type: 'ipv4' }, 'fe80::1', false)).toBeUndefined()
  })

  it('round-trips every value, of its type or not, last or not', () => {
    for (const spec of SPECS) {
      const { last, notLast } = template(spec)
      const typed = spec.type === 'integer' && 'width' in spec && spec.width !== undefined ? ['06', '081109'] : []
      const values = [...FOREIGN, ...typed, ...(TYPED_VALUES[spec.type as keyof typeof TYPED_VALUES] ?? [])]
      for (const value of values) {
        expect(decodeTemplateBody(last, encodeTemplateBody(last, [value]) as Uint8Array), `${spec.type} ${value}`).toBe(
          `<${value}>`,
        )
        expect(decodeTemplateBody(notLast, encodeTemplateBody(notLast, [value, 'z']) as Uint8Array)).toBe(
          `<${value}|z>`,
        )
      }
    }
  })

  it('round-trips any non-empty text (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPECS),
        fc
          .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
          .filter((s) => !s.includes('|') && !s.includes('>')),
        (spec, value) => {
          const { last, notLast } = template(spec)
          expect(decodeTemplateBody(last, encodeTemplateBody(last, [value]) as Uint8Array)).toBe(`<${value}>`)
          expect(decodeTemplateBody(notLast, encodeTemplateBody(notLast, [value, 'z']) as Uint8Array)).toBe(
            `<${value}|z>`,
          )
        },
      ),
      { seed: 31, numRuns: 300 },
    )
  })

  it('is refused on slots that take any text already, and with another value than auto, naming the field', () => {
    const store = (slot: unknown): unknown =>
      parseTemplateStore(
        {
          format: 'aura-template-store',
          version: 1,
          name: 'x',
          templates: [{ id: 1, pattern: '<{0}>', slots: [slot] }],
        },
        'x.json',
      )
    const fields = (slot: unknown): unknown => {
      try {
        store(slot)
      } catch (error) {
        return (error as { issues: { field: string }[] }).issues.map((issue) => issue.field)
      }
      return []
    }
    expect(fields({ type: 'string', other: 'auto' })).toEqual(['templates[0].slots[0].other'])
    expect(fields({ type: 'auto', other: 'auto' })).toEqual(['templates[0].slots[0].other'])
    expect(fields({ type: 'ipv4', other: 'auto' })).toEqual([])
    expect(() => store({ type: 'ipv4', other: 'string' })).toThrow(/"other" on a "ipv4" slot is "auto"/)
    expect(() => store({ type: 'ipv4', similar: true })).toThrow(/"similar" only applies to slots of type "enum"/)
  })
})
