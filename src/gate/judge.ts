/**
 * The gate's decision, in one place: every target of every run judged, the verdict over all runs,
 * targets at 95% confidence, and the comparison with a baseline. `runSuite` measures and returns no
 * verdict; `judgeSuite` turns what it measured into the results a report is written from.
 */
import { METRICS, type AuraError } from '../core/index.ts'
import { evaluateGate, evaluateTargets } from '../report/index.ts'
import type { MeasuredResults, Results } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'
import { applyGateLayer, type LoadedBaseline } from './apply.ts'

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

/** Judges measured results against the suite's targets, gate and (optionally) a baseline. Pure. */
export function judgeSuite(
  measured: MeasuredResults,
  suite: Pick<Suite, 'targets' | 'gate' | 'regression'>,
  options: JudgeOptions = {},
): Results {
  const gateLatency = options.gateLatency ?? true
  const { targets } = withLatencyGating(suite, gateLatency)
  const warnings = [...measured.warnings]
  const runs = measured.runs.map((run) => {
    const evaluation = evaluateTargets(run, targets, suite.gate)
    warnings.push(...evaluation.warnings)
    return { ...run, targets: evaluation.targets }
  })
  const { stoppedBy } = options
  if (stoppedBy !== undefined) warnings.push(`stopped part-way: ${stoppedBy.code}: ${stoppedBy.message}`)
  const incomplete = measured.incomplete || stoppedBy !== undefined
  const judged: Results = { ...measured, runs, incomplete, warnings, gate: evaluateGate(runs, suite.gate, incomplete) }
  return applyGateLayer(judged, {
    suite: { ...suite, targets },
    gateLatency,
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    ...(options.acceptRegression === undefined ? {} : { acceptRegression: options.acceptRegression }),
  })
}
