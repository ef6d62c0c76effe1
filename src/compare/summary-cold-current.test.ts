import { describe, expect, it } from 'vitest'
import { renderSummary } from './summary.ts'
import { recommendCorpus } from './recommend.ts'
import { renderReplaceSentence, SEED_QUESTION } from './summary-sentences.ts'
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

// round 38 (s38-small): every speed statement says what was timed: a cold current codec's p95 is each
// message of its size pass timed once (not "first calls"); a per-connection current codec's p95 comes from
// its connection replay (each message timed once in order), not from the warm cycle the Zstandard entry got
describe('the Summary says how the current codec was timed', () => {
  it('names a per-connection current codec timed in connection order wherever a speed ratio against it is given', () => {
    const comparison = createFixtureComparison()
    comparison.settings.current = { codec: 'permessage_deflate', level: 6 }
    for (const corpus of comparison.corpora)
      for (const entry of corpus.entries)
        if (entry.spec.label === 'permessage_deflate L6') {
          entry.sizes.ratio = 1.2
          if (entry.latencyUs !== undefined) entry.latencyUs.method = 'in-order'
        }
    const summary = renderSummary({ ...comparison, question: SEED_QUESTION })
    const [corpus] = comparison.corpora
    if (corpus === undefined) throw new Error('fixture without a corpus')
    const sentence = renderReplaceSentence(recommendCorpus(corpus, [50, 500], comparison.settings.current), 'pmd L6')
    expect(sentence).toMatch(/encode p95 70\.0 µs \(timed once per message, in connection order\)/)
    expect(sentence).toMatch(
      /x faster than permessage_deflate L6 \(at encode p95: the current codec timed once per message in connection order, the Zstandard entry in a warm cycle over its timed messages \(a sample or every held-out message\)\)/,
    )
    expect(summary).toMatch(/\(\d[\d.,]*x faster; current timed in connection order\) \|/)
    expect(summary).toMatch(/faster at encode p95: the current codec timed once per message in connection order/)
    expect(summary).not.toMatch(/faster at p95/)
  })

  it('says a cold current codec was timed once per message of its size pass, not on its first calls', () => {
    const cold = createFixtureComparison()
    for (const corpus of cold.corpora)
      for (const entry of corpus.entries)
        if (entry.spec.label === 'brotli q11' && entry.latencyUs !== undefined) entry.latencyUs.method = 'size-pass'
    const [corpus] = cold.corpora
    if (corpus === undefined) throw new Error('fixture without a corpus')
    const summary = renderReplaceSentence(recommendCorpus(corpus, [50, 500], cold.settings.current), 'brotli 11')
    expect(summary).toContain('timed cold: each message of its size pass timed once, no time for a warm pass')
    expect(summary).not.toContain('first calls')
  })
})
