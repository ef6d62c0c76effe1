/**
 * Latency as a mergeable sketch: each shard turns its timed samples into an HdrHistogram
 * (hdr-histogram-js, the only file that imports it), the merge adds the histograms, and the merged
 * percentiles come from the sum. HdrHistogram with 3 significant digits keeps every value to within
 * 1/1024 (< 0.1%) of itself: a percentile read from the merged histogram is the order statistic at
 * that rank (nearest rank) to within that relative error. Samples are recorded in whole nanoseconds
 * (timings come from process.hrtime, whole nanoseconds already). The mean and the margin of error
 * of the mean come from exact count, sum and sum of squares kept beside the histogram.
 */
import { createRequire } from 'node:module'
import { AuraError } from '../core/index.ts'
import type { LatencyPercentilesUs } from './types.ts'

/** The sketch's library and its guarantee, recorded in every partial and shown in the docs. */
export const LATENCY_SKETCH = { library: 'hdr-histogram-js', significantDigits: 3, relativeError: 0.001 } as const

/** One direction's timed samples as plain data (JSON-safe): the histogram and the moments. */
export interface LatencySketch {
  /** HdrHistogram V2 compressed encoding (base64) of the samples in nanoseconds */
  histogram: string
  count: number
  sumUs: number
  sumSquaresUs: number
}

const HIGHEST_NS = 3_600_000_000_000 // one hour: any single call longer than that is clamped

type HdrLibrary = typeof import('hdr-histogram-js')
const LIBRARY = 'hdr-histogram-js'
let loaded: HdrLibrary | undefined
/** Loaded on first use (about 60 ms at start): a run that measures no latency never needs it. */
function hdrLibrary(): HdrLibrary {
  loaded ??= createRequire(import.meta.url)(LIBRARY) as HdrLibrary
  return loaded
}

function newHistogram() {
  return hdrLibrary().build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_NS,
    numberOfSignificantValueDigits: LATENCY_SKETCH.significantDigits,
    autoResize: true,
  })
}

/** A sketch of samples given in microseconds. */
export function sketchSamples(samplesUs: readonly number[]): LatencySketch {
  const histogram = newHistogram()
  let sumUs = 0
  let sumSquaresUs = 0
  for (const us of samplesUs) {
    histogram.recordValue(Math.min(HIGHEST_NS, Math.max(1, Math.round(us * 1000))))
    sumUs += us
    sumSquaresUs += us * us
  }
  return { histogram: hdrLibrary().encodeIntoCompressedBase64(histogram), count: samplesUs.length, sumUs, sumSquaresUs }
}

/** The sketch of all samples of several sketches. */
export function mergeLatencySketches(sketches: readonly LatencySketch[]): LatencySketch {
  const merged = newHistogram()
  let count = 0
  let sumUs = 0
  let sumSquaresUs = 0
  for (const sketch of sketches) {
    merged.add(decode(sketch.histogram))
    count += sketch.count
    sumUs += sketch.sumUs
    sumSquaresUs += sketch.sumSquaresUs
  }
  return { histogram: hdrLibrary().encodeIntoCompressedBase64(merged), count, sumUs, sumSquaresUs }
}

/** p50/p95/p99 (microseconds) from the histogram; mean and rme (Student's t at 95%, as tinybench) from the moments. */
export function sketchPercentiles(sketch: LatencySketch): LatencyPercentilesUs {
  const histogram = decode(sketch.histogram)
  const at = (p: number): number => histogram.getValueAtPercentile(p) / 1000
  const n = sketch.count
  const mean = n === 0 ? Number.NaN : sketch.sumUs / n
  const variance = n < 2 ? 0 : Math.max(0, (sketch.sumSquaresUs - (sketch.sumUs * sketch.sumUs) / n) / (n - 1))
  const rme = n < 2 || mean === 0 ? 0 : (studentT95(n - 1) * Math.sqrt(variance / n)) / mean
  return { p50: at(50), p95: at(95), p99: at(99), mean, rme, samples: n }
}

function decode(encoded: string) {
  try {
    return hdrLibrary().decodeFromCompressedBase64(encoded, 32, false)
  } catch (error) {
    throw new AuraError('E_SCHEMA', `a latency histogram cannot be decoded: ${(error as Error).message}`, {
      field: 'histogram',
    })
  }
}

/** Two-sided 95% critical value of Student's t (Cornish-Fisher expansion around the normal's 1.96; within 0.5% from 3 degrees of freedom). */
function studentT95(df: number): number {
  const z = 1.959963984540054
  const z3 = z ** 3
  const z5 = z ** 5
  const z7 = z ** 7
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  )
}
