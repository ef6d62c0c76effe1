/** The pre-deploy gate: one pass/fail verdict over all runs, with a sentence per reason it failed. */
import type { GateResult, RunResult, TargetResult } from '../runner/index.ts'
import type { GateSpec } from '../suite/index.ts'
import { formatCondition, formatMetricValue } from './format.ts'

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

/**
 * The gate verdict. Fails when the run is incomplete, when there are no runs, when any run failed or
 * has round-trip mismatches (whatever its config), when a gated target of a gated config fails (or is
 * NEAR and `nearFails`), and when the gate names a config that has no run.
 */
export function evaluateGate(runs: readonly RunResult[], gate: GateSpec, incomplete: boolean): GateResult {
  const reasons: string[] = []
  if (incomplete) reasons.push('The suite run is incomplete: it stopped before every corpus × config was measured')
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
