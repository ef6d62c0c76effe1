import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { FrameError, toBytes } from '../core/index.ts'
import {
  SLOT_TYPES,
  createMatcher,
  decodeBinarySemantic,
  decodeTemplateBody,
  encodeBinarySemantic,
  encodeTemplateBody,
  loadTemplateStore,
  parseTemplateStore,
  renderTemplate,
  type TemplateStore,
} from './index.ts'
import { decodeOutcome } from './test-support.ts'

const STORES = join(import.meta.dirname, '../../configs/templates')
const BODY_ERRORS = ['E_FRAME_TRUNCATED', 'E_FRAME_CORRUPT', 'E_FRAME_TRAILING']

/** One template per slot type plus multi-slot mixes, so random bodies reach every decoder. */
const ALL_TYPES = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'all-types',
    templates: [
      ...SLOT_TYPES.map((type, i) => ({
        id: i + 1,
        pattern: `${type}={0};`,
        slots: [type === 'enum' ? { type, values: ['a', 'b', 'c'] } : { type }],
      })),
      ...SLOT_TYPES.map((type, i) => ({
        id: i + 20,
        pattern: `${type} {0} then {1} and {2}`,
        slots: [type === 'enum' ? { type, values: ['x', 'y'] } : { type }, { type: 'auto' }, { type: 'string' }],
      })),
    ],
  },
  'all-types.json',
)

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError)
    return (error as FrameError).code
  }
}

let expanded: TemplateStore
beforeAll(async () => {
  expanded = await loadTemplateStore(join(STORES, 'expanded.json'))
})

describe('encodeBinarySemantic', () => {
  it("encodes the seed's health check as template 160 with an empty body (2 bytes with the frame header)", () => {
    const encoding = encodeBinarySemantic(expanded, 'Processing request...')
    expect(encoding).toEqual({ templateId: 160, body: new Uint8Array(0) })
    expect(decodeBinarySemantic(expanded, 160, new Uint8Array(0))).toEqual(toBytes('Processing request...'))
  })

  it('chooses the smallest encoding, ties to the lowest id, and can weigh header sizes', () => {
    expect(encodeBinarySemantic(expanded, 'Request r1 completed in 45ms')?.templateId).toBe(149)
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 't',
        templates: [
          { id: 5, pattern: 'ab {0}' },
          { id: 3, pattern: '{0} cd' },
        ],
      },
      't.json',
    )
    expect(encodeBinarySemantic(store, 'ab x cd')?.templateId).toBe(3)
    expect(encodeBinarySemantic(store, 'ab x cd', { headerSizeBytes: (id) => (id === 3 ? 4 : 2) })?.templateId).toBe(5)
  })

  it('never chooses a template whose slots cannot reproduce the message', () => {
    expect(encodeBinarySemantic(expanded, 'Request completed in 45ms')).toBeUndefined()
    expect(encodeBinarySemantic(expanded, 'Database query returned 1e3 results')).toBeUndefined()
    expect(encodeBinarySemantic(expanded, 'Invalid input: \uD800')).toBeUndefined()
    expect(encodeTemplateBody(expanded.byId.get(151)!, ['1e3'])).toBeUndefined()
  })

  it('round-trips every message built from the expanded store, whatever the values', () => {
    const matcher = createMatcher(expanded)
    const value = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      fc.integer({ min: -5000, max: 5000 }).map(String),
      fc.constantFrom(
        '007',
        '+5',
        '2025-10-23T10:30:00Z',
        '2025-10-23 10:30:00,5+02:00',
        'deadBEEF',
        '10.0.0.1',
        'healthy',
        '550e8400-e29b-41d4-a716-446655440000',
      ),
    )
    fc.assert(
      fc.property(
        fc.constantFrom(...expanded.templates),
        fc.array(value, { minLength: 3, maxLength: 3 }),
        (template, values) => {
          const message = renderTemplate(template, values.slice(0, template.slots.length))
          const encoding = encodeBinarySemantic(matcher, message)
          if (encoding === undefined) return
          expect(decodeBinarySemantic(expanded, encoding.templateId, encoding.body)).toEqual(toBytes(message))
        },
      ),
      { seed: 42, numRuns: 400 },
    )
  })
})

