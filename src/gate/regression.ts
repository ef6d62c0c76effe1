/**
 * A run against a baseline results.json: per corpus x config (matched by name) and per metric, the
 * delta and a verdict. Size metrics are deterministic and compared exactly against their thresholds;
 * latency goes through regression-latency.ts, which accounts for the noise of both runs.
 */
import { metricLabel, METRICS, readMetric, TARGET_METRICS, type TargetMetric } from '../core/index.ts'
import { formatMetricValue, isGatedConfig, THRESHOLD_EPSILON } from '../report/index.ts'
import type {
  BaselineComparison,
  MetricRegression,
  Results,
  RunRegression,
  RunResult,
  RegressionVerdict,
} from '../runner/index.ts'
import type { GateSpec, RegressionSpec } from '../suite/index.ts'
import { formatDelta } from './regression-format.ts'
import { incomparableReason, judgeLatency, latencyEvidence } from './regression-latency.ts'
import { allowedWorsening, resolveThresholds, worsening } from './regression-thresholds.ts'

/** What a comparison needs besides the two results. */
export interface CompareOptions {
  /** the baseline file as given, for reports */
  baselinePath: string
  /** the suite's `regression:` section */
  regression?: RegressionSpec
  /** which configs' regressions fail the gate */
  gate: GateSpec
  /** false with --no-latency-gate: latency regressions are reported but never fail the gate */
  gateLatency: boolean
}

/** Compares every run of `current` with the same corpus x config of `baseline`. */
export function compareToBaseline(current: Results, baseline: Results, options: CompareOptions): BaselineComparison {
  const key = (run: Pick<RunResult, 'corpus' | 'config'>): string => `${run.corpus} x ${run.config}`
  const baselineRuns = new Map(baseline.runs.map((run) => [key(run), run]))
  const currentKeys = new Set(current.runs.map(key))
  const runs: RunRegression[] = []
  const newRuns: string[] = []
  for (const run of current.runs) {
    const before = baselineRuns.get(key(run))
    if (before === undefined) newRuns.push(key(run))
    else runs.push(compareRun(run, before, { current, baseline }, options))
  }
  const undigested = [...new Set(current.runs.map((run) => run.corpus))].filter(
    (corpus) =>
      baselineRuns.size > 0 &&
      baseline.runs.some((run) => run.corpus === corpus) &&
      (corpusDigest(current, corpus) === undefined || corpusDigest(baseline, corpus) === undefined),
  )
  return {
    path: options.baselinePath,
    suite: baseline.suite,
    startedAt: baseline.startedAt,
    environment: baseline.environment,
    verdict: worstVerdict(runs.map((r) => r.verdict)),
    runs,
    missingRuns: baseline.runs.map(key).filter((k) => !currentKeys.has(k)),
    newRuns,
    ...(undigested.length === 0 ? {} : { corporaWithoutDigest: undigested }),
  }
}

/** The sha256 of a corpus's file as a run read it (results.json `inputs.corpora[].sha256`, round 32); undefined before. */
function corpusDigest(results: Results, corpus: string): string | undefined {
  return results.inputs?.corpora.find((c) => c.name === corpus)?.sha256
}

function compareRun(
  run: RunResult,
  before: RunResult,
  results: { current: Results; baseline: Results },
  options: CompareOptions,
): RunRegression {
  const base = { corpus: run.corpus, config: run.config }
  if (run.state === 'failed' || before.state === 'failed') {
    const which = run.state === 'failed' ? 'this run failed' : 'the baseline run failed'
    return { ...base, verdict: 'inconclusive', metrics: [], note: `${which}: its metrics are not comparable` }
  }
  const gatedConfig = isGatedConfig(options.gate, run.config)
  const incomparable = incomparableReason(
    {
      environment: results.baseline.environment,
      ...(before.metrics.latencyUs === undefined ? {} : { latency: before.metrics.latencyUs }),
    },
    {
      environment: results.current.environment,
      ...(run.metrics.latencyUs === undefined ? {} : { latency: run.metrics.latencyUs }),
    },
  )
  const note = corpusNote(before, run, {
    before: corpusDigest(results.baseline, run.corpus),
    now: corpusDigest(results.current, run.corpus),
  })
  const metrics: MetricRegression[] = []
  for (const metric of TARGET_METRICS) {
    const compared = compareMetric(metric, before, run, options.regression, incomparable)
    if (compared === undefined) continue
    const isLatency = METRICS[metric].kind === 'latency'
    metrics.push({
      ...(note === undefined || isLatency ? compared : onOtherMessages(compared, note)),
      gated: gatedConfig && (!isLatency || options.gateLatency),
    })
  }
  return {
    ...base,
    verdict: worstVerdict(metrics.map((m) => m.verdict)),
    metrics,
    ...(note === undefined ? {} : { note }),
  }
}

/** How the note of a run on other messages than its baseline's starts (the CLI's warning finds it by this). */
export const CORPUS_DIFFERS_PREFIX = "the corpus differs from the baseline's"

/**
 * Size metrics compare exactly only on the same messages: say so when the corpus changed. By content
 * when both runs recorded the corpus file's sha256 (the same count and bytes of other messages is a
 * changed corpus too); by message count and bytes alone when either did not (a baseline saved before
 * round 32: `corporaWithoutDigest` says so).
 */
