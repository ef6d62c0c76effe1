/** Shapes of what a run measures; `Results` is the results.json contract of DESIGN.md (schemaVersion 1). */
import type { Method } from '../core/index.ts'

/** Percentiles of per-message time, in microseconds. */
export interface LatencyPercentilesUs {
  p50: number
  p95: number
  p99: number
  mean: number
  /** relative margin of error of the mean at 95%, as a fraction (tinybench's rme / 100) */
  rme: number
  samples: number
}

/** Encode and decode latency of one run. */
export interface LatencyUs {
  encode: LatencyPercentilesUs
  decode: LatencyPercentilesUs
  /** how it was measured, e.g. `in-process` or `process-boundary` */
  mode: string
  /** median time of timing an empty awaited call the same way, in microseconds: the measurement's own cost, included in every sample */
  overheadUs?: number
}

/** A message whose frame is longer than itself (the seed's "42 -> 43 bytes"). */
export interface ExpandingMessage {
  index: number
  preview: string
  originalBytes: number
  compressedBytes: number
  method: Method
}

/** A round trip that did not give the message back. */
export interface RoundTripMismatch {
  index: number
  preview: string
  /** first differing byte offset, or -1 when decoding threw */
  firstDifferingByte: number
  error?: string
  /** error code when decoding threw */
  code?: string
  /** length of what decoding gave back, when it did not throw */
  decodedBytes?: number
}

/** Size metrics over a set of messages (a whole run or one category). */
export interface SizeMetrics {
  messages: number
  originalBytes: number
  compressedBytes: number
  ratio: number
  meanRatio: number
  savings: number
  templateHitRate: number
  expansionRate: number
  shrinkRate: number
  methods: Partial<Record<Method, number>>
}

/** All metrics of one corpus x config run. */
export interface RunMetrics extends SizeMetrics {
  latencyUs?: LatencyUs
  roundTrip: { checked: number; mismatches: number }
  sharedStateBytes: number
}

/** Outcome of one target on one run. */
export interface TargetResult {
  metric: string
  label: string
  value: number | null
  pass: number
  near?: number
  direction: 'min' | 'max'
  status: 'pass' | 'near' | 'fail'
  gated: boolean
}

/** One corpus x config run; `state` says whether it completed. */
export interface RunResult {
  corpus: string
  config: string
  state: 'complete' | 'failed'
  /** set when state is failed: the codec or loader error (the first one; `index` is the message it failed on) */
  error?: { code: string; message: string; index?: number }
  /** messages whose compress threw; they are left out of the size metrics */
  failedMessages?: number
  /** count of all expanding messages (`expanding` lists only the first of them when there are many) */
  expandingCount?: number
  metrics: RunMetrics
  categories: Record<string, SizeMetrics>
  expanding: ExpandingMessage[]
  mismatches: RoundTripMismatch[]
  targets: TargetResult[]
}

/** Gate outcome. */
export interface GateResult {
  status: 'pass' | 'fail'
  reasons: string[]
}

/** The results.json contract. */
export interface Results {
  schemaVersion: 1
  suite: string
  description?: string
  /** ISO time the run started */
  startedAt: string
  /** true when the run stopped part-way (error or interrupt); the gate then fails */
  incomplete: boolean
  environment: Environment
  runs: RunResult[]
  gate: GateResult
  reference?: { source: string; figures: Record<string, Record<string, number | string>> }
  warnings: string[]
}

/** Where the numbers came from. */
export interface Environment {
  node: string
  platform: string
  arch: string
  cpu: string
  cpus: number
  libraries: Record<string, string>
}
