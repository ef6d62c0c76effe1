/**
 * The json_residue frame's learning (residue-learning.ts): a kind of JSON message the frame keeps losing
 * on stops being tried after LOSSES_TO_SKIP losses (re-checked every RECHECK_EVERY-th message, then
 * further apart), a kind it wins on is always tried, and the frames sent are those of `withoutLearning()`
 * (which tries every message) wherever the frame could not win.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/raw-content-dictionary.ts'
import { createMatcher, JsonResidueLearner, parseTemplateStore, toTemplateStoreJson } from '../templates/index.ts'
import { createHybridCompressor, type HybridCompressor } from './index.ts'
import {
  LOSSES_TO_SKIP,
  MAX_KINDS,
  messageKind,
  RECHECK_EVERY,
  RECHECK_MAX,
  ResidueLearner,
} from './residue-learning.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

const user = (login: string, id: number): string =>
  JSON.stringify({
    login,
    id,
    url: `https://api.example.com/users/${login}`,
    followers_url: `https://api.example.com/users/${login}/followers`,
    site_admin: false,
  })
const TRAIN = ['ann', 'bob', 'cy', 'dee', 'eli', 'flo'].map((login, i) => user(login, i + 1))

async function compressorWithModel(): Promise<HybridCompressor> {
  const learner = new JsonResidueLearner()
  for (const text of TRAIN) learner.add(text)
  const base = toTemplateStoreJson(
    parseTemplateStore(
      { format: 'aura-template-store', version: 1, name: 'r', templates: [{ id: 1, pattern: 'Request {0} done' }] },
      'base.json',
    ),
  )
  const json = toTemplateStoreJson({ ...parseTemplateStore(base, 'x'), jsonResidue: learner.finish() })
  const store = parseTemplateStore(JSON.parse(JSON.stringify(json)), 'residue.json')
  return createHybridCompressor(
    { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict', minCompressionSizeBytes: 0 },
    {
      store,
      matcher: createMatcher(store),
      dictionary: createRawContentDictionary(
        TRAIN.map((t) => toBytes(t)),
        4096,
      ),
    },
  )
}

/** Messages of one kind the frame cannot win on (sent uncompressed, the frame 9 bytes larger). */
const losing = (i: number): string => JSON.stringify({ t: `abcdefghi${i % 10}`, q: 10000 + i })

