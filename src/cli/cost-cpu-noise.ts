/**
 * `cost --price-per-cpu-hour` projects CPU money from each run's mean encode + decode time: the right
 * basis for total CPU (the sum of every call is the mean times the calls). But a mean dominated by a
 * few slow calls (a loaded machine, a GC pause) has a wide margin of error, and the projection showed
 * it with no caveat: a trial's results.json with encode p50 8.1 µs and mean 126.7 µs (rme 1.04, ±104%)
 * gave `CPU $/month $65.66`, where the p50s would give about $4.6. This warns, naming the run and its
 * p50s; the mean stays the basis.
 */
import { formatMicros } from '../report/index.ts'
import type { Results } from '../runner/index.ts'

/**
 * The relative margin of error of a mean (at 95%, results.json `rme`) past which the CPU projection is
 * warned about: within ±25% the money is known well enough to compare configs and read a break-even;
 * past it, the interval is wider than most differences the projection is read for.
 */
export const NOISY_CPU_RME = 0.25

/** One warning per complete run whose encode or decode mean is past NOISY_CPU_RME, when a CPU price is given. */
export function noisyCpuWarnings(results: Results, pricePerCpuHour: number | undefined): string[] {
  if (pricePerCpuHour === undefined) return []
  return results.runs.flatMap((run) => {
    const latency = run.metrics.latencyUs
    if (run.state !== 'complete' || latency === undefined) return []
    const { encode, decode } = latency
    const rme = Math.max(encode.rme, decode.rme)
    if (!(rme > NOISY_CPU_RME)) return []
    const mean = encode.mean + decode.mean
    const p50 = encode.p50 + decode.p50
    return [
      `CPU cost of ${run.corpus}/${run.config} rests on a mean of ${formatMicros(encode.mean)} µs encode + ${formatMicros(decode.mean)} µs decode per message whose margin of error is ±${Math.round(rme * 100)}% (rme ${rme.toFixed(2)}; warned past ±${NOISY_CPU_RME * 100}%): a few slow calls dominate it, so its CPU $/month and break-even are that uncertain. The medians are ${formatMicros(encode.p50)} µs + ${formatMicros(decode.p50)} µs (p50)${mean > 0 && p50 > 0 ? `, ${(mean / p50).toFixed(1)}x less than the mean: CPU money at the p50s would be ${(mean / p50).toFixed(1)}x lower` : ''}. The mean stays the basis (total CPU is the sum of every call); measure latency again on a quiet machine, or with more latency.samples, to narrow it`,
    ]
  })
}
