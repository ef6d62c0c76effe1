/**
 * The gate of `compare` (round 35, issue 16 / s34-trial D5): the suite's `targets:` and `gate:` judged
 * for its stateful configs, from each stateful entry's figures on the held-out half. `run` refuses a
 * stateful config, so this is where its targets are judged. Each stateful hybrid entry is read as a run
 * (statefulRuns) and judged by the report layer's evaluateTargets and evaluateGate: the same metric
 * names, thresholds, NEAR band, `gated: false`, `gate.configs` and reasons as `run`. The metrics a
 * stateful replay does not measure (suite/stateful-targets.ts) are refused before measuring.
 */
import { evaluateGate, evaluateTargets, isGatedConfig } from '../report/index.ts'
import type { LatencyPercentilesUs, Results, RunResult } from '../runner/index.ts'
import type { GateSpec, Suite } from '../suite/index.ts'
import type {
  Comparison,
  ComparisonGate,
  CorpusComparison,
  EntryResult,
  EntrySizes,
  JudgedStatefulEntry,
  PercentilesUs,
} from './types.ts'

/** True for the entry of a suite's `mode: stateful` config (not pmd or zstd_stream, which no target names). */
function isStatefulConfigEntry(entry: EntryResult): entry is EntryResult & { spec: { config: string } } {
  return entry.spec.kind === 'stateful' && entry.spec.codec === 'hybrid' && entry.spec.config !== undefined
}

/** One direction's percentiles as a run's; a comparison before round 35 has no rme (NaN: latency regressions are then not judged). */
function asRunPercentiles(p: PercentilesUs): LatencyPercentilesUs {
  return { p50: p.p50, p95: p.p95, p99: p.p99, mean: p.mean, rme: p.rme ?? Number.NaN, samples: p.samples }
}

/**
 * A stateful entry read as a run of its config on its corpus: sizes over the messages it replayed,
 * round trips, in-order latency. Template hit rate and shrink rate are not measured (NaN: never judged).
 */
export function statefulEntryAsRun(corpus: string, entry: EntryResult & { spec: { config: string } }): RunResult {
  const s = entry.sizes
  return {
    corpus,
    config: entry.spec.config,
    state: entry.state,
    ...(entry.error === undefined ? {} : { error: entry.error }),
    metrics: {
      messages: s.messages,
      originalBytes: s.originalBytes,
      compressedBytes: s.compressedBytes,
      methods: {},
      ratio: s.ratio,
      meanRatio: s.meanRatio,
      savings: s.savings,
      expansionRate: s.expansionRate,
      templateHitRate: Number.NaN,
      shrinkRate: Number.NaN,
      roundTrip: entry.roundTrip,
      sharedStateBytes: entry.sharedStateBytes,
      ...(entry.latencyUs === undefined
        ? {}
        : {
            latencyUs: {
              encode: asRunPercentiles(entry.latencyUs.encode),
              decode: asRunPercentiles(entry.latencyUs.decode),
              mode: `compare ${entry.latencyUs.method}`,
            },
          }),
    },
    categories: {},
    expanding: [],
    mismatches: [],
    targets: [],
  }
}

/** Every stateful config entry of a comparison as a run, corpus by corpus. */
export function statefulRuns(comparison: Pick<Comparison, 'corpora'>): RunResult[] {
  return comparison.corpora.flatMap((c: CorpusComparison) =>
    c.entries.filter(isStatefulConfigEntry).map((entry) => statefulEntryAsRun(c.corpus.name, entry)),
  )
}

/**
 * A results.json of a comparison's `runs` (its suite, start and machine; complete), for the readers of results
 * that take a comparison too: the gate layer's baseline, `history --add`, `cost --results`.
 */
export function comparisonAsResults(
  comparison: Comparison,
  runs: RunResult[],
  gate: Results['gate'] = { status: 'pass', reasons: [] },
  warnings: string[] = [],
): Results {
  return {
    schemaVersion: 1,
    suite: comparison.suite,
    startedAt: comparison.startedAt,
    incomplete: false,
    environment: comparison.environment,
    runs,
    gate,
    warnings,
    ...(comparison.cost === undefined ? {} : { cost: comparison.cost }),
  }
}

/** A comparison's stateful entries as a results.json, for the gate layer's baseline comparison. */
export function statefulResults(comparison: Comparison): Results {
  return comparisonAsResults(
    comparison,
    statefulRuns(comparison),
    comparison.gate === undefined ? undefined : { status: comparison.gate.status, reasons: comparison.gate.reasons },
  )
}

/**
 * The gate spec restricted to the suite's stateful configs (by their config files, not by what was measured: a
 * gated stateful config with no entry must fail as `run` fails a gated config no run has); the per-message
 * configs it lists are `run`'s.
 */
function statefulGate(gate: GateSpec, stateful: ReadonlySet<string>): GateSpec {
  return gate.configs === undefined ? gate : { ...gate, configs: gate.configs.filter((name) => stateful.has(name)) }
}

/**
 * The suite's stateful configs whose gate verdict compare gives: gated, and reached by a target that gates. On a corpus where
 * there is one, every per-connection entry replays every held-out connection (round 43, s43-trial D3 / D7): the
 * verdict and the per-connection comparison beside it rest on every held-out message, and two runs of the suite
 * (a baseline and a later one) judge the same messages whatever the machine's speed.
 */
export function gatedStatefulConfigs(
  suite: Pick<Suite, 'targets' | 'gate'>,
  statefulNames: readonly string[],
): string[] {
  const gate = statefulGate(suite.gate, new Set(statefulNames))
  return statefulNames.filter(
    (name) => isGatedConfig(gate, name) && suite.targets.some((t) => t.gated && reaches(t, name)),
  )
}

