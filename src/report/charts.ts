/**
 * Vega-Lite chart specs built from results (pure data, no vega import: render-chart.ts renders them).
 * One chart of each kind per corpus: method distribution, ratio and savings against targets, latency
 * percentiles, template hit rate by category.
 */
import { METHODS } from '../core/index.ts'
import type { Results, RunResult, TargetResult } from '../runner/index.ts'

/** A Vega-Lite top-level spec as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>

/** One chart to render: file base name (no extension), human title, spec. */
export interface ChartSpec {
  name: string
  title: string
  spec: VegaLiteSpec
}

/** Font the charts ask for; render-chart.ts hands resvg the same family. */
export const CHART_FONT = 'DejaVu Sans'

/** Fixed method colours, so a method has the same colour in every chart. */
const METHOD_COLOURS: Record<(typeof METHODS)[number], string> = {
  binary_semantic: '#4c78a8',
  brotli: '#f58518',
  zstd: '#54a24b',
  zstd_dict: '#88d27a',
  deflate: '#b279a2',
  aura: '#e45756',
  uncompressed: '#9d9d9d',
}

const STATUS_COLOURS = { pass: '#54a24b', near: '#f2a93b', fail: '#e45756', none: '#4c78a8' }

/** Latency axes switch to a log scale when the largest percentile exceeds the smallest this many times. */
export const LOG_SCALE_SPREAD = 50

/** Label widths in pixels of a chart's axes and legend; no axis limit: vega's default (180). */
export interface ChartLabelLimits {
  axisLabelLimit?: number
  legendLabelLimit: number
}

/** The top of every chart spec (ours and compare's): schema, title, white background, font and label sizes. */
export function createChartBase(title: string, limits: ChartLabelLimits): VegaLiteSpec {
  const axisLimit = limits.axisLabelLimit === undefined ? {} : { labelLimit: limits.axisLabelLimit }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 14 },
    background: 'white',
    padding: 12,
    config: { font: CHART_FONT, axis: { labelFontSize: 11, titleFontSize: 12, ...axisLimit }, legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: limits.legendLabelLimit }, view: { stroke: null } },
  }
}

function base(title: string): VegaLiteSpec {
  return createChartBase(title, { axisLabelLimit: 220, legendLabelLimit: 220 })
}

/** Stacked horizontal bars: share of messages per chosen method, one bar per config. */
export function createMethodChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec {
  const values = runs.flatMap((run) =>
    METHODS.filter((m) => (run.metrics.methods[m] ?? 0) > 0).map((method) => ({ config: run.config, method, messages: run.metrics.methods[method] ?? 0, order: METHODS.indexOf(method) })),
  )
  const used = METHODS.filter((m) => values.some((v) => v.method === m))
  return {
    ...base(`Method distribution — ${corpus}`),
    data: { values },
    width: 480,
    height: { step: 28 },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'config', type: 'nominal', sort: runs.map((r) => r.config), title: 'Configuration' },
      x: { field: 'messages', type: 'quantitative', stack: 'normalize', title: 'Share of messages', axis: { format: '%' } },
      color: { field: 'method', type: 'nominal', title: 'Method', scale: { domain: used, range: used.map((m) => METHOD_COLOURS[m]) } },
      order: { field: 'order', type: 'quantitative' },
    },
  }
}

/** Thresholds of a metric's targets among runs, for the rules drawn across the bars. */
function thresholds(runs: readonly RunResult[], metric: string): { value: number; label: string }[] {
  const seen = new Map<number, string>()
  for (const t of runs.flatMap((r) => r.targets.filter((x) => x.metric === metric))) {
    const sign = t.direction === 'min' ? '≥' : '≤'
    if (!seen.has(t.pass)) seen.set(t.pass, `target ${sign} ${formatAxisValue(metric, t.pass)}`)
    if (t.near !== undefined && !seen.has(t.near)) seen.set(t.near, `near ${sign} ${formatAxisValue(metric, t.near)}`)
  }
  return [...seen.entries()].map(([value, label]) => ({ value, label }))
}

function formatAxisValue(metric: string, value: number): string {
  return metric === 'savings' ? `${Number((value * 100).toFixed(2))}%` : `${Number(value.toFixed(3))}x`
}

function statusOf(run: RunResult, metric: string): TargetResult['status'] | 'none' {
  return run.targets.find((t) => t.metric === metric)?.status ?? 'none'
}

/** Bars of one metric per config, coloured by target status, with a rule at each target threshold. */
function metricPanel(runs: readonly RunResult[], metric: 'ratio' | 'savings', title: string): VegaLiteSpec {
  const complete = runs.filter((r) => r.state === 'complete')
  const values = complete.map((r) => ({ config: r.config, value: r.metrics[metric], status: statusOf(r, metric) }))
  const rules = thresholds(complete, metric)
  const y = { field: 'value', type: 'quantitative', title, ...(metric === 'savings' ? { axis: { format: '%' } } : {}) }
  const statusDomain = (Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[]).filter((k) => complete.some((r) => statusOf(r, 'ratio') === k || statusOf(r, 'savings') === k))
  const layers: VegaLiteSpec[] = [
    {
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'config', type: 'nominal', sort: complete.map((r) => r.config), title: null, axis: { labelAngle: -30 } },
        y,
        color: { field: 'status', type: 'nominal', title: 'Target status', scale: { domain: statusDomain, range: statusDomain.map((k) => STATUS_COLOURS[k]) } },
      },
    },
  ]
  if (rules.length > 0) {
    layers.push(
      { data: { values: rules }, mark: { type: 'rule', color: '#333333', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y } },
      { data: { values: rules }, mark: { type: 'text', align: 'left', dx: 4, dy: -7, fontSize: 11, color: '#333333' }, encoding: { y, x: { value: 0 }, text: { field: 'label' } } },
    )
  }
  return { width: { step: 56 }, height: 240, layer: layers }
}

