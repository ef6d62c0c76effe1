import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteWriter } from '../core/index.ts'
import {
  SLOT_TYPES,
  decodeTemplateBody,
  encodeBinarySemantic,
  encodeTemplateBody,
  parseTemplateStore,
  type SlotSpec,
  type SlotType,
  type Template,
} from './index.ts'
import { SlotEncoding } from './slot-encoding.ts'
import { ipv4Octets } from './slot-kind.ts'
import { createSlotCodec } from './slot-codecs.ts'
import { packHead, writeHead } from './varint-heads.ts'

const ENUM_VALUES = ['healthy', 'degraded', 'down', '0', 'ünïcode ✓']

/** A one-store template per slot type: the slot under test is placeholder 0, last (`<{0}>`) or not (`<{0}|{1}>`). */
function templatesFor(type: SlotType): { last: Template; notLast: Template } {
  const slot = type === 'enum' ? { type, values: ENUM_VALUES } : { type }
  const store = parseTemplateStore(
    {
      format: 'aura-template-store',
      version: 1,
      name: `slot-${type}`,
      templates: [
        { id: 1, pattern: '<{0}>', slots: [slot] },
        { id: 2, pattern: '<{0}|{1}>', slots: [slot, { type: 'string' }] },
      ],
    },
    'test.json',
  )
  return { last: store.byId.get(1) as Template, notLast: store.byId.get(2) as Template }
}

const TEMPLATES = Object.fromEntries(SLOT_TYPES.map((type) => [type, templatesFor(type)])) as Record<
  SlotType,
  ReturnType<typeof templatesFor>
>

/** Encodes a value in both positions; undefined when refused. Checks refusal is the same in both and decoding is exact. */
function roundTrip(type: SlotType, value: string): number | undefined {
  const { last, notLast } = TEMPLATES[type]
  const body = encodeTemplateBody(last, [value])
  const bodyNotLast = encodeTemplateBody(notLast, [value, 'x'])
  expect(bodyNotLast === undefined).toBe(body === undefined)
  if (body === undefined || bodyNotLast === undefined) return undefined
  expect(decodeTemplateBody(last, body)).toBe(`<${value}>`)
  expect(decodeTemplateBody(notLast, bodyNotLast)).toBe(`<${value}|x>`)
  return body.length
}

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })
const pad = (value: number, width: number) => String(value).padStart(width, '0')

const timestampArb = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    time: fc.option(
      fc.record({
        separator: fc.constantFrom('T', 't', ' '),
        hours: fc.integer({ min: 0, max: 23 }),
        minutes: fc.integer({ min: 0, max: 59 }),
        seconds: fc.option(
          fc.record({
            value: fc.integer({ min: 0, max: 59 }),
            fraction: fc.option(fc.tuple(fc.constantFrom('.', ','), digits(1, 32))),
          }),
        ),
        zone: fc.option(
          fc.oneof(
            fc.constantFrom('Z', 'z'),
            fc.tuple(
              fc.constantFrom('+', '-'),
              fc.integer({ min: 0, max: 23 }),
              fc.integer({ min: 0, max: 59 }),
              fc.constantFrom(':', '', 'hours'),
            ),
          ),
        ),
      }),
    ),
  })
  .map(({ year, month, day, time }) => {
    let text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
    if (time === null) return text
    text += `${time.separator}${pad(time.hours, 2)}:${pad(time.minutes, 2)}`
    if (time.seconds !== null) {
      text += `:${pad(time.seconds.value, 2)}`
      if (time.seconds.fraction !== null) text += time.seconds.fraction.join('')
    }
    const zone = time.zone
    if (zone === null) return text
    if (typeof zone === 'string') return text + zone
    const [sign, hours, minutes, style] = zone
    return text + sign + pad(hours, 2) + (style === 'hours' ? '' : style + pad(minutes, 2))
  })

const hexDigit = (upper: boolean) => fc.constantFrom(...(upper ? '0123456789ABCDEF' : '0123456789abcdef'))
const uuidArb = fc
  .boolean()
  .chain((upper) =>
    fc
      .tuple(...[8, 4, 4, 4, 12].map((n) => fc.string({ unit: hexDigit(upper), minLength: n, maxLength: n })))
      .map((parts) => parts.join('-')),
  )

