/**
 * Vega-Lite chart specs built from results (pure data, no vega import: render-chart.ts renders them).
 * One chart of each kind per corpus: method distribution, ratio and savings against targets, latency
 * percentiles, template hit rate by category.
 */
import { METHODS } from '../core/index.ts'
import type { Results, RunResult } from '../runner/index.ts'
import { createReportChartBase, safeChartSpec, uniqueSlugs, type ChartSpec, type VegaLiteSpec } from './chart-base.ts'
import { createLatencyChart } from './chart-latency.ts'
import { createRatioSavingsChart } from './chart-targets.ts'

/** Fixed method colours, so a method has the same colour in every chart. */
const METHOD_COLOURS: Record<(typeof METHODS)[number], string> = {
  binary_semantic: '#4c78a8',
  brotli: '#f58518',
  zstd: '#54a24b',
  zstd_dict: '#88d27a',
  deflate: '#b279a2',
  aura: '#e45756',
  uncompressed: '#9d9d9d',
  json_residue: '#72b7b2',
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
    ...createReportChartBase(`Method distribution — ${corpus}`),
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
    ...createReportChartBase(`Template hit rate by category — ${corpus}`),
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
