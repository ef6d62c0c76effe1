import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { hashUnit, selectMessages, type SelectOptions } from './select.ts'
import { createLoadStats, type CorpusLoadStats, type CorpusMessage, type SourceRecord } from './types.ts'

/** Records of `n` messages whose bytes are their number, with every fifth line empty. */
function source(n: number): () => AsyncIterable<SourceRecord> {
  return async function* () {
    let line = 1
    for (let i = 0; i < n; i++) {
      if (i % 5 === 0) yield { state: 'empty', place: { line: line++ } }
      yield { state: 'message', place: { line: line++ }, bytes: new TextEncoder().encode(String(i)) }
    }
  }
}

async function select(
  n: number,
  options: Partial<SelectOptions>,
  stats: CorpusLoadStats = createLoadStats(),
): Promise<CorpusMessage[]> {
  const out: CorpusMessage[] = []
  for await (const message of selectMessages(source(n), { name: 't', file: 't.txt', ...options }, stats))
    out.push(message)
  return out
}

const indexes = (messages: readonly CorpusMessage[]): number[] => messages.map((m) => m.index)
const split = (use: 'train' | 'test', seed: number, trainFraction = 0.3, mode: 'random' | 'ordered' = 'random') => ({
  split: { trainFraction, seed, use, mode },
})

describe('selectMessages', () => {
  it('numbers messages after the content filters, skipping empty records', async () => {
    const stats = createLoadStats()
    const messages = await select(12, { minMessageBytes: 2 }, stats)
    expect(indexes(messages)).toEqual([0, 1])
    expect(messages.map((m) => m.line)).toEqual([14, 15])
    expect(stats).toMatchObject({ recordsRead: 12, skippedEmptyLines: 3, droppedBelowMinBytes: 10, messages: 2 })
  })

  it('limit keeps the first messages and says it stopped', async () => {
    const stats = createLoadStats()
    expect(indexes(await select(100, { limit: 3 }, stats))).toEqual([0, 1, 2])
    expect(stats).toMatchObject({ stoppedAtLimit: true, recordsRead: 3 })
  })

  it('random split: same seed same parts; train and test are disjoint and cover the corpus, for any seed and fraction', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.double({ min: 0.05, max: 0.95, noNaN: true }), async (seed, fraction) => {
        const train = indexes(await select(200, split('train', seed, fraction)))
        const test = indexes(await select(200, split('test', seed, fraction)))
        expect(indexes(await select(200, split('train', seed, fraction)))).toEqual(train)
        expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i))
      }),
      { seed: 42, numRuns: 25 },
    )
  })

  it('random split: another seed gives another split, near the fraction', async () => {
    const a = indexes(await select(2000, split('train', 1)))
    const b = indexes(await select(2000, split('train', 2)))
    expect(a).not.toEqual(b)
    // 2000 draws at p = 0.3: 600 expected, standard deviation about 20
    expect(a.length).toBeGreaterThan(500)
    expect(a.length).toBeLessThan(700)
  })

  it('a message keeps its side of a random split when the corpus grows', async () => {
    const small = indexes(await select(100, split('train', 7)))
    const large = indexes(await select(300, split('train', 7)))
    expect(large.filter((i) => i < 100)).toEqual(small)
  })

  it('ordered split uses floor(n * fraction) for train', async () => {
    expect(indexes(await select(10, split('train', 0, 0.25, 'ordered')))).toEqual([0, 1])
    expect(indexes(await select(10, split('test', 0, 0.25, 'ordered')))).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('sample: seeded, in corpus order, of the requested size, from the chosen part of the split', async () => {
    const stats = createLoadStats()
    const a = await select(500, { sample: { size: 20, seed: 3 }, ...split('test', 5) }, stats)
    const b = await select(500, { sample: { size: 20, seed: 3 }, ...split('test', 5) })
    const test = new Set(indexes(await select(500, split('test', 5))))
    expect(indexes(a)).toEqual(indexes(b))
    expect(a).toHaveLength(20)
    expect(indexes(a)).toEqual([...indexes(a)].sort((x, y) => x - y))
    expect(indexes(a).every((i) => test.has(i))).toBe(true)
    expect(stats.excludedBySample).toBe(test.size - 20)
    expect(indexes(await select(500, { sample: { size: 20, seed: 4 } }))).not.toEqual(indexes(a))
  })

  it('a sample larger than the corpus keeps everything', async () => {
    expect(await select(5, { sample: { size: 50, seed: 1 } })).toHaveLength(5)
  })

  it('an empty selection is E_CORPUS_EMPTY naming the split', async () => {
    const error = await select(3, { limit: 1, ...split('train', 0, 0.5, 'ordered') }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    expect((error as AuraError).message).toMatch(/1 in the test part of the split/)
  })

  it('hashUnit is in [0, 1) and depends on the seed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (index, seed) => {
        const u = hashUnit(index, seed)
        expect(u).toBeGreaterThanOrEqual(0)
        expect(u).toBeLessThan(1)
      }),
      { seed: 42, numRuns: 500 },
    )
    expect(hashUnit(5, 1)).not.toBe(hashUnit(5, 2))
  })
})
