/** Parsed, validated shapes of suites and their parts. YAML keys are snake_case; these mirror them in camelCase. */
import type { ErrorLocation, TargetMetric } from '../core/index.ts'

/**
 * A target: `pass` is the threshold that passes; `near` is optional and widens it.
 * With direction `min` (higher is better): value >= pass -> pass; value >= near -> near; else fail.
 * With direction `max` (lower is better): value <= goal -> pass ... see evaluate: both seed uses of NEAR:
 *  - met the limit but not the goal: expansionRate { goal: 0.05, limit: 0.10 } -> 0.08 is near
 *  - missed but close: shrinkRate { pass: 1.0, near: 0.9 } -> 0.92 is near
 */
export interface TargetSpec {
  metric: TargetMetric
  /** `min`: value must be at least the threshold; `max`: at most. Default from the metric. */
  direction: 'min' | 'max'
  /** threshold that passes */
  pass: number
  /** threshold that is NEAR (between pass and fail); absent: no near band */
  near?: number
  /** configs this target applies to; absent: all */
  configs?: string[]
  /** human label, e.g. "Compression ratio" */
  label?: string
  /** when false the target is reported but never affects the gate (e.g. latency in CI) */
  gated: boolean
}

/** Which configs the gate judges and how NEAR counts. */
export interface GateSpec {
  /** config names whose targets decide the exit code; absent: all configs */
  configs?: string[]
  /** when true a NEAR target fails the gate; default false (the seed approved with NEAR) */
  nearFails: boolean
}

/** A corpus entry of a suite. */
export interface CorpusSpec {
  /** name in reports; default the file's base name */
  name: string
  /** resolved absolute path */
  path: string
  /** as written in the suite, for messages */
  pathAsWritten: string
  format: 'txt' | 'jsonl' | 'json' | 'loghub' | 'har' | 'auto'
  /** JSON field holding the message text (jsonl/json); default `text` */
  textField: string
  /** JSON field holding the category; default `category` */
  categoryField: string
  limit?: number
  sample?: { size: number; seed: number }
  split?: { trainFraction: number; seed: number; use: 'train' | 'test'; mode: 'random' | 'ordered' }
  minMessageBytes?: number
  maxMessageBytes?: number
  /** HAR: which websocket frames to keep */
  harDirection: 'receive' | 'send' | 'both'
  /** folder of shared corpora this corpus needs: a clear error when absent */
  required: boolean
  /** the suite entry that names this corpus (suite file, `corpora[i]`, line), for error messages */
  origin?: ErrorLocation
  /** Loghub log_format of the lines' header, used when templates are discovered from this corpus */
  header?: string
  /** the entry's `recordings:` file, resolved absolute (round 37): this corpus's connections, read instead of a recordings.tsv beside it */
  recordings?: string
  /** `recordings:` as written in the suite, for messages and comparison.json */
  recordingsAsWritten?: string
}

/** A config entry of a suite: a path to a config YAML and the name used in reports. */
export interface ConfigRef {
  name: string
  path: string
  pathAsWritten: string
  /** the suite entry that names this config (suite file, `configs[i]`, line), for error messages */
  origin?: ErrorLocation
  /** learn the template store from a corpus part of the suite (derived-schema.ts); replaces template_store_path */
  discover?: DiscoverSpec
  /** build the zstd_dict dictionary from a corpus part of the suite; replaces the config's dictionary */
  zstdDictTraining?: DerivedSource
}

/** Where derived shared state comes from: a corpus of the suite (default: the one measured) and which part of it. */
export interface DerivedSource {
  fromCorpus?: string
  /** `train`: the corpus's split with use train; `test`: the measured part (in-sample); `all`: the whole file */
  split: 'train' | 'test' | 'all'
}

/** A config entry's `discover:`: the source and discovery's limits (absent: discovery's defaults). */
export interface DiscoverSpec extends DerivedSource {
  maxTemplates?: number
  minSupport?: number
  maxSplitWords?: number
}

/** Latency measurement settings. */
export interface LatencySpec {
  enabled: boolean
  /** timed samples per run (cycling through the corpus); default 2000 */
  samples: number
  /** warm-up iterations before timing; default 200 */
  warmup: number
  /** upper bound on time per run in milliseconds; default 3000 */
  timeMs: number
}

/** Reference figures reported beside measured ones, keyed by config name then metric. */
export type ReferenceFigures = Record<string, Partial<Record<TargetMetric, number>> & { source?: string }>

