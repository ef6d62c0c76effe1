import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ALL_KINDS, createFeatureTable, KIND_BITS, literalFeatures, type Feature, type FeatureKind } from './literal-features.ts'
import type { Compiled } from './literal-compiled.ts'
import { createLiteralIndex } from './literal-index.ts'
import { createFeatureScanner } from './literal-scanner.ts'
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

describe('literal features', () => {
  it('a literal needs its whole words, the word before a placeholder begins a token, the word after one ends a token, the last literal ends the message', () => {
    const literals = ['Got ', ': block blk_', 'ms to /', 's.']
    const features = literals.map((_, k) => literalFeatures(literals, k).map((f) => `${f.kind}:${f.text}`))
    expect(features).toEqual([[], ['word:block', 'token-start:blk_'], ['word:to', 'token-end:ms'], ['token-end:s', 'message-end:s.']])
    // a word glued to placeholders on both sides, or to the message's start, is none of them
    expect(literalFeatures(['x', 'blk', 'y'], 1)).toEqual([])
    expect(literalFeatures(['Got', ''], 0)).toEqual([])
  })
})

/** Letters that make features share their first units (and so their heads), astral and accented ones included. */
const UNIT = fc.oneof({ arbitrary: fc.constantFrom('a', 'b'), weight: 4 }, { arbitrary: fc.constantFrom('_', '1', 'é', '𝒜'), weight: 1 })
/** Words, a third of them with the head `aba`: a head with more features than a list holds gets a trie. */
const WORD_ARB = fc.tuple(fc.constantFrom('', '', 'aba'), fc.array(UNIT, { minLength: 1, maxLength: 5 })).map(([head, units]) => head + units.join(''))
const FEATURE_ARB = fc.oneof(
  fc.record({ kind: fc.constantFrom('word', 'token-start', 'token-end') as fc.Arbitrary<FeatureKind>, text: WORD_ARB }),
  fc.record({ kind: fc.constant('message-end') as fc.Arbitrary<FeatureKind>, text: fc.array(fc.oneof(WORD_ARB, fc.constantFrom(' ', ':')), { minLength: 1, maxLength: 3 }).map((p) => p.join('')) }),
)
/**
 * More features of one kind under one head than a list holds (`aba` begins each token start and whole
 * word, ends each token end): the head's trie must find the features that begin (or end) a token, not
 * only the whole words. Left to FEATURE_ARB alone, one kind rarely gets that many under one head.
 */
const CROWD_ARB = fc.option(
  fc
    .tuple(fc.constantFrom('word', 'token-start', 'token-end') as fc.Arbitrary<FeatureKind>, fc.uniqueArray(fc.array(UNIT, { maxLength: 3 }).map((units) => units.join('')), { minLength: 9, maxLength: 14 }))
    .map(([kind, rests]) => rests.map((rest): Feature => ({ kind, text: kind === 'token-end' ? rest + 'aba' : 'aba' + rest }))),
  { freq: 2, nil: [] },
)
/** Pieces that give tokens beginning or ending with the crowd's `aba`. */
const CROWD_PIECE = fc.array(UNIT, { maxLength: 3 }).chain((units) => fc.constantFrom('aba' + units.join(''), units.join('') + 'aba'))
const SCANNED_MESSAGE = fc.array(fc.oneof(WORD_ARB, CROWD_PIECE, fc.constantFrom(' ', ':', '-', '\n')), { maxLength: 10 }).map((pieces) => pieces.join(''))

/** Where each feature lies in the message, the slow way: the start of every span it has there. */
function spansOf(feature: Feature, message: string): number[] {
  const tokens = [...message.matchAll(/[\p{L}\p{N}_]+/gu)].map((m) => ({ text: m[0], start: m.index }))
  const { kind, text } = feature
  if (kind === 'message-end') return message.endsWith(text) ? [message.length - text.length] : []
  if (kind === 'word') return tokens.filter((t) => t.text === text).map((t) => t.start)
  if (kind === 'token-start') return tokens.filter((t) => t.text.startsWith(text)).map((t) => t.start)
  return tokens.filter((t) => t.text.endsWith(text)).map((t) => t.start + t.text.length - text.length)
}

describe('feature scanner', () => {
  it('finds every feature of the kinds asked lying after the position asked, and only features the message has (many sharing a head: tries)', () => {
    fc.assert(
      fc.property(fc.array(FEATURE_ARB, { maxLength: 80, size: 'max' }), CROWD_ARB, SCANNED_MESSAGE, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: ALL_KINDS })), { minLength: 1, maxLength: 3 }), (list, crowd, message, calls) => {
        const table = createFeatureTable()
        const ids = [...list, ...crowd].map((feature) => table.idOf(feature))
        const scanner = createFeatureScanner(table.features, new Set(ids))
        scanner.reset()
        // the index may look for words first (step 4), then for the kinds a bucket splits by, from one position or another
        for (const [cut, kinds] of calls) {
          const from = message === '' ? 0 : cut % message.length
          if (cut % 2 === 0) scanner.scanWords(message, from)
          scanner.scan(message, from, kinds)
          table.features.forEach((feature, id) => {
            const spans = spansOf(feature, message)
            const asked = (kinds & KIND_BITS[feature.kind]) !== 0 || (cut % 2 === 0 && feature.kind === 'word')
            if (asked && spans.some((at) => at >= from)) expect({ feature, found: scanner.has(id) }).toEqual({ feature, found: true })
            if (scanner.has(id)) expect({ feature, spans: spans.length > 0 }).toEqual({ feature, spans: true })
          })
        }
        // scanning every kind from the start finds exactly the features the message has, each listed once
        scanner.scan(message, 0, ALL_KINDS)
        const present = [...scanner.present.subarray(0, scanner.presentCount)].sort((a, b) => a - b)
        expect(present).toEqual(table.features.flatMap((feature, id) => (spansOf(feature, message).length > 0 ? [id] : [])))
      }),
      { seed: 42, numRuns: 400 },
    )
  })
})
