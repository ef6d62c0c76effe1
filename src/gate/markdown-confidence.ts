/**
 * The Confidence section of report.md: per run, the 95% intervals of the size metrics and each
 * target judged by its point estimate and at 95% (target-confidence.ts), then which targets hold
 * only by the point estimate, and how many messages would settle them.
 */
import { INTERVAL_METRICS, metricLabel } from '../core/index.ts'
import {
  escapeCell,
  escapeInline,
  formatCondition,
  formatMetricValue,
  formatTargetSpec,
  lossyNote,
  renderTable,
  STATUS_BADGES,
} from '../report/index.ts'
import type { Results, RunResult, TargetResult } from '../runner/index.ts'
import { intervalOf, wilsonNeverMeets } from './target-confidence.ts'

/* The Confidence section: 95% intervals of the size metrics, and which targets hold at 95% and which only by the point estimate. */
const HEADER = ['Metric', 'Measured', '95% interval', 'Target', 'Point estimate', 'At 95%', 'Messages needed']

/** `52.4% – 85.7%`. */
function formatInterval(metric: string, interval: { low: number; high: number }): string {
  return `${formatMetricValue(metric, interval.low)} – ${formatMetricValue(metric, interval.high)}`
}

/** Targets met by their point estimate but not at the unfavourable end of the 95% interval (none for a lossy run: below). */
function pointOnlyTargets(run: RunResult): TargetResult[] {
  if (lossyNote(run) !== undefined) return []
  return run.targets.filter((t) => t.confidence !== undefined && t.confidence.status !== t.status)
}

/**
 * A run that lost data (round-trip mismatches) has no figure that is a result: as in the verdict and
 * Target Achievement tables, none of its targets reads PASS, by the point estimate or at 95%.
 */
function lossyRunLine(run: RunResult): string | undefined {
  const lossy = lossyNote(run)
  if (lossy === undefined || run.targets.every((t) => t.confidence === undefined)) return undefined
  return `${escapeInline(run.config)} on ${escapeInline(run.corpus)} loses data (${lossy}): its figures are not a result, so none of its targets is judged met here, by the point estimate or at 95%.`
}

/** True when the threshold the point estimate meets lies at the end of the share scale (`≤ 0%`, `≥ 100%`): no corpus size makes a 95% interval meet it. */
function unreachableAt95(target: TargetResult): boolean {
  const c = target.confidence
  if (c === undefined || c.method !== 'wilson' || target.status === 'fail') return false
  return wilsonNeverMeets(target.status === 'pass' ? target.pass : (target.near ?? target.pass), target.direction)
}

/** The "Messages needed" cell: a count, "never" when no corpus size can settle it, or a dash. */
function messagesNeededCell(target: TargetResult): string {
  if (unreachableAt95(target)) return 'never (see above)'
  const needed = target.confidence?.messagesNeeded
  return needed === undefined ? '—' : `≈ ${needed.toLocaleString('en-US')}`
}

/** One sentence per point-only target: what holds, what does not, and how many messages would settle it. */
function describePointOnly(run: RunResult, target: TargetResult): string {
  const c = target.confidence
  if (c === undefined || target.value === null) return ''
  const at95 = STATUS_BADGES[c.status].replace(/^\S+ /, '')
  const point = STATUS_BADGES[target.status].replace(/^\S+ /, '')
  const value = formatMetricValue(target.metric, target.value)
  const needed = unreachableAt95(target)
    ? `a 95% interval never reaches ${formatCondition(target.metric, target.direction, target.status === 'pass' ? target.pass : (target.near ?? target.pass))} at any corpus size, so only the point estimate can judge this target; no number of messages would change that`
    : c.messagesNeeded === undefined
      ? 'no corpus size would settle it at the observed value'
      : `about ${c.messagesNeeded.toLocaleString('en-US')} messages at the observed ${value} would make it ${point} at 95%${c.method === 'bootstrap' ? ' (estimated from the interval width)' : ''}`
  return `${escapeInline(run.config)} on ${escapeInline(run.corpus)}: ${escapeInline(target.label)} is ${point} by the point estimate (${value}) but ${at95} at 95% (${formatInterval(target.metric, c)} from ${run.metrics.messages} messages); ${needed}.`
}

/**
 * describePointOnly for every run's point-only targets, in run order, but a target no corpus size can
 * settle (unreachableAt95) said once for every run where it is the same (label, threshold, statuses):
 * `expansionRate pass: 0` met on 8 runs was 8 identical "never reaches ≤ 0%" bullets (s30).
 */
function describePointOnlyTargets(runs: readonly RunResult[]): string[] {
  const lines: string[] = []
  const groups = new Map<string, { index: number; members: { run: RunResult; target: TargetResult }[] }>()
  for (const run of runs)
    for (const target of pointOnlyTargets(run)) {
      if (!unreachableAt95(target) || target.value === null) {
        lines.push(describePointOnly(run, target))
        continue
      }
      const key = JSON.stringify([
        target.label,
        target.metric,
        target.direction,
        target.pass,
        target.near,
        target.status,
        target.confidence?.status,
      ])
      const group = groups.get(key)
      if (group !== undefined) group.members.push({ run, target })
      else {
        groups.set(key, { index: lines.length, members: [{ run, target }] })
        lines.push('')
      }
    }
  for (const { index, members } of groups.values()) {
    const [first] = members
    if (first === undefined) continue
    lines[index] = members.length === 1 ? describePointOnly(first.run, first.target) : describeUnreachableGroup(members)
  }
  return lines
}

