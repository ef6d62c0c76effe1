/**
 * Vega-Lite chart specs built from results (pure data, no vega import: render-chart.ts renders them).
 * One chart of each kind per corpus: method distribution, ratio and savings against targets, latency
 * percentiles, template hit rate by category.
 */
import { METHODS } from '../core/index.ts'
import type { Results, RunResult, TargetResult } from '../runner/index.ts'
import { createChartBase, safeChartSpec, uniqueSlugs, type ChartSpec, type VegaLiteSpec } from './chart-base.ts'

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

/** Target status colours; a config the gate does not judge is grey whatever its figures, so its red cannot read as the verdict. */
const STATUS_COLOURS = { pass: '#54a24b', near: '#f2a93b', fail: '#e45756', 'not gated': '#a0a0a0', none: '#4c78a8' }

/** Latency axes switch to a log scale when the largest percentile exceeds the smallest this many times. */
const LOG_SCALE_SPREAD = 50

function base(title: string): VegaLiteSpec {
  return createChartBase(title, { axisLabelLimit: 220, legendLabelLimit: 220 })
}

/** Stacked horizontal bars: share of messages per chosen method, one bar per config. */
export function createMethodChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec {
  const values = runs.flatMap((run) =>
    METHODS.filter((m) => (run.metrics.methods[m] ?? 0) > 0).map((method) => ({
      config: run.config,
      method,
      messages: run.metrics.methods[method] ?? 0,
      order: METHODS.indexOf(method),
    })),
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
      x: {
        field: 'messages',
        type: 'quantitative',
        stack: 'normalize',
        title: 'Share of messages',
        axis: { format: '%' },
      },
      color: {
        field: 'method',
        type: 'nominal',
        title: 'Method',
        scale: { domain: used, range: used.map((m) => METHOD_COLOURS[m]) },
      },
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

function statusOf(run: RunResult, metric: string): TargetResult['status'] | 'not gated' | 'none' {
  // a config that loses data is not drawn green (its target may be met by bytes that do not decode)
  if (run.metrics.roundTrip.mismatches > 0) return 'fail'
  const target = run.targets.find((t) => t.metric === metric)
  if (target === undefined) return 'none'
  return target.gated ? target.status : 'not gated'
}

/** Bars of one metric per config, coloured by target status, with a rule at each target threshold. */
function metricPanel(runs: readonly RunResult[], metric: 'ratio' | 'savings', title: string): VegaLiteSpec {
  const complete = runs.filter((r) => r.state === 'complete')
  const values = complete.map((r) => ({ config: r.config, value: r.metrics[metric], status: statusOf(r, metric) }))
  const rules = thresholds(complete, metric)
  const y = { field: 'value', type: 'quantitative', title, ...(metric === 'savings' ? { axis: { format: '%' } } : {}) }
  const statusDomain = (Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[]).filter((k) =>
    complete.some((r) => statusOf(r, 'ratio') === k || statusOf(r, 'savings') === k),
  )
  const rulesLayers = targetRuleLayers(rules, y)
  const layers: VegaLiteSpec[] = [
    {
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: {
          field: 'config',
          type: 'nominal',
          sort: complete.map((r) => r.config),
          title: null,
          axis: { labelAngle: -30 },
        },
        y,
        color: {
          field: 'status',
          type: 'nominal',
          title: 'Target status',
          scale: { domain: statusDomain, range: statusDomain.map((k) => STATUS_COLOURS[k]) },
        },
      },
    },
  ]
  return { width: { step: 56 }, height: 240, layer: [...layers, ...rulesLayers] }
}

/**
 * A dashed rule and its label at each target threshold. `labelsOutside`: the labels sit right of the
 * plot, level with their rule, where bars cannot cover them (the panel needs room on its right).
 */
function targetRuleLayers(
  rules: readonly { value: number; label: string }[],
  y: VegaLiteSpec,
  labelsOutside = false,
): VegaLiteSpec[] {
  if (rules.length === 0) return []
  const colour = labelsOutside ? '#c0392b' : '#333333'
  const text = labelsOutside
    ? {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11, color: colour },
        encoding: { y, x: { value: 'width' }, text: { field: 'label' } },
      }
    : {
        mark: { type: 'text', align: 'left', dx: 4, dy: -7, fontSize: 11, color: colour },
        encoding: { y, x: { value: 0 }, text: { field: 'label' } },
      }
  return [
    {
      data: { values: rules },
      mark: { type: 'rule', color: colour, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y },
    },
    { data: { values: rules }, ...text },
  ]
}

/** Latency targets of one direction (`encodeP95Us` …) as rules: `p95 target ≤ 2,000 µs`. */
function latencyRules(runs: readonly RunResult[], operation: 'encode' | 'decode'): { value: number; label: string }[] {
  const seen = new Map<number, string>()
  for (const t of runs.flatMap((r) => r.targets)) {
    const match = /^(encode|decode)(P\d+)Us$/.exec(t.metric)
    if (match?.[1] !== operation) continue
    if (!seen.has(t.pass))
      seen.set(t.pass, `${(match[2] ?? '').toLowerCase()} target ≤ ${t.pass.toLocaleString('en-US')} µs`)
  }
  return [...seen.entries()].map(([value, label]) => ({ value, label }))
}

/** Aggregate ratio and savings per config, side by side, with target lines. */
function createRatioSavingsChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec {
  return {
    ...base(`Ratio (aggregate) and savings against targets — ${corpus}`),
    hconcat: [
      metricPanel(runs, 'ratio', 'Ratio (original / compressed bytes)'),
      metricPanel(runs, 'savings', 'Bandwidth savings'),
    ],
    resolve: { scale: { color: 'shared' } },
  }
}

