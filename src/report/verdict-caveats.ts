/**
 * What limits a verdict, said next to it wherever it is shown (the console's gate line, the top of
 * report.md and report.html, the PR comment, the step summary): a `--limit` smoke run measured only
 * the first messages of each corpus (a suite's `limit:` only the first of its corpus), and an in-sample run measured messages its store or dictionary
 * was made from. Both were said only among the warnings (in report.md far below a green verdict, and
 * not at all in the PR comment), so a smoke run read as the suite's pass. Read from the run's warnings,
 * which results.json records: a merged run carries its shards' warnings, so it says the same.
 */
import { isInSampleWarning } from '../core/index.ts'
import type { LatencyLoad, Results } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'

/** The start of the warning of a run where no target gated (src/cli/run-gate.ts); how the caveat finds it. */
export const NO_GATED_TARGET_PREFIX = 'no target gated this run: '

/** How that warning goes on when the suite's gated targets were for a config that never ran (s37-trial D3). */
export const UNMEASURED_GATED_CONFIG = 'the gated config'

/** The warning every `run --limit N` records first; its start is how the caveat finds it. */
export const PARTIAL_PREFIX = 'partial run: '

/** The warning a `run --limit N` adds to its results (and a shard to its partial). */
export function partialRunWarning(limit: number): string {
  return `${PARTIAL_PREFIX}--limit ${limit} measured at most the first ${limit} messages of each corpus, so the verdict is a smoke run's, not the suite's`
}

/** How a corpus-limit warning (below) names its corpus and limit. */
const CORPUS_LIMIT = /^partial run: corpus (.+)'s limit: (\d+) /

/**
 * The warning a `limit:` written in a suite's corpus entry adds (to results and a shard's partial), as
 * `--limit` does: the corpus was read only to its first `limit` messages, so the verdict is on those.
 * `field` is where the suite sets it (`corpora[0].limit`).
 */
export function corpusLimitWarning(corpus: string, limit: number, field: string): string {
  return `${PARTIAL_PREFIX}corpus ${corpus}'s limit: ${limit} (${field} in the suite) measured at most its first ${limit} messages, so the verdict is on those, not on the whole corpus`
}

/** The corpus-limit warnings of a suite's corpora that set `limit:`, in suite order. */
export function corpusLimitWarnings(suite: Pick<Suite, 'corpora'>): string[] {
  return suite.corpora.flatMap((corpus) =>
    corpus.limit === undefined
      ? []
      : [corpusLimitWarning(corpus.name, corpus.limit, `${corpus.origin?.field ?? 'corpora'}.limit`)],
  )
}

/** One caveat: a few words for a one-line verdict, and a sentence for a report. */
export interface VerdictCaveat {
  /** e.g. `partial run: --limit 5` */
  short: string
  /** a sentence, plain text (callers escape it) */
  long: string
}

/** The caveats of a run's verdict, partial first; [] for a full, out-of-sample run. */
export function verdictCaveats(
  results: Pick<Results, 'warnings'> & Partial<Pick<Results, 'environment' | 'runs'>>,
): VerdictCaveat[] {
  const caveats: VerdictCaveat[] = []
  const partial = results.warnings.find((w) => w.startsWith(`${PARTIAL_PREFIX}--limit `))
  const limit = partial === undefined ? undefined : /--limit (\d+)/.exec(partial)?.[1]
  if (partial !== undefined)
    caveats.push({
      short: `partial run: --limit ${limit}`,
      long: `Partial run (--limit ${limit}): at most the first ${limit} messages of each corpus were measured; this verdict is a smoke run's, not the suite's.`,
    })
  const limited = results.warnings.flatMap((w) => {
    const [, corpus, count] = CORPUS_LIMIT.exec(w) ?? []
    return corpus === undefined || count === undefined ? [] : [{ corpus, count }]
  })
  const first = limited[0]
  if (first !== undefined) {
    const each = limited.map(({ corpus, count }) => `the first ${count} messages of corpus ${corpus}`)
    caveats.push({
      short:
        limited.length === 1
          ? `partial run: limit: ${first.count} on corpus ${first.corpus}`
          : `partial run: limit: on ${limited.length} corpora`,
      long: `Partial run (the suite's limit:): at most ${each.join(', ')} were measured; this verdict is on those messages, not on the whole ${limited.length === 1 ? 'corpus' : 'corpora'}.`,
    })
  }
  const inSample = results.warnings.filter(isInSampleWarning)
  if (inSample.length > 0) {
    const runs = new Set(inSample.map((w) => /^config (.+?) on corpus (.+?): /.exec(w)?.slice(1, 3).join(' x ') ?? w))
    const count = runs.size
    caveats.push({
      short: 'in-sample',
      long: `In-sample: ${count === 1 ? 'one run was' : `${count} runs were`} measured on messages its template store or zstd dictionary was made from, so hit rate and ratio are better than unseen traffic would get (see the warnings).`,
    })
  }
  const noGated = results.warnings.find((w) => w.startsWith(NO_GATED_TARGET_PREFIX))
  const unmeasured = noGated?.slice(NO_GATED_TARGET_PREFIX.length).startsWith(UNMEASURED_GATED_CONFIG)
  if (noGated !== undefined)
    caveats.push({
      short: unmeasured === true ? 'gated config not measured' : 'no target gated',
      long:
        unmeasured === true
          ? `No target gated this run: ${noGated.slice(NO_GATED_TARGET_PREFIX.length).split(', so ')[0]} (see the gate's reasons).`
          : 'No target gated this run: the gate checked only that every run completed and round-tripped byte-exact (see the warnings).',
    })
  const busy = busyMachineCaveat(results)
  if (busy !== undefined) caveats.push(busy)
  return caveats
}

