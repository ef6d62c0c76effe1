import { describe, expect, it } from 'vitest'
import { parseSuite } from '../suite/index.ts'
import { renderComparisonMarkdown } from './report-markdown.ts'
import { recommendAll } from './summary.ts'
import { renderCorpusParagraph } from './summary-sentences.ts'
import { createFixtureComparison } from './test-fixtures.ts'
import type { Comparison } from './types.ts'

// round 37 (s36-trial D7): a suite that sets no compare.current was told about "the current codec (brotli 11)"
function withoutBrotli11(currentIsDefault: boolean): Comparison {
  const base = createFixtureComparison()
  return {
    ...base,
    settings: { ...base.settings, ...(currentIsDefault ? { currentIsDefault: true } : {}) },
    corpora: base.corpora.map((c) => ({
      ...c,
      entries: c.entries.filter((e) => !(e.spec.codec === 'brotli' && e.spec.level === 11)),
    })),
  }
}

describe('the summary names what compare.current is', () => {
  it('a suite without compare.current, brotli 11 not measured: no "Current (brotli 11)" column, the fix said', () => {
    const comparison = withoutBrotli11(true)
    const md = renderComparisonMarkdown(comparison)
    expect(md).not.toContain('Current (brotli 11')
    expect(md).not.toContain('The current codec (brotli 11) was not measured')
    expect(md).toContain('The suite sets no `compare.current`, and its default (brotli 11) was not measured here')
    const [rec] = recommendAll(comparison)
    const paragraph = rec && renderCorpusParagraph(rec, 'brotli 11', new Map(), undefined, true)
    expect(paragraph).not.toContain('The current codec (brotli 11)')
    expect(paragraph).toContain('set `compare.current` to the codec in production today')
  })

  it('a suite that sets compare.current to brotli 11 and does not measure it is still told so', () => {
    const md = renderComparisonMarkdown(withoutBrotli11(false))
    expect(md).toContain('Current (brotli 11)')
    expect(md).toContain('not measured')
  })

  it('the default measured: the column says it is the default', () => {
    const base = createFixtureComparison()
    const md = renderComparisonMarkdown({ ...base, settings: { ...base.settings, currentIsDefault: true } })
    expect(md).toContain('Current (brotli 11, the default)')
  })

  it('parseSuite records whether the suite set compare.current', () => {
    const unset = parseSuite('corpora: [a.txt]\nconfigs: [c.yaml]\ncompare: { brotli: [5] }\n', '/tmp/s.yaml')
    expect(unset.compare?.currentIsDefault).toBe(true)
    expect(unset.compare?.current).toEqual({ codec: 'brotli', level: 11 })
    const set = parseSuite(
      'corpora: [a.txt]\nconfigs: [c.yaml]\ncompare: { current: { codec: brotli, level: 11 } }\n',
      '/tmp/s.yaml',
    )
    expect(set.compare?.currentIsDefault).toBeUndefined()
  })
})