/**
 * Encode and decode p50/p95/p99 per config in µs, one panel per direction, with a dashed rule at each
 * latency target of that direction; undefined when no run measured latency.
 */
export function createLatencyChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec | undefined {
  const values = runs.flatMap((run) => {
    const l = run.metrics.latencyUs
    if (l === undefined) return []
    return (['encode', 'decode'] as const).flatMap((operation) =>
      (['p50', 'p95', 'p99'] as const).map((percentile) => ({
        config: run.config,
        operation,
        percentile,
        us: l[operation][percentile],
        samples: l[operation].samples,
      })),
    )
  })
  if (values.length === 0) return undefined
  const rules = { encode: latencyRules(runs, 'encode'), decode: latencyRules(runs, 'decode') }
  const positive = [
    ...values.map((v) => v.us),
    ...rules.encode.map((r) => r.value),
    ...rules.decode.map((r) => r.value),
  ].filter((us) => us > 0)
  const log =
    positive.length > 0 &&
    Math.max(...positive) / Math.min(...positive) > LOG_SCALE_SPREAD &&
    values.every((v) => v.us > 0)
  // bars on a log axis need a positive baseline: no stacking, no zero, domain floored below the smallest bar
  const y = {
    field: 'us',
    type: 'quantitative',
    title: 'µs per message',
    stack: null,
    scale: log ? { type: 'log', domainMin: logFloor(Math.min(...positive)) } : { type: 'linear', zero: true },
  }
  const panel = (operation: 'encode' | 'decode'): VegaLiteSpec => ({
    title: { text: operation, fontSize: 12 },
    width: { step: 16, for: 'offset' },
    height: 240,
    layer: [
      {
        data: { values: values.filter((v) => v.operation === operation) },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: {
            field: 'config',
            type: 'nominal',
            title: null,
            sort: runs.map((r) => r.config),
            axis: { labelAngle: -30 },
          },
          xOffset: { field: 'percentile', type: 'nominal', sort: ['p50', 'p95', 'p99'] },
          y,
          color: {
            field: 'percentile',
            type: 'nominal',
            title: 'Percentile',
            sort: ['p50', 'p95', 'p99'],
            scale: { domain: ['p50', 'p95', 'p99'], range: ['#9ecae9', '#4c78a8', '#1f3b5a'] },
          },
        },
      },
      ...targetRuleLayers(rules[operation], { field: 'value', type: 'quantitative', scale: y.scale }, true),
    ],
  })
  return {
    ...base(`Latency per message (µs${log ? ', log scale' : ''}) — ${corpus}`),
    hconcat: [panel('encode'), panel('decode')],
    // the rule labels right of the encode panel would otherwise widen it by vega's generous text estimate
    bounds: 'flush',
    spacing: rules.encode.length > 0 ? 200 : 20,
    resolve: { scale: { y: 'shared' } },
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
    .flatMap((run) =>
      Object.entries(run.categories).map(([category, m]) => ({
        category,
        config: run.config,
        hitRate: m.templateHitRate,
        messages: m.messages,
      })),
    )
  // no config sent a message as a template (no store, or nothing matched): an all-empty chart says nothing
  if (values.every((v) => v.hitRate === 0)) return undefined
  return {
    ...base(`Template hit rate by category — ${corpus}`),
    data: { values },
    width: { step: 14, for: 'offset' },
    height: 240,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'category', type: 'nominal', title: 'Category', axis: { labelAngle: -30 } },
      xOffset: { field: 'config', type: 'nominal', sort: runs.map((r) => r.config) },
      y: {
        field: 'hitRate',
        type: 'quantitative',
        title: 'Template hit rate',
        scale: { domain: [0, 1] },
        axis: { format: '%' },
      },
      color: {
        field: 'config',
        type: 'nominal',
        title: 'Configuration',
        sort: runs.map((r) => r.config),
        scale: { scheme: 'tableau10' },
      },
    },
  }
}

/** Every chart of a results object, named `<kind>-<corpus slug>`, in a stable order. */
export function createCharts(results: Results): ChartSpec[] {
  const corpora = [...new Set(results.runs.map((r) => r.corpus))]
  const slugs = uniqueSlugs(corpora)
  return corpora.flatMap((corpus, index) => {
    const slug = slugs[index] as string
    const runs = results.runs.filter((r) => r.corpus === corpus)
    // a chart with no data (every run of the corpus failed) draws nothing, and vega warns of infinite extents
    const measured = runs.some((r) => r.state === 'complete' && r.metrics.messages > 0)
    const charts: (ChartSpec | undefined)[] = [
      measured
        ? { name: `methods-${slug}`, title: `Method distribution — ${corpus}`, spec: createMethodChart(corpus, runs) }
        : undefined,
      measured
        ? {
            name: `ratio-savings-${slug}`,
            title: `Ratio and savings against targets — ${corpus}`,
            spec: createRatioSavingsChart(corpus, runs),
          }
        : undefined,
      optional(`latency-${slug}`, `Latency percentiles — ${corpus}`, createLatencyChart(corpus, runs)),
      optional(`templates-${slug}`, `Template hit rate by category — ${corpus}`, createTemplateChart(corpus, runs)),
    ]
    return charts.filter((c): c is ChartSpec => c !== undefined).map((c) => ({ ...c, spec: safeChartSpec(c.spec) }))
  })
}

function optional(name: string, title: string, spec: VegaLiteSpec | undefined): ChartSpec | undefined {
  return spec === undefined ? undefined : { name, title, spec }
}
