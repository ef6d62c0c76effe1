/**
 * Latency against a baseline, with the measurement noise of both runs accounted for.
 *
 * Statistical choice: results.json keeps no raw timing samples, so a bootstrap over them is not
 * possible from a baseline file. What each run does keep per direction is the relative margin of
 * error of the mean at 95% (tinybench's rme: t x sd / sqrt(n) / mean), which grows with the spread of
 * the samples, tail included, and shrinks with their count. We take rme x value as each percentile's
 * 95% margin of error and combine the two runs' margins as independent errors, sqrt(a² + b²). A
 * slowdown fails (or warns) only when its lower bound, slowdown - combined margin, is still beyond
 * the threshold; a slowdown beyond the threshold whose lower bound is not is `inconclusive`.
 * Guards where even that would claim too much ("not judged", verdict inconclusive, with the reason):
 * - either run with fewer than MIN_JUDGED_SAMPLES (1,000) timed samples, or without a finite rme;
 * - a percentile resting on fewer than 10 samples beyond it (n x (1 - q) < 10: a p99 from 24
 *   samples is the maximum) cannot show a tail slowdown: inconclusive;
 * - runs on a different CPU model, Node version or measurement mode (in-process vs through a
 *   process boundary) differ by more than noise: a slowdown between them is inconclusive, never a
 *   regression. Save the baseline on the runner type that checks against it (docs/ci.md).
 */
import { metricFacts, type TargetMetric } from '../core/index.ts'
import { formatMetricValue } from '../report/index.ts'
import type { Environment, LatencyUs, RegressionVerdict } from '../runner/index.ts'

/** Fewest timed samples beyond a percentile for it to show a tail slowdown. */
const MIN_TAIL_SAMPLES = 10

/**
 * Fewest timed samples per direction, in both runs, for any latency regression to be judged. With
 * 300 samples (time_ms 100) a run against its own fresh baseline failed 3 times in 6 (12.9 us ->
 * 57.3 us): short runs catch JIT tiers and collections that their rme does not show.
 */
const MIN_JUDGED_SAMPLES = 1000

/** One side of a latency comparison: the percentile, its run's rme and sample count. */
interface LatencyEvidence {
  value: number
  /** relative 95% margin of error of the mean, as a fraction */
  rme: number
  samples: number
}

/** The evidence of a latency metric in a run, or undefined when it was not measured. */
export function latencyEvidence(latency: LatencyUs | undefined, metric: TargetMetric): LatencyEvidence | undefined {
  const where = metricFacts(metric).timed
  const p = where === undefined ? undefined : latency?.[where.side]
  if (where === undefined || p === undefined) return undefined
  return { value: p[where.percentile], rme: p.rme, samples: p.samples }
}

/** Why two runs' latencies are not comparable (other CPU, Node or mode), or undefined when they are. */
export function incomparableReason(
  baseline: { environment: Environment; latency?: LatencyUs },
  current: { environment: Environment; latency?: LatencyUs },
): string | undefined {
  const differences: string[] = []
  if (baseline.environment.cpu !== current.environment.cpu)
    differences.push(`CPU ${baseline.environment.cpu} vs ${current.environment.cpu}`)
  if (baseline.environment.node !== current.environment.node)
    differences.push(`Node ${baseline.environment.node} vs ${current.environment.node}`)
  const modes = [baseline.latency?.mode, current.latency?.mode]
  if (modes[0] !== undefined && modes[1] !== undefined && modes[0] !== modes[1])
    differences.push(`measured ${modes[0]} vs ${modes[1]}`)
  return differences.length === 0
    ? undefined
    : `the runs differ (${differences.join('; ')}), so a slowdown cannot be told from the machine`
}

/** Inputs of one latency verdict; allowed worsening in microseconds. */
interface LatencyJudgement {
  metric: TargetMetric
  baseline: LatencyEvidence
  current: LatencyEvidence
  allowedWarn: number
  allowedFail: number
  /** set when the runs are not comparable (incomparableReason) */
  incomparable?: string
}

/** The verdict on a latency metric (see the file comment), with the combined margin of error when it was used. */
export function judgeLatency(input: LatencyJudgement): {
  verdict: RegressionVerdict
  reason: string
  marginOfError?: number
} {
  const { metric, baseline, current } = input
  const slowdown = current.value - baseline.value
  const change = `${formatMetricValue(metric, baseline.value)} → ${formatMetricValue(metric, current.value)}`
  if (slowdown <= input.allowedWarn)
    return {
      verdict: 'pass',
      reason: `${change}: within the warn threshold (${describeAllowance(metric, input.allowedWarn)})`,
    }
  if (input.incomparable !== undefined)
    return { verdict: 'inconclusive', reason: `${change}: slower, but ${input.incomparable}` }
  const fewest = Math.min(baseline.samples, current.samples)
  if (!(fewest >= MIN_JUDGED_SAMPLES)) {
    return {
      verdict: 'inconclusive',
      reason: `${change}: slower, but not judged: a run has ${fewest} timed samples, fewer than the ${MIN_JUDGED_SAMPLES} a latency regression needs (raise latency.samples and time_ms)`,
    }
  }
  if (!Number.isFinite(baseline.rme) || !Number.isFinite(current.rme) || baseline.rme < 0 || current.rme < 0) {
    return {
      verdict: 'inconclusive',
      reason: `${change}: slower, but not judged: a run has no valid margin of error (rme)`,
    }
  }
  const quantile = metricFacts(metric).timed?.quantile ?? 0.5
  const tail = Math.min(baseline.samples, current.samples) * (1 - quantile)
  if (tail < MIN_TAIL_SAMPLES) {
    return {
      verdict: 'inconclusive',
      reason: `${change}: slower, but with ${Math.min(baseline.samples, current.samples)} samples this percentile rests on fewer than ${MIN_TAIL_SAMPLES} samples beyond it`,
    }
  }
  const marginOfError = Math.hypot(baseline.rme * baseline.value, current.rme * current.value)
  const lowerBound = slowdown - marginOfError
  const noise = `combined margin of error ±${formatMetricValue(metric, marginOfError)}`
  if (lowerBound > input.allowedFail)
    return {
      verdict: 'fail',
      marginOfError,
      reason: `${change}: slower by at least ${formatMetricValue(metric, lowerBound)} after the ${noise}, beyond the fail threshold (${describeAllowance(metric, input.allowedFail)})`,
    }
  if (lowerBound > input.allowedWarn)
    return {
      verdict: 'warn',
      marginOfError,
      reason: `${change}: slower by at least ${formatMetricValue(metric, lowerBound)} after the ${noise}, beyond the warn threshold (${describeAllowance(metric, input.allowedWarn)})`,
    }
  if (lowerBound <= 0)
    return {
      verdict: 'inconclusive',
      marginOfError,
      reason: `${change}: slower by ${formatMetricValue(metric, slowdown)}, but within the ${noise}: it may be noise`,
    }
  return {
    verdict: 'inconclusive',
    marginOfError,
    reason: `${change}: slower by ${formatMetricValue(metric, slowdown)}, but after the ${noise} possibly by only ${formatMetricValue(metric, lowerBound)}, within the warn threshold (${describeAllowance(metric, input.allowedWarn)})`,
  }
}

/** `any worsening` or `up to 1.2 µs`. */
function describeAllowance(metric: string, allowed: number): string {
  return allowed === 0 ? 'no worsening allowed' : `up to ${formatMetricValue(metric, allowed)} worse`
}
