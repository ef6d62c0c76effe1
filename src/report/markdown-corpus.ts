/** Report sections about one corpus's runs side by side: comparison matrix, method distribution, targets. */
import { METHODS, type TargetMetric } from '../core/index.ts'
import type { Results, RunResult, TargetResult } from '../runner/index.ts'
import { lossyNote } from './markdown-summary.ts'
import {
  STATUS_BADGES,
  STATUS_SEVERITY,
  escapeCell,
  escapeInline,
  formatCondition,
  formatCount,
  formatMetricValue,
  formatPercent,
  formatRatio,
  formatTargetSpec,
  formatWholePercents,
  renderTable,
} from './format.ts'

/** A reference figure of a config's metric, when `results.reference` has a number for it. */
function referenceFigure(results: Results, config: string, metric: string): number | undefined {
  const value = results.reference?.figures[config]?.[metric]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** `1.52x (1.69x)`: the measured value with the reference beside it when there is one. */
function withReference(results: Results, run: RunResult, metric: TargetMetric, value: number): string {
  const measured = formatMetricValue(metric, value)
  const reference = referenceFigure(results, run.config, metric)
  return reference === undefined ? measured : `${measured} (${formatMetricValue(metric, reference)})`
}

function failedCell(run: RunResult): string {
  return `run failed${run.error === undefined ? '' : ` (${escapeCell(run.error.code)})`}`
}

/** The seed's Comparison Matrix, then a detail table that keeps aggregate and mean ratio apart. */
export function renderComparisonMatrix(results: Results, runs: readonly RunResult[]): string {
  const matrix = runs.map((run) => {
    const name = `**${escapeCell(run.config)}**`
    if (run.state === 'failed') return [name, failedCell(run), '—', '—', '—']
    const m = run.metrics
    return [
      name,
      ...(['ratio', 'savings', 'templateHitRate', 'expansionRate'] as const).map((metric) =>
        withReference(results, run, metric, m[metric]),
      ),
    ]
  })
  const details = runs.map((run) => {
    const m = run.metrics
    return [
      `**${escapeCell(run.config)}**`,
      formatCount(m.messages),
      formatCount(m.originalBytes),
      formatCount(m.compressedBytes),
      formatRatio(m.ratio),
      formatRatio(m.meanRatio),
      formatPercent(m.shrinkRate),
      formatCount(m.sharedStateBytes),
    ]
  })
  const hasReference = runs.some((run) => results.reference?.figures[run.config] !== undefined)
  return [
    '### Comparison Matrix',
    '',
    renderTable(['Configuration', 'Ratio', 'Bandwidth', 'Templates', 'Expansion'], matrix),
    '',
    'Ratio = originalBytes / compressedBytes over the whole corpus (aggregate); Bandwidth = savings, 1 − compressed / original; ' +
      'Templates = share of messages sent as `binary_semantic`; Expansion = share of messages whose frame is longer than the message.' +
      (hasReference ? ' Figures in parentheses are the reference figures (see Reference Figures).' : ''),
    '',
    renderTable(
      [
        'Configuration',
        'Messages',
        'Original bytes',
        'Compressed bytes',
        'Ratio (aggregate)',
        'Mean ratio (per message)',
        'Shrink',
        'Shared state bytes',
      ],
      details,
    ),
    '',
    'Mean ratio is the mean over messages of original / compressed, which weights every message equally; it is not the aggregate ratio. ' +
      'Shrink = share of messages whose frame is shorter than the message. Shared state (template store, dictionary) is not counted in compressed bytes.',
  ].join('\n')
}

/** The seed's Method Distribution: per config, percent and count of messages per chosen method. */
export function renderMethodDistribution(runs: readonly RunResult[]): string {
  const blocks = runs.map((run) => {
    const { methods } = run.metrics
    const shown = METHODS.flatMap((method) => {
      const count = methods[method] ?? 0
      return count > 0 ? [{ method, count }] : []
    })
    const percents = formatWholePercents(shown.map((s) => s.count))
    const lines = shown.map(
      ({ method, count }, i) => `- ${method}: ${percents[i]} (${formatCount(count)} message${count === 1 ? '' : 's'})`,
    )
    return [`**${escapeInline(run.config)}:**`, '', ...(lines.length === 0 ? ['- no messages'] : lines)].join('\n')
  })
  return ['### Method Distribution', '', blocks.join('\n\n')].join('\n')
}

/** Identity of a target row: the same metric with the same thresholds across configs, gated or not (one row, not one per gating). */
function targetKey(t: TargetResult): string {
  return `${t.metric}|${t.direction}|${t.pass}|${t.near ?? ''}`
}

const STATUS_ICON: Record<TargetResult['status'], string> = { pass: '✅', near: '⚠️', fail: '❌' }

/** The Status cell: the worst status among the configs the gate judges, the seed's way. */
function statusCell(row: TargetResult, judged: readonly { config: string; target: TargetResult }[]): string {
  if (judged.length === 0) return '— (not gated)'
  const worst = judged.reduce((a, b) => (STATUS_SEVERITY[b.target.status] > STATUS_SEVERITY[a.target.status] ? b : a))
    .target.status
  let text = STATUS_BADGES[worst]
  if (judged.length > 1 && worst !== 'pass') {
    text += ` (${judged
      .filter((j) => j.target.status === worst)
      .map((j) => escapeCell(j.config))
      .join(', ')})`
  }
  if (worst === 'near') text += ` (pass ${formatCondition(row.metric, row.direction, row.pass)})`
  return judged.some((j) => j.target.gated) ? text : `${text} (not gated)`
}

/** ` (at 95%: ❌)` when the target's status at 95% confidence is worse than by its point estimate, else ''. */
function atConfidence(target: TargetResult): string {
  const status = target.confidence?.status
  return status === undefined || STATUS_SEVERITY[status] <= STATUS_SEVERITY[target.status]
    ? ''
    : ` (at 95%: ${STATUS_ICON[status]})`
}

/**
 * The seed's Target Achievement table: one row per target, one column per config (value and icon),
 * and a Status column for the configs the gate judges (`gateConfigs`; all when undefined).
 */
export function renderTargetAchievement(
  runs: readonly RunResult[],
  gateConfigs: readonly string[] | undefined,
): string {
  const rows = new Map<string, TargetResult>()
  for (const run of runs) for (const t of run.targets) if (!rows.has(targetKey(t))) rows.set(targetKey(t), t)
  if (rows.size === 0) return ['### Target Achievement', '', 'No target was evaluated for this corpus.'].join('\n')
  const body = [...rows.entries()].map(([key, row]) => {
    const judged: { config: string; target: TargetResult }[] = []
    const cells = runs.map((run) => {
      const target = run.targets.find((t) => targetKey(t) === key)
      if (target === undefined) return run.state === 'failed' ? 'run failed' : '—'
      // a config that loses data is not shown green (the gate fails on its mismatches)
      const lossy = lossyNote(run)
      const shown = lossy === undefined ? target : { ...target, status: 'fail' as const }
      if (gateConfigs === undefined || gateConfigs.includes(run.config))
        judged.push({ config: run.config, target: shown })
      const value = target.value === null ? 'not measured' : formatMetricValue(target.metric, target.value)
      return `${value} ${STATUS_ICON[shown.status]}${lossy === undefined ? atConfidence(target) : ` (${lossy})`}`
    })
    return [escapeCell(row.label), formatTargetSpec(row), ...cells, statusCell(row, judged)]
  })
  const header = ['Metric', 'Target', ...runs.map((run) => escapeCell(run.config)), 'Status']
  const judgedBy =
    gateConfigs === undefined ? 'every config' : gateConfigs.map((c) => `**${escapeInline(c)}**`).join(', ')
  const pointOnly = runs.some((run) => run.targets.some((t) => atConfidence(t) !== ''))
  const footnote = pointOnly
    ? ' "(at 95%: …)" marks a target whose status is worse at the unfavourable end of its 95% interval than by the point estimate (see Confidence).'
    : ''
  return [
    '### Target Achievement',
    '',
    renderTable(header, body),
    '',
    `Status judges ${judgedBy}; NEAR lies between the pass threshold and the near threshold.${footnote}`,
  ].join('\n')
}
