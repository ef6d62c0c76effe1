import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RunResult } from '../runner/index.ts'
import { readMetric, TARGET_METRICS } from '../core/index.ts'
import type { TargetSpec } from '../suite/index.ts'
import { evaluateTarget, evaluateTargets } from './targets.ts'
import { FIXTURE_TARGETS, createFixtureResults } from './test-fixtures.ts'

const spec = (over: Partial<TargetSpec> & Pick<TargetSpec, 'metric' | 'direction' | 'pass'>): TargetSpec => ({
  gated: true,
  ...over,
})

describe('evaluateTarget', () => {
  it('reports the seed expansion rate 8% against pass 5% / near 10% as NEAR', () => {
    const r = evaluateTarget(0.08, spec({ metric: 'expansionRate', direction: 'max', pass: 0.05, near: 0.1 }))
    expect(r.status).toBe('near')
    expect(r).toMatchObject({
      metric: 'expansionRate',
      value: 0.08,
      pass: 0.05,
      near: 0.1,
      direction: 'max',
      gated: true,
      label: 'Expansion rate',
    })
  })

  it('reports the seed shrink rate 92% against pass 100% / near 90% as NEAR', () => {
    expect(evaluateTarget(0.92, spec({ metric: 'shrinkRate', direction: 'min', pass: 1.0, near: 0.9 })).status).toBe(
      'near',
    )
  })

  it('decides pass / near / fail on both sides of each threshold', () => {
    const min = spec({ metric: 'ratio', direction: 'min', pass: 1.5, near: 1.4 })
    expect([1.6, 1.5, 1.45, 1.4, 1.39].map((v) => evaluateTarget(v, min).status)).toEqual([
      'pass',
      'pass',
      'near',
      'near',
      'fail',
    ])
    const max = spec({ metric: 'encodeP99Us', direction: 'max', pass: 100, near: 200 })
    expect([50, 100, 150, 200, 201].map((v) => evaluateTarget(v, max).status)).toEqual([
      'pass',
      'pass',
      'near',
      'near',
      'fail',
    ])
  })

  it('without a near band there is no NEAR', () => {
    expect(evaluateTarget(1.49, spec({ metric: 'ratio', direction: 'min', pass: 1.5 })).status).toBe('fail')
  })

  it('treats values within the epsilon of a threshold as on it, and values beyond it as off', () => {
    const max = spec({ metric: 'expansionRate', direction: 'max', pass: 0.08 })
    expect(evaluateTarget(2 / 25, max).status).toBe('pass')
    expect(evaluateTarget(0.1 + 0.2 - 0.22, max).status).toBe('pass') // 0.08000000000000002
    expect(evaluateTarget(0.0800001, max).status).toBe('fail')
    const min = spec({ metric: 'savings', direction: 'min', pass: 0.3 })
    expect(evaluateTarget(0.1 + 0.2, min).status).toBe('pass')
    expect(evaluateTarget(0.29 + 0.01 - 1e-12, min).status).toBe('pass')
    expect(evaluateTarget(0.2999999, min).status).toBe('fail')
  })

  it('fails a missing or non-finite value and reports it as null', () => {
    const s = spec({ metric: 'ratio', direction: 'min', pass: 1 })
    for (const v of [undefined, null, Number.NaN, Infinity])
      expect(evaluateTarget(v, s)).toMatchObject({ status: 'fail', value: null })
  })

  it('never rates a better value worse (monotone in the value)', () => {
    const order = { fail: 0, near: 1, pass: 2 } as const
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.boolean(),
        (a, b, pass, isMin) => {
          const [low, high] = a <= b ? [a, b] : [b, a]
          const s = spec({ metric: 'ratio', direction: isMin ? 'min' : 'max', pass, near: isMin ? pass - 1 : pass + 1 })
          const better = isMin ? high : low
          const worse = isMin ? low : high
          return order[evaluateTarget(better, s).status] >= order[evaluateTarget(worse, s).status]
        },
      ),
      { seed: 42, numRuns: 300 },
    )
  })
})

