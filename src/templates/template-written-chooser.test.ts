import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { concatBytes, toBytes } from '../core/index.ts'
import { createMatcher, parseTemplateStore, renderTemplate, type TemplateStore } from './index.ts'
import { allocBytes } from './byte-slab.ts'
import { TemplateChooser } from './template-encoder.ts'
import { WrittenChooser } from './template-written-chooser.ts'

/**
 * Templates that overlap the way discovered stores do (a specific template, twins with a slot for a
 * word, a coarse one whose slots swallow literals, open enums with other lists): most messages match
 * several, and the winner is not always the first tried.
 */
const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'written-chooser',
    templates: [
      { id: 1, pattern: '[{0}] {1} close, {2} bytes', slots: [{ type: 'string' }, { type: 'auto' }, { type: 'auto' }] },
      {
        id: 2,
        pattern: '[{0}] {1}.exe - {2} close, {3} bytes',
        slots: [
          { type: 'enum', values: ['10.30', '07.26'], other: 'auto', similar: true },
          { type: 'enum', values: ['chrome', 'QQ'], other: 'auto', similar: true },
          { type: 'string' },
          { type: 'integer' },
        ],
      },
      {
        id: 3,
        pattern: '[{0}] {1} {2} {3} close, {4} bytes',
        slots: [
          { type: 'enum', values: ['10.30'], other: 'auto', similar: true },
          { type: 'enum', values: ['chrome.exe'], other: 'auto', similar: true },
          { type: 'auto' },
          { type: 'string' },
          { type: 'integer' },
        ],
      },
      {
        id: 4,
        pattern: '[{0}] chrome.exe - {1} close, {2} bytes',
        slots: [{ type: 'enum', values: ['07.26'], other: 'integer' }, { type: 'string' }, { type: 'auto' }],
      },
      {
        id: 5,
        pattern: '[{0}] {1} - {2}:{3} close, {4} bytes',
        slots: [
          { type: 'auto' },
          { type: 'string' },
          { type: 'string' },
          { type: 'integer', width: 3 },
          { type: 'auto' },
        ],
      },
    ],
  },
  'written-chooser.json',
)

const header = (id: number): Uint8Array => Uint8Array.of(0x80 | (id >> 8), id & 0xff)
/** Headers of uneven sizes, so the header decides between bodies that are close. */
const unevenHeader = (id: number): Uint8Array => new Uint8Array(1 + ((id * 3) % 5))

const PART = fc.oneof(
  fc.constantFrom('10.30', '07.26', '07.27', '1030', 'chrome', 'QQ', 'QQ2', 'chrome.exe', '-', '*64', 'a b', ':'),
  fc.integer({ min: -999, max: 99999 }).map(String),
  fc.stringMatching(/^[a-z.]{1,12}(:\d{1,3})?$/),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
)

const messageOf = fc
  .tuple(fc.constantFrom(...STORE.templates), fc.array(PART, { minLength: 5, maxLength: 5 }))
  .map(([template, values]) => renderTemplate(template, values.slice(0, template.slots.length)))

describe('WrittenChooser', () => {
  it('picks and writes exactly the frame TemplateChooser picks among several matches, or leaves the message to it', () => {
    for (const prefixOf of [header, unevenHeader]) {
      const matcher = createMatcher(STORE)
      const sizeOf = (id: number): number => prefixOf(id).length
      const written = new WrittenChooser()
      const general = new TemplateChooser()
      let decided = 0
      let notFirst = 0
      let several = 0
      fc.assert(
        fc.property(messageOf, (message) => {
          const bytes = toBytes(message)
          const matches = matcher.matchSpecific(message, bytes, sizeOf)
          if (matches.length < 2) return
          several++
          const frame = written.choose(message, matches, prefixOf, sizeOf)
          expect(general.choose(message, matches, sizeOf)).toBe(true)
          const body = new Uint8Array(general.bodyBytes)
          general.writeBody(body, 0)
          const expected = { templateId: general.templateId, frame: concatBytes([prefixOf(general.templateId), body]) }
          if (frame === undefined) return
          decided++
          if (frame.templateId !== (matches[0] as { template: { id: number } }).template.id) notFirst++
          expect({ templateId: frame.templateId, frame: Uint8Array.from(frame.frame) }).toEqual(expected)
          // what the losers left in the slab is zeroed: the next output starts zero-filled
          expect(allocBytes(256).every((byte) => byte === 0)).toBe(true)
        }),
        { numRuns: 3000 },
      )
      // the written path is exercised, including winners that are not the lowest id
      expect(several).toBeGreaterThan(300)
      expect(decided).toBeGreaterThan(several / 2)
      expect(notFirst).toBeGreaterThan(20)
    }
  })
})
