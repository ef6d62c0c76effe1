/**
 * The gate's decision, in one place: every target of every run judged, the verdict over all runs,
 * targets at 95% confidence, and the comparison with a baseline. `runSuite` measures and returns no
 * verdict; `judgeSuite` turns what it measured into the results a report is written from.
 */
import { METRICS, renderError, type AuraError } from '../core/index.ts'
import { evaluateGate, evaluateTargets, latencySampleWarnings } from '../report/index.ts'
import type { BaselineComparison, MeasuredResults, Results } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'
import { withTargetConfidence } from './target-confidence.ts'
import { compareToBaseline, regressionReasons } from './regression.ts'

/** What the verdict depends on beyond the measured results and the suite. */
export interface JudgeOptions {
  /** false: latency targets are judged and reported but never decide the gate (`--no-latency-gate`); default true */
  gateLatency?: boolean
  /** a baseline to compare with: a regression in a gated config fails the gate */
  baseline?: LoadedBaseline
  /** an intended regression against the baseline (`--accept-regression REASON`): recorded, not failing */
  acceptRegression?: string
  /** the error that stopped the suite part-way (runSuite's `stoppedBy`): the gate then fails */
  stoppedBy?: AuraError
}

/**
 * The suite with its latency targets ungated when latency does not gate (`--no-latency-gate`): they
 * are still judged and reported, never decide the gate. The CLI applies it to the suite it publishes
 * with (alert rules, JUnit), and judgeSuite applies it to the targets it judges.
 */
export function withLatencyGating<S extends Pick<Suite, 'targets'>>(suite: S, gateLatency: boolean): S {
  if (gateLatency) return suite
  return {
    ...suite,
    targets: suite.targets.map((t) => (METRICS[t.metric].kind === 'latency' ? { ...t, gated: false } : t)),
  }
}

/**
 * Judges measured results against the suite's targets, gate and (optionally) a baseline. Pure. The
 * warnings gain those report.md shows of the measured figures (latency on fewer timed samples than
 * `latency.samples` asked, or too few for a p99), so results.json carries every warning the report does.
 */
export function judgeSuite(
  measured: MeasuredResults,
  suite: Pick<Suite, 'targets' | 'gate' | 'regression'> & { latency?: Pick<Suite['latency'], 'samples'> },
  options: JudgeOptions = {},
): Results {
  const gateLatency = options.gateLatency ?? true
  const { targets } = withLatencyGating(suite, gateLatency)
  const latencyWarnings = latencySampleWarnings(measured.runs, suite.latency?.samples)
  const warnings = [...measured.warnings, ...latencyWarnings.filter((w) => !measured.warnings.includes(w))]
  const runs = measured.runs.map((run) => {
    const evaluation = evaluateTargets(run, targets, suite.gate)
    warnings.push(...evaluation.warnings)
    return { ...run, targets: evaluation.targets }
  })
  const { stoppedBy } = options
  // the error's first line as stderr shows it: code, file:line and field, message
  const stopCause =
    stoppedBy === undefined
      ? undefined
      : renderError(stoppedBy)
          .split('\n')[0]
          ?.replace(/^error /, '')
  if (stopCause !== undefined) warnings.push(`stopped part-way: ${stopCause}`)
  const incomplete = measured.incomplete || stoppedBy !== undefined
  const gate = evaluateGate(runs, suite.gate, incomplete, stopCause)
  const judged: Results = { ...measured, runs, incomplete, warnings, gate }
  return applyGateLayer(judged, {
    suite: { ...suite, targets },
    gateLatency,
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    ...(options.acceptRegression === undefined ? {} : { acceptRegression: options.acceptRegression }),
  })
}

/* What the gate layer adds to judged results: targets at 95% confidence, and the comparison with a baseline in the gate. */
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
  warnings.push(...notInBaselineWarnings(comparison, baseline.path))
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

/** The reason compareMetric gives a metric the baseline did not measure. */
const NOT_IN_BASELINE = 'not measured in the baseline'

/**
 * One warning naming the metrics this run measured and the baseline did not (a baseline saved from a
 * `--no-latency` run has no latency): they were compared with nothing, which the PR comment's "no
 * metric changed" and an empty warnings list used to leave unsaid (s35-trial D4).
 */
export function notInBaselineWarnings(comparison: Pick<BaselineComparison, 'runs'>, path: string): string[] {
  const metrics = [
    ...new Set(
      comparison.runs.flatMap((run) =>
        run.metrics.filter((m) => m.verdict === 'inconclusive' && m.reason === NOT_IN_BASELINE).map((m) => m.metric),
      ),
    ),
  ]
  if (metrics.length === 0) return []
  return [
    `the baseline ${path} did not measure ${metrics.join(', ')} (saved from a --no-latency run?): not compared, so a regression there cannot be seen; save the baseline again from a run that measures them`,
  ]
}
