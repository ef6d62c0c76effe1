/**
 * The one table of metric facts: every metric a target, a baseline comparison, the history or an
 * exporter can name, with its label, unit, direction, valid range, how it reads in a report, where it
 * is read from a run's measured figures and which 95% interval (if any) the runner computes for it.
 * Suite validation, the report, the gate, baselines, history and results.json all read it from here.
 * Where each metric is computed: docs/architecture.md.
 */

/** How a metric's values read: a ratio (`1.69x`), a share (`40.8%`), a time (`12.3 µs`) or a count. */
type MetricKind = 'ratio' | 'share' | 'timeUs' | 'count'

/** The percentiles of one timed direction, as a run measures them (the runner's LatencyPercentilesUs). */
interface TimedPercentilesUs {
  p50: number
  p95: number
  p99: number
}

/** The quotients over a run's measured messages (the `perMessage` metrics): the runner's SizeMetrics extends it. */
export interface PerMessageFigures {
  ratio: number
  meanRatio: number
  savings: number
  templateHitRate: number
  expansionRate: number
  shrinkRate: number
}

/** What a metric is read from: a run's metrics (the runner's RunMetrics has this shape and more). */
interface MeasuredFigures extends PerMessageFigures {
  latencyUs?: { encode: TimedPercentilesUs; decode: TimedPercentilesUs }
  roundTrip: { mismatches: number }
}

/** Everything known about one metric. */
interface MetricFacts {
  /** the seed's wording where it has one: report rows, gate reasons */
  label: string
  /** the unit dashboards show (history exports): `x`, `share`, `us` or `messages` */
  unit: 'x' | 'share' | 'us' | 'messages'
  /** how values read in reports */
  display: MetricKind
  /** `min`: higher is better (a target's value must be at least its threshold); `max`: lower is better */
  direction: 'min' | 'max'
  /** the range of possible values (inclusive), and why, for validation messages */
  lowest: number
  highest: number
  meaning: string
  /** `latency` metrics are timings (noisy), `size` metrics are deterministic counts and ratios */
  kind: 'size' | 'latency'
  /** the runner's 95% interval of it: Wilson for shares of messages, bootstrap for byte ratios; absent: none */
  interval?: 'wilson' | 'bootstrap'
  /** a quotient over the measured messages: NaN in a run, null in results.json, when no message was measured */
  perMessage?: true
  /** kept per run in history.jsonl and its dashboard exports */
  history?: true
  /** for latency metrics: the direction and percentile it reads */
  timed?: { side: 'encode' | 'decode'; percentile: 'p50' | 'p95' | 'p99'; quantile: number }
  /** its value in a run's figures; undefined when it was not measured (latency off) */
  read(figures: MeasuredFigures): number | undefined
}

const RATIO = {
  unit: 'x',
  display: 'ratio',
  direction: 'min',
  lowest: 0,
  highest: Infinity,
  meaning: 'a ratio of byte counts',
  kind: 'size',
  perMessage: true,
  history: true,
} as const
const SHARE = {
  unit: 'share',
  display: 'share',
  direction: 'min',
  lowest: 0,
  highest: 1,
  meaning: 'a share of messages (0 to 1)',
  kind: 'size',
  interval: 'wilson',
  perMessage: true,
  history: true,
} as const
const LATENCY = {
  unit: 'us',
  display: 'timeUs',
  direction: 'max',
  lowest: 0,
  highest: Infinity,
  meaning: 'a time in microseconds',
  kind: 'latency',
} as const

function timed(side: 'encode' | 'decode', percentile: 'p50' | 'p95' | 'p99', quantile: number) {
  return {
    ...LATENCY,
    timed: { side, percentile, quantile },
    read: (f: MeasuredFigures) => f.latencyUs?.[side][percentile],
  }
}

