import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createMatcher, loadTemplateStore, parseTemplateStore, renderTemplate } from './index.ts'
import { matchWithoutIndex } from './matcher.ts'

const LITERAL = fc.constantFrom('', 'Job ', ' done', 'é', '€ ', ': ', '{', '}', 'ok', ' ', '\n', '😀')
const VALUE = fc.constantFrom('a', '42', 'é', '😀 x', '{}', ' ', 'Job')

/** A pattern from literals and placeholders, with literal text between placeholders (as the store requires). */
const PATTERN = fc.array(LITERAL, { minLength: 1, maxLength: 4 }).map((literals) => {
  let pattern = literals[0] as string
  for (let k = 1; k < literals.length; k++) pattern += `{${k - 1}}${literals[k] === '' ? '-' : (literals[k] as string)}`
  return pattern
})

describe('byte screen (mayMatchBytes)', () => {
  it('never rules out a message some template matches', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(PATTERN, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.array(VALUE, { minLength: 4, maxLength: 4 }),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        (patterns, pick, values, noise) => {
          const valid = patterns.filter((pattern) => /[^{}\d]/.test(pattern.replace(/\{\d+\}/g, '')))
          fc.pre(valid.length > 0)
          const store = parseTemplateStore(
            {
              format: 'aura-template-store',
              version: 1,
              name: 's',
              templates: valid.map((pattern, i) => ({ id: i + 1, pattern })),
            },
            's.json',
          )
          const matcher = createMatcher(store)
          const template = store.templates[pick % store.templates.length]
          const rendered =
            template === undefined ? noise : renderTemplate(template, values.slice(0, template.textOrder.length))
          for (const message of [rendered, noise, `${noise}${rendered}`, `${rendered}${noise}`]) {
            if (!matcher.mayMatchBytes(toBytes(message))) expect(matchWithoutIndex(store, message)).toEqual([])
          }
        },
      ),
      { seed: 42, numRuns: 400 },
    )
  })

  it('rules out traffic the shipped store cannot match by its first byte (JSON, empty)', async () => {
    const matcher = createMatcher(
      await loadTemplateStore(new URL('../../configs/templates/expanded.json', import.meta.url).pathname),
    )
    expect(matcher.mayMatchBytes(toBytes('{"id":"chatcmpl-1","choices":[]}'))).toBe(false)
    expect(matcher.mayMatchBytes(new Uint8Array(0))).toBe(false)
    expect(matcher.mayMatchBytes(toBytes('Request r1 completed in 5ms'))).toBe(true)
  })

  it('with a placeholder at both ends, rules out only by the anchor words (none: nothing)', () => {
    const store = parseTemplateStore(
      { format: 'aura-template-store', version: 1, name: 's', templates: [{ id: 1, pattern: '{0} done {1}' }] },
      's.json',
    )
    const matcher = createMatcher(store)
    // the first and last byte rule nothing out; the whole word "done" must be a token of the message
    expect(matcher.mayMatchBytes(toBytes('{"x":1}'))).toBe(false)
    expect(matcher.mayMatchBytes(toBytes('{"x":1} done ok'))).toBe(true)
    expect(matcher.mayMatchBytes(toBytes('{"x":1} undone ok'))).toBe(false)
    const bare = parseTemplateStore(
      { format: 'aura-template-store', version: 1, name: 's', templates: [{ id: 1, pattern: '{0}: {1}' }] },
      's.json',
    )
    expect(createMatcher(bare).mayMatchBytes(toBytes('{"x":1}'))).toBe(true)
  })
})
