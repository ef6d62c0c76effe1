import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { createMatcher, parseTemplateStore } from '../templates/index.ts'
import { createHybridCompressor } from './index.ts'
import { LEARN_WINS, RECHECK_EVERY, RECHECK_MAX, SelectionLearner } from './selection-learning.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

/** The uses (1-based, after the template learned) on which `learner` compares, among `uses`, each comparison scored by `fallbackBytes(use)` against a 10-byte template frame. */
function comparedUses(learner: SelectionLearner, uses: number, fallbackBytes: (use: number) => number): number[] {
  for (let i = 0; i < LEARN_WINS; i++) {
    expect(learner.skipsFallback(7)).toBe(false)
    learner.record(7, 10, 20)
  }
  const compared: number[] = []
  for (let use = 1; use <= uses; use++) {
    if (learner.skipsFallback(7)) continue
    compared.push(use)
    learner.record(7, 10, fallbackBytes(use))
  }
  return compared
}

describe('re-checks of a learned template', () => {
  it('double the uses between them while the template keeps winning comfortably, up to RECHECK_MAX', () => {
    const compared = comparedUses(new SelectionLearner(), 2000, () => 20)
    const expected: number[] = []
    for (let gap = RECHECK_EVERY, at = 0; at + gap <= 2000; gap = Math.min(2 * gap, RECHECK_MAX)) {
      at += gap
      expected.push(at)
    }
    // 32, 96, 224, 480, 736, ...: 1 use in 256 once it has won 3 re-checks (af15f88 compared 1 in 32: 62 uses)
    expect(expected.slice(0, 4)).toEqual([32, 96, 224, 480])
    expect(compared).toEqual(expected)
    expect(compared.length).toBeLessThan(2000 / RECHECK_EVERY / 4)
  })

  it('start again at RECHECK_EVERY, from zero wins, after a re-check that is not a comfortable win', () => {
    // the third re-check (use 224) finds the fallback's frame only 1.1x the template's
    const compared = comparedUses(new SelectionLearner(), 224 + LEARN_WINS + 40, (use) => (use === 224 ? 11 : 20))
    // then LEARN_WINS comparisons in a row before it skips again, and the next re-check 32 uses later
    const relearned = Array.from({ length: LEARN_WINS }, (_, i) => 225 + i)
    expect(compared).toEqual([32, 96, 224, ...relearned, 224 + LEARN_WINS + RECHECK_EVERY])
  })
})

describe('a compressor learns as the rule says', () => {
  it('compares a template that always wins comfortably on its first uses and its re-checks only', async () => {
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'one',
        templates: [
          { id: 1, pattern: 'Request {0} completed in {1}ms', slots: [{ type: 'string' }, { type: 'integer' }] },
        ],
      },
      'one.json',
    )
    const dictionary = createRawContentDictionary([toBytes('unrelated dictionary text 0123456789')], 1024)
    const compressor = await createHybridCompressor(
      { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict', zstdDictLevel: 3, minCompressionSizeBytes: 0 },
      { store, matcher: createMatcher(store), dictionary },
    )
    const compared: number[] = []
    for (let use = 1; use <= 1000; use++) {
      // a 24-character id: the template's frame (~28 bytes) is past what the fallback's smallest frame could beat
      const id = ((use * 2_654_435_761) % 2 ** 32).toString(36).padStart(12, 'x').repeat(2)
      const result = compressor.compressSync(`Request ${id} completed in ${use % 977}ms`)
      expect(result.method).toBe('binary_semantic')
      if (result.metadata.candidateBytes.zstd_dict !== undefined) compared.push(use - LEARN_WINS)
    }
    // the first LEARN_WINS uses learn (numbered -15 ... 0 here), then the re-checks of the 984 uses left
    const learning = Array.from({ length: LEARN_WINS }, (_, i) => i + 1 - LEARN_WINS)
    expect(compared).toEqual([...learning, 32, 96, 224, 480, 736])
  })
})
