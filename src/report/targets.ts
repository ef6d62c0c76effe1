/** Target evaluation and the verdict: maps target metric names onto run metrics, decides pass / near / fail per target, then pass / fail over the runs. */
import type { RunResult, TargetResult, GateResult } from '../runner/index.ts'
import { metricLabel, readMetric } from '../core/index.ts'
import type { GateSpec, TargetSpec } from '../suite/index.ts'
import { formatCondition, formatMetricValue } from './format.ts'

/**
 * Tolerance of threshold comparisons, relative to the threshold's size (absolute below 1): a value
 * within it counts as on the threshold, so 2/25 = 0.08 meets `≤ 0.08` whatever the float rounding.
 */
export const THRESHOLD_EPSILON = 1e-9

/** True when `value` meets `threshold` in `direction`, within THRESHOLD_EPSILON. */
export function meetsThreshold(value: number, threshold: number, direction: 'min' | 'max'): boolean {
  const tolerance = THRESHOLD_EPSILON * Math.max(1, Math.abs(threshold))
  return direction === 'min' ? value >= threshold - tolerance : value <= threshold + tolerance
}

/** Status of a value against a target's thresholds: pass when it meets `pass`, else near when it meets `near`, else fail. */
export function statusAt(
  target: { pass: number; near?: number | undefined; direction: 'min' | 'max' },
  value: number,
): TargetResult['status'] {
  if (meetsThreshold(value, target.pass, target.direction)) return 'pass'
  if (target.near !== undefined && meetsThreshold(value, target.near, target.direction)) return 'near'
  return 'fail'
}

/**
 * Decides one target. min: value >= pass -> pass, else value >= near -> near, else fail; max mirrors
 * it with <=. A missing or non-finite value fails here; `evaluateTargets` keeps such targets out.
 */
export function evaluateTarget(value: number | null | undefined, spec: TargetSpec): TargetResult {
  const measured = value === undefined || value === null || !Number.isFinite(value) ? null : value
  const status = measured === null ? 'fail' : statusAt(spec, measured)
  return {
    metric: spec.metric,
    label: spec.label ?? metricLabel(spec.metric),
    value: measured,
    pass: spec.pass,
    ...(spec.near === undefined ? {} : { near: spec.near }),
    direction: spec.direction,
    status,
    gated: spec.gated,
  }
}

/** Targets of one run, and the sentences about targets it could not judge. */
interface TargetEvaluation {
  targets: TargetResult[]
  /** one sentence per target left out because its metric was not measured or the run failed */
  warnings: string[]
}

/** True when a target applies to a config (no `configs` list means every config). */
function targetApplies(spec: TargetSpec, config: string): boolean {
  return spec.configs === undefined || spec.configs.includes(config)
}

/**
 * Evaluates every target that applies to the run's config. `gated` is true only for a gated target
 * of a config the gate judges. A target whose metric was not measured (e.g. latency off) is named
 * in `warnings`; when it is gated it is also kept as a FAIL with value null, because a gate must
 * not pass on a figure nobody measured (`--no-latency-gate` makes latency targets ungated); an
 * ungated one is left out. A failed run has no trustworthy metrics: all its targets are left out
 * (the gate fails on the failure itself).
 */
export function evaluateTargets(
  run: Pick<RunResult, 'corpus' | 'config' | 'state' | 'metrics'>,
  specs: readonly TargetSpec[],
  gate?: GateSpec,
): TargetEvaluation {
  const applicable = specs.filter((spec) => targetApplies(spec, run.config))
  const where = `config "${run.config}" on corpus "${run.corpus}"`
  if (run.state === 'failed') {
    return {
      targets: [],
      warnings:
        applicable.length === 0 ? [] : [`${where}: run failed, its ${applicable.length} target(s) were not evaluated`],
    }
  }
  const targets: TargetResult[] = []
  const warnings: string[] = []
  const configGated = gate === undefined || isGatedConfig(gate, run.config)
  for (const unscoped of applicable) {
    const spec = { ...unscoped, gated: unscoped.gated && configGated }
    const value = readMetric(run.metrics, spec.metric)
    if (value === undefined || !Number.isFinite(value)) {
      const condition = formatCondition(spec.metric, spec.direction, spec.pass)
      if (spec.gated) {
        warnings.push(
          `${where}: ${spec.metric} (target ${condition}) was not measured; a gated target that is not measured fails the gate`,
        )
        targets.push(evaluateTarget(null, spec))
      } else
        warnings.push(
          `${where}: ${spec.metric} (target ${condition}) was not measured; the target is not evaluated and does not gate`,
        )
      continue
    }
    targets.push(evaluateTarget(value, spec))
  }
  return { targets, warnings }
}

