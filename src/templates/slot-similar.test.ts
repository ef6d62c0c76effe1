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

function template(slot: unknown, last: boolean): Template {
  const pattern = last ? '<{0}>' : '<{0}|{1}>'
  const slots = last ? [slot] : [slot, { type: 'string' }]
  return parseTemplateStore(
    { format: 'aura-template-store', version: 1, name: 's', templates: [{ id: 1, pattern, slots }] },
    'test.json',
  ).byId.get(1) as Template
}

/** Body size of the value in the slot (last and not last), after checking both round-trip; undefined when refused. */
function size(slot: unknown, value: string): number | undefined {
  const [inner, last] = [template(slot, false), template(slot, true)]
  const body = encodeTemplateBody(inner, [value, 'x'])
  const lastBody = encodeTemplateBody(last, [value])
  expect(lastBody === undefined).toBe(body === undefined)
  if (body === undefined || lastBody === undefined) return undefined
  expect(decodeTemplateBody(inner, body)).toBe(`<${value}|x>`)
  expect(decodeTemplateBody(last, lastBody)).toBe(`<${value}>`)
  return lastBody.length
}

const hosts = ['proxy.cse.cuhk.edu.hk', 'client-lb.dropbox.com', 'www.baidu.com']
const open = { type: 'enum', values: hosts, other: 'auto' }
const similar = { ...open, similar: true }

describe('enum slots with similar edits', () => {
  it('send a new host that shares a suffix with a listed one as an edit, not whole', () => {
    // escape: 1 + auto head + 17 bytes; edit: head, prefix 0, suffix 12, length 5, `block`
    expect(size(open, 'block.dropbox.com')).toBe(19)
    expect(size(similar, 'block.dropbox.com')).toBe(9)
    expect(size(similar, 'timg.baidu.com')).toBe(8)
  })

  it('send a date of the listed shape as the difference of its digits', () => {
    const date = { type: 'enum', values: ['10.30'], other: 'auto' }
    expect(size(date, '07.27')).toBe(6)
    // head 2 (shape edit of value 0), zigzag(727 - 1030) = 605: 2 bytes
    expect(size({ ...date, similar: true }, '07.27')).toBe(3)
    const hour = { type: 'enum', values: ['20171223-22'], other: 'auto', similar: true }
    expect(size(hour, '20171224-03')).toBe(3)
  })

  it('cost what the plain open enum costs for listed values and values no edit shortens', () => {
    for (const value of [...hosts, 'x', 'unrelated', '42', '7.5', '\u00e9t\u00e9'])
      expect(size(similar, value), value).toBe(size(open, value))
  })

  it('round-trip any text, never larger than the plain open enum', () => {
    const listed = ['10.30', 'abc\u00e9def', 'a\u{1f600}b', '0', 'x-1-y']
    const plain = { type: 'enum', values: listed, other: 'auto' }
    const text = fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(...'0123456789.-abxy\u00e9'), minLength: 1, maxLength: 8 }),
      fc
        .tuple(fc.constantFrom(...listed), fc.string({ maxLength: 3 }), fc.nat(6), fc.nat(6))
        .map(([value, middle, cut, keep]) => value.slice(0, cut) + middle + value.slice(value.length - keep)),
    )
    fc.assert(
      fc.property(text, (value) => {
        const before = size(plain, value)
        const after = size({ ...plain, similar: true }, value)
        expect(after === undefined).toBe(before === undefined)
        if (after !== undefined) expect(after).toBeLessThanOrEqual(before as number)
      }),
      { seed: 12, numRuns: 1500 },
    )
  })

  it('refuse bodies whose edit does not fit its listed value', () => {
    const last = template(similar, true)
    // affix edit of value 0 (head 7) with a prefix longer than the value
    expect(() => decodeTemplateBody(last, Uint8Array.of(7, 40, 0, 0))).toThrow(FrameError)
    // head above 3 x 3 values
    expect(() => decodeTemplateBody(last, Uint8Array.of(10))).toThrow(FrameError)
    // shape edit of a value without digits
    expect(() => decodeTemplateBody(last, Uint8Array.of(4, 0))).toThrow(FrameError)
    // shape edit that leaves the digits' width
    const date = template({ type: 'enum', values: ['10.30'], other: 'auto', similar: true }, true)
    expect(() => decodeTemplateBody(date, Uint8Array.of(2, 0x80, 0x80, 0x02))).toThrow(FrameError)
  })

  it('keep the flag through the store file, and it changes the fingerprint', () => {
    const file = (slot: unknown) =>
      parseTemplateStore(
        {
          format: 'aura-template-store',
          version: 1,
          name: 's',
          templates: [{ id: 1, pattern: '<{0}>', slots: [slot] }],
        },
        'test.json',
      )
    const store = file(similar)
    const again = parseTemplateStore(JSON.parse(JSON.stringify(toTemplateStoreJson(store))), 'again.json')
    expect(again.templates[0]?.slots[0]).toEqual(similar)
    expect(again.fingerprint).toBe(store.fingerprint)
    expect(file(open).fingerprint).not.toBe(store.fingerprint)
    // `false` is the default and is not written back
    expect(file({ ...open, similar: false }).templates[0]?.slots[0]).toEqual(open)
  })

  it('are refused in a store beside an other that does not take any text', () => {
    expect(() => template({ type: 'enum', values: ['a'], other: 'integer', similar: true }, true)).toThrow(AuraError)
    expect(() => template({ type: 'enum', values: ['a'], similar: true }, true)).toThrow(AuraError)
    expect(() => template({ type: 'string', similar: true }, true)).toThrow(AuraError)
    expect(() => template({ ...open, similar: 'yes' }, true)).toThrow(AuraError)
  })
})
