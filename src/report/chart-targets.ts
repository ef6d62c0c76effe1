/**
 * The ratio and savings chart (pure Vega-Lite spec): bars per config coloured by target status, and
 * the dashed target rules it shares with the latency chart (targetRuleLayers).
 */
import type { RunResult, TargetResult } from '../runner/index.ts'
import { createReportChartBase, type VegaLiteSpec } from './chart-base.ts'

/** Target status colours; a config the gate does not judge is grey whatever its figures, so its red cannot read as the verdict. */
const STATUS_COLOURS = { pass: '#54a24b', near: '#f2a93b', fail: '#e45756', 'not gated': '#a0a0a0', none: '#4c78a8' }

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
export function targetRuleLayers(
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

/** Aggregate ratio and savings per config, side by side, with target lines. */
export function createRatioSavingsChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec {
  return {
    ...createReportChartBase(`Ratio (aggregate) and savings against targets — ${corpus}`),
    hconcat: [
      metricPanel(runs, 'ratio', 'Ratio (original / compressed bytes)'),
      metricPanel(runs, 'savings', 'Bandwidth savings'),
    ],
    resolve: { scale: { color: 'shared' } },
  }
}
