import { describe, expect, it } from 'vitest'
import type { RunResult } from '../runner/index.ts'
import { evaluateGate } from './targets.ts'
import { evaluateTargets } from './targets.ts'
import { FIXTURE_GATE, FIXTURE_TARGETS, createFixtureResults } from './test-fixtures.ts'

function runs(): RunResult[] {
  return createFixtureResults().runs
}

describe('evaluateGate', () => {
  it('passes the seed week 1 like the seed did: emergency judged, NEAR allowed', () => {
    expect(evaluateGate(runs(), FIXTURE_GATE, false)).toEqual({ status: 'pass', reasons: [] })
  })

  it('fails on NEAR when nearFails, naming config, corpus, metric, value and threshold', () => {
    const gate = evaluateGate(runs(), { ...FIXTURE_GATE, nearFails: true }, false)
    expect(gate.status).toBe('fail')
    expect(gate.reasons).toEqual([
      'Config "emergency" on corpus "week1": Expansion rate (expansionRate) is 8.0%, NEAR but not the pass threshold ≤ 5%; this gate counts NEAR as a failure',
      'Config "emergency" on corpus "week1": All ratios > 1.0x (shrinkRate) is 92.0%, NEAR but not the pass threshold ≥ 100%; this gate counts NEAR as a failure',
    ])
  })

  it('fails a gated config whose gated target fails, with the near threshold in the sentence', () => {
    const gate = evaluateGate(runs(), { nearFails: false }, false)
    expect(gate.status).toBe('fail')
    expect(gate.reasons).toContain(
      'Config "current" on corpus "week1": Compression ratio (ratio) is 1.16x, below the target ≥ 1.5x',
    )
    expect(gate.reasons).toContain(
      'Config "current" on corpus "week1": Expansion rate (expansionRate) is 68.0%, above even the near threshold ≤ 10% (pass ≤ 5%)',
    )
    expect(gate.reasons.filter((r) => r.includes('"emergency"'))).toEqual([])
  })

  it('ignores targets that are not gated', () => {
    const all = runs()
    const emergency = all[1] as RunResult
    emergency.metrics.latencyUs = {
      encode: { p50: 1, p95: 10, p99: 9000, mean: 2, rme: 0, samples: 10 },
      decode: { p50: 1, p95: 1, p99: 1, mean: 1, rme: 0, samples: 10 },
      mode: 'in-process',
    }
    emergency.targets = evaluateTargets(emergency, FIXTURE_TARGETS).targets
    expect(emergency.targets.find((t) => t.metric === 'encodeP99Us')?.status).toBe('fail')
    expect(evaluateGate(all, FIXTURE_GATE, false).status).toBe('pass')
  })

  it('writes a latency value and its threshold in one number format (7,311 µs above ≤ 2,000 µs)', () => {
    const all = runs()
    const emergency = all[1] as RunResult
    emergency.metrics.latencyUs = {
      encode: { p50: 1, p95: 7311, p99: 7400, mean: 2, rme: 0, samples: 10 },
      decode: { p50: 1, p95: 1, p99: 1, mean: 1, rme: 0, samples: 10 },
      mode: 'in-process',
    }
    emergency.targets = evaluateTargets(emergency, [
      { metric: 'encodeP95Us', direction: 'max', pass: 2000, gated: true },
      { metric: 'encodeP99Us', direction: 'max', pass: 12345.5, gated: true },
    ]).targets
    expect(evaluateGate([emergency], FIXTURE_GATE, false).reasons).toEqual([
      'Config "emergency" on corpus "week1": Encode p95 (encodeP95Us) is 7,311 µs, above the target ≤ 2,000 µs',
    ])
    emergency.metrics.latencyUs.encode.p99 = 20000
    emergency.targets = evaluateTargets(emergency, [
      { metric: 'encodeP99Us', direction: 'max', pass: 12345.5, gated: true },
    ]).targets
    expect(evaluateGate([emergency], FIXTURE_GATE, false).reasons).toEqual([
      'Config "emergency" on corpus "week1": Encode p99 (encodeP99Us) is 20,000 µs, above the target ≤ 12,345.5 µs',
    ])
  })

  it('fails on round-trip mismatches in any run, gated config or not', () => {
    const all = runs()
    ;(all[0] as RunResult).metrics.roundTrip = { checked: 25, mismatches: 2 }
    expect(evaluateGate(all, FIXTURE_GATE, false)).toEqual({
      status: 'fail',
      reasons: ['Config "current" on corpus "week1": 2 of 25 messages did not round-trip byte-exact'],
    })
  })

  it('fails on a failed run, quoting its error', () => {
    const all = runs()
    all[2] = { ...(all[2] as RunResult), state: 'failed', error: { code: 'E_CODEC_FAILED', message: 'brotli threw' } }
    expect(evaluateGate(all, FIXTURE_GATE, false).reasons).toEqual([
      'Config "conservative_brio" on corpus "week1": the run failed (E_CODEC_FAILED: brotli threw)',
    ])
  })

  it('fails an incomplete run, an empty run and a gate naming a config without runs', () => {
    expect(evaluateGate(runs(), FIXTURE_GATE, true).reasons).toEqual([
      'The suite run is incomplete: it stopped before every corpus × config was measured',
    ])
    expect(evaluateGate([], { nearFails: false }, false).reasons).toEqual([
      'No run was measured: there is nothing to judge',
    ])
    expect(evaluateGate(runs(), { configs: ['emergency', 'zstd'], nearFails: false }, false).reasons).toEqual([
      'The gate names config "zstd" but no run has it',
    ])
  })
})

describe('gate reasons near a threshold (review finding)', () => {
  it('shows more digits when the rounded value would read as the threshold it misses', () => {
    const results = createFixtureResults()
    const emergency = results.runs.find((r) => r.config === 'emergency') as RunResult
    const run: RunResult = {
      ...emergency,
      targets: [
        {
          metric: 'ratio',
          label: 'Compression ratio',
          value: 1.4988,
          pass: 1.5,
          direction: 'min',
          status: 'fail',
          gated: true,
        },
      ],
    }
    const { reasons } = evaluateGate([run], FIXTURE_GATE, false)
    expect(reasons[0]).toContain('is 1.50x (1.49880), below the target ≥ 1.5x')
  })
})
