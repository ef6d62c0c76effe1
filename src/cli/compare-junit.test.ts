/** compare --junit (round 37): run's JUnit shape for the stateful gate, red whenever compare fails for its comparison. */
import { describe, expect, it } from 'vitest'
import { createFixtureComparison, createFixtureCorpus, createFixtureEntry } from '../compare/test-fixtures.ts'
import type { Comparison, EntryResult } from '../compare/index.ts'
import type { Suite, TargetSpec } from '../suite/index.ts'
import { finishCompareGate } from './compare-gate.ts'
import { renderCompareJunit } from './compare-junit.ts'

function comparisonAt(ratio: number): Comparison {
  const entry: EntryResult = createFixtureEntry('hybrid st', ratio, 40, {
    id: 'hybrid:st',
    label: 'hybrid st (stateful)',
    family: 'hybrid',
    codec: 'hybrid',
    kind: 'stateful',
    config: 'st',
  })
  return {
    ...createFixtureComparison(),
    suite: 'gw',
    corpora: [{ corpus: createFixtureCorpus('gw'), entries: [createFixtureEntry('zstd_napi L3', 1.3, 5), entry] }],
  }
}

const ratioTarget: TargetSpec = { metric: 'ratio', pass: 2, direction: 'min', gated: true, label: 'ratio' }
const suite = { targets: [ratioTarget], gate: { nearFails: false } } satisfies Pick<Suite, 'targets' | 'gate'>
const prepared = { flags: { allowMissingBaseline: false, gateLatency: true }, statefulConfigs: ['st'] }

describe('renderCompareJunit', () => {
  it('a passing stateful target: one corpus x config testsuite, round trip and target passed', () => {
    const { comparison } = finishCompareGate(comparisonAt(3), suite, prepared)
    const xml = renderCompareJunit(comparison, suite)
    expect(xml).toMatch(/^<\?xml/)
    expect(xml).toContain('<testsuites name="aura-bench gw" tests="2" failures="0" errors="0"')
    expect(xml).toContain('<testsuite name="gw x st"')
    expect(xml).toContain('<testcase name="target ratio (ratio)"')
    expect(xml).toContain('<testcase name="round trip byte-exact"')
  })

  it('a failing target is a <failure> with the measured value, as run writes it', () => {
    const { comparison } = finishCompareGate(comparisonAt(1.5), suite, prepared)
    expect(comparison.gate?.status).toBe('fail')
    const xml = renderCompareJunit(comparison, suite)
    expect(xml).toMatch(/failures="1"/)
    expect(xml).toMatch(/<failure message="measured 1\.50x; threshold ≥ 2x; status FAIL" type="target">/)
  })

  it('a failed per-message entry (compare exits 1) and a gated config with no entry are never green', () => {
    const failed = comparisonAt(3)
    const [message] = failed.corpora[0]?.entries ?? []
    if (message === undefined) throw new Error('fixture')
    message.state = 'failed'
    message.error = { code: 'E_CODEC', message: 'boom' }
    const { comparison } = finishCompareGate(failed, suite, prepared)
    const xml = renderCompareJunit(comparison, suite)
    expect(xml).toContain('<testsuite name="gw (whole suite)"')
    expect(xml).toContain('<error message="boom" type="E_CODEC">')
    // a gated stateful config the comparison has no entry of fails the gate: a case says so
    const missing = finishCompareGate(comparisonAt(3), suite, { ...prepared, statefulConfigs: ['st', 'other'] })
    expect(missing.comparison.gate?.status).toBe('fail')
    const xml2 = renderCompareJunit(missing.comparison, suite)
    expect(xml2).toContain('<testcase name="gate passes"')
    expect(xml2).toMatch(/failures="1"/)
  })
})
