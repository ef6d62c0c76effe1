/** What the gate layer adds to judged results: targets at 95% confidence, and the comparison with a baseline in the gate. */
import type { Results } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'
import { withTargetConfidence } from './confidence.ts'
import { compareToBaseline, regressionReasons } from './regression.ts'

/** A baseline loaded for comparison: its results and the path it was given as. */
export interface LoadedBaseline {
  path: string
  results: Results
}

/** Inputs of the gate layer beyond the results. */
interface GateLayerOptions {
  suite: Pick<Suite, 'gate' | 'regression' | 'targets'>
  /** false with --no-latency-gate */
  gateLatency: boolean
  baseline?: LoadedBaseline
  /** `run --accept-regression REASON`: regressions against the baseline are recorded, not failing; targets still gate */
  acceptRegression?: string
}

/**
 * Returns the results with (1) every target of a size metric judged at 95% confidence too, and
 * (2) with a baseline, the comparison in `baseline` and a gate reason per failing gated metric.
 * Confidence informs and never fails the gate: the seed's targets are point targets.
 */
export function applyGateLayer(results: Results, options: GateLayerOptions): Results {
  const withConfidence: Results = { ...results, runs: results.runs.map(withTargetConfidence) }
  const baseline = options.baseline
  if (baseline === undefined) return withConfidence
  const comparison = compareToBaseline(withConfidence, baseline.results, {
    baselinePath: baseline.path,
    gate: options.suite.gate,
    gateLatency: options.gateLatency,
    ...(options.suite.regression === undefined ? {} : { regression: options.suite.regression }),
  })
  const warnings = [...withConfidence.warnings]
  if (baseline.results.suite !== results.suite)
    warnings.push(
      `the baseline ${baseline.path} is from suite "${baseline.results.suite}", not "${results.suite}"; runs were matched by corpus and config names`,
    )
  if (comparison.runs.length === 0)
    warnings.push(`no run matches the baseline ${baseline.path} by corpus and config: nothing was compared`)
  for (const missing of comparison.missingRuns)
    warnings.push(`the baseline has run ${missing}, which this run does not have`)
  const suiteLabels: Record<string, string> = {}
  for (const target of options.suite.targets)
    if (target.label !== undefined) suiteLabels[target.metric] ??= target.label
  const reasons = regressionReasons(comparison, suiteLabels)
  const accepted = options.acceptRegression
  if (accepted !== undefined && reasons.length > 0) {
    warnings.push(
      `regression accepted (--accept-regression): ${accepted}; it would have failed the gate: ${reasons.join('; ')}`,
    )
    return {
      ...withConfidence,
      baseline: { ...comparison, acceptedRegression: { reason: accepted, regressions: reasons } },
      warnings,
    }
  }
  const gate =
    reasons.length === 0
      ? withConfidence.gate
      : { status: 'fail' as const, reasons: [...withConfidence.gate.reasons, ...reasons] }
  return { ...withConfidence, baseline: comparison, gate, warnings }
}
