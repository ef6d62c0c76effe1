/**
 * Fixed result fixtures for the report tests, shaped after the seed's week-1 validation (25 messages,
 * configs current / emergency / conservative_brio). Test helper only: not exported from index.ts.
 */
import type { Method } from '../core/index.ts'
import type { LatencyUs, Results, RunResult, SizeMetrics } from '../runner/index.ts'
import type { GateSpec, TargetSpec } from '../suite/index.ts'
import { evaluateGate } from './targets.ts'
import { evaluateTargets } from './targets.ts'

/** Builds size metrics from counts so every derived figure is consistent with its inputs. */
export function createSizeMetrics(input: {
  originalBytes: number
  compressedBytes: number
  meanRatio: number
  expanded: number
  shrunk: number
  methods: Partial<Record<Method, number>>
}): SizeMetrics {
  const messages = Object.values(input.methods).reduce((sum, n) => sum + (n ?? 0), 0)
  return {
    messages,
    originalBytes: input.originalBytes,
    compressedBytes: input.compressedBytes,
    ratio: input.originalBytes / input.compressedBytes,
    meanRatio: input.meanRatio,
    savings: 1 - input.compressedBytes / input.originalBytes,
    templateHitRate: (input.methods.binary_semantic ?? 0) / messages,
    expansionRate: input.expanded / messages,
    shrinkRate: input.shrunk / messages,
    methods: input.methods,
  }
}

/** The seed's targets (Target Achievement and Success Criteria tables) plus two latency targets. */
export const FIXTURE_TARGETS: TargetSpec[] = [
  { metric: 'ratio', direction: 'min', pass: 1.5, label: 'Compression ratio', gated: true },
  { metric: 'savings', direction: 'min', pass: 0.33, label: 'Bandwidth savings', gated: true },
  { metric: 'templateHitRate', direction: 'min', pass: 0.4, label: 'Template hit rate', gated: true },
  { metric: 'expansionRate', direction: 'max', pass: 0.05, near: 0.1, label: 'Expansion rate', gated: true },
  { metric: 'shrinkRate', direction: 'min', pass: 1.0, near: 0.9, label: 'All ratios > 1.0x', gated: true },
  { metric: 'encodeP95Us', direction: 'max', pass: 2000, label: 'p95 encode latency', gated: true },
  { metric: 'encodeP99Us', direction: 'max', pass: 5000, label: 'p99 encode latency', gated: false },
]

/** The seed's gate: the emergency config decides, NEAR does not fail (the seed approved with NEAR). */
export const FIXTURE_GATE: GateSpec = { configs: ['emergency'], nearFails: false }

function latency(encodeP50Us: number, decodeP50Us: number): LatencyUs {
  const percentiles = (p50: number) => ({
    p50,
    p95: p50 * 2.5,
    p99: p50 * 6,
    mean: p50 * 1.3,
    rme: 0.02,
    samples: 2000,
  })
  return { encode: percentiles(encodeP50Us), decode: percentiles(decodeP50Us), mode: 'in-process' }
}

const EMERGENCY_CATEGORIES: Record<string, SizeMetrics> = {
  ai_response: createSizeMetrics({
    originalBytes: 420,
    compressedBytes: 301,
    meanRatio: 1.4,
    expanded: 0,
    shrunk: 3,
    methods: { brotli: 3 },
  }),
  api_response: createSizeMetrics({
    originalBytes: 210,
    compressedBytes: 70,
    meanRatio: 3.1,
    expanded: 0,
    shrunk: 6,
    methods: { binary_semantic: 6 },
  }),
  system_status: createSizeMetrics({
    originalBytes: 300,
    compressedBytes: 182,
    meanRatio: 2.2,
    expanded: 2,
    shrunk: 6,
    methods: { binary_semantic: 6, uncompressed: 2 },
  }),
  error: createSizeMetrics({
    originalBytes: 180,
    compressedBytes: 88,
    meanRatio: 2.3,
    expanded: 0,
    shrunk: 4,
    methods: { binary_semantic: 4 },
  }),
  auth: createSizeMetrics({
    originalBytes: 64,
    compressedBytes: 49,
    meanRatio: 1.5,
    expanded: 0,
    shrunk: 2,
    methods: { binary_semantic: 1, brotli: 1 },
  }),
  operations: createSizeMetrics({
    originalBytes: 60,
    compressedBytes: 40,
    meanRatio: 1.6,
    expanded: 0,
    shrunk: 2,
    methods: { binary_semantic: 1, brotli: 1 },
  }),
}

