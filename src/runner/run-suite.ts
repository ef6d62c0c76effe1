/** Runs a whole suite: every corpus x every config, each run measured by runOne. Targets and the verdict are gate/judgeSuite's. */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { AuraError, InputFingerprints, type Compressor } from '../core/index.ts'
import {
  checkLoghubCorpusCsv,
  checkCorpusFile,
  loghubFormatWarning,
  loghubUncategorisedWarning,
  resolveCorpusFormat,
  streamCorpus,
  type CorpusLoadStats,
} from '../corpus/index.ts'
import {
  isExternalConfig,
  loadSuiteConfig,
  type ConfigRef,
  type CorpusSpec,
  type ExternalCompressorConfig,
  type Suite,
} from '../suite/index.ts'
import { collectEnvironment } from './environment.ts'
import {
  corpusSkippedWarning,
  describeInputs,
  recordedCost,
  withSampleLargerThanPart,
  withSkippedCorpora,
} from './inputs.ts'
import { checkDerivedConfig, createDerivedCompressor, hasDerivedState, inSampleWarnings } from './derived-compressor.ts'
import { createCompressorFromConfig } from './load-compressor.ts'
import { parallelSizePass } from './parallel-sizes.ts'
import {
  finishRunPartial,
  measureRunPartial,
  overBudgetWarning,
  toRunPartInput,
  type RunPartial,
  type RunProgress,
} from './partial.ts'
import type { MeasuredResults, Results, RunResult } from './types.ts'

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

/** Runs every corpus x config of a suite; compressors that hold processes are closed however it ends. */
export async function runSuite(suite: Suite, options: RunSuiteOptions = {}): Promise<SuiteRun> {
  const compressors = await buildCompressors(
    suite,
    options.createCompressor ?? ((ref) => defaultCompressor(ref, suite, options.createExternalCompressor)),
  )
  try {
    return await measureSuite(suite, options, compressors)
  } finally {
    await closeCompressors(compressors)
  }
}

/**
 * Steps:
 * 1. Build every compressor first: a bad config or template store is reported before anything runs.
 *    A config whose store or dictionary comes from a corpus part (held-out evaluation) has its config
 *    checked now and is built per corpus in step 3; warnings say where shared state is in-sample.
 * 2. Check every corpus file: a missing required one is bad input; an optional one is skipped with a warning.
 * 3. For each corpus x config, stream the corpus afresh (memory does not grow with its size) and measure.
 * 4. A loader error part-way (a malformed line 5,000 lines in) stops the suite: what was measured is
 *    returned, marked incomplete, with the error.
 */
async function measureSuite(
  suite: Suite,
  options: RunSuiteOptions,
  compressors: readonly BuiltCompressor[],
): Promise<SuiteRun> {
  const startedAt = new Date().toISOString()
  const loadAtStart = loadavg()[0] ?? 0
  const warnings: string[] = []
  const corpora = await presentCorpora(suite.corpora, warnings, options.onEvent)
  warnings.push(...(await inSampleWarnings(suite, corpora)))
  const libraries: Record<string, string> = {}
  for (const { compressor } of compressors) Object.assign(libraries, compressor?.libraries)
  const results: MeasuredResults = {
    schemaVersion: 1,
    suite: suite.name,
    description: suite.description,
    startedAt,
    incomplete: false,
    environment: { ...collectEnvironment(libraries), loadAverage: { start: loadAtStart, end: loadAtStart } },
    runs: [],
    warnings,
    inputs: withSkippedCorpora(describeInputs(suite), warnings),
    ...recordedCost(suite),
    ...(suite.reference === undefined ? {} : { reference: suite.reference as Results['reference'] & object }),
  }
  const partials: RunPartial[] = []
  const stopped = (stoppedBy?: AuraError): SuiteRun => ({
    results: { ...withLoadAtEnd(results), incomplete: true },
    partials,
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
  })
  const runCount = corpora.length * compressors.length
  // one corpus file is read once per config: each pass must read the file the first pass read
  const fingerprints = new InputFingerprints()
  for (const corpus of corpora) {
    for (const { ref, compressor: built } of compressors) {
      if (options.signal?.aborted === true) return stopped()
      const runIndex = results.runs.length
      options.onEvent?.({ kind: 'run-start', corpus: corpus.name, config: ref.name, runIndex, runCount })
      try {
        const compressor = built ?? (await createDerivedCompressor(ref, corpus, suite, startedAt))
        Object.assign(results.environment.libraries, compressor.libraries)
        const started = performance.now()
        const share = options.share
        const stream = streamCorpus(
          { ...corpus, fingerprints },
          share === undefined
            ? undefined
            : { keeps: (index, connection) => share.keeps(index, connection, corpus.name) },
        )
        const partial = await measureRunPartial(
          toRunPartInput({
            corpusName: corpus.name,
            configName: ref.name,
            compressor,
            messages: abortable(stream, options.signal),
            latency: { ...suite.latency, enabled: options.latencyEnabled ?? suite.latency.enabled },
            ...(built === null || options.createCompressor !== undefined
              ? {}
              : parallelSizePass(ref, compressor, suite.workers)),
            onProgress: (progress) =>
              options.onEvent?.({ kind: 'run-progress', corpus: corpus.name, config: ref.name, progress }),
          }),
        )
        partial.durationMs = performance.now() - started
        share?.onCorpusRead?.(corpus.name, stream.stats.messages + stream.stats.outsideShare)
        noteSmallSample(results, corpus, stream.stats)
        await noteUncategorised(results, corpus, stream.stats)
        partials.push(partial)
        const run = finishRunPartial(partial)
        results.runs.push(run)
        // a shard's count is part of the run's: merge warns on the merged count
        const overBudget = options.share === undefined ? overBudgetWarning(partial) : undefined
        if (overBudget !== undefined) results.warnings.push(overBudget)
        options.onEvent?.({ kind: 'run-end', run, runIndex, runCount })
      } catch (error) {
        if (error instanceof AbortError) return stopped()
        if (error instanceof AuraError && error.code !== 'E_INTERNAL') return stopped(error)
        throw error
      }
    }
  }
  return { results: withLoadAtEnd(results), partials }
}

