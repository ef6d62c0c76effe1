/**
 * Runs a comparison: every entry of the suite's compare section on every corpus.
 *
 * Steps:
 * 1. Check every corpus file first: a missing shared-corpora folder is bad input, named once; so is
 *    every corpus whose training or held-out part is empty.
 * 2. Build the hybrid compressors (the suite's configs).
 * 3. Per corpus: load the training and held-out splits; order the held-out messages by a seeded
 *    shuffle (size passes cut short by their budget then measured a uniform sample) and take the
 *    first of that order as the latency sample; group them into connections for the stateful entries.
 * 4. Per entry: build the codec (dictionaries from the training split), measure, and report progress.
 * 5. Estimate the whole-corpus ratio of budget-cut entries (estimate.ts), then mark each corpus's
 *    Pareto frontier among the per-message entries.
 */
import { basename, dirname, join } from 'node:path'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { AuraError, createRandom, shuffledCopy, type Compressor, type CompressorConfig } from '../core/index.ts'
import { codecLibraryVersions } from '../codecs/index.ts'
import { recordingsBeside, recordingsNotReadNote, resolveCorpusFormat, type CorpusMessage } from '../corpus/index.ts'
import { collectEnvironment, recordedCost } from '../runner/index.ts'
import {
  defaultCompareSpec,
  refuseStatefulTargets,
  type CompareSpec,
  type ConfigRef,
  type CorpusSpec,
  type Suite,
} from '../suite/index.ts'
import { formatCount } from '../report/index.ts'
import { alignConnectionSamples, sampledEntriesWarning } from './align-connections.ts'
import { heldOutDigest, withReplayedConnections } from './baseline-connections.ts'
import { checkCorpora } from './check-corpora.ts'
import { groupByConnection, unrecordedMessagesWarning } from './group-connections.ts'
import { buildHybrids, createHeldOutDerived, derivedInSampleFindings, markInSample } from './hybrid-configs.ts'
import { checkSplitParts, loadSplitCorpus } from './split-parts.ts'
import { measureConnectionMemory, PROBE_BUDGET_BYTES } from './connection-memory.ts'
import { childProbeAvailable, type ProbeRequest, probeInChildProcess } from './memory-probe-child.ts'
import { createEntryMeasurer, createMemoryProbe, type StatefulHybrid } from './entry-measurer.ts'
import { estimateSampledRatios } from './estimate.ts'
import type { ConnectionSizes } from './measure-stateful-entry.ts'
import { statefulZstdMemoryWarning } from '../stateful/index.ts'
import { computeParetoFrontier } from './pareto.ts'
import { withSuiteCurrent } from './suite-current.ts'
import { createPace, type Pace } from './pace.ts'
import { createEntrySpecs, toQuickSpec } from './plan.ts'
import { gatedStatefulConfigs } from './stateful-gate.ts'
import { MIN_HELD_OUT_FOR_PICK } from './summary-sentences.ts'
import type { Comparison, CorpusComparison, CorpusInfo, EntryResult, EntrySpec } from './types.ts'

/** Something the comparison reports while it goes. */
export type CompareEvent =
  | {
      kind: 'corpus-start'
      corpus: string
      entries: number
      heldOutMessages: number
      corpusIndex: number
      corpusCount: number
    }
  | { kind: 'entry-end'; corpus: string; entry: EntryResult; entryIndex: number; entryCount: number }
  | { kind: 'corpus-skipped'; corpus: string; reason: string }
  /** s40-trial D1/D2: said while the comparison goes (a probe can take minutes before the first corpus line) */
  | { kind: 'warning'; message: string }
  | { kind: 'memory-probe-start'; entries: number; connections: number }

/** Options of a comparison run. */
interface CompareOptions {
  /** fewer levels, a small latency sample, short budgets (see toQuickSpec) */
  quick?: boolean
  onEvent?: (event: CompareEvent) => void
  /** stops at the next yield point (between messages, pace.ts); the comparison then rejects with ComparisonAborted */
  signal?: AbortSignal
  /** builds a hybrid compressor for a config ref; default: load the config YAML and its store/dictionary */
  createHybrid?: (ref: ConfigRef) => Promise<Compressor>
  /**
   * round 37: called while a config's `discover:` / `zstd_dict_training:` state is built for a corpus (discovery
   * computes synchronously between its reads, where no pace runs); the CLI's turns signals to their default
   * action (the process ends at once, nothing written) and returns the function that turns them back
   */
  endOnSignal?: () => () => void
}

export { ComparisonAborted } from './pace.ts'

