import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { wilsonInterval } from '../core/index.ts'
import { evaluateTargets } from '../report/index.ts'
import type { RunResult } from '../runner/index.ts'
import type { TargetSpec } from '../suite/index.ts'
import { applyGateLayer } from './judge.ts'
import { bootstrapMessagesNeeded, wilsonMessagesNeeded } from './target-confidence.ts'
import { renderConfidenceSection } from './markdown-confidence.ts'
import { createWeek1Results, FIXTURE_GATE, FIXTURE_TARGETS } from './test-fixtures.ts'

function judged() {
  return applyGateLayer(createWeek1Results(), {
    suite: { gate: FIXTURE_GATE, targets: FIXTURE_TARGETS },
    gateLatency: true,
  })
}

describe('targets at 95% confidence', () => {
  it('says the seed 72% hit rate from 25 messages passes a 60% target by the point estimate but not at 95%', () => {
    const emergency = judged().runs.find((r) => r.config === 'emergency')
    const hit = emergency?.targets.find((t) => t.metric === 'templateHitRate')
    expect(hit?.status).toBe('pass')
    expect(hit?.confidence?.low).toBeCloseTo(0.524, 2)
    expect(hit?.confidence?.high).toBeCloseTo(0.857, 2)
    expect(hit?.confidence?.status).toBe('fail')
    // the Wilson lower bound at 72% reaches 60% at this n and not one message before
    const n = hit?.confidence?.messagesNeeded ?? 0
    expect(wilsonInterval(0.72 * n, n).low).toBeGreaterThanOrEqual(0.6)
    expect(wilsonInterval(0.72 * (n - 1), n - 1).low).toBeLessThan(0.6)
  })

  it('judges a NEAR expansion rate at the upper bound, where it fails', () => {
    const expansion = judged()
      .runs.find((r) => r.config === 'emergency')
      ?.targets.find((t) => t.metric === 'expansionRate')
    expect(expansion?.status).toBe('near')
    expect(expansion?.confidence?.status).toBe('fail')
    expect(expansion?.confidence?.high).toBeGreaterThan(0.2)
    // NEAR at 95% needs the upper bound at 8% to come under 10%: several hundred messages, not 25
    const n = expansion?.confidence?.messagesNeeded ?? 0
    expect(wilsonInterval(0.08 * n, n).high).toBeLessThanOrEqual(0.1)
    expect(wilsonInterval(0.08 * (n - 1), n - 1).high).toBeGreaterThan(0.1)
    expect(n).toBeGreaterThan(500)
  })

  it('finds the smallest n whose Wilson bound meets the threshold, for any rate that beats it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.01, max: 0.2, noNaN: true }),
        (rate, gap) => {
          const threshold = rate - gap
          fc.pre(threshold > 0.001)
          const n = wilsonMessagesNeeded(rate, threshold, 'min', 1)
          expect(n).toBeDefined()
          expect(wilsonInterval(rate * n!, n!).low).toBeGreaterThanOrEqual(threshold - 1e-9)
          if (n! > 1) expect(wilsonInterval(rate * (n! - 1), n! - 1).low).toBeLessThan(threshold)
        },
      ),
      { seed: 42, numRuns: 200 },
    )
  })

  it('has no answer when the rate sits on the threshold, and scales a bootstrap interval as 1/sqrt(n)', () => {
    expect(wilsonMessagesNeeded(0.1, 0.1, 'max', 25)).toBeUndefined()
    // half-width 0.2 at 100 messages, 0.1 from the threshold: (0.2 / 0.1)² x 100 = 400
    expect(bootstrapMessagesNeeded(1.6, 1.4, 1.5, 100)).toBe(400)
    expect(bootstrapMessagesNeeded(1.5, 1.4, 1.5, 100)).toBeUndefined()
  })
})