describe('encodeBinarySemantic with a headerSizeBytes callback (review finding)', () => {
  const message = 'Request r1 completed in 45ms'

  it('refuses a callback that uses the calling matcher, which would overwrite the values being encoded', () => {
    const matcher = createMatcher(expanded)
    const plain = encodeBinarySemantic(matcher, message, { headerSizeBytes: () => 2 })
    expect(plain).toBeDefined()
    expect(() =>
      encodeBinarySemantic(matcher, message, {
        headerSizeBytes: () => matcher.match('Request r9 completed in 4ms').length + 2,
      }),
    ).toThrow(expect.objectContaining({ code: 'E_USAGE' }))
    // the matcher is usable again afterwards, and gives the same body
    expect(encodeBinarySemantic(matcher, message, { headerSizeBytes: () => 2 })).toEqual(plain)
  })

  it('lets a callback encode with encodeBinarySemantic itself: the nested call has its own matcher', () => {
    const matcher = createMatcher(expanded)
    const plain = encodeBinarySemantic(matcher, message, { headerSizeBytes: () => 2 })
    const nested = encodeBinarySemantic(matcher, message, {
      headerSizeBytes: () => (encodeBinarySemantic(matcher, 'Request r9 completed in 4ms') === undefined ? 3 : 2),
    })
    expect(nested).toEqual(plain)
    const decoded = decodeBinarySemantic(expanded, nested?.templateId ?? -1, nested?.body ?? new Uint8Array())
    expect(Buffer.from(decoded).toString()).toBe(message)
  })
})

describe('encodeBinarySemantic refuses arguments of the wrong kind (trial finding)', () => {
  const message = 'Request r1 completed in 45ms'
  const codeOf = (run: () => unknown) => {
    try {
      run()
      return undefined
    } catch (error) {
      return (error as { code?: string }).code
    }
  }

  it('E_USAGE for a message that is not a string, options that are not an object, a callback that is not one', () => {
    const call = encodeBinarySemantic as (store: unknown, message: unknown, options?: unknown) => unknown
    expect(codeOf(() => call(expanded, 42))).toBe('E_USAGE')
    expect(codeOf(() => call(expanded, undefined))).toBe('E_USAGE')
    expect(codeOf(() => call(expanded, message, null))).toBe('E_USAGE')
    expect(codeOf(() => call(expanded, message, { headerSizeBytes: 3 }))).toBe('E_USAGE')
  })

  it('E_USAGE for a header size that is not a whole number of bytes (NaN chose a larger frame)', () => {
    for (const bad of [Number.NaN, -1, 1.5, 'x'])
      expect(
        codeOf(() => encodeBinarySemantic(expanded, message, { headerSizeBytes: () => bad as number })),
        String(bad),
      ).toBe('E_USAGE')
    expect(encodeBinarySemantic(expanded, message, { headerSizeBytes: () => 0 })).toBeDefined()
  })
})

