/** Shapes of a comparison: what is measured per corpus (entries), what each measurement found, and comparison.json. */
import type { BaselineComparison, Environment, RecordedCost, TargetResult } from '../runner/index.ts'

/** Families the summary compares: Brotli vs Zstandard (with and without dictionary), deflate, the hybrids, and the stateful streams. */
export type EntryFamily = 'brotli' | 'zstd' | 'zstd_dict' | 'deflate' | 'hybrid' | 'permessage_deflate' | 'zstd_stream'

/** Codec names of entries: createCodec's names, `hybrid` for a suite config, and the two stateful streams. */
export type EntryCodec =
  | 'brotli'
  | 'brotli_native'
  | 'zstd'
  | 'zstd_napi'
  | 'zstd_dict'
  | 'deflate'
  | 'hybrid'
  | 'permessage_deflate'
  | 'zstd_stream'

/** What one entry is: a codec at a level (and its dictionary or stream settings), or a hybrid config. */
export interface EntrySpec {
  /** stable id, e.g. `brotli:11`, `zstd_dict:65536:19`, `permessage_deflate:6:takeover`, `hybrid:emergency` */
  id: string
  /** short human label, e.g. `brotli q11`, `zstd_dict 64K L19`, `pmd L6 takeover` */
  label: string
  family: EntryFamily
  codec: EntryCodec
  /** quality or level; absent for hybrids */
  level?: number
  /** per-message: each message alone; stateful: one context per connection, messages in order */
  kind: 'per-message' | 'stateful'
  /** zstd_dict: the dictionary size asked for, in bytes */
  dictionarySizeBytes?: number
  /** permessage_deflate */
  contextTakeover?: boolean
  /**
   * permessage_deflate (round 40): the suite's `compare.permessage_deflate.window_bits` it was measured with, so
   * `cost --baseline "pmd L6 w15 takeover"` can be checked against it; absent in comparisons written before
   */
  windowBits?: number
  /** zstd_stream: log2 of the window */
  windowLog?: number
  /** hybrid: the suite's config name */
  config?: string
}

/** Per-message percentiles in microseconds. */
export interface PercentilesUs {
  p50: number
  p95: number
  p99: number
  mean: number
  samples: number
  /**
   * round 35: relative 95% margin of error of the mean, as a fraction (1.96 x sd / sqrt(n) / mean), so a baseline
   * comparison can tell a slowdown from noise; absent in comparisons before it and for fewer than 2 samples
   */
  rme?: number
}

/** Memory per connection of a stateful entry, in bytes. */
export interface ConnectionMemory {
  /** allocation by the library's documented formula (zlib); absent where none is documented (zstd) */
  formulaBytes?: { encoder: number; decoder: number }
  /**
   * what the formula leaves out that each connection also keeps (a stateful hybrid with field
   * operators: their slot and template tables), so the measured figures are the ones to read;
   * optional: absent when the formula covers the entry's state, and in comparisons before s30
   */
  formulaExcludes?: string
  /** process RSS growth per open connection (encoder + decoder, with their JS objects), after each sent a window's worth of messages */
  measuredRssBytes: number
  /**
   * growth per open connection of what live JavaScript objects retain (V8's used heap plus external
   * memory: typed arrays, Buffers), after two full GCs; optional: comparisons before this field lack it
   */
  retainedBytes?: number
  connections: number
}

/**
 * Sizes of one entry. Byte counts and rates are over the messages it measured; `ratio` and `savings`
 * are over every held-out message: measured when coverage is `all`, estimated (see estimate.ts) when
 * a per-message entry's size pass stopped at its budget.
 */
export interface EntrySizes {
  /** messages measured */
  messages: number
  /** held-out messages of the corpus; `messages` < this when the size pass hit its time budget */
  heldOutMessages: number
  /** `all`: every held-out message; `sample`: a seeded random sample (per-message) or whole connections (stateful) in seeded order */
  coverage: 'all' | 'sample'
  originalBytes: number
  compressedBytes: number
  ratio: number
  meanRatio: number
  savings: number
  expansionRate: number
  /** budget-cut entries: the ratio over the measured sample itself, before estimation */
  sampleRatio?: number
  /** budget-cut entries: the entry whose whole-corpus bytes scaled the estimate */
  estimatedFrom?: string
  /** per-connection entries (round 34): whole connections the figures are over (a prefix of the seeded connection order) */
  connections?: number
  /** per-connection entries (round 34): connections of the held-out part */
  heldOutConnections?: number
  /**
   * per-connection entries that replayed more connections than another per-connection entry of the corpus (round 34):
   * what this entry replayed before its figures were cut to the connections every per-connection entry replayed, so
   * that they compare on the same connections (see alignConnectionSamples)
   */
  replayedBeyondCommon?: { connections: number; messages: number; ratio: number }
  /**
   * round 43 (s43-trial D7): stateful config entries, every connection the replay took, in replay order, each
   * `[messages, originalBytes, compressedBytes, sum of per-message ratios, messages expanded]`, so that
   * `compare --baseline` compares two runs on the connections both replayed; absent on other entries and before
   */
  replayedConnections?: [number, number, number, number, number][]
}