/** Measures the suite's comparison; throws AuraError for bad input (missing corpora, bad configs). */
export async function runComparison(suite: Suite, options: CompareOptions = {}): Promise<Comparison> {
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const pace = createPace(options.signal)
  const loadAtStart = loadavg()[0] ?? 0
  const asked =
    options.quick === true
      ? toQuickSpec(suite.compare ?? defaultCompareSpec())
      : (suite.compare ?? defaultCompareSpec())
  const warnings: string[] = []
  // no compare.current: the codec of the suite's cost.baseline_config, when it is one codec at one level
  const { spec, note: currentNote } = await withSuiteCurrent(asked, suite)
  if (currentNote !== undefined) warnings.push(currentNote)
  const corpora = await checkCorpora(suite.corpora, warnings, (corpus, reason) =>
    options.onEvent?.({ kind: 'corpus-skipped', corpus, reason }),
  )
  await checkSplitParts(corpora, 'compare')
  // the per-connection entries stream a connection's messages through one context, in file order
  for (const corpus of corpora)
    if (corpus.harDirection === 'both' && isHar(corpus))
      warnings.push(
        `corpus ${corpus.name}: har_direction: both: the per-connection entries (permessage-deflate with context takeover, stateful configs, connection memory) stream the client's frames through the server's one context as if sent server to client, while a real connection keeps a context per direction (and masks client frames); the per-message entries are unaffected. Compare each direction as its own corpus entry (har_direction: receive, and send) for per-connection figures`,
      )
  const { hybrids, statefulConfigs, derived } = spec.hybrids
    ? await buildHybrids(suite, options.createHybrid)
    : {
        hybrids: new Map<string, Compressor>(),
        statefulConfigs: new Map<string, CompressorConfig>(),
        derived: [] as ConfigRef[],
      }
  // s40-trial D2: a stateful zstd config whose connections hold tens of MiB each is said before its memory probe runs
  for (const config of statefulConfigs.values()) {
    const heavy = await statefulZstdMemoryWarning(config)
    if (heavy !== undefined) {
      warnings.push(heavy)
      options.onEvent?.({ kind: 'warning', message: heavy })
    }
  }
  // round 35: compare judges the targets reaching a stateful config (stateful-gate.ts); one it has no figure for is bad input
  refuseStatefulTargets(suite, [...statefulConfigs.keys()])
  const perMessage = suite.configs.filter((ref) => derived.includes(ref) || hybrids.has(ref.name))
  const inSample = await derivedInSampleFindings(suite, perMessage, corpora)
  warnings.push(...inSample.map((finding) => finding.warning))
  const entrySpecs = createEntrySpecs(spec, suite.configs, new Set(statefulConfigs.keys()))
  // a gated stateful config is judged on every held-out message: the size budget cuts no per-connection replay
  const wholeReplay = gatedStatefulConfigs(suite, [...statefulConfigs.keys()]).length > 0
  if (options.quick === true && suite.compare !== undefined && suite.compare.sizeBudgetMs > spec.sizeBudgetMs) {
    const quickNote = `--quick: compare.size_budget_ms is ${formatCount(spec.sizeBudgetMs)} ms here instead of the suite's ${formatCount(suite.compare.sizeBudgetMs)}, so per-message entries past it are measured on a sample${wholeReplay ? ' (the gated stateful config and the per-connection entries still replay every held-out message)' : ''}; run without --quick for the suite's budget`
    warnings.push(quickNote)
    options.onEvent?.({ kind: 'warning', message: quickNote })
  }
  const libraries: Record<string, string> = { ...codecLibraryVersions() }
  for (const compressor of hybrids.values()) Object.assign(libraries, compressor.libraries)
  const results: CorpusComparison[] = []
  let connectionMemory: Comparison['connectionMemory'] = []
  for (const [corpusIndex, corpus] of corpora.entries()) {
    await pace()
    // an entry with `discover:` / `zstd_dict_training:` gets its store and dictionary from this corpus, as `run` builds it
    const corpusHybrids = new Map(hybrids)
    for (const ref of derived) {
      const release = options.endOnSignal?.()
      let compressor: Compressor
      try {
        compressor = await createHeldOutDerived(ref, corpus, suite, startedAt)
      } finally {
        release?.()
      }
      // a signal pending as the listeners came back is let in here: the comparison stops before measuring
      await pace()
      corpusHybrids.set(ref.name, compressor)
      Object.assign(libraries, compressor.libraries)
    }
    const measured = await compareCorpus(
      corpus,
      entrySpecs,
      spec,
      { hybrids: corpusHybrids, statefulConfigs },
      { ...options, pace, wholeReplay },
      {
        corpusIndex,
        corpusCount: corpora.length,
      },
    )
    connectionMemory = measured.connectionMemory ?? connectionMemory
    if (measured.connectionMemory !== undefined) warnings.push(...probeBudgetWarnings(measured.connectionMemory, spec))
    results.push(markInSample(measured.comparison, inSample))
    const unrecorded = measured.unrecordedWarning
    if (unrecorded !== undefined) warnings.push(unrecorded)
    const sampled = sampledEntriesWarning(corpus.name, measured.comparison.entries, spec.sizeBudgetMs)
    if (sampled !== undefined) warnings.push(sampled)
    const heldOut = measured.comparison.corpus.heldOutMessages
    if (heldOut < MIN_HELD_OUT_FOR_PICK)
      warnings.push(
        `corpus ${corpus.name}: only ${heldOut} held-out messages, fewer than ${MIN_HELD_OUT_FOR_PICK}: its picks rest on too little to act on; give the corpus more messages`,
      )
  }
  return {
    schemaVersion: 1,
    kind: 'compare',
    suite: suite.name,
    ...(suite.description === '' ? {} : { description: suite.description }),
    ...(suite.question === undefined ? {} : { question: suite.question }),
    startedAt,
    durationSeconds: (performance.now() - started) / 1000,
    quick: options.quick === true,
    environment: collectEnvironment(libraries),
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    settings: {
      budgetsUs: spec.budgetsUs,
      current: spec.current,
      ...(spec.currentIsDefault === true ? { currentIsDefault: true } : {}),
      latency: spec.latency,
      sizeBudgetMs: spec.sizeBudgetMs,
      ...(wholeReplay ? { wholeReplay: true as const } : {}),
      minSizeMessages: spec.minSizeMessages,
      memoryConnections: spec.memoryConnections,
      seed: spec.seed,
    },
    corpora: results,
    connectionMemory,
    warnings,
    // s43-trial D2: `cost --results comparison.json` projects with the suite's cost: section, as for a results.json
    ...recordedCost(suite),
  }
}

