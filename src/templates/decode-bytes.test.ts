/**
 * decodeBinarySemantic writes each slot straight into its output (byte-sink.ts); decodeTemplateBody
 * builds every value as text and is the reference here: same message, or the same error (code and
 * message), on bodies encoded from messages of every shape and on those bodies damaged.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FrameError, toBytes } from '../core/index.ts'
import { allocBytes } from '../core/index.ts'
import {
  decodeBinarySemantic,
  decodeTemplateBody,
  encodeBinarySemantic,
  parseTemplateStore,
  type TemplateStore,
} from './index.ts'
import { decodeOutcome } from './test-support.ts'

const LISTED = ['10.30', '20171223-22', '1514038440000', 'a1b2', 'é9x', 'client-lb.dropbox.com', '00:01', '𝄞7']

/** Open enums with edits, big and signed integers, decimals, fixed widths, strings, placeholders out of text order, no placeholders. */
const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'decode-bytes',
    templates: [
      {
        id: 1,
        pattern: '{1} at {0}: {2}',
        slots: [{ type: 'enum', values: LISTED, other: 'auto', similar: true }, { type: 'integer' }, { type: 'auto' }],
      },
      {
        id: 2,
        pattern: 'blk_{0} size {1} t={2} <{3}>',
        slots: [{ type: 'integer' }, { type: 'decimal' }, { type: 'integer', width: 3 }, { type: 'auto' }],
      },
      {
        id: 3,
        pattern: '[{0}] {1} | {2}',
        slots: [
          { type: 'enum', values: LISTED, other: 'string', similar: true },
          { type: 'enum', values: ['x', 'yy'] },
          { type: 'string' },
        ],
      },
      {
        // in text order, as every discovered template: the slots decode-bytes.ts decodes in its own loop
        id: 4,
        pattern: '{0} {1}:{2} [{3}] <{4}> {5} id={6} {7}',
        slots: [
          { type: 'enum', values: LISTED, other: 'auto', similar: true },
          { type: 'integer', other: 'auto' },
          { type: 'integer', width: 2, other: 'auto' },
          { type: 'enum', values: ['only'] },
          { type: 'auto' },
          { type: 'string' },
          { type: 'integer', width: 2 },
          { type: 'enum', values: ['done', 'failed'], other: 'auto' },
        ],
      },
      { id: 5, pattern: 'no values at all', slots: [] },
      { id: 6, pattern: 'says: {0}', slots: [{ type: 'string' }] },
    ],
  },
  'decode-bytes.json',
)

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''))
/** Integers of every size (past 2^53, up to 60 digits), with signs and leading zeros. */
const integer = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.oneof(digits(1, 15), digits(16, 60)))
  .map(([sign, d]) => sign + d)
/** Values near the listed ones: other digits in the same places (shape edits), other middles (affix edits). */
const nearListed = fc.oneof(
  fc
    .tuple(fc.constantFrom(...LISTED), fc.nat())
    .map(([value, seed]) => value.replace(/\d/g, (_, i: number) => String((seed >> (i % 20)) % 10))),
  fc
    .tuple(fc.constantFrom(...LISTED), fc.nat(6), fc.nat(6), fc.string({ unit: 'binary', maxLength: 4 }))
    .map(([value, a, b, middle]) => value.slice(0, a) + middle + value.slice(value.length - b)),
)
const anyValue = fc.oneof(
  nearListed,
  integer,
  fc.constantFrom(...LISTED),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.tuple(integer, digits(1, 20)).map(([i, f]) => `${i}.${f}`),
)

const MESSAGES = fc.oneof(
  fc.tuple(anyValue, integer, anyValue).map(([a, n, b]) => `${n} at ${a}: ${b}`),
  fc
    .tuple(integer, integer, digits(1, 20), digits(3, 3), anyValue)
    .map(([b, i, f, w, v]) => `blk_${b} size ${i}.${f} t=${w} <${v}>`),
  fc.tuple(anyValue, fc.constantFrom('x', 'yy'), anyValue).map(([a, e, b]) => `[${a}] ${e} | ${b}`),
  fc
    .tuple(anyValue, fc.oneof(integer, anyValue), fc.oneof(digits(2, 2), anyValue), anyValue, anyValue, digits(2, 2))
    .chain(([a, i, w, v, s, d]) =>
      fc
        .oneof(anyValue, fc.constantFrom('done', 'failed'))
        .map((last) => `${a} ${i}:${w} [only] <${v}> ${s} id=${d} ${last}`),
    ),
  fc.constant('no values at all'),
  anyValue.map((value) => `says: ${value}`),
)

