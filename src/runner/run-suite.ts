/** Runs a whole suite: every corpus x every config, each run measured by runOne. Targets and the verdict are gate/judgeSuite's. */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { AuraError, InputFingerprints, renderError } from '../core/index.ts'
import { streamCorpus } from '../corpus/index.ts'
import type { CorpusSpec, Suite } from '../suite/index.ts'
import { collectEnvironment } from './environment.ts'
import { describeInputs, recordedCost, withCorpusDigest, withSkippedCorpora } from './inputs.ts'
import { createDerivedCompressor } from './derived-compressor.ts'
import { inSampleWarnings } from './in-sample-findings.ts'
import { parallelSizePass } from './parallel-sizes.ts'
import { createSizeAccumulator } from './size-accumulator.ts'
import { finishRunPartial, measureRunPartial, overBudgetWarning, toRunPartInput, type RunPartial } from './partial.ts'
import { buildCompressors, closeCompressors, defaultCompressor, type BuiltCompressor } from './suite-compressors.ts'
import { AbortError, abortable, noteSmallSample, noteUncategorised, presentCorpora } from './suite-corpora.ts'
import type { RunSuiteOptions, SuiteRun } from './suite-run-types.ts'
import type { MeasuredResults, Results } from './types.ts'

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
 * 5. A `discover:` entry that finds no template in one corpus's part (a property of that corpus, not a
 *    bad file) fails that one corpus x config run, with the error and its hint; the suite goes on
 *    (s37-trial D2: it used to stop, and the other corpora were never measured).
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
  const results = createMeasuredResults(suite, compressors, startedAt, loadAtStart, warnings)
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
    for (const built of compressors) {
      if (options.signal?.aborted === true) return stopped()
      const runIndex = results.runs.length
      options.onEvent?.({ kind: 'run-start', corpus: corpus.name, config: built.ref.name, runIndex, runCount })
      try {
        const partial = await measureOneRunOrFailed(suite, options, { corpus, built, startedAt, fingerprints, results })
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
    // the corpus's identity by content: a baseline or a shard's partial with other bytes of the same size is told apart
    const sha256 = await fingerprints.wholeFileDigest(
      { path: corpus.path, kind: 'corpus file', maxBytes: Number.POSITIVE_INFINITY },
      options.signal,
    )
    if (sha256 === undefined) return stopped()
    if (results.inputs !== undefined) results.inputs = withCorpusDigest(results.inputs, corpus.name, sha256)
  }
  return { results: withLoadAtEnd(results), partials }
}

/** The suite's results before any run: environment, inputs, warnings so far, recorded cost and reference. */
function createMeasuredResults(
  suite: Suite,
  compressors: readonly BuiltCompressor[],
  startedAt: string,
  loadAtStart: number,
  warnings: string[],
): MeasuredResults {
  const libraries: Record<string, string> = {}
  for (const { compressor } of compressors) Object.assign(libraries, compressor?.libraries)
  return {
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
}

/** What measureOneRun needs of the suite run around it. */
interface RunContext {
  corpus: CorpusSpec
  built: BuiltCompressor
  startedAt: string
  fingerprints: InputFingerprints
  /** gains the run's libraries and the corpus's once-only warnings */
  results: MeasuredResults
}

/**
 * measureOneRun, or, when the config's `discover:` finds no template in this corpus, the run as failed
 * (no message measured, `runs[].error` E_NO_TEMPLATES with where and what to do) so that the suite goes on.
 */
async function measureOneRunOrFailed(suite: Suite, options: RunSuiteOptions, context: RunContext): Promise<RunPartial> {
  try {
    return await measureOneRun(suite, options, context)
  } catch (error) {
    if (!(error instanceof AuraError) || error.code !== 'E_NO_TEMPLATES' || context.built.compressor !== null)
      throw error
    return failedRunPartial(context.corpus.name, context.built.ref.name, error)
  }
}

/** A run that could not be built: nothing measured, its error (first line of stderr's form, and the hint) recorded. */
export function failedRunPartial(corpus: string, config: string, error: AuraError): RunPartial {
  const rendered = renderError(error)
    .split('\n')
    .map((line) => line.replace(/^error [A-Z_]+( in)? /, ''))
    .join('; ')
  return {
    corpus,
    config,
    sizes: createSizeAccumulator(),
    latency: { state: 'failed', error: { code: error.code, message: `could not be measured: ${rendered}` } },
    sharedStateBytes: 0,
  }
}

/** One corpus x config: the corpus streamed afresh (a shard's share only) through the compressor, measured as a part. */
async function measureOneRun(suite: Suite, options: RunSuiteOptions, context: RunContext): Promise<RunPartial> {
  const { corpus, built, startedAt, fingerprints, results } = context
  const ref = built.ref
  const compressor = built.compressor ?? (await createDerivedCompressor(ref, corpus, suite, startedAt))
  Object.assign(results.environment.libraries, compressor.libraries)
  const started = performance.now()
  const share = options.share
  const stream = streamCorpus(
    { ...corpus, fingerprints },
    share === undefined ? undefined : { keeps: (index, connection) => share.keeps(index, connection, corpus.name) },
  )
  const partial = await measureRunPartial(
    toRunPartInput({
      corpusName: corpus.name,
      configName: ref.name,
      compressor,
      messages: abortable(stream, options.signal),
      latency: { ...suite.latency, enabled: options.latencyEnabled ?? suite.latency.enabled },
      ...(built.compressor === null || options.createCompressor !== undefined
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
  return partial
}

/** Records the machine's load when the suite ends (it was taken at the start by collectEnvironment). */
function withLoadAtEnd(results: MeasuredResults): MeasuredResults {
  const start = results.environment.loadAverage?.start ?? 0
  results.environment.loadAverage = { start, end: loadavg()[0] ?? 0 }
  return results
}