describe('readMetric and evaluateTargets', () => {
  const results = createFixtureResults()
  const emergency = results.runs[1] as RunResult

  it('maps every target metric onto run metrics', () => {
    const m = emergency.metrics
    const expected: Record<(typeof TARGET_METRICS)[number], number | undefined> = {
      ratio: m.ratio,
      meanRatio: 2.1,
      savings: m.savings,
      templateHitRate: 0.72,
      expansionRate: 0.08,
      shrinkRate: 0.92,
      encodeP50Us: 1.2,
      encodeP95Us: m.latencyUs?.encode.p95,
      encodeP99Us: m.latencyUs?.encode.p99,
      decodeP50Us: 0.8,
      decodeP95Us: m.latencyUs?.decode.p95,
      decodeP99Us: m.latencyUs?.decode.p99,
      roundTripMismatches: 0,
    }
    for (const metric of TARGET_METRICS)
      expect(readMetric(m, metric), metric).toBeCloseTo(expected[metric] as number, 12)
    const { latencyUs: _omit, ...noLatency } = m
    expect(readMetric(noLatency, 'decodeP99Us')).toBeUndefined()
  })

  it('evaluates the seed targets of the emergency config as the seed did', () => {
    const { targets, warnings } = evaluateTargets(emergency, FIXTURE_TARGETS)
    expect(warnings).toEqual([])
    expect(Object.fromEntries(targets.map((t) => [t.metric, t.status]))).toEqual({
      ratio: 'pass',
      savings: 'pass',
      templateHitRate: 'pass',
      expansionRate: 'near',
      shrinkRate: 'near',
      encodeP95Us: 'pass',
      encodeP99Us: 'pass',
    })
  })

  it('keeps an unmeasured gated target as a FAIL with value null, and names it in warnings', () => {
    const brio = results.runs[2] as RunResult
    const { targets, warnings } = evaluateTargets(brio, FIXTURE_TARGETS)
    const latency = targets.filter((t) => t.metric === 'encodeP95Us' || t.metric === 'encodeP99Us')
    // the fixture gates encodeP95Us and not encodeP99Us
    expect(latency.map((t) => [t.metric, t.status, t.value, t.gated])).toEqual([['encodeP95Us', 'fail', null, true]])
    expect(targets).toHaveLength(FIXTURE_TARGETS.length - 1)
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toContain('config "conservative_brio" on corpus "week1": encodeP95Us')
    expect(warnings[0]).toContain('not measured; a gated target that is not measured fails the gate')
    expect(warnings[1]).toContain(
      'encodeP99Us (target ≤ 5,000 µs) was not measured; the target is not evaluated and does not gate',
    )
  })

  it('leaves an unmeasured target out when it does not gate: ungated spec, or a config the gate does not judge', () => {
    const brio = results.runs[2] as RunResult
    const ungated = FIXTURE_TARGETS.map((t) => ({ ...t, gated: false }))
    const byFlag = evaluateTargets(brio, ungated)
    expect(byFlag.targets.map((t) => t.metric)).not.toContain('encodeP95Us')
    expect(byFlag.warnings[0]).toContain('not measured; the target is not evaluated and does not gate')
    const byConfig = evaluateTargets(brio, FIXTURE_TARGETS, { configs: ['emergency'], nearFails: false })
    expect(byConfig.targets).toHaveLength(FIXTURE_TARGETS.length - 2)
    expect(byConfig.targets.every((t) => !t.gated)).toBe(true)
  })

  it('applies a target only to the configs it names', () => {
    const only = [spec({ metric: 'ratio', direction: 'min', pass: 1, configs: ['current'] })]
    expect(evaluateTargets(emergency, only).targets).toEqual([])
    expect(evaluateTargets(results.runs[0] as RunResult, only).targets).toHaveLength(1)
  })

  it('evaluates no target of a failed run and says so', () => {
    const failed: RunResult = { ...emergency, state: 'failed', error: { code: 'E_CODEC_FAILED', message: 'boom' } }
    const { targets, warnings } = evaluateTargets(failed, FIXTURE_TARGETS)
    expect(targets).toEqual([])
    expect(warnings).toEqual([
      `config "emergency" on corpus "week1": run failed, its ${FIXTURE_TARGETS.length} target(s) were not evaluated`,
    ])
  })
})
