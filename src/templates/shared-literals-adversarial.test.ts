/**
 * Adversarial comparisons of the byte screen's shared literals and literal keys with the code before round s42-stores
 * (s42-rev3 F1): identical templates, empty literals, templates without a literal, lone surrogates, any byte value and
 * more than 16 shared strings (the path that builds every template's automaton), which the committed properties never reach.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { sharedLiterals } from './required-literals.ts'
import { literalKeysOf } from './literal-keys.ts'
import { textToBytes } from './text-bytes.ts'
import type { Template } from './store-types.ts'

function oldShared(templates: readonly Template[]): string[] {
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
function oldKey(template: Template, needle: Buffer, afterBytes: number, beforeBytes: number) {
  let best: { bytes: Buffer; at: number; after: number; before: number } | undefined
  for (const text of template.literals) {
    const bytes = Buffer.from(textToBytes(text))
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
      const after = Math.min(afterBytes, bytes.length - at - needle.length)
      const before = Math.min(beforeBytes, at)
      if (best === undefined || (best.after === 0 && after > 0)) best = { bytes, at, after, before }
    }
  }
  if (best === undefined) return { before: new Uint8Array(0), after: new Uint8Array(0) }
  const { bytes, at, after, before } = best
  return {
    before: Uint8Array.from(bytes.subarray(at - before, at)),
    after: Uint8Array.from(bytes.subarray(at + needle.length, at + needle.length + after)),
  }
}
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1')
const T = (literals: string[]) => ({ literals }) as unknown as Template

const PIECES = [
  'a',
  'b',
  'ab',
  'ba',
  'aa',
  'c',
  '{"a":',
  '}',
  ' ',
  ': ',
  'é',
  'è',
  '😀',
  '\uD83D',
  '\uDE00',
  '\uD800',
  '\u00ff',
  '\u0100',
  '€',
  '',
  'x y',
  '\u0000',
]
const literal = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 8 }).map((p) => p.join(''))
const template = fc.array(literal, { minLength: 0, maxLength: 4 })
const store = fc.oneof(
  fc.array(template, { minLength: 0, maxLength: 30 }),
  // identical / near-identical templates
  fc
    .tuple(template, fc.nat({ max: 20 }), fc.array(template, { maxLength: 3 }))
    .map(([t, n, rest]) => [...Array(n + 1).fill(t), ...rest]),
)
let stats = { n: 0, nonEmpty: 0, many: 0 }
it('sharedLiterals = old on adversarial stores', () => {
  fc.assert(
    fc.property(store, (lits) => {
      const ts = lits.map(T)
      const exp = oldShared(ts)
      const got = sharedLiterals(ts).map(latin1)
      expect(got).toEqual(exp)
      stats.n++
      if (exp.length > 0) stats.nonEmpty++
      if (exp.length > 16) stats.many++
      for (const e of exp) {
        const needle = Buffer.from(e, 'latin1')
        for (const t of ts)
          for (const [a, b] of [
            [16, 8],
            [1, 0],
            [0, 0],
            [100, 100],
          ])
            expect(literalKeysOf([t], needle, a!, b!)[0]).toEqual(oldKey(t, needle, a!, b!))
      }
    }),
    { numRuns: 3000, seed: 7 },
  )
  console.log(JSON.stringify(stats))
}, 300_000)

// many found strings (>16) then templates dropping some: exercises the automaton path w/o shortcut, then shortcut
it('many shared strings', () => {
  const word = fc.stringMatching(/^[a-e]{2,5}$/)
  fc.assert(
    fc.property(
      fc.uniqueArray(word, { minLength: 17, maxLength: 40 }),
      fc.array(fc.array(fc.nat(), { maxLength: 40 }), { minLength: 1, maxLength: 25 }),
      (words, keeps) => {
        const base = words.map((w) => w + '|')
        const ts = [T(base), ...keeps.map((k) => T(base.filter((_, i) => !k.includes(i)).concat(['zz' + k.join(',')])))]
        const exp = oldShared(ts)
        expect(sharedLiterals(ts).map(latin1)).toEqual(exp)
        if (exp.length > 16) stats.many++
      },
    ),
    { numRuns: 500, seed: 3 },
  )
  console.log(JSON.stringify(stats))
}, 300_000)

// random bytes over a small alphabet with long literals (automaton clones)
it('random long literals small alphabet', () => {
  const lit = fc.array(fc.constantFrom('a', 'b', 'c', '\u00e9'), { minLength: 1, maxLength: 60 }).map((p) => p.join(''))
  fc.assert(
    fc.property(fc.array(fc.array(lit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), (lits) => {
      const ts = lits.map(T)
      expect(sharedLiterals(ts).map(latin1)).toEqual(oldShared(ts))
    }),
    { numRuns: 2000, seed: 11 },
  )
}, 300_000)