/** What was measured for one entry on one corpus; `state` says whether it completed. */
export interface EntryResult {
  spec: EntrySpec
  library: string
  state: 'complete' | 'failed'
  /** the first error, when failed */
  error?: { code: string; message: string }
  sizes: EntrySizes
  roundTrip: { checked: number; mismatches: number }
  /** absent when latency could not be measured */
  latencyUs?: {
    encode: PercentilesUs
    decode: PercentilesUs
    /**
     * `tinybench-cycle`: the runner's measureLatency cycling through the latency sample; `size-pass`: each message of a
     * budget-cut size pass timed once (slow entries); `in-order`: every message of the replayed connections (stateful)
     */
    method: 'tinybench-cycle' | 'size-pass' | 'in-order'
    /** cost of timing an empty awaited call (tinybench-cycle only), included in every sample */
    overheadUs?: number
  }
  /**
   * MB (1e6 bytes) of original message per second of encode (decode), from the latency timings: mean
   * size of the timed messages ÷ mean call time (latencyUs.method says which timings)
   */
  throughputMBps: { encode: number; decode: number }
  /** dictionary or template store bytes both sides need, sent once */
  sharedStateBytes: number
  /** on the corpus's ratio-vs-encode-p95 Pareto frontier */
  pareto: boolean
  /** hybrid: its template store or dictionary was made from messages this corpus measures (a warning says how); absent: not known to be */
  inSample?: true
  /** wall time this entry's measurement took on this corpus, in milliseconds (what the budgets bound) */
  measureMs?: number
}

/** How one corpus was split and sampled. */
export interface CorpusInfo {
  name: string
  /** path as written in the suite */
  path: string
  trainMessages: number
  heldOutMessages: number
  heldOutBytes: number
  /** connections the stateful entries replay (1 when the corpus has no recordings) */
  connections: number
  /** true when messages carry a connection (recordings.tsv); false: the held-out half is replayed as one connection */
  hasRecordings: boolean
  /**
   * round 40 (s40-trial D5): with recordings, how many recorded connections have messages in both the training part and
   * the held-out part (0 when the split falls on a connection boundary); absent without recordings and in files before it
   */
  connectionsAcrossSplit?: number
  /** round 34: the recordings.tsv beside the corpus file, when there is one (read or not: see the warnings), its path as the suite wrote the corpus's */
  recordingsFile?: string
  latencySampleMessages: number
  /**
   * round 43 (s43-trial D7): sha256 of the held-out messages in the order the stateful replays take them
   * (baseline-connections.ts heldOutDigest): equal in two comparisons, their replays start with the same
   * connections; absent in files written before
   */
  heldOutSha256?: string
  split: { trainFraction: number; mode: 'random' | 'ordered'; seed: number }
}

/** One corpus's comparison. */
export interface CorpusComparison {
  corpus: CorpusInfo
  entries: EntryResult[]
}

/** comparison.json: every corpus's entries, the settings they ran with, and where. */
export interface Comparison {
  schemaVersion: 1
  kind: 'compare'
  suite: string
  description?: string
  /** the suite's `question:`, heading the summary */
  question?: string
  startedAt: string
  /** seconds the whole comparison took */
  durationSeconds: number
  quick: boolean
  environment: Environment
  /** the machine's 1-minute load average when the comparison started and ended (timings on a busy machine are slower) */
  loadAverage: { start: number; end: number }
  settings: ComparisonSettings
  corpora: CorpusComparison[]
  /** memory per connection of each stateful entry, measured once (it depends on the settings, not the corpus) */
  connectionMemory: ({ id: string; label: string } & ConnectionMemory)[]
  warnings: string[]
  /** round 43 (s43-trial D2): the suite's `cost:` section, as results.json records it; absent without one and in files written before */
  cost?: RecordedCost
  /** round 35: the suite's targets and gate judged for its stateful configs; absent when no target reaches a measured one */
  gate?: ComparisonGate
  /** round 35: the stateful entries against `--baseline` (a previous comparison.json), in results.json's `baseline` shape */
  baseline?: BaselineComparison
}

/** The gate of a comparison (round 35): the suite's targets judged on the stateful entries, as `run` judges its runs. */
export interface ComparisonGate {
  status: 'pass' | 'fail'
  /** one sentence per reason it fails, in `run`'s wording */
  reasons: string[]
  /** false with `--no-latency-gate`: latency targets and regressions are judged and shown, never failing */
  latencyGated: boolean
  /** per corpus x stateful config a target reaches: the entry and its targets */
  judged: JudgedStatefulEntry[]
}

/** One stateful entry judged against the suite's targets. */
export interface JudgedStatefulEntry {
  corpus: string
  config: string
  /** the entry's id (`hybrid:<config>`) */
  entry: string
  /** messages the figures are over, of the held-out ones (fewer when the size budget cut the replay) */
  messages: number
  heldOutMessages: number
  targets: TargetResult[]
}

/** The settings a comparison ran with (the suite's compare section after --quick). */
export interface ComparisonSettings {
  budgetsUs: number[]
  /** `takeover`: round 35, with `codec: permessage_deflate` only */
  current: { codec: string; level: number; takeover?: boolean }
  /** round 37 (s36-trial D7, additive): true when the suite does not set `compare.current` (then `current` is the default, brotli 11); absent: set by the suite, or a comparison written before round 37 */
  currentIsDefault?: boolean
  latency: { messages: number; samples: number; warmup: number; timeMs: number }
  sizeBudgetMs: number
  /** round 43 (s43-trial D3/D7, additive): true when a gated stateful config made every per-connection entry replay every held-out connection, past sizeBudgetMs; absent otherwise */
  wholeReplay?: true
  minSizeMessages: number
  memoryConnections: number
  seed: number
}
