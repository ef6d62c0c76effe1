/**
 * The latency chart (pure Vega-Lite spec): encode and decode p50/p95/p99 per config, one panel per
 * direction, with each latency target as a dashed rule; a log axis when the figures spread widely.
 */
import type { RunResult } from '../runner/index.ts'
import { createReportChartBase, type VegaLiteSpec } from './chart-base.ts'
import { targetRuleLayers } from './chart-targets.ts'

/** Latency axes switch to a log scale when the largest percentile exceeds the smallest this many times. */
const LOG_SCALE_SPREAD = 50

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

/** One bar's figure: a percentile of one direction of one config. */
interface LatencyValue {
  config: string
  operation: 'encode' | 'decode'
  percentile: 'p50' | 'p95' | 'p99'
  us: number
  samples: number
}

function latencyValues(runs: readonly RunResult[]): LatencyValue[] {
  return runs.flatMap((run) => {
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
}

/**
 * Encode and decode p50/p95/p99 per config in µs, one panel per direction, with a dashed rule at each
 * latency target of that direction; undefined when no run measured latency.
 */
export function createLatencyChart(corpus: string, runs: readonly RunResult[]): VegaLiteSpec | undefined {
  const values = latencyValues(runs)
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
  const panel = (operation: 'encode' | 'decode'): VegaLiteSpec =>
    latencyPanel(
      values.filter((v) => v.operation === operation),
      operation,
      runs,
      y,
      targetRuleLayers(rules[operation], { field: 'value', type: 'quantitative', scale: y.scale }, true),
    )
  return {
    ...createReportChartBase(`Latency per message (µs${log ? ', log scale' : ''}) — ${corpus}`),
    hconcat: [panel('encode'), panel('decode')],
    // the rule labels right of the encode panel would otherwise widen it by vega's generous text estimate
    bounds: 'flush',
    spacing: rules.encode.length > 0 ? 200 : 20,
    resolve: { scale: { y: 'shared' } },
  }
}

/** One direction's panel: a bar per percentile per config on the shared `y` axis, then its target rules. */
function latencyPanel(
  values: readonly LatencyValue[],
  operation: 'encode' | 'decode',
  runs: readonly RunResult[],
  y: VegaLiteSpec,
  rules: readonly VegaLiteSpec[],
): VegaLiteSpec {
  return {
    title: { text: operation, fontSize: 12 },
    width: { step: 16, for: 'offset' },
    height: 240,
    layer: [
      {
        data: { values },
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
      ...rules,
    ],
  }
}

/** The power of ten at or below a value: the floor of a log axis so the smallest bar still shows. */
function logFloor(value: number): number {
  return 10 ** Math.floor(Math.log10(value))
}