/** Memory per connection of every stateful entry, measured once (see connection-memory.ts), warmed with held-out messages. */
async function measureMemory(
  entrySpecs: readonly EntrySpec[],
  spec: CompareSpec,
  heldOut: readonly CorpusMessage[],
  statefulCodecOf: (entry: EntrySpec) => Promise<StatefulHybrid | undefined>,
  pace: Pace,
  signal?: AbortSignal,
): Promise<Comparison['connectionMemory']> {
  const stateful = entrySpecs.filter((e) => e.kind === 'stateful')
  const probes = await Promise.all(stateful.map(async (e) => createMemoryProbe(e, spec, await statefulCodecOf(e))))
  const measured = await measureConnectionMemory(
    probes,
    heldOut.map((m) => m.bytes),
    // each entry in a child process of its own (round 39): in one process the readings depended on the order
    {
      connections: spec.memoryConnections,
      pace,
      ...(childProbeAvailable()
        ? { isolate: (request: ProbeRequest, label: string) => probeInChildProcess(request, label, signal) }
        : {}),
    },
  )
  return stateful.flatMap((e) => {
    const memory = measured.get(e.id)
    return memory === undefined ? [] : [{ id: e.id, label: e.label, ...memory }]
  })
}

/** s40-trial D1: an entry whose memory probe stopped at its budget, said with what it measured. */
function probeBudgetWarnings(memory: Comparison['connectionMemory'], spec: CompareSpec): string[] {
  return memory
    .filter((m) => m.connections < spec.memoryConnections)
    .map(
      (m) =>
        `memory per connection of ${m.label}: measured over ${m.connections} of compare.memory_connections ${spec.memoryConnections} connections, which held more than ${PROBE_BUDGET_BYTES / 1024 ** 3} GiB of RSS (the probe's bound): ${(m.measuredRssBytes / 1048576).toFixed(1)} MiB each; 1,000 open connections would hold ${((m.measuredRssBytes * 1000) / 1024 ** 3).toFixed(1)} GiB`,
    )
}

/**
 * s40-trial D5: how many recorded connections have messages on both sides of the split (the report warns that the
 * dictionaries saw the held-out connections only when some do); absent without recordings.
 */
export function connectionsAcrossSplit(
  train: readonly { connection?: string }[],
  heldOut: readonly { connection?: string }[],
): { connectionsAcrossSplit?: number } {
  if (!heldOut.some((m) => m.connection !== undefined)) return {}
  const trained = new Set(train.map((m) => m.connection).filter((c) => c !== undefined))
  const across = new Set(heldOut.map((m) => m.connection).filter((c) => c !== undefined && trained.has(c)))
  return { connectionsAcrossSplit: across.size }
}