/** One bullet for an unreachable target met by the point estimate on several runs (`members`, two or more). */
function describeUnreachableGroup(members: readonly { run: RunResult; target: TargetResult }[]): string {
  const { target } = members[0] as { run: RunResult; target: TargetResult }
  const c = target.confidence
  const at95 = c === undefined ? '' : STATUS_BADGES[c.status].replace(/^\S+ /, '')
  const point = STATUS_BADGES[target.status].replace(/^\S+ /, '')
  const where = members.map(({ run, target: t }) => {
    const value = t.value === null ? '' : formatMetricValue(t.metric, t.value)
    const interval =
      t.confidence === undefined
        ? ''
        : `, ${formatInterval(t.metric, t.confidence)} from ${run.metrics.messages} messages`
    return `${escapeInline(run.config)} on ${escapeInline(run.corpus)} (${value}${interval})`
  })
  const threshold = formatCondition(
    target.metric,
    target.direction,
    target.status === 'pass' ? target.pass : (target.near ?? target.pass),
  )
  return `${escapeInline(target.label)} is ${point} by the point estimate but ${at95} at 95% on ${members.length} runs: ${where.join('; ')}. A 95% interval never reaches ${threshold} at any corpus size, so only the point estimate can judge this target; no number of messages would change that.`
}

function renderRunTable(run: RunResult): string | undefined {
  const confidence = run.confidence
  if (confidence === undefined || run.state === 'failed') return undefined
  const rows: string[][] = []
  for (const metric of INTERVAL_METRICS) {
    const interval = intervalOf(confidence, metric)
    const value = run.metrics[metric]
    if (interval === undefined || !Number.isFinite(value)) continue
    const targets = run.targets.filter((t) => t.metric === metric)
    const label = escapeCell(metricLabel(metric))
    const lossy = lossyNote(run)
    /** a status cell: a lossy run's reads FAIL with why, whatever the figure */
    const badge = (status: TargetResult['status']): string =>
      lossy === undefined ? STATUS_BADGES[status] : `${STATUS_BADGES.fail} (${escapeCell(lossy)})`
    if (targets.length === 0)
      rows.push([label, formatMetricValue(metric, value), formatInterval(metric, interval), '—', '—', '—', '—'])
    for (const t of targets) {
      const c = t.confidence
      rows.push([
        label,
        formatMetricValue(metric, value),
        formatInterval(metric, interval),
        formatTargetSpec(t),
        badge(t.status),
        c === undefined ? '—' : badge(c.status),
        lossy === undefined ? messagesNeededCell(t) : '—',
      ])
    }
  }
  if (rows.length === 0) return undefined
  return [
    `### ${escapeInline(run.corpus)} × ${escapeInline(run.config)} (${run.metrics.messages} messages)`,
    '',
    renderTable(HEADER, rows),
  ].join('\n')
}

/** The whole section for report.md, or undefined when no run has intervals. */
export function renderConfidenceSection(results: Results): string | undefined {
  const tables = results.runs.map(renderRunTable).filter((t): t is string => t !== undefined)
  if (tables.length === 0) return undefined
  const pointOnly = describePointOnlyTargets(results.runs).map((line) => `- ${line}`)
  const lossy = results.runs.map(lossyRunLine).filter((line): line is string => line !== undefined)
  const bootstrap = results.runs.find((r) => r.confidence?.bootstrap !== undefined)?.confidence?.bootstrap
  return [
    '## Confidence',
    '',
    'A corpus is a sample of traffic, so each figure is known only to within its 95% interval: Wilson score intervals for shares of messages, ' +
      `a seeded bootstrap over messages${bootstrap === undefined ? '' : ` (${bootstrap.resamples.toLocaleString('en-US')} resamples, seed ${bootstrap.seed})`} for ratio and savings. ` +
      '"At 95%" judges each target at the unfavourable end of its interval; "Messages needed" is the corpus size at which that end would reach the point estimate\'s status, at the observed value. ' +
      'Messages are treated as independent draws: correlated traffic has wider true intervals. Confidence informs; the gate judges point estimates.',
    '',
    ...(pointOnly.length === 0
      ? [
          lossy.length === 0
            ? 'Every target holds at 95% as it does by the point estimate.'
            : 'Every target of a run that round-tripped every message holds at 95% as it does by the point estimate.',
        ]
      : [
          'Targets whose status is worse at 95% than by the point estimate (met by the point estimate, not at the unfavourable end of the interval):',
          '',
          ...pointOnly,
        ]),
    ...(lossy.length === 0 ? [] : ['', ...lossy]),
    '',
    tables.join('\n\n'),
  ].join('\n')
}