/** A corpus whose sample asked for more than its part holds: inputs say what was measured, and a warning (once per corpus). */
function noteSmallSample(results: MeasuredResults, corpus: CorpusSpec, stats: CorpusLoadStats): void {
  if (corpus.sample === undefined || results.inputs === undefined) return
  // every message of the part offered to the sample, inside a shard's share or not
  const drawnFrom = stats.messages + stats.outsideShare + stats.excludedBySample
  const { inputs, warning } = withSampleLargerThanPart(results.inputs, corpus, drawnFrom)
  // every config reads the corpus again: said once
  if (warning === undefined || results.warnings.includes(warning)) return
  results.inputs = inputs
  results.warnings.push(warning)
}

/** A loghub corpus whose structured CSV has no row for some messages: a warning (once per corpus). */
async function noteUncategorised(results: MeasuredResults, corpus: CorpusSpec, stats: CorpusLoadStats): Promise<void> {
  // a shard's uncategorised messages are only those it measured: its count would differ by shard
  if (stats.outsideShare > 0) return
  const warning = await loghubUncategorisedWarning({ ...corpus, format: resolveCorpusFormat(corpus) }, stats)
  if (warning !== undefined && !results.warnings.includes(warning)) results.warnings.push(warning)
}

/** Records the machine's load when the suite ends (it was taken at the start by collectEnvironment). */
function withLoadAtEnd(results: MeasuredResults): MeasuredResults {
  const start = results.environment.loadAverage?.start ?? 0
  results.environment.loadAverage = { start, end: loadavg()[0] ?? 0 }
  return results
}

interface BuiltCompressor {
  ref: ConfigRef
  /** null for a config built per corpus (derived store or dictionary) */
  compressor: Compressor | null
}

/** Builds every compressor; when one fails, closes those already built (an external process must not outlive the error). */
async function buildCompressors(
  suite: Suite,
  create: (ref: ConfigRef) => Promise<Compressor>,
): Promise<BuiltCompressor[]> {
  const built: BuiltCompressor[] = []
  try {
    for (const ref of suite.configs) {
      const derived = hasDerivedState(ref)
      if (derived) await checkDerivedConfig(ref, suite)
      built.push({ ref, compressor: derived ? null : await create(ref) })
    }
  } catch (error) {
    await closeCompressors(built)
    throw error
  }
  return built
}

/** What a compressor holding a resource (an external process) adds: close(), and how its latency is measured. */
type ResourceCompressor = Compressor & { close?: unknown; latencyMode?: unknown }

async function closeCompressors(built: readonly BuiltCompressor[]): Promise<void> {
  await Promise.all(built.map(({ compressor }) => closeCompressor(compressor)))
}

/** Closes a compressor that holds a resource; others have nothing to close. */
async function closeCompressor(compressor: Compressor | null): Promise<void> {
  const close = (compressor as ResourceCompressor | null)?.close
  if (typeof close === 'function') await (close as () => Promise<void>).call(compressor)
}

async function defaultCompressor(
  ref: ConfigRef,
  suite: Suite,
  createExternal: RunSuiteOptions['createExternalCompressor'],
): Promise<Compressor> {
  const config = await loadSuiteConfig(ref, suite)
  if (!isExternalConfig(config)) return createCompressorFromConfig(config)
  if (createExternal === undefined) {
    throw new AuraError(
      'E_EXTERNAL',
      `config ${ref.name} names an external compressor, and this run cannot start one`,
      { file: config.file },
      { hint: 'run it with `aura-bench run`, or pass createExternalCompressor' },
    )
  }
  return createExternal(config)
}

async function presentCorpora(
  specs: readonly CorpusSpec[],
  warnings: string[],
  onEvent: RunSuiteOptions['onEvent'],
): Promise<CorpusSpec[]> {
  const present: CorpusSpec[] = []
  for (const spec of specs) {
    const check = await checkCorpusFile(spec)
    if (check.status === 'present') {
      present.push(spec)
      // a structured CSV of another log would label every message with that log's events
      await checkLoghubCorpusCsv(spec)
      const formatWarning = await loghubFormatWarning(spec)
      if (formatWarning !== undefined) warnings.push(formatWarning)
    } else if (spec.required) throw check.error
    else {
      const reason = corpusSkippedWarning(spec.name, check.error.message)
      warnings.push(reason)
      onEvent?.({ kind: 'corpus-skipped', corpus: spec.name, reason })
    }
  }
  if (present.length === 0)
    throw new AuraError('E_CORPUS_EMPTY', 'no corpus of this suite is present, nothing to measure', {
      field: 'corpora',
    })
  return present
}

class AbortError extends Error {}

async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  for await (const item of source) {
    if (signal?.aborted === true) throw new AbortError('aborted')
    yield item
  }
}
