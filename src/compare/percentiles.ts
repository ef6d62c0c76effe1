/** Percentiles of raw per-message times. */
import { percentile, sortedCopy } from '../core/index.ts'
import type { PercentilesUs } from './types.ts'

/** p50/p95/p99/mean of raw samples in microseconds (linear interpolation, core's percentile). */
export function toPercentilesUs(valuesUs: readonly number[]): PercentilesUs {
  const sorted = sortedCopy(valuesUs)
  let sum = 0
  for (const v of valuesUs) sum += v
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: valuesUs.length === 0 ? Number.NaN : sum / valuesUs.length,
    samples: valuesUs.length,
  }
}