async function compareCorpus(
  corpus: CorpusSpec,
  entrySpecs: readonly EntrySpec[],
  spec: CompareSpec,
  configs: { hybrids: ReadonlyMap<string, Compressor>; statefulConfigs: ReadonlyMap<string, CompressorConfig> },
  options: CompareOptions & { pace: Pace; wholeReplay: boolean },
  position: { corpusIndex: number; corpusCount: number },
): Promise<{
  comparison: CorpusComparison
  connectionMemory?: Comparison['connectionMemory']
  unrecordedWarning?: string
}> {
  const { split, train, heldOut } = await loadSplitCorpus(corpus, 'compare')
  if (heldOut.length === 0)
    throw new AuraError(
      'E_CORPUS_EMPTY',
      `corpus ${corpus.name} has no held-out messages to measure`,
      corpus.origin ?? { file: corpus.path },
    )
  const beside = await recordingsBeside(corpus)
  const heldOutShuffled = shuffledCopy(heldOut, createRandom(spec.seed))
  const connections = groupByConnection(heldOut, spec.seed)
  const info: CorpusInfo = {
    name: corpus.name,
    path: corpus.pathAsWritten,
    trainMessages: train.length,
    heldOutMessages: heldOut.length,
    heldOutBytes: heldOut.reduce((sum, m) => sum + m.bytes.length, 0),
    connections: connections.length,
    hasRecordings: heldOut.some((m) => m.connection !== undefined),
    ...connectionsAcrossSplit(train, heldOut),
    // as the suite wrote the corpus's path (as `path` is), so comparison.json does not change from machine to machine
    ...(beside === undefined
      ? {}
      : {
          recordingsFile: corpus.recordingsAsWritten ?? join(dirname(corpus.pathAsWritten), basename(beside.file)),
        }),
    latencySampleMessages: Math.min(spec.latency.messages, heldOut.length),
    heldOutSha256: heldOutDigest(connections),
    split,
  }
  const measure = createEntryMeasurer({
    spec,
    train,
    heldOutShuffled,
    latencySample: heldOutShuffled.slice(0, info.latencySampleMessages),
    connections,
    ...configs,
    pace: options.pace,
    wholeReplay: options.wholeReplay,
  })
  // memory first, on the first corpus, before the entries have allocated and freed contexts whose pages would be reused
  const probed = entrySpecs.filter((e) => e.kind === 'stateful').length
  if (position.corpusIndex === 0 && probed > 0)
    options.onEvent?.({ kind: 'memory-probe-start', entries: probed, connections: spec.memoryConnections })
  const connectionMemory =
    position.corpusIndex === 0
      ? await measureMemory(entrySpecs, spec, heldOut, measure.statefulHybrid, options.pace, options.signal)
      : undefined
  options.onEvent?.({
    kind: 'corpus-start',
    corpus: corpus.name,
    entries: entrySpecs.length,
    heldOutMessages: heldOut.length,
    ...position,
  })
  const entries: EntryResult[] = []
  const frameSizes = new Map<string, readonly number[]>()
  const connectionSizes = new Map<string, readonly ConnectionSizes[]>()
  for (const [entryIndex, entrySpec] of entrySpecs.entries()) {
    await options.pace()
    const startMs = performance.now()
    const measured = await measure(entrySpec)
    const entry = { ...measured.result, measureMs: performance.now() - startMs }
    if (measured.frameSizes !== undefined) frameSizes.set(entrySpec.id, measured.frameSizes)
    if (measured.connectionSizes !== undefined) connectionSizes.set(entrySpec.id, measured.connectionSizes)
    entries.push(entry)
    options.onEvent?.({ kind: 'entry-end', corpus: corpus.name, entry, entryIndex, entryCount: entrySpecs.length })
  }
  const comparison = {
    corpus: info,
    entries: markPareto(
      estimateSampledRatios(
        withReplayedConnections(alignConnectionSamples(entries, connectionSizes), connectionSizes),
        frameSizes,
        info.heldOutBytes,
      ),
    ),
  }
  const unrecordedWarning = unrecordedMessagesWarning(
    corpus.name,
    heldOut,
    beside === undefined ? undefined : { ...beside, note: recordingsNotReadNote(beside.file, corpus.path) },
  )
  return {
    comparison,
    ...(connectionMemory === undefined ? {} : { connectionMemory }),
    ...(unrecordedWarning === undefined ? {} : { unrecordedWarning }),
  }
}

/** Marks the per-message entries on the ratio-vs-encode-p95 frontier (complete, byte-exact, timed). */
export function markPareto(entries: readonly EntryResult[]): EntryResult[] {
  const eligible = entries.filter(
    (e) =>
      e.spec.kind === 'per-message' &&
      e.state === 'complete' &&
      e.roundTrip.mismatches === 0 &&
      e.latencyUs !== undefined,
  )
  const frontier = new Set(
    computeParetoFrontier(
      eligible.map((e) => ({ id: e.spec.id, costUs: e.latencyUs?.encode.p95 ?? Number.NaN, ratio: e.sizes.ratio })),
    ),
  )
  return entries.map((e) => ({ ...e, pareto: frontier.has(e.spec.id) }))
}

function isHar(corpus: Suite['corpora'][number]): boolean {
  try {
    return resolveCorpusFormat(corpus) === 'har'
  } catch {
    return false
  }
}
