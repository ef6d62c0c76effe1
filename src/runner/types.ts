/** Shapes of what a run measures; `Results` is the results.json contract of DESIGN.md (schemaVersion 1). */
import type { Method, PerMessageFigures } from '../core/index.ts'
import type { CostSpec } from '../suite/index.ts'

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
export interface SizeMetrics extends PerMessageFigures {
  messages: number
  originalBytes: number
  compressedBytes: number
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
  /** the same target at 95% confidence, for size metrics whose interval is known */
  confidence?: TargetConfidence
}

/** A 95% interval of a metric: `wilson` for shares of messages, `bootstrap` (messages resampled) for byte ratios. */
export interface Interval95 {
  low: number
  high: number
  method: 'wilson' | 'bootstrap'
}

/** Sampling uncertainty of a run's size metrics (see confidence.ts); ratio and savings need at least 2 messages. */
export interface RunConfidence {
  ratio?: Interval95
  savings?: Interval95
  templateHitRate: Interval95
  expansionRate: Interval95
  shrinkRate: Interval95
  /** how the bootstrap was drawn: resamples, generator seed, messages in the per-message size sample */
  bootstrap?: { resamples: number; seed: number; sampleMessages: number }
}

/** A target judged at the unfavourable end of its metric's 95% interval (the gate layer fills it). */
export interface TargetConfidence extends Interval95 {
  /** the target's status at the unfavourable bound */
  status: 'pass' | 'near' | 'fail'
  /** messages for that bound to reach the point estimate's status at the observed value; absent when none would */
  messagesNeeded?: number
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
  /** 95% intervals of the size metrics */
  confidence?: RunConfidence
  /** wall time of the run (size pass and latency), in milliseconds */
  durationMs?: number
  /** the machine's load around this run's latency pass (round 37; absent when latency was not timed, and in older files) */
  latencyLoad?: LatencyLoad
}

/**
 * The 1-minute load average (os.loadavg) around a run's latency pass, the higher of the readings just
 * before and just after it, and this run's own threads that can count in it: the main thread, plus the
 * size pass's worker threads (`workers:`), which the 1-minute average still holds when latency starts.
 */
export interface LatencyLoad {
  loadAverage: number
  ownThreads: number
  /**
   * round 38: the part of `loadAverage` aura-bench's own threads explain, from when each ran (the main thread
   * since the process started, every size pass's workers while they ran; own-load.ts); the busy-machine
   * judgement takes it out in place of `ownThreads` (absent in older files)
   */
  ownLoad?: number
}

/** A metric's verdict against a baseline: `inconclusive` when a change cannot be told from measurement noise. */
export type RegressionVerdict = 'pass' | 'warn' | 'fail' | 'inconclusive'

/** One metric of one run against the same corpus x config of a baseline (the gate layer fills it). */
export interface MetricRegression {
  metric: string
  baseline: number
  current: number
  /** current - baseline, in the metric's unit */
  delta: number
  /** delta / |baseline|; null when the baseline is 0 */
  relativeDelta: number | null
  verdict: RegressionVerdict
  /** worsening allowed before a warning and before a failure, in the metric's unit */
  allowedWarn: number
  allowedFail: number
  /** combined 95% margin of error of both measurements (latency), in the metric's unit */
  marginOfError?: number
  /** true when a `fail` here fails the gate (gated config; latency unless --no-latency-gate) */
  gated: boolean
  reason: string
}

/** One run's metrics against the baseline; `note` says why a run could not be compared. */
export interface RunRegression {
  corpus: string
  config: string
  verdict: RegressionVerdict
  metrics: MetricRegression[]
  note?: string
}

/** A whole run against a baseline results.json (`aura-bench run --baseline`). */
export interface BaselineComparison {
  /** the baseline file as given on the command line */
  path: string
  suite: string
  startedAt: string
  environment: Environment
  verdict: RegressionVerdict
  runs: RunRegression[]
  /** `corpus x config` runs of the baseline that this run does not have */
  missingRuns: string[]
  /** `corpus x config` runs that the baseline does not have */
  newRuns: string[]
  /** set by `run --accept-regression REASON`: the regressions that would have failed the gate, accepted and why */
  acceptedRegression?: { reason: string; regressions: string[] }
  /**
   * Corpora compared by message count and bytes only, because the baseline (or this run) records no
   * sha256 of the corpus file (results.json written before round 32); absent when every corpus was
   * compared by content.
   */
  corporaWithoutDigest?: string[]
}

/** Gate outcome. */
export interface GateResult {
  status: 'pass' | 'fail'
  reasons: string[]
}

/** What runSuite measured, before any verdict: results.json without its `gate` (gate/judgeSuite adds it). */
export type MeasuredResults = Omit<Results, 'gate'>

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
  /** what was measured: the corpus files and parts, the config files and their derived state (absent in files written before it) */
  inputs?: RunInputs
  /** the suite's `cost:` section, for `cost --results` (absent when the suite has none, and in files written before it) */
  cost?: RecordedCost
  /** this run against a baseline, when one was given */
  baseline?: BaselineComparison
}

/** A suite's `cost:` section as results.json records it (the suite's CostSpec without its line numbers). */
export type RecordedCost = Omit<CostSpec, 'baselineConfigLine'>

/** What a run measured, as its suite named it (paths as written there, relative to the suite's folder). */
export interface RunInputs {
  /**
   * `skipped`: why a `required: false` corpus was not measured (its file is missing); absent for a measured one.
   * `sha256`: of the corpus file's bytes, the whole file, as the run read it (round 32); absent in results
   * written before it, for a skipped corpus, and for one a stopped run did not finish.
   */
  corpora: Array<{ name: string; file: string; format: string; part: string; skipped?: string; sha256?: string }>
  configs: Array<{ name: string; file: string; derived?: string }>
}

/** Where the numbers came from. */
export interface Environment {
  node: string
  platform: string
  arch: string
  cpu: string
  cpus: number
  libraries: Record<string, string>
  /** the machine's 1-minute load average (os.loadavg) when the run started and ended: a shared machine says so */
  loadAverage?: { start: number; end: number }
}