describe('decodeBinarySemantic on bad bodies', () => {
  it('names unknown templates and trailing bytes', () => {
    expect(codeOf(() => decodeBinarySemantic(expanded, 163, new Uint8Array(0)))).toBe('E_FRAME_UNKNOWN_TEMPLATE')
    expect(codeOf(() => decodeBinarySemantic(expanded, 160, new Uint8Array([0])))).toBe('E_FRAME_TRAILING')
    expect(codeOf(() => decodeBinarySemantic(expanded, 151, new Uint8Array([4, 0])))).toBe('E_FRAME_TRAILING')
  })

  it('throws E_FRAME_TRUNCATED for cut bodies and never allocates a declared huge length', () => {
    const body = encodeBinarySemantic(expanded, 'User 550e8400-e29b-41d4-a716-446655440000 authenticated successfully')
      ?.body as Uint8Array
    for (let cut = 0; cut < body.length; cut++)
      expect(codeOf(() => decodeBinarySemantic(expanded, 150, body.subarray(0, cut)))).toBe('E_FRAME_TRUNCATED')
    // template 157 "Error {0}: {1}": an auto string slot announcing 2^48 bytes
    expect(
      codeOf(() =>
        decodeBinarySemantic(expanded, 157, new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x61])),
      ),
    ).toBe('E_FRAME_TRUNCATED')
    expect(codeOf(() => decodeBinarySemantic(expanded, 153, new Uint8Array(50).fill(0xff)))).toBe('E_FRAME_CORRUPT')
  })

  it('random bodies decode to text or throw a frame error with a string code, for every slot type', () => {
    const stores = [expanded, ALL_TYPES]
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.nat(), fc.uint8Array({ maxLength: 48 }), (storeIndex, pick, body) => {
        const store = stores[storeIndex] as TemplateStore
        const template = store.templates[pick % store.templates.length]!
        const code = codeOf(() => decodeBinarySemantic(store, template.id, body))
        if (code !== undefined) expect(BODY_ERRORS).toContain(code)
      }),
      { seed: 42, numRuns: 3000 },
    )
  })

  it('decoded random bodies re-encode to a message that round-trips', () => {
    let decoded = 0
    fc.assert(
      fc.property(fc.nat(), fc.uint8Array({ maxLength: 24 }), (pick, body) => {
        const template = ALL_TYPES.templates[pick % ALL_TYPES.templates.length]!
        let bytes: Uint8Array
        try {
          bytes = decodeBinarySemantic(ALL_TYPES, template.id, body)
        } catch {
          return
        }
        decoded++
        const message = new TextDecoder().decode(bytes)
        const again = encodeBinarySemantic(ALL_TYPES, message)
        expect(again).toBeDefined()
        expect(decodeBinarySemantic(ALL_TYPES, again!.templateId, again!.body)).toEqual(bytes)
      }),
      { seed: 42, numRuns: 2000 },
    )
    // enough random bodies decode for the property to mean something (ipv6's group mask refuses most of them)
    expect(decoded).toBeGreaterThan(40)
  })
})

describe('decodeBinarySemantic copies string values as bytes', () => {
  /** String values in every place a string can be read: typed, auto, an open enum's other, last or not. */
  const STRINGS = parseTemplateStore(
    {
      format: 'aura-template-store',
      version: 1,
      name: 'strings',
      templates: [
        { id: 1, pattern: '{0} [{1}] {2}', slots: [{ type: 'string' }, { type: 'auto' }, { type: 'auto' }] },
        {
          id: 2,
          pattern: '<{1}> {0}: {2}',
          slots: [{ type: 'enum', values: ['a', 'é'], other: 'auto' }, { type: 'string' }, { type: 'string' }],
        },
        { id: 3, pattern: '#{0}', slots: [{ type: 'enum', values: ['x'], other: 'string' }] },
      ],
    },
    'strings.json',
  )

  it('gives the bytes, or the error, that decoding every value to text gives', () => {
    // integers of every form the decoder writes digit by digit: typed, fixed width, in auto and open enum slots
    const numbers = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'numbers',
        templates: [
          {
            id: 1,
            pattern: '{0}:{1}:{2}',
            slots: [{ type: 'integer', width: 2 }, { type: 'integer' }, { type: 'auto' }],
          },
          {
            id: 2,
            pattern: 'n={0} {1}',
            slots: [
              { type: 'enum', values: ['x'], other: 'integer' },
              { type: 'integer', width: 5 },
            ],
          },
        ],
      },
      'numbers.json',
    )
    const stores = [STRINGS, ALL_TYPES, expanded, numbers]
    let decoded = 0
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 2, 3), fc.nat(), fc.uint8Array({ maxLength: 32 }), (storeIndex, pick, body) => {
        const store = stores[storeIndex] as TemplateStore
        const template = store.templates[pick % store.templates.length]!
        const expected = decodeOutcome(() => decodeTemplateBody(template, body))
        expect(decodeOutcome(() => decodeBinarySemantic(store, template.id, body))).toBe(expected)
        if (expected.startsWith('ok ')) decoded++
      }),
      { seed: 7, numRuns: 4000 },
    )
    expect(decoded).toBeGreaterThan(100)
  })

  it('round-trips non-ASCII string values byte for byte', () => {
    for (const message of ['naïve [日本] ∑ end', '<x> é: ok', '#ünïcode']) {
      const encoded = encodeBinarySemantic(STRINGS, message)
      expect(encoded).toBeDefined()
      expect(decodeBinarySemantic(STRINGS, encoded!.templateId, encoded!.body)).toEqual(toBytes(message))
    }
  })
})