/**
 * How far one metric may worsen against a baseline before the gate warns or fails. Relative parts are
 * fractions of the baseline's value, absolute parts are in the metric's unit; a level allows a
 * worsening up to max(absolute, relative x |baseline|), each unset part counting as 0.
 */
export interface RegressionThresholds {
  warnRelative?: number
  failRelative?: number
  warnAbsolute?: number
  failAbsolute?: number
}

/** The `regression:` section: thresholds per metric; metrics not named keep the defaults (docs/ci.md). */
export type RegressionSpec = Partial<Record<TargetMetric, RegressionThresholds>>

/** A whole suite, validated. */
export interface Suite {
  name: string
  description: string
  /** the question the suite answers, heading `compare`'s summary (e.g. the seed's "Replace Brotli with Zstandard (2-3x faster)?"); absent: a plain Summary */
  question?: string
  /** absolute path of the suite file */
  file: string
  corpora: CorpusSpec[]
  configs: ConfigRef[]
  targets: TargetSpec[]
  gate: GateSpec
  latency: LatencySpec
  /** worker threads for the size pass ('auto': one per available core); absent: 1 */
  workers?: number | 'auto'
  reference?: { source: string; figures: ReferenceFigures }
  /** Markdown for the report's Notes section */
  notes?: string
  cost?: CostSpec
  /** regression thresholds against a baseline (`run --baseline`) */
  regression?: RegressionSpec
  /** the `compare:` section (aura-bench compare); absent: compare uses every default */
  compare?: CompareSpec
}

/** Cost projection scenarios of a suite: one projection per messages-per-day figure. */
export interface CostSpec {
  messagesPerDay: number[]
  /** price per decimal GB (1e9 bytes) of egress, in `currency` (default USD) */
  pricePerGb: number
  /** default: measured from the corpus */
  avgMessageBytes?: number
  /** transport bytes per message (WebSocket framing, TLS record, TCP/IP headers); one projection per value and messages/day figure */
  overheadBytesPerMessage?: number[]
  pricePerCpuHour?: number
  /** config the savings are counted against; default the first */
  baselineConfig?: string
  /** ISO 4217 code of the prices (`cost.currency`); absent: USD, printed as `$` */
  currency?: string
  /** the suite file's line of `baseline_config`, for errors found once runs are measured (`cost --suite`) */
  baselineConfigLine?: number
}

/** The `compare:` section: what `aura-bench compare` measures on every corpus of the suite. */
export interface CompareSpec {
  /** Brotli qualities through brotli-wasm (codec `brotli`) */
  brotliQualities: number[]
  /** Brotli qualities through node:zlib (codec `brotli_native`) */
  brotliNativeQualities: number[]
  /** Zstandard levels through @mongodb-js/zstd (codec `zstd`, async) */
  zstdLevels: number[]
  /** Zstandard levels through zstd-napi (codec `zstd_napi`, sync) */
  zstdNapiLevels: number[]
  /** raw-content dictionaries from the training split: sizes in bytes x levels */
  zstdDict: { sizesBytes: number[]; levels: number[] }
  /** raw deflate levels, each message alone */
  deflateLevels: number[]
  /** RFC 7692 permessage-deflate per connection: each level with and without context takeover */
  permessageDeflate: { levels: number[]; windowBits: number; memLevel: number }
  /** a Zstandard stream per connection, flushed after each message */
  zstdStream: { levels: number[]; windowLog: number }
  /** also measure the suite's configs */
  hybrids: boolean
  /** the codec in production today; `takeover` (round 35) only with permessage_deflate (absent there: true) */
  current: {
    codec: 'brotli' | 'brotli_native' | 'zstd' | 'zstd_napi' | 'deflate' | 'permessage_deflate'
    level: number
    takeover?: boolean
  }
  /**
   * round 37: true when the suite does not set `compare.current` (then `current` is brotli 11, the default, until
   * compare takes the codec of the suite's cost.baseline_config, which clears it: suite-current.ts)
   */
  currentIsDefault?: boolean
  /** encode p95 budgets in microseconds */
  budgetsUs: number[]
  /** latency sample per corpus and timing per entry */
  latency: { messages: number; samples: number; warmup: number; timeMs: number }
  /** time for one entry's size pass on one corpus, in milliseconds */
  sizeBudgetMs: number
  /** fewest messages a size pass measures */
  minSizeMessages: number
  /** open contexts per stateful entry when measuring memory */
  memoryConnections: number
  seed: number
}
