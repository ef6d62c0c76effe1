import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createMatcher, parseTemplateStore } from './index.ts'
import { sharedLiterals } from './required-literals.ts'
import { textToBytes } from './text-bytes.ts'
import type { Template } from './store-types.ts'

/** A store of untyped templates, ids from 1. */
const storeOf = (...patterns: string[]) =>
  parseTemplateStore(
    {
      format: 'aura-template-store',
      version: 1,
      name: 's',
      templates: patterns.map((pattern, i) => ({ id: i + 1, pattern })),
    },
    's.json',
  )

/**
 * The definition, by brute force (sharedLiterals' former code): from each place of the smallest template's
 * literals the longest string every template holds inside one literal, tried a byte longer at a time; then
 * those inside a longer one dropped; longest first, ties in the order found.
 */
function sharedLiteralsByIncludes(templates: readonly Template[]): string[] {
  const literalsOf = templates.map((t) =>
    t.literals.filter((l) => l !== '').map((l) => Buffer.from(textToBytes(l)).toString('latin1')),
  )
  if (literalsOf.length === 0 || literalsOf.some((literals) => literals.length === 0)) return []
  const size = (literals: string[]): number => literals.reduce((sum, l) => sum + l.length, 0)
  const pivot = literalsOf.reduce((a, b) => (size(b) < size(a) ? b : a))
  const shared = (text: string): boolean => literalsOf.every((literals) => literals.some((l) => l.includes(text)))
  const found = new Set<string>()
  for (const literal of pivot) {
    let length = 0
    for (let at = 0; at < literal.length; at++) {
      length = Math.max(length - 1, 0)
      while (at + length < literal.length && shared(literal.slice(at, at + length + 1))) length += 1
      if (length > 0) found.add(literal.slice(at, at + length))
    }
  }
  const all = [...found]
  return all
    .filter((text) => !all.some((other) => other.length > text.length && other.includes(text)))
    .sort((a, b) => b.length - a.length)
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1')

/** JSON nested `depth` deep around one placeholder, as discover writes a template of such a line. */
const deepPattern = (depth: number): string => `${'{"a":'.repeat(depth)}{0}${'}'.repeat(depth)}`

describe('sharedLiterals', () => {
  it('gives what the brute-force definition gives (repetitive literals, shared text at both ends of a literal)', () => {
    const PIECE = fc.constantFrom('a', 'b', 'ab', 'ba', '{"a":', '}', ' ', ': ', 'é', '😀')
    const LITERAL = fc.array(PIECE, { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(''))
    let several = 0
    const TEMPLATE = fc
      .array(LITERAL, { minLength: 1, maxLength: 3 })
      .map((literals) => literals.map((l, k) => (k === 0 ? l : `{${k - 1}}${l}`)).join(''))
    fc.assert(
      fc.property(fc.uniqueArray(TEMPLATE, { minLength: 1, maxLength: 5 }), (patterns) => {
        const { templates } = storeOf(...patterns)
        const expected = sharedLiteralsByIncludes(templates)
        expect(sharedLiterals(templates).map(latin1)).toEqual(expected)
        if (templates.length > 1 && expected.length > 1) several += 1
      }),
      { numRuns: 400 },
    )
    // the runs are not all trivial: many stores of two or more templates share two or more strings
    expect(several).toBeGreaterThan(40)
  })

  it('gives what the brute-force definition gives on templates that hold one another', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '-'), { minLength: 1, maxLength: 24 }).map((c) => c.join(''))
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        (base, cuts) => {
          // each template a piece of one text, the piece before the placeholder and the one after it
          const patterns = [
            ...new Set(
              cuts.map(([a, b, c]) => {
                const [from, to] = [a % base.length, b % (base.length + 1)]
                return `${base.slice(from, Math.max(from + 1, to))}{0}${base.slice(c % base.length)}`
              }),
            ),
          ]
          const { templates } = storeOf(...patterns)
          expect(sharedLiterals(templates).map(latin1)).toEqual(sharedLiteralsByIncludes(templates))
        },
      ),
      { numRuns: 400 },
    )
  })

  // s41-fixr: with such a store, ONE compressSync of `worker 2 started` took 66-84 s: the byte screen, built on
  // first use, looked for every shared string a byte longer at a time and then each inside every other (~5,000
  // strings of up to 15,000 bytes). Linear now: well under a second idle (the timeout is only a backstop).
  it('finds the literals JSON nested thousands deep shares with a template twice as deep, and screens a line', () => {
    const store = storeOf('worker {0} started', deepPattern(3_000), deepPattern(6_000))
    const deep = store.templates.slice(1)
    expect(sharedLiterals(deep).map(latin1)).toEqual(['{"a":'.repeat(3_000), '}'.repeat(3_000)])
    const matcher = createMatcher(store)
    expect(matcher.mayMatchBytes(toBytes('worker 2 started'))).toBe(true)
    expect(matcher.match('worker 2 started').map((m) => m.template.id)).toEqual([1])
    expect(matcher.mayMatchBytes(toBytes(`${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`))).toBe(true)
    expect(matcher.mayMatchBytes(toBytes(`${'{"a":'.repeat(2_999)}1${'}'.repeat(3_000)}`))).toBe(false)
  }, 60_000)
})
