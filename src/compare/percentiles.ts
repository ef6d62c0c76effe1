/** Percentiles of raw per-message times. */
import { percentile, sortedCopy } from '../core/index.ts'
import type { PercentilesUs } from './types.ts'

/** p50/p95/p99/mean of raw samples in microseconds (linear interpolation, core's percentile). */
export function toPercentilesUs(valuesUs: readonly number[]): PercentilesUs {
  const sorted = sortedCopy(valuesUs)
  let sum = 0
  for (const v of valuesUs) sum += v
  const n = valuesUs.length
  const mean = n === 0 ? Number.NaN : sum / n
  let squares = 0
  for (const v of valuesUs) squares += (v - mean) ** 2
  // normal quantile: the samples are hundreds or more; absent below 2 samples or at a zero mean
  const rme = n < 2 || !(mean > 0) ? undefined : (1.96 * Math.sqrt(squares / (n - 1))) / Math.sqrt(n) / mean
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean,
    samples: n,
    ...(rme === undefined ? {} : { rme }),
  }
}