function corpusNote(
  before: RunResult,
  run: RunResult,
  digest: { before: string | undefined; now: string | undefined },
): string | undefined {
  const a = before.metrics
  const b = run.metrics
  const sameCounts = a.messages === b.messages && a.originalBytes === b.originalBytes
  const compared = digest.before !== undefined && digest.now !== undefined
  if (sameCounts && (!compared || digest.before === digest.now)) return undefined
  const counts = `${a.messages} messages / ${a.originalBytes} bytes then, ${b.messages} / ${b.originalBytes} now`
  const content =
    sameCounts && compared
      ? `; the corpus file's sha256 ${digest.before?.slice(0, 12)}… then, ${digest.now?.slice(0, 12)}… now: other bytes of the same size`
      : ''
  return `${CORPUS_DIFFERS_PREFIX} (${counts}${content}): size metrics compare different messages`
}

/**
 * A size metric worse on other messages than the baseline's (a `--limit` smoke run against a full
 * baseline, a corpus that grew) cannot be told from the data changing: it warns, never fails the
 * gate, and says why (a warning, not a pass: a changed corpus and a regressed config together must
 * still show). A round-trip mismatch fails whatever the messages.
 */
function onOtherMessages(compared: Omit<MetricRegression, 'gated'>, note: string): Omit<MetricRegression, 'gated'> {
  if (compared.metric === 'roundTripMismatches' || compared.verdict !== 'fail') return compared
  return { ...compared, verdict: 'warn', reason: `${compared.reason}; only a warning: ${note}` }
}

function compareMetric(
  metric: TargetMetric,
  before: RunResult,
  run: RunResult,
  spec: RegressionSpec | undefined,
  incomparable: string | undefined,
): Omit<MetricRegression, 'gated'> | undefined {
  const baseline = finite(readMetric(before.metrics, metric))
  const current = finite(readMetric(run.metrics, metric))
  if (baseline === undefined && current === undefined) return undefined
  const thresholds = resolveThresholds(metric, spec)
  const allowedWarn = allowedWorsening(thresholds, 'warn', baseline ?? 0)
  const allowedFail = allowedWorsening(thresholds, 'fail', baseline ?? 0)
  const common = { metric, allowedWarn, allowedFail }
  if (baseline === undefined || current === undefined) {
    const where = baseline === undefined ? 'in the baseline' : 'in this run'
    return {
      ...common,
      baseline: baseline ?? Number.NaN,
      current: current ?? Number.NaN,
      delta: Number.NaN,
      relativeDelta: null,
      verdict: 'inconclusive',
      reason: `not measured ${where}`,
    }
  }
  const delta = current - baseline
  const measured = {
    ...common,
    baseline,
    current,
    delta,
    relativeDelta: baseline === 0 ? null : delta / Math.abs(baseline),
  }
  if (METRICS[metric].kind === 'latency') {
    const a = latencyEvidence(before.metrics.latencyUs, metric)
    const b = latencyEvidence(run.metrics.latencyUs, metric)
    if (a === undefined || b === undefined) return undefined
    return {
      ...measured,
      ...judgeLatency({
        metric,
        baseline: a,
        current: b,
        allowedWarn,
        allowedFail,
        ...(incomparable === undefined ? {} : { incomparable }),
      }),
    }
  }
  return { ...measured, ...judgeSize(metric, baseline, current, allowedWarn, allowedFail) }
}

/** Deterministic metrics: a worsening beyond a threshold (plus float rounding, 1e-9 relative) warns or fails. */
function judgeSize(
  metric: TargetMetric,
  baseline: number,
  current: number,
  allowedWarn: number,
  allowedFail: number,
): Pick<MetricRegression, 'verdict' | 'reason'> {
  const worse = worsening(metric, baseline, current)
  const tolerance = THRESHOLD_EPSILON * Math.max(1, Math.abs(baseline))
  const change = `${formatMetricValue(metric, baseline)} → ${formatMetricValue(metric, current)} (${formatDelta(metric, current - baseline)})`
  const allowance = (allowed: number): string =>
    allowed === 0 ? 'no worsening allowed' : `up to ${formatDelta(metric, allowed).replace(/^\+/, '')} worse`
  if (worse > allowedFail + tolerance)
    return { verdict: 'fail', reason: `${change}: worse beyond the fail threshold (${allowance(allowedFail)})` }
  if (worse > allowedWarn + tolerance)
    return { verdict: 'warn', reason: `${change}: worse beyond the warn threshold (${allowance(allowedWarn)})` }
  return {
    verdict: 'pass',
    reason:
      worse > tolerance
        ? `${change}: within the thresholds (${allowance(allowedFail)})`
        : worse < -tolerance
          ? `${change}: better`
          : 'unchanged',
  }
}

function finite(value: number | undefined): number | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : value
}

/** Gate reasons for regressions that fail it: one sentence per gated metric whose verdict is `fail`, naming it (by the suite's label when it gives one). */
export function regressionReasons(comparison: BaselineComparison, labels: Readonly<Record<string, string>>): string[] {
  const reasons: string[] = []
  for (const run of comparison.runs) {
    for (const m of run.metrics) {
      if (m.verdict !== 'fail' || !m.gated) continue
      const label = labels[m.metric] ?? metricLabel(m.metric)
      reasons.push(
        `Config "${run.config}" on corpus "${run.corpus}": regression in ${label} (${m.metric}) against the baseline ${comparison.path}: ${m.reason}`,
      )
    }
  }
  return reasons
}

/** Severity order of verdicts, for the worst of several: fail > warn > inconclusive > pass. */
const VERDICT_SEVERITY: Record<RegressionVerdict, number> = { pass: 0, inconclusive: 1, warn: 2, fail: 3 }

/** The worst of several verdicts; `pass` for none. */
function worstVerdict(verdicts: Iterable<RegressionVerdict>): RegressionVerdict {
  let worst: RegressionVerdict = 'pass'
  for (const v of verdicts) if (VERDICT_SEVERITY[v] > VERDICT_SEVERITY[worst]) worst = v
  return worst
}
