import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AuraError, FrameError } from '../core/index.ts'
import {
  decodeTemplateBody,
  encodeTemplateBody,
  parseTemplateStore,
  toTemplateStoreJson,
  type Template,
} from './index.ts'

function store(slots: unknown[], pattern = '<{0}|{1}>') {
  return parseTemplateStore(
    { format: 'aura-template-store', version: 1, name: 's', templates: [{ id: 1, pattern, slots }] },
    'test.json',
  )
}

function template(slot: unknown): { notLast: Template; last: Template } {
  return {
    notLast: store([slot, { type: 'string' }]).byId.get(1) as Template,
    last: store([slot], '<{0}>').byId.get(1) as Template,
  }
}

function roundTrip(t: { notLast: Template; last: Template }, value: string): number | undefined {
  const body = encodeTemplateBody(t.notLast, [value, 'x'])
  const lastBody = encodeTemplateBody(t.last, [value])
  expect(lastBody === undefined).toBe(body === undefined)
  if (body === undefined || lastBody === undefined) return undefined
  expect(decodeTemplateBody(t.notLast, body)).toBe(`<${value}|x>`)
  expect(decodeTemplateBody(t.last, lastBody)).toBe(`<${value}>`)
  return lastBody.length
}

describe('fixed-width integer slots', () => {
  const width2 = template({ type: 'integer', width: 2 })

  it('send only the magnitude of zero-padded numbers', () => {
    expect(roundTrip(width2, '06')).toBe(1)
    expect(roundTrip(width2, '00')).toBe(1)
    expect(roundTrip(width2, '59')).toBe(1)
  })

  it('refuse other widths, signs and non-digits', () => {
    for (const value of ['6', '006', '-6', '+6', 'ab', '1.5']) expect(roundTrip(width2, value), value).toBeUndefined()
  })

  it('round-trip any digit string of their width, very long ones included', () => {
    const width40 = template({ type: 'integer', width: 40 })
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 40, maxLength: 40 }), (digits) => {
        expect(roundTrip(width40, digits)).toBeDefined()
      }),
      { seed: 42, numRuns: 200 },
    )
  })

  it('reject a body whose number is wider than the slot', () => {
    expect(() => decodeTemplateBody(width2.last, Uint8Array.of(0x80, 0x01))).toThrow(FrameError)
  })
})

describe('enum slots with an `other` type', () => {
  const open = template({ type: 'enum', values: ['INFO', 'WARN'], other: 'auto' })

  it('send a listed value as one byte and any other value after an escape', () => {
    expect(roundTrip(open, 'INFO')).toBe(1)
    expect(roundTrip(open, 'WARN')).toBe(1)
    expect(roundTrip(open, '12')).toBe(2)
    expect(roundTrip(open, 'ERROR')).toBeGreaterThan(1)
  })

  it('round-trip any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (value) => {
        expect(roundTrip(open, value)).toBeDefined()
      }),
      { seed: 42, numRuns: 300 },
    )
  })

  it('still refuse what their other type refuses', () => {
    const integers = template({ type: 'enum', values: ['n/a'], other: 'integer' })
    expect(roundTrip(integers, 'n/a')).toBe(1)
    expect(roundTrip(integers, '-17')).toBeDefined()
    expect(roundTrip(integers, 'none')).toBeUndefined()
  })

  it('reject an index past the list', () => {
    expect(() => decodeTemplateBody(open.last, Uint8Array.of(3))).toThrow(FrameError)
  })
})

describe('store validation of the new slot keys', () => {
  it('writes and reads them back', () => {
    const s = store([
      { type: 'integer', width: 3 },
      { type: 'enum', values: ['a'], other: 'string' },
    ])
    const again = parseTemplateStore(toTemplateStoreJson(s), 'again.json')
    expect(again.templates[0]?.slots).toEqual([
      { type: 'integer', width: 3 },
      { type: 'enum', values: ['a'], other: 'string' },
    ])
    expect(again.fingerprint).toBe(s.fingerprint)
  })

  it('lists every misuse with its field', () => {
    let caught: unknown
    try {
      store(
        [
          { type: 'string', width: 2 },
          { type: 'integer', width: 0, other: 'string' },
        ],
        '<{0}|{1}>',
      )
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(AuraError)
    const fields = (caught as AuraError).issues.map((issue) => issue.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'templates[0].slots[0].width',
        'templates[0].slots[1].width',
        'templates[0].slots[1].other',
      ]),
    )
    expect(() => store([{ type: 'enum', values: ['a'], other: 'enum' }, { type: 'string' }])).toThrow(
      /"other" is the type of values not listed/,
    )
  })

  it('reads stores written before these keys existed unchanged', () => {
    const old = store([{ type: 'integer' }, { type: 'enum', values: ['x', 'y'] }])
    expect(old.templates[0]?.slots).toEqual([{ type: 'integer' }, { type: 'enum', values: ['x', 'y'] }])
    expect(encodeTemplateBody(old.byId.get(1) as Template, ['7', 'y'])).toEqual(Uint8Array.of(14, 1))
  })
})
