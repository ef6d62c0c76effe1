/** What a target metric means for validation: which way is better and which values it can take. */
import { TARGET_METRICS, type TargetMetric } from './types.ts'
import { didYouMeanSuffix } from './yaml-schema.ts'

/** Direction and possible range of a metric's values (inclusive). */
export interface MetricInfo {
  /** `min`: higher is better (the value must be at least the threshold); `max`: lower is better */
  direction: 'min' | 'max'
  lowest: number
  highest: number
  /** why the range is what it is, for messages */
  meaning: string
  /** `latency` metrics are timings (noisy), `size` metrics are deterministic counts and ratios */
  kind: 'size' | 'latency'
}

const RATIO: MetricInfo = {
  direction: 'min',
  lowest: 0,
  highest: Infinity,
  meaning: 'a ratio of byte counts',
  kind: 'size',
}
const SHARE_MIN: MetricInfo = {
  direction: 'min',
  lowest: 0,
  highest: 1,
  meaning: 'a share of messages (0 to 1)',
  kind: 'size',
}
const LATENCY: MetricInfo = {
  direction: 'max',
  lowest: 0,
  highest: Infinity,
  meaning: 'a time in microseconds',
  kind: 'latency',
}

/** Every target metric's direction and range. */
export const METRIC_INFO: Readonly<Record<TargetMetric, MetricInfo>> = {
  ratio: RATIO,
  meanRatio: RATIO,
  // savings is negative when frames are larger than messages; it can never exceed 1
  savings: {
    direction: 'min',
    lowest: -Infinity,
    highest: 1,
    meaning: 'a share of bytes saved (at most 1)',
    kind: 'size',
  },
  templateHitRate: SHARE_MIN,
  expansionRate: { ...SHARE_MIN, direction: 'max' },
  shrinkRate: SHARE_MIN,
  encodeP50Us: LATENCY,
  encodeP95Us: LATENCY,
  encodeP99Us: LATENCY,
  decodeP50Us: LATENCY,
  decodeP95Us: LATENCY,
  decodeP99Us: LATENCY,
  roundTripMismatches: { direction: 'max', lowest: 0, highest: Infinity, meaning: 'a count of messages', kind: 'size' },
}

/** True when `name` is a target metric. */
export function isTargetMetric(name: string): name is TargetMetric {
  return (TARGET_METRICS as readonly string[]).includes(name)
}

/** The E_UNKNOWN_METRIC message for a name that is not a target metric, with the closest one suggested and the list of them. */
export function unknownMetricMessage(metric: string): string {
  return `unknown metric \`${metric}\`${didYouMeanSuffix(metric, TARGET_METRICS)} (metrics: ${TARGET_METRICS.join(', ')})`
}