/* The pre-deploy gate: one pass/fail verdict over all runs, with a sentence per reason it failed. */
/** True when the gate judges this config's targets (no `configs` list means every config). */
export function isGatedConfig(gate: GateSpec, config: string): boolean {
  return gate.configs === undefined || gate.configs.includes(config)
}

/** Why one evaluated target fails the gate, or undefined when it does not. */
function targetReason(run: RunResult, target: TargetResult, nearFails: boolean): string | undefined {
  if (!target.gated || target.status === 'pass' || (target.status === 'near' && !nearFails)) return undefined
  const where = `Config "${run.config}" on corpus "${run.corpus}"`
  const pass = formatCondition(target.metric, target.direction, target.pass)
  if (target.value === null)
    return `${where}: ${target.label} (${target.metric}) was not measured, and a gated target (${pass}) must be; measure it, or report latency without gating (--no-latency-gate)`
  const value = formatDistinct(
    target.metric,
    target.value,
    target.status === 'near' ? target.pass : (target.near ?? target.pass),
  )
  const side = target.direction === 'min' ? 'below' : 'above'
  if (target.status === 'near') {
    return `${where}: ${target.label} (${target.metric}) is ${value}, NEAR but not the pass threshold ${pass}; this gate counts NEAR as a failure`
  }
  if (target.near === undefined)
    return `${where}: ${target.label} (${target.metric}) is ${value}, ${side} the target ${pass}`
  const near = formatCondition(target.metric, target.direction, target.near)
  return `${where}: ${target.label} (${target.metric}) is ${value}, ${side} even the near threshold ${near} (pass ${pass})`
}

/** Reasons that come from a run itself: it failed, or messages did not round-trip. */
function runReasons(run: RunResult): string[] {
  const reasons: string[] = []
  const where = `Config "${run.config}" on corpus "${run.corpus}"`
  if (run.state === 'failed') {
    const error = run.error === undefined ? 'no error recorded' : `${run.error.code}: ${run.error.message}`
    reasons.push(`${where}: the run failed (${error})`)
  }
  const { checked, mismatches } = run.metrics.roundTrip
  if (mismatches > 0) reasons.push(`${where}: ${mismatches} of ${checked} messages did not round-trip byte-exact`)
  return reasons
}

/** The gate's reason when the run stopped part-way (followed by what stopped it, when known). */
export const INCOMPLETE_REASON = 'The suite run is incomplete: it stopped before every corpus × config was measured'

/**
 * The gate verdict. Fails when the run is incomplete, when there are no runs, when any run failed or
 * has round-trip mismatches (whatever its config), when a gated target of a gated config fails (or is
 * NEAR and `nearFails`), and when the gate names a config that has no run. `stopCause` says what
 * stopped an incomplete run (the error, with its file and line).
 */
export function evaluateGate(
  runs: readonly RunResult[],
  gate: GateSpec,
  incomplete: boolean,
  stopCause?: string,
): GateResult {
  const reasons: string[] = []
  if (incomplete) reasons.push(`${INCOMPLETE_REASON}${stopCause === undefined ? '' : ` (${stopCause})`}`)
  if (runs.length === 0) reasons.push('No run was measured: there is nothing to judge')
  for (const config of gate.configs ?? []) {
    if (!runs.some((run) => run.config === config)) reasons.push(`The gate names config "${config}" but no run has it`)
  }
  for (const run of runs) {
    reasons.push(...runReasons(run))
    if (!isGatedConfig(gate, run.config)) continue
    for (const target of run.targets) {
      const reason = targetReason(run, target, gate.nearFails)
      if (reason !== undefined) reasons.push(reason)
    }
  }
  return { status: reasons.length === 0 ? 'pass' : 'fail', reasons }
}

/** The value as reports show it, with more digits when rounding would make it read as its threshold ("1.20x, below 1.2x"). */
function formatDistinct(metric: string, value: number, threshold: number): string {
  const shown = formatMetricValue(metric, value)
  return shown === formatMetricValue(metric, threshold) ? `${shown} (${value.toPrecision(6)})` : shown
}
