/** The shapes of a suite run (runSuite): its options, the events it reports, the share a shard measures, and what it returns. */
import type { AuraError, Compressor } from '../core/index.ts'
import type { ConfigRef, ExternalCompressorConfig } from '../suite/index.ts'
import type { RunPartial, RunProgress } from './partial.ts'
import type { MeasuredResults, RunResult } from './types.ts'

/** Something the suite run reports while it goes (the CLI turns these into a progress bar or lines). */
export type SuiteEvent =
  | { kind: 'run-start'; corpus: string; config: string; runIndex: number; runCount: number }
  | { kind: 'run-progress'; corpus: string; config: string; progress: RunProgress }
  | { kind: 'run-end'; run: RunResult; runIndex: number; runCount: number }
  | { kind: 'corpus-skipped'; corpus: string; reason: string }

/** Options of a suite run. */
export interface RunSuiteOptions {
  /** overrides the suite's latency.enabled (the CLI's --no-latency) */
  latencyEnabled?: boolean
  onEvent?: (event: SuiteEvent) => void
  /** stops between messages; the results come back marked incomplete */
  signal?: AbortSignal
  /** builds a compressor for a config ref; default: load the config YAML and its store/dictionary */
  createCompressor?: (ref: ConfigRef) => Promise<Compressor>
  /** builds a config that names an external compressor (the CLI passes src/external's); without it such a config is bad input */
  createExternalCompressor?: (config: ExternalCompressorConfig) => Promise<Compressor>
  /** measures only a share of every corpus (a shard's, src/shard); the rest is counted and skipped as cheaply as its format allows */
  share?: RunnerShare
}

/** A share of every corpus: what a shard run measures. */
export interface RunnerShare {
  /** whether the message numbered `index` (with its recorded connection, if any) is measured */
  keeps(index: number, connection: string | undefined, corpus: string): boolean
  /** after each full read of a corpus: how many messages its selection held, inside the share or not */
  onCorpusRead?(corpus: string, messages: number): void
}

/** A suite's measured results (targets still empty, no verdict: gate/judgeSuite judges them) and, when it stopped part-way, why. */
export interface SuiteRun {
  results: MeasuredResults
  /** the bad-input error that stopped the suite part-way, if any */
  stoppedBy?: AuraError
  /** every run as mergeable parts, in the order of `results.runs` (what a shard run writes) */
  partials: RunPartial[]
}
