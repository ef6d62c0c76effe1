/** The Baseline Comparison section: both environments side by side, then per run every metric's delta and verdict. */
import { metricLabel } from '../core/index.ts'
import { escapeCell, escapeInline, formatMetricValue, renderTable } from '../report/index.ts'
import type { BaselineComparison, Environment, MetricRegression, Results, RunRegression } from '../runner/index.ts'
import { formatDelta, formatRelative, VERDICT_BADGES } from './regression-format.ts'

/** Header of the per-metric regression tables (here and in the step summary). */
export const METRIC_HEADER = ['Metric', 'Baseline', 'This run', 'Δ', 'Δ %', 'Verdict', 'Why']

/** Both runs' environments side by side; rows that differ are marked. */
function renderEnvironmentComparison(
  baseline: { environment: Environment; startedAt: string },
  current: { environment: Environment; startedAt: string },
): string {
  const a = baseline.environment
  const b = current.environment
  const rows: Array<[string, string, string]> = [
    ['Started', baseline.startedAt, current.startedAt],
    ['Node', a.node, b.node],
    ['Platform', `${a.platform} ${a.arch}`, `${b.platform} ${b.arch}`],
    ['CPU', `${a.cpu} × ${a.cpus}`, `${b.cpu} × ${b.cpus}`],
  ]
  for (const name of [...new Set([...Object.keys(a.libraries), ...Object.keys(b.libraries)])].sort()) {
    rows.push([name, a.libraries[name] ?? '—', b.libraries[name] ?? '—'])
  }
  const body = rows.map(([what, x, y], i) => [
    escapeCell(what),
    escapeCell(x),
    escapeCell(y),
    i > 0 && x !== y ? '⚠️ differs' : '',
  ])
  return renderTable(['Component', 'Baseline', 'This run', ''], body)
}

/** One metric's row. */
export function renderMetricRow(m: MetricRegression): string[] {
  const value = (v: number): string => (Number.isFinite(v) ? formatMetricValue(m.metric, v) : 'not measured')
  const verdict = `${VERDICT_BADGES[m.verdict]}${m.verdict === 'fail' && !m.gated ? ' (not gated)' : ''}`
  return [
    escapeCell(metricLabel(m.metric)),
    value(m.baseline),
    value(m.current),
    formatDelta(m.metric, m.delta),
    formatRelative(m.relativeDelta),
    verdict,
    escapeCell(m.reason),
  ]
}

/** A run's heading line and note. */
export function renderRunHeading(run: RunRegression, level: '###' | '####'): string {
  const heading = `${level} ${escapeInline(run.corpus)} × ${escapeInline(run.config)}: ${VERDICT_BADGES[run.verdict]}`
  return run.note === undefined ? heading : `${heading}\n\n${escapeInline(run.note)}`
}

function renderRun(run: RunRegression): string {
  if (run.metrics.length === 0) return renderRunHeading(run, '###')
  return [renderRunHeading(run, '###'), '', renderTable(METRIC_HEADER, run.metrics.map(renderMetricRow))].join('\n')
}

/** Lines about runs only one side has. */
export function renderUnmatched(comparison: BaselineComparison): string[] {
  const lines: string[] = []
  if (comparison.newRuns.length > 0)
    lines.push(`- Not in the baseline (not compared): ${comparison.newRuns.map(escapeInline).join(', ')}`)
  if (comparison.missingRuns.length > 0)
    lines.push(`- In the baseline but not measured now: ${comparison.missingRuns.map(escapeInline).join(', ')}`)
  return lines
}

/** The whole section for report.md, or undefined without a baseline. */
export function renderBaselineSection(results: Results): string | undefined {
  const comparison = results.baseline
  if (comparison === undefined) return undefined
  const unmatched = renderUnmatched(comparison)
  return [
    `## Baseline Comparison: ${VERDICT_BADGES[comparison.verdict]}`,
    '',
    `Against \`${escapeInline(comparison.path)}\` (suite ${escapeInline(comparison.suite)}). Runs are matched by corpus and config. ` +
      'Size metrics are deterministic and compared exactly: by default any worsening fails (it only warns when the run measured other messages than the baseline run). Latency fails only when the slowdown stays beyond ' +
      'its threshold after the combined margin of error of both runs; a slowdown inside that margin is inconclusive. ' +
      'A failure fails the gate for gated configs (latency: unless --no-latency-gate).',
    '',
    renderEnvironmentComparison(comparison, results),
    ...(unmatched.length === 0 ? [] : ['', ...unmatched]),
    '',
    comparison.runs.map(renderRun).join('\n\n'),
  ].join('\n')
}
