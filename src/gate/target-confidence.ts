/**
 * Targets judged at 95% confidence: a target is judged again at the unfavourable end of its metric's
 * interval (the runner's Wilson and bootstrap intervals), and when that is worse than the point
 * estimate's status, we say how many messages would be needed for the bound to get there.
 *
 * Messages needed, at the observed value:
 * - shares (Wilson): the smallest n whose Wilson bound at the observed rate meets the threshold
 *   (the bound approaches the rate as n grows, so it exists whenever the rate beats the threshold);
 * - ratio and savings (bootstrap): the interval's half-width shrinks as 1/sqrt(n), so
 *   n x (half-width / distance to threshold)²; an estimate, as the bootstrap has no closed form.
 */
import { INTERVAL_METRICS, wilsonInterval, type IntervalMetric } from '../core/index.ts'
import { STATUS_SEVERITY, meetsThreshold, statusAt } from '../report/index.ts'
import type { Interval95, RunConfidence, RunResult, TargetConfidence, TargetResult } from '../runner/index.ts'

/** Cap of the search for messages needed; beyond it we report none. */
const MAX_MESSAGES = 1e12

/** The run with every target of an interval metric judged at 95% too. */
export function withTargetConfidence(run: RunResult): RunResult {
  const confidence = run.confidence
  if (confidence === undefined || run.state === 'failed') return run
  const targets = run.targets.map((target) => {
    const interval = intervalOf(confidence, target.metric)
    if (interval === undefined || target.value === null) return target
    return { ...target, confidence: judgeAtConfidence(target, target.value, interval, run.metrics.messages) }
  })
  return { ...run, targets }
}

/** The interval of a metric in a run's confidence, if it has one. */
export function intervalOf(confidence: RunConfidence, metric: string): Interval95 | undefined {
  return (INTERVAL_METRICS as readonly string[]).includes(metric) ? confidence[metric as IntervalMetric] : undefined
}

function judgeAtConfidence(
  target: TargetResult,
  value: number,
  interval: Interval95,
  messages: number,
): TargetConfidence {
  // the point estimate lies inside a Wilson interval; a bootstrap interval could sit beside it, so clamp
  const bound = target.direction === 'min' ? Math.min(interval.low, value) : Math.max(interval.high, value)
  const status = statusAt(target, bound)
  const result: TargetConfidence = { ...interval, status }
  if (STATUS_SEVERITY[status] <= STATUS_SEVERITY[target.status] || target.status === 'fail') return result
  const threshold = target.status === 'pass' ? target.pass : (target.near as number)
  const needed =
    interval.method === 'wilson'
      ? wilsonMessagesNeeded(value, threshold, target.direction, messages)
      : bootstrapMessagesNeeded(value, bound, threshold, messages)
  return needed === undefined ? result : { ...result, messagesNeeded: needed }
}

/**
 * True when no Wilson bound can ever meet the threshold: `≤ 0%` (an upper bound is above 0 at every
 * corpus size) or `≥ 100%` (a lower bound is below 1). Only the point estimate can judge such a target.
 */
export function wilsonNeverMeets(threshold: number, direction: 'min' | 'max'): boolean {
  return direction === 'max' ? threshold <= 0 : threshold >= 1
}

/**
 * Smallest n >= `fromMessages` whose 95% Wilson bound at rate `rate` meets `threshold` (lower bound for
 * `min`, upper bound for `max`); undefined when the rate itself does not beat the threshold.
 */
export function wilsonMessagesNeeded(
  rate: number,
  threshold: number,
  direction: 'min' | 'max',
  fromMessages = 1,
): number | undefined {
  if (wilsonNeverMeets(threshold, direction)) return undefined
  const meets = (n: number): boolean => {
    const interval = wilsonInterval(rate * n, n)
    return meetsThreshold(direction === 'min' ? interval.low : interval.high, threshold, direction)
  }
  const start = Math.max(1, Math.ceil(fromMessages))
  if (meets(start)) return start
  let low = start
  let high = start * 2
  while (!meets(high)) {
    low = high
    high *= 2
    if (high > MAX_MESSAGES) return undefined
  }
  // invariant: meets(high) and not meets(low)
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (meets(mid)) high = mid
    else low = mid
  }
  return high
}

/** n x (half-width / distance)²: messages for a bootstrap bound to reach the threshold; undefined when it never would. */
export function bootstrapMessagesNeeded(
  value: number,
  bound: number,
  threshold: number,
  messages: number,
): number | undefined {
  const distance = Math.abs(value - threshold)
  const halfWidth = Math.abs(value - bound)
  if (distance === 0 || !Number.isFinite(halfWidth)) return undefined
  const needed = Math.ceil(messages * (halfWidth / distance) ** 2)
  return needed > MAX_MESSAGES ? undefined : Math.max(needed, messages)
}
