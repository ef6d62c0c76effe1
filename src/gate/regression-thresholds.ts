/**
 * Default regression thresholds and how a suite's `regression:` section overrides them.
 *
 * Size metrics (ratio, savings, rates, round-trip mismatches) are deterministic: the same corpus and
 * config give the same bytes, so by default any worsening beyond float rounding (1e-9, relative to
 * the baseline's size) fails. Latency is noisy: by default a p50/p95/p99 slowdown of more than 10%
 * warns and more than 25% fails, and only when it stays beyond that after the measurement error of
 * both runs (regression-latency.ts).
 */
import { METRICS, type TargetMetric } from '../core/index.ts'
import type { RegressionSpec, RegressionThresholds } from '../suite/index.ts'

/** Thresholds with every part set. */
type ResolvedThresholds = Required<RegressionThresholds>

const EXACT: ResolvedThresholds = { warnRelative: 0, failRelative: 0, warnAbsolute: 0, failAbsolute: 0 }
const LATENCY: ResolvedThresholds = { warnRelative: 0.1, failRelative: 0.25, warnAbsolute: 0, failAbsolute: 0 }

/** The default thresholds of a metric: exact for size metrics, 10% warn / 25% fail for latency. */
function defaultThresholds(metric: TargetMetric): ResolvedThresholds {
  return METRICS[metric].kind === 'latency' ? { ...LATENCY } : { ...EXACT }
}

/** A metric's thresholds: the suite's parts where it sets them, the defaults elsewhere. */
export function resolveThresholds(metric: TargetMetric, spec: RegressionSpec | undefined): ResolvedThresholds {
  return { ...defaultThresholds(metric), ...spec?.[metric] }
}

/** Worsening allowed at a level, in the metric's unit: max(absolute, relative x |baseline|). */
export function allowedWorsening(thresholds: ResolvedThresholds, level: 'warn' | 'fail', baseline: number): number {
  return level === 'warn'
    ? Math.max(thresholds.warnAbsolute, thresholds.warnRelative * Math.abs(baseline))
    : Math.max(thresholds.failAbsolute, thresholds.failRelative * Math.abs(baseline))
}

/** How much worse `current` is than `baseline` (positive = worse), given which way the metric is better. */
export function worsening(metric: TargetMetric, baseline: number, current: number): number {
  return METRICS[metric].direction === 'min' ? baseline - current : current - baseline
}