/** Aggregate ratio and savings per config, side by side, with target lines. */
export function createRatioSavingsChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec {
  return {
    ...base(`Ratio (aggregate) and savings against targets — ${corpus}`),
    hconcat: [metricPanel(runs, 'ratio', 'Ratio (original / compressed bytes)'), metricPanel(runs, 'savings', 'Bandwidth savings')],
    resolve: { scale: { color: 'shared' } },
  }
}

/** Encode and decode p50/p95/p99 per config in µs; undefined when no run measured latency. */
export function createLatencyChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec | undefined {
  const values = runs.flatMap((run) => {
    const l = run.metrics.latencyUs
    if (l === undefined) return []
    return (['encode', 'decode'] as const).flatMap((operation) =>
      (['p50', 'p95', 'p99'] as const).map((percentile) => ({ config: run.config, operation, percentile, us: l[operation][percentile] })),
    )
  })
  if (values.length === 0) return undefined
  const positive = values.map((v) => v.us).filter((us) => us > 0)
  const log = positive.length > 0 && Math.max(...positive) / Math.min(...positive) > LOG_SCALE_SPREAD && positive.length === values.length
  return {
    ...base(`Latency per message (µs${log ? ', log scale' : ''}) — ${corpus}`),
    data: { values },
    facet: { column: { field: 'operation', type: 'nominal', title: null, sort: ['encode', 'decode'], header: { labelFontSize: 12 } } },
    spec: {
      width: { step: 16, for: 'offset' },
      height: 240,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'config', type: 'nominal', title: null, sort: runs.map((r) => r.config), axis: { labelAngle: -30 } },
        xOffset: { field: 'percentile', type: 'nominal', sort: ['p50', 'p95', 'p99'] },
        // bars on a log axis need a positive baseline: no stacking, no zero, domain floored below the smallest bar
        y: {
          field: 'us',
          type: 'quantitative',
          title: 'µs per message',
          stack: null,
          scale: log ? { type: 'log', domainMin: logFloor(Math.min(...positive)) } : { type: 'linear', zero: true },
        },
        color: { field: 'percentile', type: 'nominal', title: 'Percentile', sort: ['p50', 'p95', 'p99'], scale: { range: ['#9ecae9', '#4c78a8', '#1f3b5a'] } },
      },
    },
  }
}

/** The power of ten at or below a value: the floor of a log axis so the smallest bar still shows. */
function logFloor(value: number): number {
  return 10 ** Math.floor(Math.log10(value))
}

/** Template hit rate per category, one bar per config; undefined when the corpus has no categories. */
export function createTemplateChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec | undefined {
  const values = runs
    .filter((r) => r.state === 'complete')
    .flatMap((run) => Object.entries(run.categories).map(([category, m]) => ({ category, config: run.config, hitRate: m.templateHitRate, messages: m.messages })))
  if (values.length === 0) return undefined
  return {
    ...base(`Template hit rate by category — ${corpus}`),
    data: { values },
    width: { step: 14, for: 'offset' },
    height: 240,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'category', type: 'nominal', title: 'Category', axis: { labelAngle: -30 } },
      xOffset: { field: 'config', type: 'nominal', sort: runs.map((r) => r.config) },
      y: { field: 'hitRate', type: 'quantitative', title: 'Template hit rate', scale: { domain: [0, 1] }, axis: { format: '%' } },
      color: { field: 'config', type: 'nominal', title: 'Configuration', sort: runs.map((r) => r.config), scale: { scheme: 'tableau10' } },
    },
  }
}

/** File-name-safe slug: `Week 1/API` -> `week-1-api`. */
export function slugify(text: string): string {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return slug === '' ? 'corpus' : slug
}

/** A file-name-safe slug for each name, in order; a slug already taken gets `-<position>` (1-based) appended. */
export function uniqueSlugs(names: readonly string[]): string[] {
  const used = new Set<string>()
  return names.map((name, index) => {
    let slug = slugify(name)
    if (used.has(slug)) slug = `${slug}-${index + 1}`
    used.add(slug)
    return slug
  })
}

/** Every chart of a results object, named `<kind>-<corpus slug>`, in a stable order. */
export function createCharts(results: Results): ChartSpec[] {
  const corpora = [...new Set(results.runs.map((r) => r.corpus))]
  const slugs = uniqueSlugs(corpora)
  return corpora.flatMap((corpus, index) => {
    const slug = slugs[index] as string
    const runs = results.runs.filter((r) => r.corpus === corpus)
    const charts: (ChartSpec | undefined)[] = [
      { name: `methods-${slug}`, title: `Method distribution — ${corpus}`, spec: createMethodChart(corpus, runs) },
      { name: `ratio-savings-${slug}`, title: `Ratio and savings against targets — ${corpus}`, spec: createRatioSavingsChart(corpus, runs) },
      optional(`latency-${slug}`, `Latency percentiles — ${corpus}`, createLatencyChart(corpus, runs)),
      optional(`templates-${slug}`, `Template hit rate by category — ${corpus}`, createTemplateChart(corpus, runs)),
    ]
    return charts.filter((c): c is ChartSpec => c !== undefined)
  })
}

function optional(name: string, title: string, spec: VegaLiteSpec | undefined): ChartSpec | undefined {
  return spec === undefined ? undefined : { name, title, spec }
}