describe('slot encodings round-trip byte-exactly or refuse', () => {
  it('any Unicode value through every slot type', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF+-.:,TtZz x'), maxLength: 40 }),
      fc.constantFrom(...ENUM_VALUES),
    )
    fc.assert(
      fc.property(value, (v) => {
        for (const type of SLOT_TYPES) roundTrip(type, v)
      }),
      { seed: 42, numRuns: 400 },
    )
  })

  it('a value read in place (a range of a longer text) encodes and is accepted as the value alone', () => {
    const specs: SlotSpec[] = [
      ...SLOT_TYPES.map((type): SlotSpec => (type === 'enum' ? { type, values: ENUM_VALUES } : { type })),
      { type: 'integer', width: 3 },
      { type: 'enum', values: ENUM_VALUES, other: 'auto' },
      { type: 'enum', values: ['9x', 'x.'], other: 'integer' },
    ]
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF+-.:,TtZz x'), maxLength: 40 }),
      fc.constantFrom(...ENUM_VALUES, '123', '10.0.0.1', '0x1F', '1.5', 'x'),
    )
    fc.assert(
      fc.property(
        value,
        fc.boolean(),
        fc.constantFrom(['9', '.'], ['x', '5'], ['\ud800', '\udc00']),
        (v, last, [before, after]) => {
          // neighbours that would extend a number, an address or an enum value, or pair with a surrogate at an end
          const text = `${before}${v}${after}`
          for (const spec of specs) {
            const codec = createSlotCodec(spec)
            const whole = codec.prepare(v, last)
            const ranged = new SlotEncoding()
            const taken = codec.encodeRange(text, 1, 1 + v.length, last, ranged)
            expect(taken).toBe(whole !== undefined)
            if (taken) expect(ranged.toPrepared()).toEqual(whole)
            expect(codec.acceptsRange(text, 1, 1 + v.length)).toBe(taken)
          }
        },
      ),
      { seed: 42, numRuns: 1500 },
    )
  })

  it('hex takes what /^(0[xX])?([0-9a-fA-F]+)$/ in one letter case took (its loop replaced that regex)', () => {
    const hex = createSlotCodec({ type: 'hex' })
    const reference = (v: string): boolean => {
      const parts = /^(0[xX])?([0-9a-fA-F]+)$/.exec(v)
      return parts !== null && !(/[a-f]/.test(parts[2] as string) && /[A-F]/.test(parts[2] as string))
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0xX19afAFg-'), maxLength: 12 }), (v) => {
        expect(hex.prepare(v, false) !== undefined).toBe(reference(v))
      }),
      { seed: 7, numRuns: 4000 },
    )
  })

  it('strings and auto take any non-empty well-formed text and refuse the rest', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (v) => {
        expect(roundTrip('string', v)).toBeDefined()
        expect(roundTrip('auto', v)).toBeDefined()
      }),
      { seed: 42, numRuns: 200 },
    )
    for (const bad of ['', 'a\uD800b', '\uDC00']) {
      expect(roundTrip('string', bad)).toBeUndefined()
      expect(roundTrip('auto', bad)).toBeUndefined()
    }
  })

  it('integers keep signs and leading zeros', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '-', '+'), digits(1, 60), (sign, d) => {
        expect(roundTrip('integer', sign + d)).toBeDefined()
        expect(roundTrip('auto', sign + d)).toBeDefined()
      }),
      { seed: 42, numRuns: 300 },
    )
    for (const v of ['007', '-0', '+5', '0', '00', '-007', '+0', '12345678901234567890123'])
      expect(roundTrip('integer', v)).toBeDefined()
    for (const v of ['', '-', '+-5', '1.0', '1e3', ' 1', '٣', '1'.repeat(61)])
      expect(roundTrip('integer', v)).toBeUndefined()
    expect(roundTrip('integer', '45')).toBe(1)
    expect(roundTrip('integer', '-0')).toBe(2)
  })

  it('decimals keep every digit', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '-', '+'), digits(1, 20), digits(1, 32), (sign, a, b) => {
        expect(roundTrip('decimal', `${sign}${a}.${b}`)).toBeDefined()
      }),
      { seed: 42, numRuns: 200 },
    )
    for (const v of ['1.', '.5', '1.2.3', '1,5']) expect(roundTrip('decimal', v)).toBeUndefined()
    // at most 60 integer digits and one digit group (32 digits) of fraction
    expect(roundTrip('decimal', `${'9'.repeat(60)}.${'1'.repeat(32)}`)).toBeDefined()
    for (const v of [`${'9'.repeat(61)}.1`, `1.${'1'.repeat(33)}`]) expect(roundTrip('decimal', v), v).toBeUndefined()
  })

  it('decimals: takes exactly what the decimal regex matches (the encoder reads the range without it)', () => {
    const reference = /^[+-]?\d{1,60}\.\d{1,32}$/
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789.+-e'), minLength: 1, maxLength: 12 }),
      fc.tuple(digits(0, 64), fc.constantFrom('.', '..', ''), digits(0, 36)).map(([a, p, b]) => `${a}${p}${b}`),
    )
    let taken = 0
    fc.assert(
      fc.property(text, (value) => {
        const encoded = roundTrip('decimal', value)
        expect(encoded !== undefined, value).toBe(reference.test(value))
        if (encoded !== undefined) taken++
      }),
      { seed: 7, numRuns: 2000 },
    )
    expect(taken).toBeGreaterThan(200)
  })

  it('timestamps in many ISO-8601 forms', () => {
    fc.assert(
      fc.property(timestampArb, (v) => {
        expect(roundTrip('timestamp', v)).toBeDefined()
        expect(roundTrip('auto', v)).toBeDefined()
      }),
      { seed: 42, numRuns: 400 },
    )
    const forms = [
      '2025-10-23T10:30:00Z',
      '2025-10-23T10:30:00.123Z',
      '2025-10-23T10:30:00.123456789+02:00',
      '2025-10-23 10:30:00',
      '2025-10-23',
      '2024-02-29T23:59:59,5-05:30',
      '2025-10-23T10:30+0200',
      '2025-10-23t10:30:00z',
      '0000-01-01T00:00:00.000000000000000000000000000000Z',
      '9999-12-31T23:59:59-23:59',
    ]
    for (const v of forms) expect(roundTrip('timestamp', v), v).toBeDefined()
    const refused = [
      '2025-02-29',
      '2025-13-01',
      '2025-10-23T24:00:00Z',
      '2025-10-23T10:60',
      '2025-10-23T10:30:60Z',
      '2025-10-23Z',
      '25-10-23',
      '2025-10-23T10:30:00+24:00',
      '2025-10-23T10',
      '2025-10-23T10:30:00.Z',
      `2025-10-23T10:30:00.${'1'.repeat(33)}Z`,
    ]
    for (const v of refused) expect(roundTrip('timestamp', v), v).toBeUndefined()
    expect(roundTrip('timestamp', '2025-10-23T10:30:00Z')).toBe(5)
  })

  it('uuids, ipv4 and hex', () => {
    fc.assert(
      fc.property(uuidArb, fc.ipV4(), (uuid, ip) => {
        expect(roundTrip('uuid', uuid)).toBe(17)
        expect(roundTrip('ipv4', ip)).toBe(4)
        expect(roundTrip('hex', uuid.replaceAll('-', ''))).toBeDefined()
      }),
      { seed: 42, numRuns: 200 },
    )
    expect(roundTrip('uuid', '550e8400-E29B-41d4-a716-446655440000')).toBeUndefined()
    for (const v of ['01.2.3.4', '256.1.1.1', '1.2.3', '1.2.3.4.5']) expect(roundTrip('ipv4', v)).toBeUndefined()
    // the loop takes exactly what the regex and octet checks it replaced took
    const reference = (v: string): number => {
      const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v)
      if (parts === null || parts.slice(1).some((p) => Number(p) > 255 || (p.length > 1 && p.startsWith('0'))))
        return -1
      return parts.slice(1).reduce((sum, p) => sum * 256 + Number(p), 0)
    }
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.string({ unit: fc.constantFrom(...'0123456789.x'), maxLength: 17 })), (v) => {
        expect(ipv4Octets(v)).toBe(reference(v))
        // as a range between digits and dots that would extend it (how the matcher's values are read)
        expect(ipv4Octets(`1.${v}.2`, 2, v.length + 2)).toBe(reference(v))
      }),
      { seed: 5, numRuns: 3000 },
    )
    // an address cut short is the reader's truncation error, as before the bytes were read in place
    expect(() => decodeTemplateBody(TEMPLATES.ipv4.last, Uint8Array.of(10, 0, 0))).toThrow(
      'frame needs 4 bytes at offset 0, has 3',
    )
    for (const v of ['0x1F', '0Xff', 'abc', '007', 'DEADBEEF']) expect(roundTrip('hex', v)).toBeDefined()
    for (const v of ['0x', 'aB', 'xyz']) expect(roundTrip('hex', v)).toBeUndefined()
  })

  it('enums take only their values, and a one-value enum costs no byte', () => {
    for (const v of ENUM_VALUES) expect(roundTrip('enum', v)).toBe(1)
    expect(roundTrip('enum', 'Healthy')).toBeUndefined()
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'e',
        templates: [{ id: 1, pattern: 'mode {0}', slots: [{ type: 'enum', values: ['on'] }] }],
      },
      't.json',
    )
    const template = store.byId.get(1) as Template
    expect(encodeTemplateBody(template, ['on'])).toEqual(new Uint8Array(0))
    expect(decodeTemplateBody(template, new Uint8Array(0))).toBe('mode on')
  })

  it('auto picks the smallest kind and costs at most one byte more than the best typed slot', () => {
    const cases: [string, SlotType][] = [
      ['45', 'integer'],
      ['2025-10-23T10:30:00Z', 'timestamp'],
      ['10.0.0.1', 'ipv4'],
      ['deadbeef', 'hex'],
      ['12.5', 'decimal'],
      ['hello', 'string'],
    ]
    for (const [value, type] of cases) {
      const typed = roundTrip(type, value) as number
      const auto = roundTrip('auto', value) as number
      expect(auto, value).toBeLessThanOrEqual(typed + 1)
      // as a string the auto slot would cost its tag byte plus the text
      if (type !== 'string') expect(auto, value).toBeLessThan(1 + value.length)
    }
  })

  it('auto writes what trying every kind in full and keeping the smallest (ties: the earlier) writes', () => {
    // the auto order with each kind's tag: (bits, low bits) folded into its head
    const order: [Exclude<SlotType, 'enum' | 'auto'>, number, number][] = [
      ['integer', 2, 1],
      ['decimal', 5, 3],
      ['timestamp', 5, 7],
      ['uuid', 5, 11],
      ['ipv4', 5, 15],
      ['hex', 5, 19],
      ['ipv6', 5, 23],
      ['string', 1, 0],
    ]
    const bytesOf = (head: Parameters<typeof writeHead>[1], tail: Uint8Array) => {
      const writer = new ByteWriter()
      writeHead(writer, head)
      return writer.bytes(tail).toBytes()
    }
    const reference = (value: string, last: boolean): Uint8Array | undefined => {
      let best: Uint8Array | undefined
      for (const [type, bits, low] of order) {
        const prepared = createSlotCodec({ type }).prepare(value, last)
        if (prepared === undefined) continue
        const bytes = bytesOf(packHead(prepared.head ?? 0, bits, low), prepared.tail)
        if (best === undefined || bytes.length < best.length) best = bytes
      }
      return best
    }
    const auto = createSlotCodec({ type: 'auto' })
    const value = fc.oneof(
      fc.constantFrom('', '-', '+'),
      fc
        .tuple(
          fc.constantFrom('', '-', '+', '0x', '0X'),
          fc.string({ unit: fc.constantFrom(...'0000123456789'), minLength: 1, maxLength: 70 }),
        )
        .map(([a, b]) => a + b),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF+-.:,TtZz xg'), minLength: 1, maxLength: 40 }),
      fc.stringMatching(/^[0-9a-f]{1,80}$/),
      fc.ipV4(),
      // digits and dots (one to four parts): a decimal, a version, an address, or only a string
      fc
        .array(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 40 }), { minLength: 1, maxLength: 4 })
        .map((parts) => parts.join('.')),
      fc.ipV6(),
      fc.uuid(),
      timestampArb,
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    )
    fc.assert(
      fc.property(value, fc.boolean(), (v, last) => {
        const prepared = auto.prepare(v, last)
        const expected = reference(v, last)
        expect(prepared === undefined ? undefined : bytesOf(prepared.head ?? 0, prepared.tail)).toEqual(expected)
        // the same value read as a range of a longer text (a digit after it must not be taken for its own)
        const out = new SlotEncoding()
        if (v !== '' && auto.encodeRange(`${v}7`, 0, v.length, last, out)) {
          const bytes = new Uint8Array(out.sizeBytes())
          out.write(bytes, 0)
          expect(bytes, v).toEqual(expected)
        } else expect(expected, v).toBeUndefined()
      }),
      { seed: 42, numRuns: 3000 },
    )
  })
})

describe('an open enum remembering its last unlisted value', () => {
  it('gives the same frames for messages past the length it keeps a reference to (4,096 units) as a fresh store', () => {
    const json = {
      format: 'aura-template-store',
      version: 1,
      name: 'long',
      templates: [
        {
          id: 1,
          pattern: '{0} host {1} end',
          slots: [
            { type: 'string' },
            { type: 'enum', values: ['a.example.com', 'b.example.com'], other: 'string', similar: true },
          ],
        },
      ],
    }
    const store = parseTemplateStore(json, 'long.json')
    const long = (host: string) => `${'x'.repeat(5000)} host ${host} end`
    for (const message of [
      long('c.example.com'),
      long('c.example.com'),
      'y host c.example.com end',
      long('d.example.com'),
    ]) {
      const fresh = parseTemplateStore(json, 'fresh.json')
      expect(encodeBinarySemantic(store, message)).toEqual(encodeBinarySemantic(fresh, message))
    }
  })
})
