/**
 * The warnings the gate adds to a run's results (no target gated, a corpus that differs from the
 * baseline's) and why a run is too partial to be saved as a baseline: read off the judged results,
 * nothing written here (run-gate.ts writes).
 */
import { CORPUS_DIFFERS_PREFIX } from '../gate/index.ts'
import { NO_GATED_TARGET_PREFIX, PARTIAL_PREFIX, UNMEASURED_GATED_CONFIG } from '../report/index.ts'
import type { Results } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'

/**
 * A run where no target gated (the suite sets none, or none of its targets gates: `gated: false`,
 * latency under --no-latency-gate, configs the gate leaves out) passed with no warning, and report.md
 * said every gated target was met (s31's trial): said once, in the warnings.
 */
export function noGatedTargetWarning(
  results: Pick<Results, 'runs' | 'suite'> & Partial<Pick<Results, 'incomplete'>>,
  suite: Pick<Suite, 'targets'> & Partial<Pick<Suite, 'gate' | 'configs'>>,
): string[] {
  const complete = results.runs.filter((run) => run.state === 'complete')
  if (complete.length === 0 || complete.some((run) => run.targets.some((target) => target.gated))) return []
  const unmeasured = unmeasuredGatedConfigs(results, suite)
  if (unmeasured !== undefined)
    return [
      `${NO_GATED_TARGET_PREFIX}${unmeasured}, so none of its gated targets was judged; the gate fails on that (see its reasons), and the figures of the configs that did run do not gate`,
    ]
  const why =
    suite.targets.length === 0
      ? `suite ${results.suite} sets no targets`
      : `none of suite ${results.suite}'s ${suite.targets.length} target(s) gates a measured run (gated: false, latency under --no-latency-gate, or a config the gate leaves out)`
  return [
    `${NO_GATED_TARGET_PREFIX}${why}, so the gate checked only that every run completed and round-tripped byte-exact (and the baseline, if one was given); add gated targets: (ratio, templateHitRate, ...) to gate on the figures`,
  ]
}

/**
 * Why no target gated when the suite has gated targets for a gated config that was never measured to
 * the end (its runs failed, or the suite stopped before them): "add gated targets" would be wrong advice
 * (s37-trial D3). Undefined when every gated config with a gated target has a complete run.
 */
function unmeasuredGatedConfigs(
  results: Pick<Results, 'runs'> & Partial<Pick<Results, 'incomplete'>>,
  suite: Pick<Suite, 'targets'> & Partial<Pick<Suite, 'gate' | 'configs'>>,
): string | undefined {
  const names = suite.configs?.map((ref) => ref.name) ?? [...new Set(results.runs.map((run) => run.config))]
  const gatedNames = suite.gate?.configs ?? names
  const withTarget = gatedNames.filter((name) =>
    suite.targets.some((t) => t.gated && (t.configs === undefined || t.configs.includes(name))),
  )
  const notMeasured = withTarget.filter(
    (name) => !results.runs.some((run) => run.config === name && run.state === 'complete'),
  )
  if (notMeasured.length === 0) return undefined
  const failed = results.runs
    .filter((run) => run.state === 'failed' && notMeasured.includes(run.config))
    .map((run) => `${run.config} on ${run.corpus}: ${run.error?.code ?? 'failed'}`)
  const causes = [
    ...(failed.length === 0 ? [] : [`its runs failed (${failed.join('; ')})`]),
    ...(results.incomplete === true ? ['the suite stopped before measuring the rest'] : []),
  ]
  const quoted = notMeasured.map((name) => `"${name}"`).join(', ')
  return `${UNMEASURED_GATED_CONFIG}${notMeasured.length === 1 ? '' : 's'} ${quoted} ${notMeasured.length === 1 ? 'was' : 'were'} never measured${causes.length === 0 ? '' : `: ${causes.join(', and ')}`}`
}

/**
 * One warning per corpus whose messages differ from the baseline's (a `--limit` run against a full
 * baseline, a corpus that grew): its size metrics only warn against the baseline, never fail, which
 * only report.md's Baseline section said (s31's trial). Read from the runs' notes, first run of a corpus.
 */
export function corpusChangeWarnings(results: Pick<Results, 'baseline'>): string[] {
  const said = new Map<string, string>()
  for (const run of results.baseline?.runs ?? [])
    if (run.note?.startsWith(CORPUS_DIFFERS_PREFIX) === true && !said.has(run.corpus))
      said.set(
        run.corpus,
        `corpus ${run.corpus}: ${run.note}, so a worse size metric there only warns against the baseline ${results.baseline?.path}, never fails the gate`,
      )
  // a baseline saved before round 32, or a run that stopped before the end of a corpus, records no corpus
  // digest: a same-size change of the corpus passes unseen
  const undigested = results.baseline?.corporaWithoutDigest ?? []
  if (undigested.length > 0)
    said.set(
      '',
      `the baseline ${results.baseline?.path} or this run records no sha256 of corpus ${undigested.join(', ')} (a baseline saved before round 32, or a run that stopped before it finished the corpus): whether the corpus is the baseline's was judged by message count and bytes only, so other messages of the same size pass unseen; save the baseline again from a whole run to compare by content`,
    )
  return [...said.values()]
}

