/**
 * Fixed results for the gate layer's tests, shaped after the seed's week-1 validation: 25 messages,
 * the emergency config with 18 template hits, 5 brotli and 2 messages one byte longer. Metrics and
 * intervals are computed from per-message sizes with the runner's own functions. Test helper only.
 */
import type { Method } from '../core/index.ts'
import { evaluateGate, evaluateTargets } from '../report/index.ts'
import {
  createRunConfidence,
  createSizeSample,
  offerSizeSample,
  type LatencyUs,
  type Results,
  type RunResult,
} from '../runner/index.ts'
import type { GateSpec, TargetSpec } from '../suite/index.ts'

/** One message of a fixture run: original bytes, frame bytes, method. */
export type FixtureMessage = [number, number, Method]

/** The seed's emergency run: 18 template hits, 5 brotli, 2 uncompressed messages one byte longer. */
export const EMERGENCY_MESSAGES: FixtureMessage[] = [
  ...Array.from({ length: 18 }, (_, i): FixtureMessage => [30 + ((i * 7) % 40), 4 + (i % 5), 'binary_semantic']),
  ...Array.from({ length: 5 }, (_, i): FixtureMessage => [120 + i * 30, 80 + i * 15, 'brotli']),
  [42, 43, 'uncompressed'],
  [25, 26, 'uncompressed'],
]

/** Latency percentiles with a given rme and sample count (p95 = 2.5 x p50, p99 = 6 x p50). */
export function createLatency(
  encodeP50Us: number,
  options: { rme?: number; samples?: number; mode?: string } = {},
): LatencyUs {
  const { rme = 0.02, samples = 2000, mode = 'in-process' } = options
  const percentiles = (p50: number) => ({ p50, p95: p50 * 2.5, p99: p50 * 6, mean: p50 * 1.3, rme, samples })
  return { encode: percentiles(encodeP50Us), decode: percentiles(encodeP50Us / 2), mode }
}

/** A complete run from per-message sizes, with its metrics and 95% intervals as the runner computes them. */
export function createRun(config: string, messages: readonly FixtureMessage[], latencyUs?: LatencyUs): RunResult {
  const methods: Partial<Record<Method, number>> = {}
  const sample = createSizeSample()
  let originalBytes = 0
  let compressedBytes = 0
  let ratioSum = 0
  let expanded = 0
  let shrunk = 0
  messages.forEach(([o, c, method], index) => {
    methods[method] = (methods[method] ?? 0) + 1
    originalBytes += o
    compressedBytes += c
    ratioSum += o / c
    if (c > o) expanded += 1
    if (c < o) shrunk += 1
    offerSizeSample(sample, index, o, c)
  })
  const n = messages.length
  const hits = methods.binary_semantic ?? 0
  return {
    corpus: 'week1',
    config,
    state: 'complete',
    metrics: {
      messages: n,
      originalBytes,
      compressedBytes,
      ratio: originalBytes / compressedBytes,
      meanRatio: ratioSum / n,
      savings: 1 - compressedBytes / originalBytes,
      templateHitRate: hits / n,
      expansionRate: expanded / n,
      shrinkRate: shrunk / n,
      methods,
      ...(latencyUs === undefined ? {} : { latencyUs }),
      roundTrip: { checked: n, mismatches: 0 },
      sharedStateBytes: 4096,
    },
    categories: {},
    expanding: [],
    expandingCount: expanded,
    mismatches: [],
    targets: [],
    confidence: createRunConfidence(
      { messages: n, originalBytes, compressedBytes, templateHits: hits, expanded, shrunk },
      sample,
    ),
    durationMs: 1234,
  }
}

/** The seed's targets plus a latency target. */
export const FIXTURE_TARGETS: TargetSpec[] = [
  { metric: 'ratio', direction: 'min', pass: 1.5, label: 'Compression ratio', gated: true },
  { metric: 'savings', direction: 'min', pass: 0.33, label: 'Bandwidth savings', gated: true },
  { metric: 'templateHitRate', direction: 'min', pass: 0.6, label: 'Template hit rate', gated: true },
  { metric: 'expansionRate', direction: 'max', pass: 0.05, near: 0.1, label: 'Expansion rate', gated: true },
  { metric: 'encodeP95Us', direction: 'max', pass: 2000, label: 'p95 encode latency', gated: false },
]

/** The seed's gate: emergency decides, NEAR does not fail. */
export const FIXTURE_GATE: GateSpec = { configs: ['emergency'], nearFails: false }

/** Results of the given runs with targets and gate evaluated by the report layer. */
export function createResults(runs: RunResult[], environment: Partial<Results['environment']> = {}): Results {
  const judgedRuns = runs.map((run) => ({ ...run, targets: evaluateTargets(run, FIXTURE_TARGETS).targets }))
  return {
    schemaVersion: 1,
    suite: 'week1',
    startedAt: '2025-10-23T10:00:00.000Z',
    incomplete: false,
    environment: {
      node: 'v20.20.2',
      platform: 'linux',
      arch: 'x64',
      cpu: 'Test CPU @ 2.0GHz',
      cpus: 2,
      libraries: { 'brotli-wasm': '3.0.1' },
      ...environment,
    },
    runs: judgedRuns,
    gate: evaluateGate(judgedRuns, FIXTURE_GATE, false),
    warnings: [],
  }
}

/** The seed's week-1 pair: current (3 template hits, 17 expanding) and emergency, with latency. */
export function createWeek1Results(): Results {
  const current: FixtureMessage[] = EMERGENCY_MESSAGES.map(([o, c, m], i) =>
    i < 15 ? [o, o + 1, 'uncompressed'] : [o, c, m],
  )
  return createResults([
    createRun('current', current, createLatency(40)),
    createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2)),
  ])
}
