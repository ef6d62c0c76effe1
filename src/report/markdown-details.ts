/** Report sections with per-run detail: latency, categories, expanding messages, round trip, reference figures. */
import type { LatencyPercentilesUs, Results, RunResult } from '../runner/index.ts'
import { isTargetMetric, readMetric } from '../core/index.ts'
import {
  escapeCell,
  escapeInline,
  formatCount,
  formatDifference,
  formatMetricValue,
  formatMicros,
  formatPercent,
  formatRatio,
  renderTable,
} from './format.ts'
import { isMaximum, P99_SAMPLES_NEEDED } from './markdown-summary.ts'

/** Category rows listed per corpus before the table is cut (a Loghub corpus has hundreds of event types); all of them are in results.json. */
const MAX_CATEGORY_ROWS = 40

/** Expanding messages listed per run before the list is cut; default of `maxListed`. */
export const DEFAULT_MAX_LISTED = 20

/** Latency table: encode and decode p50/p95/p99 per config, in microseconds per message. */
export function renderLatency(runs: readonly RunResult[]): string {
  const rows = runs.map((run) => {
    const l = run.metrics.latencyUs
    const name = `**${escapeCell(run.config)}**`
    if (l === undefined) return [name, 'not measured', '', '', '', '', '', '', '', '']
    const side = (p: LatencyPercentilesUs): string[] => [
      formatMicros(p.p50),
      formatMicros(p.p95),
      `${formatMicros(p.p99)}${isMaximum('P99Us', p.samples) ? ' (max)' : ''}`,
      formatCount(p.samples),
    ]
    return [name, ...side(l.encode), ...side(l.decode), escapeCell(l.mode)]
  })
  const header = [
    'Configuration',
    'Encode p50',
    'Encode p95',
    'Encode p99',
    'Encode n',
    'Decode p50',
    'Decode p95',
    'Decode p99',
    'Decode n',
    'Mode',
  ]
  const few = runs.some((run) => {
    const l = run.metrics.latencyUs
    return l !== undefined && Math.min(l.encode.samples, l.decode.samples) < P99_SAMPLES_NEEDED
  })
  const note = `n = timed samples behind each direction's percentiles${few ? `; "(max)": with fewer than ${P99_SAMPLES_NEEDED} samples a p99 is the largest sample, not a percentile` : ''}.`
  return ['### Latency (µs per message)', '', renderTable(header, rows), '', note].join('\n')
}

