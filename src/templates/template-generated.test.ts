import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { decodeBinarySemantic } from './binary-semantic.ts'
import { createTemplateFrameEncoder, renderTemplate, type SlotSpec, type TemplateStore } from './index.ts'
import { bodyRoomBytes, compiledTemplateOf, REFUSED, UNDECIDED } from './template-compiled.ts'
import { generatedSource } from './template-generated.ts'
import { cut, cutAt, prefixOf, SPECS, storeOf, templateArbOf, VALUE } from './test-template-arbitraries.ts'

/** SPECS and enums the generated code spells out: several lengths, a value listed twice, non-ASCII, one too many to spell. */
const GENERATED_SPECS: SlotSpec[] = [
  ...SPECS,
  { type: 'enum', values: ['x', 'ab', 'x', 'é', '𝒜', 'x12', 'then'] },
  { type: 'enum', values: ['p', 'q', 'ab-3', 'x12', 'ab'], other: 'auto' },
  { type: 'enum', values: Array.from({ length: 17 }, (_, i) => String(i)), other: 'integer' },
  { type: 'integer', width: 15 },
]

describe('generated template code', () => {
  it('answers exactly as the compiled split and writeBody: the same refusals, undecided messages and bodies', () => {
    const outcomes = { refused: 0, written: 0, undecided: 0 }
    fc.assert(
      fc.property(
        templateArbOf(GENERATED_SPECS, 6),
        fc.array(VALUE, { minLength: 5, maxLength: 5 }),
        cut,
        ({ pattern, slots }, values, at) => {
          let store: TemplateStore
          try {
            store = storeOf([{ pattern, slots }])
          } catch {
            return
          }
          const template = store.templates[0] as (typeof store.templates)[number]
          const message = cutAt(renderTemplate(template, values.slice(0, template.slots.length)), at)
          const compiled = compiledTemplateOf(template)
          expect(compiled.encode).toBeDefined()
          const room = bodyRoomBytes(compiled, message.length) + 3
          const generated = new Uint8Array(room)
          const end = compiled.encode?.(message, generated, 3)
          const split = compiled.split(message)
          const reference = new Uint8Array(room)
          const expected = split !== 0 ? split : compiled.writeBody(message, reference, 3)
          expect(end).toBe(expected)
          if (expected === REFUSED) outcomes.refused++
          else if (expected === UNDECIDED) outcomes.undecided++
          else {
            outcomes.written++
            expect(generated.subarray(3, end)).toEqual(reference.subarray(3, expected))
          }
        },
      ),
      { seed: 31, numRuns: 4000 },
    )
    expect(outcomes.written).toBeGreaterThan(400)
    expect(outcomes.refused).toBeGreaterThan(200)
    expect(outcomes.undecided).toBeGreaterThan(200)
  })

  it('give encodeBytes the general path frames when the generated code decides (one template)', () => {
    let decided = 0
    fc.assert(
      fc.property(
        templateArbOf(GENERATED_SPECS, 6),
        fc.array(VALUE, { minLength: 5, maxLength: 5 }),
        cut,
        (t, values, at) => {
          let store: TemplateStore
          try {
            store = storeOf([t])
          } catch {
            return
          }
          const template = store.templates[0] as (typeof store.templates)[number]
          const message = cutAt(renderTemplate(template, values.slice(0, template.slots.length)), at)
          if (/\p{Surrogate}/u.test(message)) return
          const encoder = createTemplateFrameEncoder(store, prefixOf)
          const general = encoder.encode(message)
          // the first call asks for the template's prefix on the general path; the second takes the generated one
          encoder.encodeBytes(toBytes(message))
          const frame = encoder.encodeBytes(toBytes(message))
          expect(frame === undefined ? undefined : Array.from(frame.frame)).toEqual(
            general === undefined ? undefined : Array.from(general.frame),
          )
          if (frame !== undefined) decided++
        },
      ),
      { seed: 32, numRuns: 2000 },
    )
    expect(decided).toBeGreaterThan(300)
  })

  describe('a store whose text would be code if it reached the source', () => {
    const HOSTILE = [
      '"',
      "'",
      '`',
      '\\',
      '${globalThis.__injected = 1}',
      '"); globalThis.__injected = 2; ("',
      "'); globalThis.__injected = 3; //",
      '*/ globalThis.__injected = 4; /*',
      '\n globalThis.__injected = 5;\n',
      '\u2028globalThis.__injected = 6;\u2029',
      '</script>',
      '\r\0\t',
    ]
    // each hostile piece as a short literal, inside a long one (read from the literal array), and as enum values
    const long = (piece: string): string => `${piece} and more text to pass sixteen units ${piece}`
    const store = storeOf(
      HOSTILE.flatMap((piece, i) => [
        { pattern: `${piece}{0} ${piece}{1}${piece}`, slots: [{ type: 'auto' }, { type: 'integer' }] as SlotSpec[] },
        {
          pattern: `${long(piece)}{0}${long(piece)}{1}=${i}`,
          slots: [{ type: 'enum', values: [piece, `${piece}x`], other: 'auto' }, { type: 'string' }] as SlotSpec[],
        },
      ]),
    )

    it('puts none of it in the generated source (only digits, fixed names and operators)', () => {
      for (const template of store.templates) {
        const source = generatedSource(template, [undefined, undefined])
        expect(source).toBeDefined()
        // printable ASCII and line breaks only: no quote, backquote, backslash or brace of a template string
        expect(source).toMatch(/^[\n\x20-\x7e]*$/)
        expect(source).not.toMatch(/["'`\\$]|__injected|script/)
      }
      const enumSource = generatedSource(store.templates[1] as (typeof store.templates)[number], [
        { kind: 'enum', values: HOSTILE, unlisted: undefined },
        undefined,
      ])
      expect(enumSource).not.toMatch(/["'`\\$]|__injected|script/)
    })

    it('round-trips every message through the generated code, and runs none of the text', () => {
      const encoder = createTemplateFrameEncoder(store, prefixOf)
      let generated = 0
      for (const template of store.templates) {
        expect(compiledTemplateOf(template).encode).toBeDefined()
        for (const values of [
          ['a', '7'],
          [HOSTILE[template.id % HOSTILE.length] as string, 'tail"\\'],
        ]) {
          const message = renderTemplate(template, values)
          const bytes = toBytes(message)
          encoder.encodeBytes(bytes)
          const frame = encoder.encodeBytes(bytes)
          const general = encoder.encode(message)
          if (general === undefined) continue
          expect(frame?.templateId).toBe(general.templateId)
          expect(Array.from(frame?.frame ?? [])).toEqual(Array.from(general.frame))
          const body = general.frame.subarray(prefixOf(general.templateId).length)
          expect(new TextDecoder().decode(decodeBinarySemantic(store, general.templateId, body))).toBe(message)
          generated++
        }
      }
      expect(generated).toBeGreaterThan(HOSTILE.length * 2)
      expect((globalThis as { __injected?: unknown }).__injected).toBeUndefined()
    })
  })
})
