/**
 * report.html's charts: report.md's charts per corpus, and a latency-percentile chart per corpus
 * that only the page draws, each with tooltips on its marks (split out of html.ts).
 */
import type { Results } from '../runner/index.ts'
import { safeChartSpec, type ChartSpec, type VegaLiteSpec } from './chart-base.ts'
import { createCharts } from './charts.ts'

/** Every mark of a spec shows its datum as a tooltip (text and rule marks excepted: they annotate). */
export function withTooltips(spec: unknown): unknown {
  if (Array.isArray(spec)) return spec.map(withTooltips)
  if (spec === null || typeof spec !== 'object') return spec
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'mark') {
      const mark = typeof value === 'string' ? { type: value } : (value as Record<string, unknown>)
      out[key] = mark.type === 'text' || mark.type === 'rule' ? mark : { tooltip: true, ...mark }
    } else out[key] = key === 'data' ? value : withTooltips(value)
  }
  return out
}

/**
 * Percentiles p50, p95 and p99 of encode and decode per config on a log axis, one line per config:
 * results.json keeps percentiles, not raw samples, so this is the distribution as far as it is known.
 */
function createLatencyDistributionChart(corpus: string, results: Results): VegaLiteSpec | undefined {
  const values = results.runs
    .filter((run) => run.corpus === corpus && run.metrics.latencyUs !== undefined)
    .flatMap((run) =>
      (['encode', 'decode'] as const).flatMap((operation) => {
        const p = run.metrics.latencyUs?.[operation]
        if (p === undefined) return []
        return (['p50', 'p95', 'p99'] as const).map((percentile) => ({
          config: run.config,
          operation,
          percentile,
          us: Math.max(p[percentile], 0.01),
          samples: p.samples,
        }))
      }),
    )
  if (values.length === 0) return undefined
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Latency percentiles per config — ${corpus}`, anchor: 'start', fontSize: 14 },
    background: 'white',
    data: { values },
    facet: { column: { field: 'operation', type: 'nominal', title: null, sort: ['encode', 'decode'] } },
    spec: {
      width: 260,
      height: 220,
      mark: { type: 'line', point: true, tooltip: true },
      encoding: {
        x: { field: 'percentile', type: 'ordinal', sort: ['p50', 'p95', 'p99'], title: 'Percentile' },
        y: { field: 'us', type: 'quantitative', title: 'µs per message (log)', scale: { type: 'log' } },
        color: { field: 'config', type: 'nominal', title: 'Configuration' },
        tooltip: [
          { field: 'config' },
          { field: 'operation' },
          { field: 'percentile' },
          { field: 'us', title: 'µs', format: ',.2f' },
          { field: 'samples', title: 'timed samples' },
        ],
      },
    },
  }
}

export interface HtmlChart {
  id: string
  corpus: string
  title: string
  spec: unknown
}

export function chartsOf(results: Results): HtmlChart[] {
  const corpora = [...new Set(results.runs.map((r) => r.corpus))]
  const fromReport: (ChartSpec & { corpus: string })[] = corpora.flatMap((corpus) =>
    createCharts({ ...results, runs: results.runs.filter((r) => r.corpus === corpus) }).map((c) => ({ ...c, corpus })),
  )
  const distributions = corpora.flatMap((corpus) => {
    const spec = createLatencyDistributionChart(corpus, results)
    return spec === undefined
      ? []
      : [
          {
            name: `latency-distribution-${fromReport.length}`,
            title: `Latency percentiles per config — ${corpus}`,
            spec: safeChartSpec(spec),
            corpus,
          },
        ]
  })
  return [...fromReport, ...distributions].map((c, i) => {
    const { title, spec } = headingOutOfSpec(c.title, c.spec)
    return { id: `chart-${i}`, corpus: c.corpus, title, spec: withTooltips(spec) }
  })
}

/**
 * The page's heading of a chart and its spec without a title of its own (s42-trial: report.html showed each chart's
 * title twice, the figure's heading and the chart's): the heading takes the spec's title text where it has one (it
 * says more, e.g. "µs, log scale"), and the PNG charts keep theirs.
 */
export function headingOutOfSpec(fallback: string, spec: unknown): { title: string; spec: unknown } {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec) || !('title' in spec))
    return { title: fallback, spec }
  const { title, ...rest } = spec as { title: unknown }
  const text =
    typeof title === 'string'
      ? title
      : title !== null && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string'
        ? (title as { text: string }).text
        : fallback
  return { title: text, spec: rest }
}
