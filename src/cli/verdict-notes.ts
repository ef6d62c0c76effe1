/**
 * What a passing verdict does not say on its own, for the console summary under the gate line: the
 * gated targets that were only NEAR (met the near threshold, not the pass one) and the metrics that
 * warned against the baseline. The console used to print `gate: PASS` alone while report.md showed
 * them (s31's new-user trial); a NEAR that the gate counts as a failure (`near_fails`) and a `fail`
 * comparison are already among the gate's reasons, so they are not repeated.
 */
import { formatCondition, formatMetricValue } from '../report/index.ts'
import type { Results } from '../runner/index.ts'

/** Lines of each kind shown before the rest are counted (report.md lists them all). */
const MAX_SHOWN = 10

/** The console lines (no escaping, no indentation) for the NEAR targets and warn comparisons of a run. */
export function verdictNotes(results: Pick<Results, 'runs' | 'baseline'>, nearFails: boolean): string[] {
  const near: string[] = []
  if (!nearFails)
    for (const run of results.runs)
      for (const target of run.targets) {
        if (!target.gated || target.status !== 'near' || target.value === null || target.near === undefined) continue
        const value = formatMetricValue(target.metric, target.value)
        near.push(
          `near: Config "${run.config}" on corpus "${run.corpus}": ${target.label} (${target.metric}) is ${value}, NEAR (${formatCondition(target.metric, target.direction, target.near)}), not the pass threshold ${formatCondition(target.metric, target.direction, target.pass)}`,
        )
      }
  const warn: string[] = []
  for (const run of results.baseline?.runs ?? [])
    for (const metric of run.metrics)
      if (metric.verdict === 'warn')
        warn.push(`warn: ${run.corpus} x ${run.config}: ${metric.metric} against the baseline: ${metric.reason}`)
  return [...capped(near, 'NEAR target'), ...capped(warn, 'warn comparison')]
}

function capped(lines: readonly string[], what: string): string[] {
  if (lines.length <= MAX_SHOWN) return [...lines]
  const more = lines.length - MAX_SHOWN
  return [...lines.slice(0, MAX_SHOWN), `and ${more} more ${what}${more === 1 ? '' : 's'} in report.md`]
}