/** True when the target applies to the config (no `configs` list: every config). */
function reaches(target: Suite['targets'][number], config: string): boolean {
  return target.configs === undefined || target.configs.includes(config)
}

/**
 * Judges the suite's targets on every stateful config entry a target reaches. Undefined when no target reaches a
 * stateful config and the gate names none (the comparison is then as before round 35). `targets` are the suite's
 * after `--no-latency-gate` (withLatencyGating). `statefulNames`: the suite's `mode: stateful` configs (default:
 * the configs of the stateful entries measured; the CLI passes the suite's, so that one never measured fails).
 * Returns the gate and the sentences about targets it could not judge (a latency target of an entry without latency).
 */
export function judgeStatefulTargets(
  comparison: Pick<Comparison, 'corpora'>,
  suite: Pick<Suite, 'targets' | 'gate'>,
  latencyGated: boolean,
  statefulNames?: readonly string[],
): { gate: ComparisonGate; warnings: string[] } | undefined {
  const runs = statefulRuns(comparison)
  const measured = new Set(runs.map((run) => run.config))
  const stateful = new Set([...(statefulNames ?? []), ...measured])
  const gate = statefulGate(suite.gate, stateful)
  const warnings: string[] = []
  // the gated runs the size budget cut, by the start of their gate reasons: a verdict says it rests on a sample
  const sampled = new Map<string, string>()
  const judged: JudgedStatefulEntry[] = []
  const judgedRuns: RunResult[] = []
  for (const run of runs) {
    if (!suite.targets.some((t) => reaches(t, run.config))) continue
    const evaluation = evaluateTargets(run, suite.targets, gate)
    warnings.push(...evaluation.warnings)
    const entry = comparison.corpora
      .find((c) => c.corpus.name === run.corpus)
      ?.entries.find((e) => isStatefulConfigEntry(e) && e.spec.config === run.config)
    judged.push({
      corpus: run.corpus,
      config: run.config,
      entry: entry?.spec.id ?? `hybrid:${run.config}`,
      messages: run.metrics.messages,
      heldOutMessages: entry?.sizes.heldOutMessages ?? run.metrics.messages,
      targets: evaluation.targets,
    })
    if (entry !== undefined && entry.sizes.coverage === 'sample' && isGatedConfig(gate, run.config)) {
      sampled.set(`Config "${run.config}" on corpus "${run.corpus}": `, sampleClause(run.metrics.messages, entry.sizes))
      warnings.push(
        `config "${run.config}" on corpus "${run.corpus}": its targets were judged on ${run.metrics.messages} of ${entry.sizes.heldOutMessages} held-out messages (the size budget cut the replay); raise compare.size_budget_ms to judge every message`,
      )
    }
    judgedRuns.push({ ...run, targets: evaluation.targets })
  }
  const judgedNames = new Set(judgedRuns.map((run) => run.config))
  // a stateful config the gate names, or a gated one a target reaches, that no entry has: run's "no run has it"
  const named = suite.targets.length === 0 ? [] : (gate.configs ?? []).filter((name) => !measured.has(name))
  const unnamed =
    gate.configs === undefined
      ? [...stateful].filter((name) => !measured.has(name) && suite.targets.some((t) => reaches(t, name)))
      : []
  if (judged.length === 0 && named.length === 0 && unnamed.length === 0) return undefined
  const gatedRuns = judgedRuns.filter((run) => isGatedConfig(gate, run.config))
  // listed configs measured but reached by no target have nothing judged: not "no run has it"
  const checked: GateSpec =
    gate.configs === undefined
      ? gate
      : { ...gate, configs: gate.configs.filter((name) => judgedNames.has(name) || !measured.has(name)) }
  // evaluateGate says "No run was measured" for an empty list: here that means no judged config is gated (a
  // missing one is said by its own reason), which passes
  const verdict = evaluateGate(gatedRuns, checked, false)
  const reasons = [
    ...verdict.reasons
      .filter((reason) => gatedRuns.length > 0 || !reason.startsWith('No run was measured'))
      .map((reason) => onSample(reason, sampled)),
    ...unnamed.map(
      (name) =>
        `The targets reach config "${name}" (mode: stateful) but no entry has it: it was not measured, so there is nothing to judge`,
    ),
  ]
  const status = reasons.length > 0 ? 'fail' : 'pass'
  return { gate: { status, reasons, latencyGated, judged }, warnings }
}

/**
 * How a verdict on a budget-cut replay says so (s37-trial D4: `2.94x, below ≥ 3x` rested on 663 of 3,462
 * held-out messages, 10 of 44 connections, and said nothing of it).
 */
function sampleClause(messages: number, sizes: EntrySizes): string {
  const share = sizes.heldOutMessages === 0 ? 0 : messages / sizes.heldOutMessages
  const connections =
    sizes.connections === undefined || sizes.heldOutConnections === undefined
      ? ''
      : `, ${sizes.connections.toLocaleString('en-US')} of ${sizes.heldOutConnections.toLocaleString('en-US')} connections`
  return `on a sample: ${messages.toLocaleString('en-US')} of ${sizes.heldOutMessages.toLocaleString('en-US')} held-out messages (${(share * 100).toFixed(0)}%)${connections}, as the size budget cut the replay; raise compare.size_budget_ms to judge every message`
}

/** The reason with its run's sample clause when the size budget cut that run. */
function onSample(reason: string, sampled: ReadonlyMap<string, string>): string {
  for (const [start, clause] of sampled) if (reason.startsWith(start)) return `${reason} (${clause})`
  return reason
}
