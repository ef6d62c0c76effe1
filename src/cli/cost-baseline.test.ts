import { describe, expect, it } from 'vitest'
import { AuraError } from '../core/index.ts'
import { checkBaselineConfig } from './cost-baseline.ts'

const corpora = [
  { corpus: 'a', configs: ['current', 'emergency'] },
  { corpus: 'b', configs: ['emergency'] },
  { corpus: 'c', configs: [] },
]

function thrown(run: () => void): AuraError {
  try {
    run()
  } catch (error) {
    if (error instanceof AuraError) return error
    throw error
  }
  throw new Error('nothing thrown')
}

describe('checkBaselineConfig', () => {
  it('passes a baseline projected on every corpus, and no baseline', () => {
    const both = corpora.slice(0, 2)
    expect(() => checkBaselineConfig('emergency', { kind: 'flag' }, 'r.json', both, 'complete run')).not.toThrow()
    expect(() => checkBaselineConfig(undefined, { kind: 'flag' }, 'r.json', corpora, 'complete run')).not.toThrow()
  })

  it('names every corpus without it and the configs there, from the flag or from the suite', () => {
    const flag = thrown(() => checkBaselineConfig('current', { kind: 'flag' }, 'r.json', corpora, 'complete run'))
    expect(flag.code).toBe('E_USAGE')
    expect(flag.location.field).toBe('--baseline')
    expect(flag.reason).toBe(
      '--baseline "current" has no complete run on corpus b (configs there: emergency); corpus c (configs there: none) in r.json, so savings against it cannot be projected there',
    )
    const suite = { kind: 'suite', file: '/s/suite.yaml' } as const
    const fromSuite = thrown(() => checkBaselineConfig('current', suite, 'suite.yaml', corpora, 'complete run'))
    expect(fromSuite.code).toBe('E_SCHEMA')
    expect(fromSuite.location).toMatchObject({ file: '/s/suite.yaml', field: 'cost.baseline_config' })
    expect(fromSuite.reason).toMatch(/^cost\.baseline_config current has no complete run on corpus b/)
  })

  it('lists the configs of the file when the baseline is none of them', () => {
    const error = thrown(() => checkBaselineConfig('nope', { kind: 'flag' }, 'r.json', corpora, 'complete run'))
    expect(error.reason).toBe('--baseline "nope" is not a config of r.json (configs: current, emergency)')
  })
  it("names a failed run's config as the file's, and says it has no complete run", () => {
    const error = thrown(() =>
      checkBaselineConfig('brio', { kind: 'flag' }, 'r.json', corpora.slice(0, 1), 'complete run', ['current', 'brio']),
    )
    expect(error.reason).toMatch(
      /^--baseline "brio" has no complete run on corpus a \(configs there: current, emergency\)/,
    )
  })
})