function run(config: string, metrics: SizeMetrics, extra: Partial<RunResult> & { latencyUs?: LatencyUs }): RunResult {
  const { latencyUs, ...rest } = extra
  return {
    corpus: 'week1',
    config,
    state: 'complete',
    metrics: {
      ...metrics,
      ...(latencyUs === undefined ? {} : { latencyUs }),
      roundTrip: { checked: metrics.messages, mismatches: 0 },
      sharedStateBytes: 4096,
    },
    categories: { all: metrics },
    expanding: [],
    mismatches: [],
    targets: [],
    ...rest,
  }
}

/** The three seed configs on one 25-message corpus; targets and gate evaluated with the report's own functions. */
export function createFixtureResults(): Results {
  const current = run(
    'current',
    createSizeMetrics({
      originalBytes: 1234,
      compressedBytes: 1061,
      meanRatio: 1.3,
      expanded: 17,
      shrunk: 8,
      methods: { binary_semantic: 3, brotli: 5, uncompressed: 17 },
    }),
    {
      latencyUs: latency(40, 12),
    },
  )
  const emergency = run(
    'emergency',
    createSizeMetrics({
      originalBytes: 1234,
      compressedBytes: 730,
      meanRatio: 2.1,
      expanded: 2,
      shrunk: 23,
      methods: { binary_semantic: 18, brotli: 5, uncompressed: 2 },
    }),
    {
      latencyUs: latency(1.2, 0.8),
      categories: EMERGENCY_CATEGORIES,
      expanding: [
        {
          index: 7,
          preview: 'Deployment started at 2025-10-23T10:30:00Z',
          originalBytes: 42,
          compressedBytes: 43,
          method: 'uncompressed',
        },
        {
          index: 12,
          preview: 'Request completed in 45ms',
          originalBytes: 25,
          compressedBytes: 26,
          method: 'uncompressed',
        },
      ],
    },
  )
  const brio = run(
    'conservative_brio',
    createSizeMetrics({
      originalBytes: 1234,
      compressedBytes: 744,
      meanRatio: 2.0,
      expanded: 3,
      shrunk: 22,
      methods: { binary_semantic: 18, aura: 4, uncompressed: 3 },
    }),
    {},
  )
  const warnings: string[] = []
  for (const r of [current, emergency, brio]) {
    const evaluation = evaluateTargets(r, FIXTURE_TARGETS)
    r.targets = evaluation.targets
    warnings.push(...evaluation.warnings)
  }
  const runs = [current, emergency, brio]
  // a deep copy: the category figures are module constants, and a test that changes what it gets
  // must not change what the next test (of any file sharing this module) gets
  return structuredClone({
    schemaVersion: 1,
    suite: 'week1',
    description: 'Seed week-1 emergency validation',
    startedAt: '2025-10-23T10:00:00.000Z',
    incomplete: false,
    environment: {
      node: 'v20.20.2',
      platform: 'linux',
      arch: 'x64',
      cpu: 'Test CPU @ 2.0GHz',
      cpus: 2,
      libraries: { 'brotli-wasm': '3.0.1', '@mongodb-js/zstd': '1.2.2' },
    },
    runs,
    gate: evaluateGate(runs, FIXTURE_GATE, false),
    reference: {
      source: 'seed 000_9804ba511e7a925e.txt, Comparison Matrix',
      figures: {
        current: { ratio: 1.16, savings: 0.14, templateHitRate: 0.12, expansionRate: 0.68 },
        emergency: { ratio: 1.69, savings: 0.408, templateHitRate: 0.72, expansionRate: 0.08 },
        conservative_brio: { ratio: 1.66, savings: 0.397, templateHitRate: 0.72, expansionRate: 0.12 },
      },
    },
    warnings,
  } satisfies Results)
}