/**
 * Whether a 1-minute load average says other work competed for the CPUs: the load other processes made (the
 * average less aura-bench's own share) above the CPU count. The own share is `ownLoad` (at least 1, ownShareOf) where the runner
 * recorded it (round 38: its threads weighted by when they ran, so the workers of a size pass a minute ago
 * count for about a third, and those of the run before are not taken for other work), else `ownThreads`
 * (s37-fixs M3: the run's main thread and its size-pass workers in full; an idle 1-CPU runner reads about 1
 * from aura-bench alone).
 */
export function loadBeyondOwnThreads(loadAverage: number, cpus: number, ownShare: number): boolean {
  return cpus > 0 && loadAverage - ownShare > cpus
}

/**
 * aura-bench's own share of a run's load reading (see loadBeyondOwnThreads): at least 1, the main thread that
 * runs through the latency pass. The 1-minute average lags: seconds after a process starts its main thread
 * weighs ~0.08 there, while a process that just ended (the run before, `npm test`) still weighs most of
 * what it did, so a fresh run would read its predecessors' leftover load as other work competing now
 * (review of round 38, s38-fixr); with the floor it reads as round 37 did for the main thread.
 */
function ownShareOf(load: LatencyLoad): number {
  return load.ownLoad === undefined ? load.ownThreads : Math.max(load.ownLoad, 1)
}

/**
 * Latency timed on a machine where other work competed for the CPUs, so times (the tails most) read
 * slower than the code is, and a latency verdict looked like any other (s37-trial D8: p99 4,238 µs at
 * load 15-17 on 2 CPUs). Judged from each timed run's load around its latency pass (`latencyLoad`,
 * round 37) less aura-bench's own share of it, against the CPUs; a file written before it has only the
 * suite's start and end load, judged against the CPUs plus the main thread. Undefined when no run timed
 * latency, the load is unknown, or it stayed within that.
 */
export function busyMachineCaveat(results: Partial<Pick<Results, 'environment' | 'runs'>>): VerdictCaveat | undefined {
  const cpus = results.environment?.cpus ?? 0
  if (cpus <= 0) return undefined
  const timed = (results.runs ?? []).filter((run) => run.state === 'complete' && run.metrics?.latencyUs !== undefined)
  if (timed.length === 0) return undefined
  const cpuText = `${cpus} CPU${cpus === 1 ? '' : 's'}`
  const consequence =
    'so other work competed for the CPUs while latency was timed: latency figures and their verdicts (the p99 most) are slower and noisier than this code on an idle machine; compare configs of this run with each other, and judge latency targets from a run on a machine with load below its CPU count.'
  const loads = timed.flatMap((run) => (run.latencyLoad === undefined ? [] : [run.latencyLoad]))
  if (loads.length > 0) {
    const busy = loads.filter((l) => loadBeyondOwnThreads(l.loadAverage, cpus, ownShareOf(l)))
    if (busy.length === 0) return undefined
    const worst = busy.reduce((a, b) => (b.loadAverage - ownShareOf(b) > a.loadAverage - ownShareOf(a) ? b : a))
    const around = `Busy machine: around the latency pass of ${busy.length} of ${timed.length} timed run${timed.length === 1 ? '' : 's'} the 1-minute load average`
    const peak = worst.loadAverage.toFixed(1)
    return {
      short: `busy machine: load ${peak} on ${cpus} CPUs`,
      long:
        worst.ownLoad === undefined
          ? `${around} was above the ${cpuText} plus the run's own threads (up to ${peak}, with ${worst.ownThreads} thread${worst.ownThreads === 1 ? '' : 's'} of the run's own), ${consequence}`
          : `${around} less aura-bench's own threads' share was above the ${cpuText} (up to ${peak}, of which ${ownShareOf(worst).toFixed(1)} aura-bench's own), ${consequence}`,
    }
  }
  const load = results.environment?.loadAverage
  if (load === undefined) return undefined
  const peak = Math.max(load.start, load.end)
  if (!loadBeyondOwnThreads(peak, cpus, 1)) return undefined
  return {
    short: `busy machine: load ${peak.toFixed(1)} on ${cpus} CPUs`,
    long: `Busy machine: the 1-minute load average was ${load.start.toFixed(1)} at the start and ${load.end.toFixed(1)} at the end on ${cpuText} (up to ${(peak / cpus).toFixed(1)}x the CPUs), ${consequence}`,
  }
}

/** True when the run's warnings say no target gated it: the verdict cannot say its targets were met. */
export function noTargetGated(results: Pick<Results, 'warnings'>): boolean {
  return results.warnings.some((w) => w.startsWith(NO_GATED_TARGET_PREFIX))
}