describe('decodeBinarySemantic writes values in place', () => {
  it('gives back every message it encodes, as the text decoder does', () => {
    let encoded = 0
    fc.assert(
      fc.property(MESSAGES, (message) => {
        const frame = encodeBinarySemantic(STORE, message)
        if (frame === undefined) return
        encoded++
        const template = STORE.byId.get(frame.templateId)!
        expect(decodeTemplateBody(template, frame.body)).toBe(message)
        expect(decodeBinarySemantic(STORE, frame.templateId, frame.body)).toEqual(toBytes(message))
      }),
      { seed: 11, numRuns: 3000 },
    )
    expect(encoded).toBeGreaterThan(2000)
  })

  it('gives the bytes, or the error, of the text decoder on damaged bodies', () => {
    fc.assert(
      fc.property(
        MESSAGES,
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('flip', 'cut', 'append', 'insert'),
        (message, at, byte, damage) => {
          const frame = encodeBinarySemantic(STORE, message)
          if (frame === undefined) return
          const body = Array.from(frame.body)
          const i = body.length === 0 ? 0 : at % body.length
          if (damage === 'flip' && body.length > 0) body[i] = byte
          if (damage === 'cut') body.length = i
          if (damage === 'append') body.push(byte)
          if (damage === 'insert') body.splice(i, 0, byte)
          const template = STORE.byId.get(frame.templateId)!
          const damaged = Uint8Array.from(body)
          expect(decodeOutcome(() => decodeBinarySemantic(STORE, frame.templateId, damaged))).toBe(
            decodeOutcome(() => decodeTemplateBody(template, damaged)),
          )
        },
      ),
      { seed: 12, numRuns: 4000 },
    )
  })

  it('writes integers past 2^53 digit for digit, in typed and auto slots', () => {
    for (const n of ['9007199254740991', '9007199254740992', '18446744073709551615', `-00${'9'.repeat(58)}`, '+1']) {
      for (const message of [`${n} at x: ${n}`, `blk_${n} size 1.0 t=001 <${n}>`]) {
        const frame = encodeBinarySemantic(STORE, message)!
        expect(decodeBinarySemantic(STORE, frame.templateId, frame.body)).toEqual(toBytes(message))
      }
    }
  })

  it('decodes a message larger than the slab has room for, and the next message after an error', () => {
    const long = `[${'ü'.repeat(9000)}] x | ${'q'.repeat(30000)}`
    const frame = encodeBinarySemantic(STORE, long)!
    for (let i = 0; i < 3; i++) expect(decodeBinarySemantic(STORE, frame.templateId, frame.body)).toEqual(toBytes(long))
    // a body whose last string is not UTF-8: its first slots were written before the error
    const bad = encodeBinarySemantic(STORE, '[client-lb.dropbox.com] yy | abc')!
    const body = Uint8Array.from([...bad.body.subarray(0, bad.body.length - 3), 0xff, 0xfe, 0x80])
    expect(() => decodeBinarySemantic(STORE, bad.templateId, body)).toThrow(FrameError)
    // the output the error left unfinished is not handed out: the next one starts where it started
    const next = decodeBinarySemantic(STORE, bad.templateId, bad.body)
    expect(next).toEqual(toBytes('[client-lb.dropbox.com] yy | abc'))
    expect(decodeBinarySemantic(STORE, frame.templateId, frame.body)).toEqual(toBytes(long))
    // the shared slab (frames, allocBytes) is not where decodes write: still zero-filled
    expect(allocBytes(64).every((b) => b === 0)).toBe(true)
  })
})
