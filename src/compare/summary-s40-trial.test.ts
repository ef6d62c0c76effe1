import { describe, expect, it } from 'vitest'
import { formatSpeedup, formatSpeedupRange } from './format.ts'
import { recommendCorpus } from './recommend.ts'
import { renderSummary } from './summary.ts'
import { renderCorpusParagraph, SEED_QUESTION } from './summary-sentences.ts'
import { createFixtureComparison, createFixtureEntry } from './test-fixtures.ts'

// s40-trial D4: an entry 22x slower than the current codec was said to be "0.0x faster"
describe('speed ratios said as they read', () => {
  it('says slower below 1 and faster at or above it', () => {
    expect(formatSpeedup(0.045)).toBe('22x slower')
    expect(formatSpeedup(0.5)).toBe('2.0x slower')
    expect(formatSpeedup(1)).toBe('as fast')
    // s40-rev1 F4: within 10% of 1, two decimals (0.97 read "1.0x slower")
    expect(formatSpeedup(0.97)).toBe('1.03x slower')
    expect(formatSpeedup(1.04)).toBe('1.04x faster')
    expect(formatSpeedupRange(0.97, 1.04)).toBe('from 1.03x slower to 1.04x faster')
    expect(formatSpeedup(2.4)).toBe('2.4x faster')
    expect(formatSpeedupRange(1.2, 3)).toBe('1.2x–3.0x faster')
    expect(formatSpeedupRange(0.045, 0.5)).toBe('2.0x–22x slower')
    expect(formatSpeedupRange(0.5, 1.5)).toBe('from 2.0x slower to 1.5x faster')
  })

  it('the Summary of a Zstandard entry slower than the current codec says slower, never 0.0x faster', () => {
    const comparison = createFixtureComparison()
    // the current codec (brotli q11) at 30 µs: the fastest Zstandard entry at least as small, zstd_napi L19 (1.62x at
    // 1,200 µs), is 40x slower
    for (const corpus of comparison.corpora)
      for (const entry of corpus.entries)
        if (entry.spec.label === 'brotli q11' && entry.latencyUs !== undefined) entry.latencyUs.encode.p95 = 30
    const summary = renderSummary({ ...comparison, question: SEED_QUESTION })
    expect(summary).not.toMatch(/0\.0x faster/)
    expect(summary).toMatch(/p95 1,200 µs \(40x slower\) \|/)
    expect(summary).toMatch(/encodes 40x slower at p95/)
  })
})

// s40-trial D3: a per-message hybrid config that sends fewer bytes than the current codec but fits no latency
// budget was named nowhere in the summary, though the suite asked "does a stateful or hybrid config beat ...?"
describe('the suite’s per-message configs against the current codec', () => {
  function withHybrid(ratio: number): ReturnType<typeof createFixtureComparison> {
    const comparison = createFixtureComparison()
    const [corpus] = comparison.corpora
    if (corpus === undefined) throw new Error('fixture without a corpus')
    corpus.entries.push(
      createFixtureEntry('hybrid gw', ratio, 11_383, {
        id: 'hybrid:gw',
        family: 'hybrid',
        codec: 'hybrid',
        config: 'gw',
      }),
    )
    return comparison
  }

  it('names a hybrid that beats the current codec outside every budget, with its factor and p95', () => {
    const comparison = withHybrid(2.4)
    const [corpus] = comparison.corpora
    if (corpus === undefined) throw new Error('fixture without a corpus')
    const rec = recommendCorpus(corpus, comparison.settings.budgetsUs, comparison.settings.current)
    expect(rec.budgets.every((b) => b.best?.spec.label !== 'hybrid gw')).toBe(true)
    expect(rec.configsBeatingCurrent?.map((c) => c.entry.spec.label)).toEqual(['hybrid gw'])
    expect(renderCorpusParagraph(rec, 'brotli q11', new Map())).toContain(
      'Message by message, at any speed, the suite’s config against today’s brotli q11 (1.60x): hybrid gw sends 1.50x fewer bytes (2.40x, encode p95 11,383 µs).',
    )
    expect(renderSummary(comparison)).toContain(
      'The suite’s per-message configs that send fewer bytes than brotli 11, the current codec, at any speed: fixture: hybrid gw 1.50x fewer bytes (2.40x against 1.60x, encode p95 11,383 against 3,000 µs).',
    )
  })

  it('says nothing of a hybrid that does not beat the current codec', () => {
    const comparison = withHybrid(1.5)
    const [corpus] = comparison.corpora
    if (corpus === undefined) throw new Error('fixture without a corpus')
    const rec = recommendCorpus(corpus, comparison.settings.budgetsUs, comparison.settings.current)
    expect(rec.configsBeatingCurrent).toBeUndefined()
    expect(renderCorpusParagraph(rec, 'brotli q11', new Map())).not.toContain('Message by message, at any speed')
    expect(renderSummary(comparison)).not.toContain('per-message configs that send fewer bytes')
  })
})