/** Every metric a target can name, in the order reports and exports list them. */
export const METRICS = {
  ratio: { ...RATIO, label: 'Compression ratio (aggregate)', interval: 'bootstrap', read: (f) => f.ratio },
  meanRatio: { ...RATIO, label: 'Mean per-message ratio', read: (f) => f.meanRatio },
  // savings is negative when frames are larger than messages; it can never exceed 1
  savings: {
    ...RATIO,
    label: 'Bandwidth savings',
    unit: 'share',
    display: 'share',
    lowest: -Infinity,
    highest: 1,
    meaning: 'a share of bytes saved (at most 1)',
    interval: 'bootstrap',
    read: (f) => f.savings,
  },
  templateHitRate: { ...SHARE, label: 'Template hit rate', read: (f) => f.templateHitRate },
  expansionRate: { ...SHARE, label: 'Expansion rate', direction: 'max', read: (f) => f.expansionRate },
  shrinkRate: { ...SHARE, label: 'Shrink rate (ratio > 1.0x)', read: (f) => f.shrinkRate },
  encodeP50Us: { ...timed('encode', 'p50', 0.5), label: 'Encode p50' },
  encodeP95Us: { ...timed('encode', 'p95', 0.95), label: 'Encode p95', history: true },
  encodeP99Us: { ...timed('encode', 'p99', 0.99), label: 'Encode p99', history: true },
  decodeP50Us: { ...timed('decode', 'p50', 0.5), label: 'Decode p50' },
  decodeP95Us: { ...timed('decode', 'p95', 0.95), label: 'Decode p95', history: true },
  decodeP99Us: { ...timed('decode', 'p99', 0.99), label: 'Decode p99', history: true },
  roundTripMismatches: {
    label: 'Round-trip mismatches',
    unit: 'messages',
    display: 'count',
    direction: 'max',
    lowest: 0,
    highest: Infinity,
    meaning: 'a count of messages',
    kind: 'size',
    read: (f) => f.roundTrip.mismatches,
  },
} as const satisfies Record<string, MetricFacts>

/** A metric name a target may use. */
export type TargetMetric = keyof typeof METRICS

type MetricsWith<Key extends string> = {
  [M in TargetMetric]: (typeof METRICS)[M] extends Record<Key, unknown> ? M : never
}[TargetMetric]

/** Metrics the runner gives a 95% interval (`RunConfidence`'s keys). */
export type IntervalMetric = MetricsWith<'interval'>
/** Metrics that are quotients over the measured messages. */
export type PerMessageMetric = MetricsWith<'perMessage'>
/** Metrics a history line keeps. */
export type HistoryMetric = MetricsWith<'history'>

const names = Object.keys(METRICS) as TargetMetric[]
const having = (key: keyof MetricFacts): TargetMetric[] => names.filter((name) => key in METRICS[name])

/** Every target metric, in table order. */
export const TARGET_METRICS: readonly TargetMetric[] = names
/** Metrics with a 95% interval, in table order. */
export const INTERVAL_METRICS: readonly IntervalMetric[] = having('interval') as IntervalMetric[]
/** Quotients over the measured messages (null in results.json when none was measured), in table order. */
export const PER_MESSAGE_METRICS: readonly PerMessageMetric[] = having('perMessage') as PerMessageMetric[]
/** Metrics a history line keeps (latency only when it was measured), in table order. */
export const HISTORY_METRICS: readonly HistoryMetric[] = having('history') as HistoryMetric[]

/** The facts of a metric. */
export function metricFacts(metric: TargetMetric): MetricFacts {
  return METRICS[metric]
}

/** True when `name` is a target metric. */
export function isTargetMetric(name: string): name is TargetMetric {
  return Object.hasOwn(METRICS, name)
}

/** The value of a target metric in a run's figures; undefined when it was not measured (latency off). */
export function readMetric(figures: MeasuredFigures, metric: TargetMetric): number | undefined {
  return metricFacts(metric).read(figures)
}

/** The label of a metric name; a name that is no metric reads as itself. */
export function metricLabel(metric: string): string {
  return isTargetMetric(metric) ? METRICS[metric].label : metric
}

/** How a metric name's values read; a name that is no metric reads as a time when it ends in `Us`, else as a count. */
export function metricKind(metric: string): MetricKind {
  if (isTargetMetric(metric)) return METRICS[metric].display
  return metric.endsWith('Us') ? 'timeUs' : 'count'
}