describe('renderConfidenceSection', () => {
  it('lists intervals per run and the targets met only by the point estimate', () => {
    const text = renderConfidenceSection(judged()) ?? ''
    expect(text).toContain('## Confidence')
    expect(text).toContain('52.4% – 85.7%')
    expect(text).toMatch(
      /emergency on week1: Template hit rate is PASS by the point estimate \(72\.0%\) but FAIL at 95%/,
    )
    expect(text).toMatch(/about [\d,]+ messages at the observed 72\.0% would make it PASS at 95%/)
  })
})

describe('a target at the end of the scale (expansion rate ≤ 0%)', () => {
  const target: TargetSpec = {
    metric: 'expansionRate',
    direction: 'max',
    pass: 0,
    label: 'Expansion rate',
    gated: true,
  }
  function zeroExpansion() {
    const base = createWeek1Results()
    const runs = base.runs.map((run) => {
      const confidence =
        run.confidence === undefined
          ? {}
          : {
              confidence: {
                ...run.confidence,
                expansionRate: { ...wilsonInterval(0, run.metrics.messages), method: 'wilson' as const },
              },
            }
      const measured: RunResult = { ...run, metrics: { ...run.metrics, expansionRate: 0 }, ...confidence }
      return { ...measured, targets: evaluateTargets(measured, [target]).targets }
    })
    return applyGateLayer({ ...base, runs }, { suite: { gate: FIXTURE_GATE, targets: [target] }, gateLatency: true })
  }

  it('never prints a number of messages that would make it pass at 95%: no corpus size can', () => {
    expect(wilsonMessagesNeeded(0, 0, 'max', 25)).toBeUndefined()
    expect(wilsonMessagesNeeded(1, 1, 'min', 25)).toBeUndefined()
    const text = renderConfidenceSection(zeroExpansion()) ?? ''
    // both runs meet it by the point estimate only: said once, naming each run (s30: 8 identical bullets)
    expect(text).toContain(
      'Expansion rate is PASS by the point estimate but FAIL at 95% on 2 runs: current on week1 (0.0%, 0.0% – ',
    )
    expect(text).toContain('A 95% interval never reaches ≤ 0% at any corpus size')
    expect(text.match(/never reaches/g)).toHaveLength(1)
    expect(text).not.toMatch(/about [\d,]+ messages/)
    expect(text).not.toMatch(/≈ [\d,]{6,}/)
    expect(text).toContain('never (see above)')
  })
})

/**
 * A run that lost data is not a result: the verdict and Target Achievement tables show none of its
 * targets green, and the Confidence section read its ratio PASS at 95% (s29's stop, with a lossy
 * external compressor).
 */
describe('a lossy run in the Confidence section', () => {
  function lossy() {
    const base = createWeek1Results()
    const runs = base.runs.map((run) => ({
      ...run,
      metrics: { ...run.metrics, roundTrip: { checked: run.metrics.messages, mismatches: 2 } },
    }))
    return applyGateLayer(
      { ...base, runs },
      { suite: { gate: FIXTURE_GATE, targets: FIXTURE_TARGETS }, gateLatency: true },
    )
  }

  it('reads no target PASS, by the point estimate or at 95%, and says why', () => {
    const results = lossy()
    // results.json is unchanged: the targets keep their status and their status at 95%
    const emergency = results.runs.find((r) => r.config === 'emergency')
    expect(emergency?.targets.find((t) => t.metric === 'ratio')?.confidence?.status).toBe('pass')
    const text = renderConfidenceSection(results) ?? ''
    expect(text).toContain('## Confidence')
    expect(text).not.toContain('PASS')
    expect(text).toContain('emergency on week1 loses data (2 of 25 did not round-trip)')
    expect(text).toMatch(
      /\| Compression ratio \(aggregate\) \| 2\.57x \| [^|]+ \| ≥ 1\.5x \| ❌ FAIL \(2 of 25 did not round-trip\) \| ❌ FAIL/,
    )
  })
})