/**
 * Why a run is partial for a baseline: a `--limit` measured only the first messages (a later full run
 * compares other messages, and a real regression on the same messages then only warns), and runs that
 * failed have no figures to compare with; with `latencyExpected` (the suite measures latency), runs that measured
 * none (`--no-latency`) cannot catch a latency regression. [] for a whole run (a corpus's own `limit:` included).
 */
export function partialBaselineReasons(
  results: Pick<Results, 'warnings' | 'runs'>,
  options: { latencyExpected?: boolean } = {},
): string[] {
  // only `--limit N` (a smoke run): a corpus's own `limit:` is part of the suite, so every later run of
  // it measures the same messages and a baseline from it compares like with like
  const limited = results.warnings
    .filter((w) => w.startsWith(`${PARTIAL_PREFIX}--limit `))
    .map((w) => w.slice(PARTIAL_PREFIX.length))
  const failed = results.runs.filter((run) => run.state === 'failed').map((run) => `${run.corpus} x ${run.config}`)
  // a run that measured no latency (--no-latency, or its timing failed) in a suite that measures it: a baseline
  // from it compares no latency on any later run, which passed unseen (s35-trial D4)
  const untimed =
    options.latencyExpected === true
      ? results.runs
          .filter((run) => run.state === 'complete' && run.metrics?.latencyUs === undefined)
          .map((run) => `${run.corpus} x ${run.config}`)
      : []
  return [
    ...limited,
    ...(untimed.length === 0
      ? []
      : [
          `latency was not measured (${untimed.join(', ')}; --no-latency?): later runs would compare no latency with it`,
        ]),
    ...(failed.length === 0
      ? []
      : [
          `${failed.length === 1 ? 'a run' : `${failed.length} runs`} failed (${failed.join(', ')}): no figures to compare with`,
        ]),
  ]
}

/** At most this share of a corpus's messages sent as template frames counts as "no template use" (round 41). */
const UNUSED_TEMPLATE_SHARE = 0.005

/**
 * Round 41 (s41-trial D1): a hybrid config whose store the corpus never uses (template hit rate ~0%) sends
 * the same frames as a config of the same fallback without the store, and pays the template attempt on
 * every message. results.json does not say which config holds a store, so the warning pairs runs of one
 * corpus: the one with more shared state (store + dictionary) whose methods are the same single fallback
 * as the other's, within 0.5% of its bytes, and with template frames on at most 0.5% of the messages.
 * The encode p50s are quoted when both runs timed latency.
 */
export function unusedTemplateWarnings(results: Pick<Results, 'runs'>): string[] {
  const warnings: string[] = []
  const complete = results.runs.filter((run) => run.state === 'complete' && run.metrics.messages > 0)
  for (const run of complete) {
    const { metrics } = run
    if (metrics.templateHitRate > UNUSED_TEMPLATE_SHARE) continue
    const methods = Object.keys(metrics.methods).filter((m) => m !== 'uncompressed' && m !== 'binary_semantic')
    if (methods.length !== 1) continue
    const twin = complete.find(
      (other) =>
        other !== run &&
        other.corpus === run.corpus &&
        other.metrics.sharedStateBytes < metrics.sharedStateBytes &&
        other.metrics.templateHitRate === 0 &&
        Object.keys(other.metrics.methods).every((m) => m === 'uncompressed' || m === methods[0]) &&
        Math.abs(other.metrics.compressedBytes - metrics.compressedBytes) <= 0.005 * metrics.compressedBytes,
    )
    if (twin === undefined) continue
    const own = metrics.latencyUs?.encode.p50
    const theirs = twin.metrics.latencyUs?.encode.p50
    const time =
      own !== undefined && theirs !== undefined && theirs > 0
        ? `, at ${(own / theirs).toFixed(1)}x its encode p50 (${own.toFixed(1)} against ${theirs.toFixed(1)} µs)`
        : ''
    if (own !== undefined && theirs !== undefined && own <= theirs) continue
    warnings.push(
      `templates used on ${(metrics.templateHitRate * 100).toFixed(1)}% of ${run.corpus}'s messages by config ${run.config}: it sends them as ${methods[0]}, as config ${twin.config} does (bytes within 0.5%)${time}; ${time === '' ? 'the store adds a template attempt per message (latency not measured) for no bytes' : 'the store costs encode time for no bytes'} on this corpus: leave it out of the config for this corpus (\`aura-bench discover\` says how many training messages its template frames win)`,
    )
  }
  return warnings
}
