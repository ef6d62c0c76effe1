/**
 * The compact Markdown for GITHUB_STEP_SUMMARY (and a PR comment): the gate verdict and its reasons,
 * the target table of the gated configs, and the regressions against the baseline with unchanged
 * rows folded into a <details> block so the page stays short.
 */
import {
  escapeCell,
  escapeInline,
  formatMetricValue,
  formatTargetSpec,
  isGatedConfig,
  lossyNote,
  renderTable,
  STATUS_BADGES,
  verdictCaveats,
} from '../report/index.ts'
import type { Results, RunResult } from '../runner/index.ts'
import type { GateSpec } from '../suite/index.ts'
import { VERDICT_BADGES } from './regression-format.ts'
import { METRIC_HEADER, renderMetricRow, renderRunHeading, renderUnmatched } from './markdown-baseline.ts'

function renderVerdict(results: Results, title: string): string {
  const lines = [`## ${title}: ${STATUS_BADGES[results.gate.status]} (suite ${escapeInline(results.suite)})`]
  if (results.incomplete)
    lines.push('', '⚠️ The run is incomplete: it stopped before every corpus × config was measured.')
  for (const caveat of verdictCaveats(results)) lines.push('', `⚠️ ${escapeInline(caveat.long)}`)
  if (results.gate.reasons.length > 0) lines.push('', ...results.gate.reasons.map((r) => `- ${escapeInline(r)}`))
  return lines.join('\n')
}

function targetRows(run: RunResult): string[][] {
  return run.targets.map((t) => [
    `${escapeCell(run.corpus)} × ${escapeCell(run.config)}`,
    escapeCell(t.label),
    formatTargetSpec(t),
    t.value === null ? 'not measured' : formatMetricValue(t.metric, t.value),
    lossyNote(run) === undefined
      ? `${STATUS_BADGES[t.status]}${t.gated ? '' : ' (not gated)'}`
      : `${STATUS_BADGES.fail} (${lossyNote(run)})`,
    t.confidence === undefined ? '—' : STATUS_BADGES[t.confidence.status],
  ])
}

function renderTargets(results: Results, gate: GateSpec): string | undefined {
  const runs = results.runs.filter((run) => isGatedConfig(gate, run.config))
  const rows = runs.flatMap(targetRows)
  const failed = runs
    .filter((run) => run.state === 'failed')
    .map(
      (run) =>
        `- ${escapeInline(run.corpus)} × ${escapeInline(run.config)}: run failed (${escapeInline(run.error?.code ?? 'no error recorded')})`,
    )
  if (rows.length === 0 && failed.length === 0) return undefined
  const table =
    rows.length === 0 ? [] : [renderTable(['Run', 'Target', 'Threshold', 'Measured', 'Status', 'At 95%'], rows)]
  return ['### Targets', '', ...table, ...(failed.length === 0 ? [] : ['', ...failed])].join('\n')
}

function renderRegressions(results: Results): string | undefined {
  const comparison = results.baseline
  if (comparison === undefined) return undefined
  const blocks = comparison.runs.map((run) => {
    const changed = run.metrics.filter((m) => m.verdict !== 'pass')
    const unchanged = run.metrics.filter((m) => m.verdict === 'pass')
    const parts = [renderRunHeading(run, '####')]
    if (changed.length > 0) parts.push('', renderTable(METRIC_HEADER, changed.map(renderMetricRow)))
    if (unchanged.length > 0) {
      // a blank line after <summary> lets GitHub render the Markdown table inside <details>
      parts.push(
        '',
        `<details><summary>${unchanged.length} metric${unchanged.length === 1 ? '' : 's'} passing</summary>`,
        '',
        renderTable(METRIC_HEADER, unchanged.map(renderMetricRow)),
        '',
        '</details>',
      )
    }
    return parts.join('\n')
  })
  const unmatched = renderUnmatched(comparison)
  return [
    `### Against the baseline: ${VERDICT_BADGES[comparison.verdict]}`,
    '',
    `Baseline \`${escapeInline(comparison.path)}\`.`,
    ...(unmatched.length === 0 ? [] : ['', ...unmatched]),
    '',
    blocks.join('\n\n'),
  ].join('\n')
}

/** The step summary for GitHub Actions (pure); `title` heads the verdict (`compare` gives its own, round 40). */
export function renderStepSummary(results: Results, gate: GateSpec, title = 'aura-bench gate'): string {
  const sections = [renderVerdict(results, title), renderTargets(results, gate), renderRegressions(results)]
  return `${sections.filter((s): s is string => s !== undefined).join('\n\n')}\n`
}