describe('json_residue learning', () => {
  it('a kind the frame keeps losing on skips it after LOSSES_TO_SKIP tries, re-checked ever further apart; frames as withoutLearning()', async () => {
    const learning = await compressorWithModel()
    const seed = learning.withoutLearning()
    const tried: number[] = []
    for (let i = 0; i < 600; i++) {
      const text = losing(i)
      const a = learning.compressSync(text)
      const b = seed.compressSync(text)
      expect(a.bytes).toEqual(b.bytes)
      expect(b.metadata.candidateBytes.json_residue).toBeGreaterThan(a.bytes.length)
      if (a.metadata.candidateBytes.json_residue !== undefined) tried.push(i)
      expect(new TextDecoder().decode(learning.decompressSync(a.bytes))).toBe(text)
    }
    // the first LOSSES_TO_SKIP tried, then one in RECHECK_EVERY, each gap doubling up to RECHECK_MAX
    const expected = Array.from({ length: LOSSES_TO_SKIP }, (_, i) => i)
    for (let every = RECHECK_EVERY, next = LOSSES_TO_SKIP - 1 + every; next < 600; ) {
      expected.push(next)
      every = Math.min(every * 2, RECHECK_MAX)
      next += every
    }
    expect(tried).toEqual(expected)
  })

  it('a kind the frame wins on is always tried: the same frames as withoutLearning(), every one json_residue', async () => {
    const learning = await compressorWithModel()
    const seed = learning.withoutLearning()
    for (let i = 0; i < 100; i++) {
      // interleaved with a losing kind, which learns to skip meanwhile
      learning.compressSync(losing(i))
      const text = user(`u${1000 + i}`, 5000 + i)
      const a = learning.compressSync(text)
      expect(a.method).toBe('json_residue')
      expect(a.bytes).toEqual(seed.compressSync(text).bytes)
    }
  })

  it("a message's kind is its root's top-level keys (not its values, not nested keys), its length's octave and the chosen method", () => {
    const kind = (value: unknown, method = 'zstd_dict'): number => messageKind(JSON.stringify(value), method)
    const a = kind({ id: 12, name: 'ann', tags: { x: 1 } })
    expect(kind({ id: 34, name: 'bob', tags: { y: 2 } })).toBe(a)
    expect(messageKind(toBytes(JSON.stringify({ id: 12, name: 'ann', tags: { x: 1 } })), 'zstd_dict')).toBe(a)
    expect(kind({ id: 12, nome: 'ann', tags: { x: 1 } })).not.toBe(a)
    expect(kind({ name: 'ann', id: 12, tags: { x: 1 } })).not.toBe(a)
    expect(kind({ id: 12, name: 'ann', tags: { x: 1 } }, 'binary_semantic')).not.toBe(a)
    expect(kind({ id: 12, name: 'a'.repeat(200), tags: { x: 1 } })).not.toBe(a)
    // a key's escaped quote does not end it; an array's kind counts its elements by octave
    expect(kind({ 'a"b': 1 })).not.toBe(kind({ 'a"c': 1 }))
    expect(kind([1, 2, 3, 4])).not.toBe(kind([1, 2, 3, 4, 5, 6, 7, 8]))
  })

  it('a kind is that of a unit-by-unit walk (a backslash skips the unit after it) for any text of quotes, backslashes and brackets, as text and as bytes', () => {
    // the walk messageKind's indexOf skip of non-key strings must agree with (round s39-p99)
    const walk = (message: string | Uint8Array, method: string): number => {
      const at = (i: number): number => (typeof message === 'string' ? message.charCodeAt(i) : (message[i] as number))
      let hash = 0x811c9dc5
      const mix = (c: number): void => {
        hash = Math.imul(hash ^ c, 0x01000193)
      }
      const root = at(0)
      mix(root)
      let [depth, elements, expectKey] = [0, 0, false]
      for (let i = 0; i < message.length; i++) {
        const c = at(i)
        if (c === 0x22) {
          const key = depth === 1 && root === 0x7b && expectKey
          for (i++; i < message.length && at(i) !== 0x22; i += at(i) === 0x5c ? 2 : 1) if (key) mix(at(i))
          if (key) {
            mix(0)
            expectKey = false
          }
        } else if (c === 0x7b || c === 0x5b) {
          depth++
          if (depth === 1) expectKey = true
        } else if (c === 0x7d || c === 0x5d) {
          depth--
          if (depth === 0) break
        } else if (c === 0x2c && depth === 1) {
          expectKey = true
          elements++
        }
      }
      if (root === 0x5b) mix(32 - Math.clz32(elements + 1))
      mix(32 - Math.clz32(message.length))
      for (const unit of method) mix(unit.charCodeAt(0))
      return hash >>> 0
    }
    const unit = fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', 'é', '1', ' ')
    const text = fc.tuple(fc.constantFrom('{', '['), fc.array(unit, { maxLength: 60 })).map(([r, u]) => r + u.join(''))
    fc.assert(
      fc.property(text, fc.constantFrom('zstd_dict', 'uncompressed'), (message, method) => {
        expect(messageKind(message, method)).toBe(walk(message, method))
        expect(messageKind(toBytes(message), method)).toBe(walk(toBytes(message), method))
      }),
      { numRuns: 3000 },
    )
  })

  it('learns at most MAX_KINDS kinds: a kind past them is always tried (review round 38)', () => {
    const learner = new ResidueLearner()
    const loseAll = (kind: number) => {
      for (let i = 0; i < LOSSES_TO_SKIP; i++) learner.tried(kind, false)
    }
    for (let kind = 0; kind < MAX_KINDS; kind++) loseAll(kind)
    expect(learner.skips(0)).toBe(true)
    expect(learner.skips(MAX_KINDS - 1)).toBe(true)
    loseAll(MAX_KINDS)
    for (let i = 0; i < 100; i++) expect(learner.skips(MAX_KINDS)).toBe(false)
  })

  it('a win starts the kind over', () => {
    const learner = new ResidueLearner()
    for (let i = 0; i < LOSSES_TO_SKIP; i++) {
      expect(learner.skips(7)).toBe(false)
      learner.tried(7, false)
    }
    expect(learner.skips(7)).toBe(true)
    learner.tried(7, true)
    expect(learner.skips(7)).toBe(false)
    learner.tried(7, false)
    expect(learner.skips(7)).toBe(false)
  })
})
