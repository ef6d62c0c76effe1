import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLiteralIndex, type Compiled } from './literal-index.ts'
import { slotCodecsOf } from './slot-codecs.ts'
import { parseTemplateStore } from './store-parse.ts'

/** Templates with a placeholder at both ends: the index files them under their longest whole word. */
const PATTERNS = ['{0} Served block {1}', '{0}: café crème {1}', '{0} 𝒜lpha_1 beta {1}', '{0} 中文 {1}', '{0} x {1}', '{0}-Served-{1}', '{0} job_42 done {1}']
const STORE = parseTemplateStore({ format: 'aura-template-store', version: 1, name: 'words', templates: PATTERNS.map((pattern, i) => ({ id: i + 1, pattern })) }, 'words.json')
const INDEX = createLiteralIndex(STORE.templates.map((template): Compiled => ({ template, codecs: slotCodecsOf(template), minLength: 0 })))

/** The rule the index implements, written the slow way: a template is selected when its word is a token of the message. */
function expectedIds(message: string): number[] {
  const tokens = new Set(message.split(/[^\p{L}\p{N}_]+/u))
  return STORE.templates
    .filter((t) => {
      const words = t.literals.flatMap((literal) => [...literal.matchAll(/(?<=[^\p{L}\p{N}_])[\p{L}\p{N}_]+(?=[^\p{L}\p{N}_])/gu)].map((m) => m[0]))
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '')
      return longest !== '' && tokens.has(longest)
    })
    .map((t) => t.id)
}

const PIECE = fc.constantFrom('Served', 'served', 'block', 'café', 'crème', 'cafés', '𝒜lpha_1', 'lpha_1', '中文', '中', 'x', 'xx', 'job_42', '42', '_', ' ', '-', ': ', '\u00a0', '/', '\ud835\udc9c', '\ud835', 'é', '\n')
const MESSAGE = fc.array(PIECE, { maxLength: 12 }).map((pieces) => pieces.join(''))

describe('literal index: templates filed by a whole word', () => {
  it('selects exactly the templates whose word is a token of the message (Unicode letters, digits, _ and astral letters included)', () => {
    fc.assert(
      fc.property(MESSAGE, (message) => {
        const selected = INDEX.select(message).map((c) => c.template.id)
        expect(new Set(selected).size).toBe(selected.length)
        expect(selected.sort((a, b) => a - b)).toEqual(expectedIds(message))
      }),
      { seed: 42, numRuns: 500 },
    )
  })
})
