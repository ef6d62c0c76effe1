/**
 * Targets judged at 95% confidence: a target is judged again at the unfavourable end of its metric's
 * interval (the runner's Wilson and bootstrap intervals), and when that is worse than the point
 * estimate's status, we say how many messages would be needed for the bound to get there.
 *
 * Messages needed, at the observed value:
 * - shares (Wilson): the smallest n whose Wilson bound at the observed rate meets the threshold
 *   (the bound approaches the rate as n grows, so it exists whenever the rate beats the threshold);
 * - ratio and savings (bootstrap): the interval's half-width shrinks as 1/sqrt(n), so
 *   n x (half-width / distance to threshold)²; an estimate, as the bootstrap has no closed form.
 */
import { INTERVAL_METRICS, wilsonInterval, type IntervalMetric, metricLabel } from '../core/index.ts'
import {
  STATUS_SEVERITY,
  meetsThreshold,
  statusAt,
  escapeCell,
  escapeInline,
  formatCondition,
  formatMetricValue,
  formatTargetSpec,
  lossyNote,
  renderTable,
  STATUS_BADGES,
} from '../report/index.ts'
import type { Interval95, RunConfidence, RunResult, TargetConfidence, TargetResult, Results } from '../runner/index.ts'

/** Cap of the search for messages needed; beyond it we report none. */
const MAX_MESSAGES = 1e12

/** The run with every target of an interval metric judged at 95% too. */
export function withTargetConfidence(run: RunResult): RunResult {
  const confidence = run.confidence
  if (confidence === undefined || run.state === 'failed') return run
  const targets = run.targets.map((target) => {
    const interval = intervalOf(confidence, target.metric)
    if (interval === undefined || target.value === null) return target
    return { ...target, confidence: judgeAtConfidence(target, target.value, interval, run.metrics.messages) }
  })
  return { ...run, targets }
}

/** The interval of a metric in a run's confidence, if it has one. */
function intervalOf(confidence: RunConfidence, metric: string): Interval95 | undefined {
  return (INTERVAL_METRICS as readonly string[]).includes(metric) ? confidence[metric as IntervalMetric] : undefined
}

function judgeAtConfidence(
  target: TargetResult,
  value: number,
  interval: Interval95,
  messages: number,
): TargetConfidence {
  // the point estimate lies inside a Wilson interval; a bootstrap interval could sit beside it, so clamp
  const bound = target.direction === 'min' ? Math.min(interval.low, value) : Math.max(interval.high, value)
  const status = statusAt(target, bound)
  const result: TargetConfidence = { ...interval, status }
  if (STATUS_SEVERITY[status] <= STATUS_SEVERITY[target.status] || target.status === 'fail') return result
  const threshold = target.status === 'pass' ? target.pass : (target.near as number)
  const needed =
    interval.method === 'wilson'
      ? wilsonMessagesNeeded(value, threshold, target.direction, messages)
      : bootstrapMessagesNeeded(value, bound, threshold, messages)
  return needed === undefined ? result : { ...result, messagesNeeded: needed }
}

/**
 * True when no Wilson bound can ever meet the threshold: `≤ 0%` (an upper bound is above 0 at every
 * corpus size) or `≥ 100%` (a lower bound is below 1). Only the point estimate can judge such a target.
 */
function wilsonNeverMeets(threshold: number, direction: 'min' | 'max'): boolean {
  return direction === 'max' ? threshold <= 0 : threshold >= 1
}

/**
 * Smallest n >= `fromMessages` whose 95% Wilson bound at rate `rate` meets `threshold` (lower bound for
 * `min`, upper bound for `max`); undefined when the rate itself does not beat the threshold.
 */
export function wilsonMessagesNeeded(
  rate: number,
  threshold: number,
  direction: 'min' | 'max',
  fromMessages = 1,
): number | undefined {
  if (wilsonNeverMeets(threshold, direction)) return undefined
  const meets = (n: number): boolean => {
    const interval = wilsonInterval(rate * n, n)
    return meetsThreshold(direction === 'min' ? interval.low : interval.high, threshold, direction)
  }
  const start = Math.max(1, Math.ceil(fromMessages))
  if (meets(start)) return start
  let low = start
  let high = start * 2
  while (!meets(high)) {
    low = high
    high *= 2
    if (high > MAX_MESSAGES) return undefined
  }
  // invariant: meets(high) and not meets(low)
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (meets(mid)) high = mid
    else low = mid
  }
  return high
}

/** n x (half-width / distance)²: messages for a bootstrap bound to reach the threshold; undefined when it never would. */
export function bootstrapMessagesNeeded(
  value: number,
  bound: number,
  threshold: number,
  messages: number,
): number | undefined {
  const distance = Math.abs(value - threshold)
  const halfWidth = Math.abs(value - bound)
  if (distance === 0 || !Number.isFinite(halfWidth)) return undefined
  const needed = Math.ceil(messages * (halfWidth / distance) ** 2)
  return needed > MAX_MESSAGES ? undefined : Math.max(needed, messages)
}

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
    if (members.length === 1) {
      lines[index] = describePointOnly(first.run, first.target)
      continue
    }
    const { target } = first
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
    lines[index] =
      `${escapeInline(target.label)} is ${point} by the point estimate but ${at95} at 95% on ${members.length} runs: ${where.join('; ')}. A 95% interval never reaches ${threshold} at any corpus size, so only the point estimate can judge this target; no number of messages would change that.`
  }
  return lines
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