/** Names in natural order: digit runs compared as numbers (E1, E2, E10, not E1, E10, E2), then by code unit. */
const naturalCollator = new Intl.Collator('en', { numeric: true })
export function naturalOrder(a: string, b: string): number {
  return naturalCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** Per-category breakdown: one row per category and config. */
export function renderCategories(runs: readonly RunResult[], maxRows: number = MAX_CATEGORY_ROWS): string {
  const all = [...new Set(runs.flatMap((run) => Object.keys(run.categories)))]
  // the largest categories first when the table is cut, in name order when it is whole
  const size = (c: string): number => Math.max(...runs.map((run) => run.categories[c]?.messages ?? 0))
  const perCategory = Math.max(1, runs.length)
  const keep = Math.max(1, Math.floor(maxRows / perCategory))
  const categories = (
    all.length > keep ? [...all].sort((a, b) => size(b) - size(a) || naturalOrder(a, b)).slice(0, keep) : all
  ).sort(naturalOrder)
  const rows: string[][] = []
  for (const category of categories) {
    for (const run of runs) {
      const m = run.categories[category]
      if (m === undefined) continue
      rows.push([
        escapeCell(category),
        escapeCell(run.config),
        formatCount(m.messages),
        formatRatio(m.ratio),
        formatRatio(m.meanRatio),
        formatPercent(m.savings),
        formatPercent(m.templateHitRate),
        formatPercent(m.expansionRate),
      ])
    }
  }
  if (rows.length === 0) return ['### Per-Category Breakdown', '', 'The corpus has no categories.'].join('\n')
  const header = ['Category', 'Configuration', 'Messages', 'Ratio', 'Mean ratio', 'Bandwidth', 'Templates', 'Expansion']
  const cut = all.length - categories.length
  const more =
    cut <= 0
      ? []
      : [
          '',
          // s39-trial D3: README said "the 40 largest categories"; the cut is rows, one per category and config
          `The ${formatCount(categories.length)} largest of ${formatCount(all.length)} categories (the table keeps ${formatCount(maxRows)} rows: ${formatCount(keep)} categories × ${formatCount(perCategory)} ${perCategory === 1 ? 'config' : 'configs'}); all of them are in results.json (\`runs[].categories\`).`,
        ]
  return ['### Per-Category Breakdown', '', renderTable(header, rows), ...more].join('\n')
}

/**
 * What `message #N` counts (results.json's `expanding[].index`, `mismatches[].index`): a txt corpus's
 * blank lines are no messages, so N was taken for a line number and `sed -n Np` showed another line
 * (s35-trial D7).
 */
export const MESSAGE_NUMBER_NOTE =
  "_`message #N` counts the corpus file's messages from 0, before `split:` and `sample:` (results.json `index`); blank lines and messages left out by the size filters are not counted, so in a txt corpus it is not a line number._"

/** Expanding messages per config, the seed's way: `"Deployment started at ..." (42 → 43 bytes)`. */
export function renderExpanding(runs: readonly RunResult[], maxListed: number = DEFAULT_MAX_LISTED): string {
  const blocks = runs.map((run) => {
    const total = Math.round(run.metrics.expansionRate * run.metrics.messages)
    const head = `**${escapeInline(run.config)}:** ${formatCount(total)} of ${formatCount(run.metrics.messages)} messages expand`
    if (total === 0) return head.replace(/expand$/, 'expand (none)')
    const listed = run.expanding.slice(0, maxListed).map((e, i) => {
      const growth = `(${formatCount(e.originalBytes)} → ${formatCount(e.compressedBytes)} bytes)`
      return `${i + 1}. "${escapeInline(e.preview)}" ${growth} — ${e.method}, message #${e.index}`
    })
    const more = total - listed.length
    const rest =
      more <= 0
        ? []
        : [
            '',
            `…and ${formatCount(more)} ${listed.length === 0 ? 'messages; the run kept no examples' : 'more not listed'}.`,
          ]
    return [head, ...(listed.length === 0 ? [] : ['', ...listed]), ...rest].join('\n')
  })
  const listedAny = runs.some((run) => run.expanding.length > 0)
  return ['### Expanding Messages', '', ...(listedAny ? [MESSAGE_NUMBER_NOTE, ''] : []), blocks.join('\n\n')].join('\n')
}

/** Round-trip outcome per run, with the mismatching messages listed. */
export function renderRoundTrip(runs: readonly RunResult[], maxListed: number = DEFAULT_MAX_LISTED): string {
  const rows = runs.map((run) => {
    const { checked, mismatches } = run.metrics.roundTrip
    return [
      `**${escapeCell(run.config)}**`,
      formatCount(checked),
      formatCount(mismatches),
      mismatches === 0 ? '✅ byte-exact' : '❌ MISMATCH',
    ]
  })
  const details = runs
    .filter((run) => run.mismatches.length > 0)
    .map((run) => {
      const lines = run.mismatches.slice(0, maxListed).map((m) => {
        const what =
          m.firstDifferingByte < 0
            ? `decoding threw: ${escapeInline(m.error ?? 'unknown error')}`
            : `first differing byte at offset ${m.firstDifferingByte}`
        return `- message #${m.index} "${escapeInline(m.preview)}": ${what}`
      })
      const more = run.mismatches.length - lines.length
      return [`**${escapeInline(run.config)}:**`, '', ...lines, ...(more > 0 ? [`- …and ${more} more`] : [])].join('\n')
    })
  return [
    '### Round Trip',
    '',
    renderTable(['Configuration', 'Checked', 'Mismatches', 'Result'], rows),
    ...details.flatMap((d) => ['', d]),
    ...(details.length > 0 ? ['', MESSAGE_NUMBER_NOTE] : []),
  ].join('\n')
}

/** Reference figures beside measured ones with the difference, for every run whose config has figures. */
export function renderReference(results: Results): string | undefined {
  const reference = results.reference
  if (reference === undefined) return undefined
  const rows: string[][] = []
  for (const run of results.runs) {
    const figures = reference.figures[run.config]
    if (figures === undefined) continue
    for (const [metric, ref] of Object.entries(figures)) {
      if (typeof ref !== 'number' || !isTargetMetric(metric)) continue
      const measured = run.state === 'failed' ? undefined : readMetric(run.metrics, metric)
      rows.push([
        escapeCell(run.config),
        escapeCell(run.corpus),
        metric,
        measured === undefined ? 'not measured' : formatMetricValue(metric, measured),
        formatMetricValue(metric, ref),
        measured === undefined ? '—' : formatDifference(metric, measured, ref),
      ])
    }
  }
  const body =
    rows.length === 0
      ? 'No reference figure matches a config of this run.'
      : renderTable(['Configuration', 'Corpus', 'Metric', 'Measured', 'Reference', 'Difference'], rows)
  return [
    '## Reference Figures',
    '',
    `Reference: ${escapeInline(reference.source)}. Difference = measured − reference (pp = percentage points).`,
    '',
    body,
  ].join('\n')
}
