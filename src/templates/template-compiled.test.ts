import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { encodeTemplateBody } from './binary-semantic.ts'
import { createMatcher, matchWithoutIndex } from './matcher.ts'
import {
  createTemplateFrameEncoder,
  parseTemplateStore,
  renderTemplate,
  type SlotSpec,
  type TemplateStore,
} from './index.ts'
import { bodyRoomBytes, compiledTemplateOf, LOSES, REFUSED, UNDECIDED } from './template-compiled.ts'

const SPECS: SlotSpec[] = [
  { type: 'string' },
  { type: 'auto' },
  { type: 'integer' },
  { type: 'integer', width: 6 },
  { type: 'integer', width: 2 },
  { type: 'integer', width: 18 },
  { type: 'integer', width: 2, other: 'auto' },
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
const literal = (minLength: number) =>
  fc.array(fc.constantFrom(...PIECES), { minLength, maxLength: 3 }).map((pieces) => pieces.join(''))

/** A pattern of 0-5 slots in a random text order, a non-empty literal between slots, any prefix and suffix. */
const templateArb = fc
  .integer({ min: 0, max: 5 })
  .chain((slots) =>
    fc.tuple(
      literal(0),
      fc.array(literal(1), { minLength: Math.max(slots - 1, 0), maxLength: Math.max(slots - 1, 0) }),
      literal(0),
      fc.shuffledSubarray(
        Array.from({ length: slots }, (_, i) => i),
        { minLength: slots, maxLength: slots },
      ),
      fc.array(fc.constantFrom(...SPECS), { minLength: slots, maxLength: slots }),
    ),
  )
  .map(([prefix, between, suffix, order, slots]) => {
    let pattern = prefix
    order.forEach((slot, k) => {
      pattern += `${k > 0 ? between[k - 1] : ''}{${slot}}`
    })
    return { pattern: pattern + suffix, slots }
  })

const VALUE = fc.oneof(
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

function storeOf(templates: readonly { pattern: string; slots: SlotSpec[] }[]): TemplateStore {
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
const cut = fc.option(fc.nat(), { freq: 2 })
const cutAt = (message: string, at: number | null): string =>
  at === null || message.length === 0
    ? message
    : message.slice(0, at % message.length) + message.slice((at % message.length) + 1)

const prefixOf = (id: number): Uint8Array => Uint8Array.of(0x80 | (id >> 8), id & 0xff)

describe('compiled templates', () => {
  it('write the body the general path writes, refuse only what matches nothing, and leave the rest undecided', () => {
    const outcomes = { refused: 0, written: 0, undecided: 0 }
    fc.assert(
      fc.property(
        templateArb,
        fc.array(VALUE, { minLength: 5, maxLength: 5 }),
        cut,
        ({ pattern, slots }, values, at) => {
          let store: TemplateStore
          try {
            store = storeOf([{ pattern, slots }])
          } catch {
            return // a pattern the store refuses (none expected, but not this test's subject)
          }
          const template = store.templates[0] as (typeof store.templates)[number]
          const message = cutAt(renderTemplate(template, values.slice(0, template.slots.length)), at)
          const reference = matchWithoutIndex(store, message)[0]
          const compiled = compiledTemplateOf(template)
          const split = compiled.split(message)
          if (split === REFUSED) {
            outcomes.refused++
            expect(reference).toBeUndefined()
            return
          }
          const out = new Uint8Array(bodyRoomBytes(compiled, message.length) + 8)
          const end = split === UNDECIDED ? UNDECIDED : compiled.writeBody(message, out, 3)
          if (end === UNDECIDED) {
            outcomes.undecided++
            return
          }
          outcomes.written++
          expect(reference).toBeDefined()
          expect(out.subarray(3, end)).toEqual(encodeTemplateBody(template, reference?.values ?? []))
        },
      ),
      { seed: 13, numRuns: 4000 },
    )
    // each outcome must be common for the property to say something
    expect(outcomes.written).toBeGreaterThan(400)
    expect(outcomes.refused).toBeGreaterThan(200)
    expect(outcomes.undecided).toBeGreaterThan(200)
  })

  it('write integers of 1 to 60 digits, signed and zero-padded, as the codec does (24 significant digits without a bigint)', () => {
    const store = storeOf([{ pattern: 'n={0} a={1} .', slots: [{ type: 'integer' }, { type: 'auto' }] }])
    const template = store.templates[0] as (typeof store.templates)[number]
    const compiled = compiledTemplateOf(template)
    fc.assert(
      fc.property(
        fc.constantFrom('', '-', '+'),
        fc.constantFrom('', '0', '000'),
        // every length alike (a regular expression's generator favours short ones)
        fc
          .integer({ min: 0, max: 56 })
          .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }))
          .map((rest) => `1${rest.join('')}`),
        fc.boolean(),
        (sign, zeros, digits, auto) => {
          const value = sign + zeros + digits
          const values = auto ? ['7', value] : [value, 'x']
          const message = renderTemplate(template, values)
          expect(compiled.split(message)).toBe(0)
          const out = new Uint8Array(bodyRoomBytes(compiled, message.length))
          const end = compiled.writeBody(message, out, 0)
          expect(end).toBeGreaterThan(0)
          expect(out.subarray(0, end)).toEqual(encodeTemplateBody(template, values))
        },
      ),
      { seed: 5, numRuns: 2000 },
    )
  })

  it("write an open enum's unlisted values (escape or edit) and a fixed-width integer's escape as the codec does", () => {
    // slot 0 an open enum with edits, slot 1 a fixed-width integer with an escape, slot 2 (written last) an
    // open enum without edits: each unlisted value either written straight into the body or left to the codec
    const store = storeOf([
      {
        pattern: 'v={0} w={1} u={2}',
        slots: [
          { type: 'enum', values: ['20171223-22', 'block.dropbox.com', '4096', 'x12'], other: 'auto', similar: true },
          { type: 'integer', width: 2, other: 'auto' },
          { type: 'enum', values: ['on', 'off'], other: 'auto' },
        ],
      },
    ])
    const template = store.templates[0] as (typeof store.templates)[number]
    const compiled = compiledTemplateOf(template)
    const value = fc.oneof(
      VALUE,
      // near a listed value: shape edits (same digits' places), affix edits (a shared prefix and suffix)
      fc.stringMatching(/^2017122\d-\d\d$/),
      fc.stringMatching(/^[a-z-]{1,9}\.dropbox\.com$/),
      fc.stringMatching(/^\d{2,5}$/),
      fc.stringMatching(/^x\d{1,3}$/),
      fc.constantFrom(
        '20171223-22',
        'block.dropbox.com',
        'x12',
        'on',
        'off',
        '07',
        '7',
        '123',
        'ab',
        'é',
        'z'.repeat(70),
        '10.251.126.255',
        '01.2.3.4',
        '1.2.3.256',
        '1.2.3',
        '0.52',
      ),
    )
    const outcomes = { written: 0, edits: 0 }
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        const values = [a, b, c]
        const message = renderTemplate(template, values)
        const reference = matchWithoutIndex(store, message)[0]
        if (compiled.split(message) !== 0) return
        const out = new Uint8Array(bodyRoomBytes(compiled, message.length))
        const end = compiled.writeBody(message, out, 0)
        if (end === UNDECIDED) return
        outcomes.written++
        // an edit's head is past the four listed values and the escape
        if ((out[0] as number) > 4) outcomes.edits++
        expect(reference).toBeDefined()
        expect(out.subarray(0, end)).toEqual(encodeTemplateBody(template, reference?.values ?? []))
      }),
      { seed: 32, numRuns: 3000 },
    )
    expect(outcomes.written).toBeGreaterThan(1500)
    expect(outcomes.edits).toBeGreaterThan(200)
  })

  it("write an open enum's unlisted value as the codec does when it repeats the last one (remembered) or does not", () => {
    // the slot's writer remembers the bytes of the last unlisted value it wrote itself: a stream drawn from
    // a few values, one after another at moving offsets, so most values repeat the one before (same length
    // or not, an edit, an escape, a value only the codec's own path writes), each body checked against the codec
    const store = storeOf([
      {
        pattern: 'a={0} v={1};',
        slots: [
          { type: 'string' },
          { type: 'enum', values: ['block.dropbox.com', '4096', 'x12'], other: 'auto', similar: true },
        ],
      },
    ])
    const template = store.templates[0] as (typeof store.templates)[number]
    const compiled = compiledTemplateOf(template)
    const unlisted = fc.constantFrom(
      'blocks.dropbox.com',
      'block.dropbox.con',
      'ab',
      'cd',
      'x13',
      'x99',
      '4097',
      '12345',
      '1.2.3.4',
      '0.52',
      'block.dropbox.com',
    )
    let repeats = 0
    fc.assert(
      fc.property(
        unlisted,
        unlisted,
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.boolean()), { maxLength: 12 }),
        (one, other, stream) => {
          let previous = ''
          for (const [head, first] of stream) {
            const value = first ? one : other
            const message = renderTemplate(template, [head.replaceAll(' ', '_'), value])
            const reference = matchWithoutIndex(store, message)[0]
            if (compiled.split(message) !== 0 || reference === undefined) continue
            const out = new Uint8Array(bodyRoomBytes(compiled, message.length))
            const end = compiled.writeBody(message, out, 0)
            if (end === UNDECIDED) continue
            if (value === previous) repeats++
            previous = value
            expect(out.subarray(0, end)).toEqual(encodeTemplateBody(template, reference.values))
          }
        },
      ),
      { seed: 36, numRuns: 400 },
    )
    expect(repeats).toBeGreaterThan(200)
  })

  it('give the frame encoder the frames (and refusals) of its general path, one template or several', () => {
    let compiledPath = 0
    fc.assert(
      fc.property(
        fc.array(templateArb, { minLength: 1, maxLength: 3 }),
        fc.nat(2),
        fc.array(VALUE, { minLength: 5, maxLength: 5 }),
        cut,
        (templates, pick, values, at) => {
          let store: TemplateStore
          try {
            store = storeOf(templates)
          } catch {
            return
          }
          const template = store.templates[pick % store.templates.length] as (typeof store.templates)[number]
          const message = cutAt(renderTemplate(template, values.slice(0, template.slots.length)), at)
          if (/\p{Surrogate}/u.test(message)) return
          const bytes = toBytes(message)
          const encoder = createTemplateFrameEncoder(store, prefixOf)
          // encode without bytes takes the general path; encodeBytes the compiled one when there is one candidate
          const general = encoder.encode(message)
          const frame = encoder.encodeBytes(bytes)
          expect(frame?.templateId).toEqual(general?.templateId)
          expect(frame === undefined ? undefined : Array.from(frame.frame)).toEqual(
            general === undefined ? undefined : Array.from(general.frame),
          )
          if (store.templates.length === 1 && frame !== undefined) compiledPath++
        },
      ),
      { seed: 7, numRuns: 3000 },
    )
    expect(compiledPath).toBeGreaterThan(100)
  })
  it('give the frame encoder the frames of its general path for a template and its twin (a slot for one of its words)', () => {
    // the twin's extra slot takes the specific template's word `then`; which template has the lower id, the
    // header sizes, the values and the slots' specs vary, so the twin is beaten, loses, wins or is no twin
    const WORD_SPECS: SlotSpec[] = [
      { type: 'string' },
      { type: 'auto' },
      { type: 'enum', values: ['then', 'else'], other: 'auto' },
      { type: 'enum', values: ['else'], other: 'auto', similar: true },
      { type: 'enum', values: ['then'] },
      { type: 'integer' },
    ]
    const TAKING_SPECS: SlotSpec[] = [
      { type: 'string' },
      { type: 'auto' },
      { type: 'enum', values: ['x', 'y'], other: 'auto' },
      { type: 'enum', values: ['x12', 'ab-3'], other: 'auto', similar: true },
      { type: 'integer', width: 2, other: 'auto' },
    ]
    const paths = { both: 0, twinBeaten: 0, twinOnly: 0, none: 0 }
    fc.assert(
      fc.property(
        fc.tuple(literal(0), literal(1), literal(0)),
        // slots that take most values (a twin matters only when both templates match), now and then any spec
        fc.array(fc.oneof({ arbitrary: fc.constantFrom(...TAKING_SPECS), weight: 4 }, fc.constantFrom(...SPECS)), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.constantFrom(...WORD_SPECS),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
        fc.array(VALUE, { minLength: 4, maxLength: 4 }),
        fc.oneof(fc.constant('then'), fc.constant('else'), VALUE),
        cut,
        ([prefix, between, suffix], slots, wordSpec, twinFirst, headers, values, word, at) => {
          const specific = { pattern: `${prefix}{0} then {1}${between}{2}${suffix}`, slots }
          const twin = { pattern: `${prefix}{0} {3} {1}${between}{2}${suffix}`, slots: [...slots, wordSpec] }
          let store: TemplateStore
          try {
            store = storeOf(twinFirst ? [twin, specific] : [specific, twin])
          } catch {
            return
          }
          // the ids whose header the encoder has asked for (it keeps each): the compiled twin path decides only
          // when both are known, so both are asked first by encoding a line of each template
          const asked = new Set<number>()
          const header = (id: number): Uint8Array => {
            asked.add(id)
            return new Uint8Array(headers[id - 1] as number).fill(0x80 | id)
          }
          const [s, g] = twinFirst ? [store.templates[1], store.templates[0]] : [store.templates[0], store.templates[1]]
          const message = cutAt(
            word === 'then'
              ? renderTemplate(s as (typeof store.templates)[number], values.slice(0, 3))
              : renderTemplate(g as (typeof store.templates)[number], [...values.slice(0, 3), word]),
            at,
          )
          if (/\p{Surrogate}/u.test(message)) return
          const encoder = createTemplateFrameEncoder(store, header)
          encoder.encode(renderTemplate(s as (typeof store.templates)[number], values.slice(0, 3)))
          encoder.encode(renderTemplate(g as (typeof store.templates)[number], [...values.slice(0, 3), 'else']))
          const general = encoder.encode(message)
          const frame = encoder.encodeBytes(toBytes(message))
          expect(frame?.templateId).toEqual(general?.templateId)
          expect(frame === undefined ? undefined : Array.from(frame.frame)).toEqual(
            general === undefined ? undefined : Array.from(general.frame),
          )
          const matched = createMatcher(store)
            .match(message)
            .map((m) => m.template.id)
          if (asked.size < 2) return
          // both headers known: every outcome of the twin path is reachable (both match, only one, none)
          if (matched.length === 2) paths.both++
          if (matched.length === 2 && !twinFirst && general?.templateId === 1) paths.twinBeaten++
          if (matched.length === 1 && matched[0] === (g as (typeof store.templates)[number]).id) paths.twinOnly++
          if (matched.length === 0) paths.none++
        },
      ),
      { seed: 34, numRuns: 1500 },
    )
    expect(paths.both).toBeGreaterThan(150)
    expect(paths.twinBeaten).toBeGreaterThan(60)
    expect(paths.twinOnly).toBeGreaterThan(30)
    expect(paths.none).toBeGreaterThan(30)
  })
  it('stop a body that would end after the offset allowed (LOSES), and write it whole otherwise', () => {
    const outcomes = { written: 0, loses: 0 }
    fc.assert(
      fc.property(templateArb, fc.array(VALUE, { minLength: 5, maxLength: 5 }), fc.nat(40), (t, values, below) => {
        let store: TemplateStore
        try {
          store = storeOf([t])
        } catch {
          return
        }
        const template = store.templates[0] as (typeof store.templates)[number]
        const message = renderTemplate(template, values.slice(0, template.slots.length))
        const match = createMatcher(store).matchSpecific(message, undefined, () => 0)[0]
        if (match === undefined) return
        const compiled = compiledTemplateOf(template)
        const room = bodyRoomBytes(compiled, message.length) + 3
        const whole = new Uint8Array(room)
        const end = compiled.writeSpans(message, match.spans, whole, 3)
        const out = new Uint8Array(room)
        for (const stopAt of [end, end + below, end - 1 - (below % 4), 3 + below]) {
          const got = compiled.writeSpans(message, match.spans, out.fill(0), 3, stopAt)
          if (end < 0) expect([UNDECIDED, LOSES]).toContain(got)
          else if (stopAt >= end) {
            outcomes.written++
            expect(got).toBe(end)
            expect(out.subarray(3, end)).toEqual(whole.subarray(3, end))
          } else {
            outcomes.loses++
            expect(got).toBe(LOSES)
          }
        }
      }),
      { seed: 28, numRuns: 1500 },
    )
    expect(outcomes.written).toBeGreaterThan(400)
    expect(outcomes.loses).toBeGreaterThan(300)
  })

  it('write any value of an integer or auto slot as the codec does: signs, zeros, digits and other units, up to 62 units', () => {
    const store = storeOf([{ pattern: 'n={0} a={1} .', slots: [{ type: 'integer', other: 'auto' }, { type: 'auto' }] }])
    const template = store.templates[0] as (typeof store.templates)[number]
    const compiled = compiledTemplateOf(template)
    const outcomes = { integers: 0, others: 0 }
    const value = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '9', '5', '-', '+', 'a', '.', '/'), minLength: 1, maxLength: 30 }),
      fc
        .tuple(
          fc.constantFrom('', '-', '+'),
          fc.string({ unit: fc.constantFrom('0', '3', '9'), minLength: 1, maxLength: 62 }),
          fc.constantFrom('', '', 'x', '.5'),
        )
        .map((parts) => parts.join('')),
    )
    fc.assert(
      fc.property(value, value, (n, a) => {
        const message = renderTemplate(template, [n, a])
        const reference = matchWithoutIndex(store, message)[0]
        expect(compiled.split(message)).toBe(0)
        const out = new Uint8Array(bodyRoomBytes(compiled, message.length))
        const end = compiled.writeBody(message, out, 0)
        if (end === UNDECIDED) return
        if (/^[+-]?\d+$/.test(n)) outcomes.integers++
        else outcomes.others++
        expect(reference).toBeDefined()
        expect(out.subarray(0, end)).toEqual(encodeTemplateBody(template, reference?.values ?? []))
      }),
      { seed: 42, numRuns: 3000 },
    )
    expect(outcomes.integers).toBeGreaterThan(500)
    expect(outcomes.others).toBeGreaterThan(500)
  })
})
