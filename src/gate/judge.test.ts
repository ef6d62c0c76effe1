import { describe, expect, it } from 'vitest'
import type { MeasuredResults } from '../runner/index.ts'
import { judgeSuite } from './judge.ts'
import { createLatency, createResults, createRun, EMERGENCY_MESSAGES, FIXTURE_GATE } from './test-fixtures.ts'

function measured(samples: number): MeasuredResults {
  const { gate: _gate, ...results } = createResults([
    createRun('emergency', EMERGENCY_MESSAGES, createLatency(40, { samples })),
  ])
  return { ...results, runs: results.runs.map((run) => ({ ...run, targets: [] })), warnings: ['measured one'] }
}

describe('judgeSuite', () => {
  it("records report.md's latency-sample warnings in results.json's warnings, once", () => {
    const suite = { targets: [], gate: FIXTURE_GATE, latency: { samples: 50 } }
    const judged = judgeSuite(measured(20), suite)
    expect(judged.warnings).toEqual([
      'measured one',
      'latency of emergency on week1 rests on 20 timed samples of the 50 asked (the time budget ran out first); under 100 samples its p99 is the maximum, not a percentile',
    ])
    // judged again (a baseline's results, a merge): not twice
    expect(judgeSuite({ ...measured(20), warnings: judged.warnings }, suite).warnings).toEqual(judged.warnings)
    expect(judgeSuite(measured(2000), { ...suite, latency: { samples: 2000 } }).warnings).toEqual(['measured one'])
  })
})
