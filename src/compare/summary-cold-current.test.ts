import { describe, expect, it } from 'vitest'
import { renderSummary } from './summary.ts'
import { SEED_QUESTION } from './summary-sentences.ts'
import { createFixtureComparison } from './test-fixtures.ts'

// s37-fixs M2: the trial's D5 fix (no "N x faster" against a current codec timed cold) covered the corpus
// sentence only; report.md's table cell and the question's headline still gave the ratio
describe('the Summary against a current codec timed cold', () => {
  function summaries(): { warm: string; cold: string } {
    const warm = { ...createFixtureComparison(), question: SEED_QUESTION }
    const cold = { ...createFixtureComparison(), question: SEED_QUESTION }
    for (const corpus of cold.corpora)
      for (const entry of corpus.entries)
        if (entry.spec.label === 'brotli q11' && entry.latencyUs !== undefined) entry.latencyUs.method = 'size-pass'
    return { warm: renderSummary(warm), cold: renderSummary(cold) }
  }

  it('gives no speed ratio in the table cell nor in the headline, and says why', () => {
    const { warm, cold } = summaries()
    // the same comparison timed warm gives both ratios: the test below is not vacuous
    expect(warm).toMatch(/\| zstd_napi L19: \*\*[\d.]+x\*\*, p95 [\d,.]+ µs \([\d.,]+x faster\) \|/)
    expect(warm).toMatch(/encodes [\d.,]+x faster at p95/)
    // the seed's question itself says "(2-3x faster)": the figures must not
    expect(cold.replaceAll(SEED_QUESTION, '')).not.toMatch(/x faster/)
    expect(cold).toContain('(no speed ratio: current timed cold)')
    expect(cold).toContain('No speed ratio on 1 corpus: brotli 11 was timed cold there.')
  })
})
