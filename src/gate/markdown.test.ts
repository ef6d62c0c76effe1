import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../report/index.ts'
import type { Results } from '../runner/index.ts'
import { applyGateLayer } from './judge.ts'
import { renderBaselineSection } from './markdown-baseline.ts'
import { renderConfidenceSection } from './markdown-confidence.ts'
import { renderStepSummary } from './step-summary.ts'
import {
  createLatency,
  createResults,
  createRun,
  createWeek1Results,
  EMERGENCY_MESSAGES,
  FIXTURE_GATE,
  FIXTURE_TARGETS,
  type FixtureMessage,
} from './test-fixtures.ts'

const SUITE = { gate: FIXTURE_GATE, targets: FIXTURE_TARGETS }
const WORSE: FixtureMessage[] = EMERGENCY_MESSAGES.map(([o, c, m], i) => (i === 0 ? [o, c + 20, 'brotli'] : [o, c, m]))

/** Emergency one template hit worse than its baseline, with a noisy latency change, on another Node. */
function regressed(): Results {
  const baseline = createWeek1Results()
  const current = createResults([baseline.runs[0]!, createRun('emergency', WORSE, createLatency(1.5, { rme: 0.3 }))], {
    node: 'v22.1.0',
  })
  return applyGateLayer(current, {
    suite: SUITE,
    gateLatency: true,
    baseline: { path: 'baselines/week1.json', results: baseline },
  })
}

describe('baseline section', () => {
  it('shows both environments side by side, marking what differs, and every metric with its delta and verdict', () => {
    const text = renderBaselineSection(regressed()) ?? ''
    expect(text).toContain('## Baseline Comparison: ❌ FAIL')
    expect(text).toContain('| Node | v20.20.2 | v22.1.0 | ⚠️ differs |')
    expect(text).toContain('| CPU | Test CPU @ 2.0GHz × 2 | Test CPU @ 2.0GHz × 2 |  |')
    expect(text).toMatch(
      /\| Template hit rate \| 72\.0% \| 68\.0% \| −4\.00 pp \| −5\.6% \| ❌ FAIL \| 72\.0% → 68\.0% \(−4\.00 pp\): worse beyond the fail threshold/,
    )
    expect(text).toMatch(
      /\| Encode p50 \| 1\.20 µs \| 1\.50 µs \| \+0\.30 µs \| \+25\.0% \| ❔ inconclusive \| .*the runs differ \(Node v20\.20\.2 vs v22\.1\.0\)/,
    )
    expect(renderBaselineSection(createWeek1Results())).toBeUndefined()
  })

  it('sits right after the gate in report.md, with the confidence section', () => {
    const results = regressed()
    const sections = [renderBaselineSection(results), renderConfidenceSection(results)].filter(
      (s): s is string => s !== undefined,
    )
    const report = renderMarkdown(results, { sections, gateConfigs: ['emergency'] })
    const order = [
      '## Gate: ❌ FAIL',
      '## Results',
      '<summary><b>Baseline Comparison: ❌ FAIL</b></summary>',
      '<summary><b>Confidence</b></summary>',
      '<summary><b>Environment</b></summary>',
    ].map((h) => report.indexOf(h))
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true)
    expect(report).toContain(
      'regression in Template hit rate (templateHitRate) against the baseline baselines/week1.json',
    )
    // the target table marks a target met by the point estimate but not at 95%
    expect(report).toMatch(/\| Template hit rate \| ≥ 60% \| .* \| 68\.0% ✅ \(at 95%: ❌\) \|/)
  })
})

describe('step summary', () => {
  it('is compact: verdict and reasons, targets of gated configs, regressions with passing rows folded', () => {
    const text = renderStepSummary(regressed(), FIXTURE_GATE)
    expect(text.startsWith('## aura-bench gate: ❌ FAIL (suite week1)\n')).toBe(true)
    expect(text).toContain('### Targets')
    expect(text).not.toMatch(/\| week1 × current \|/)
    const emergency = text.slice(text.indexOf('#### week1 × emergency'))
    const folded = emergency.slice(emergency.indexOf('<details>'), emergency.indexOf('</details>'))
    expect(emergency.slice(0, emergency.indexOf('<details>'))).toContain('❌ FAIL')
    expect(folded).toMatch(/<summary>\d+ metrics passing<\/summary>\n\n\| Metric/)
    expect(folded).not.toContain('❌')
  })
})
