/**
 * The gate of `aura-bench compare` (round 35, issue 16 / s34-trial D5): before measuring, the flags are
 * read, the metrics a stateful entry cannot meet refused, and `--baseline` (a previous comparison.json)
 * loaded and kept from being overwritten; after measuring, the suite's targets judged on the stateful
 * config entries (compare/stateful-gate.ts) and the entries compared with the baseline by the gate
 * layer's compareToBaseline, with `run --baseline`'s thresholds (`regression:`), verdicts and reasons.
 */
import path from 'node:path'
import { AuraError, reasonOf } from '../core/index.ts'
import {
  checkBaselineMatches,
  commonConnectionSizes,
  judgeStatefulTargets,
  loadComparisonBaseline,
  onCommonConnections,
  statefulResults,
  toComparisonJson,
  withCommonConnectionsNotes,
  type Comparison,
  type LoadedComparisonBaseline,
} from '../compare/index.ts'
import {
  checkBaselineSpared,
  compareToBaseline,
  regressionReasons,
  renderBaselineSection,
  withLatencyGating,
} from '../gate/index.ts'
import { loadCompressorConfig, refuseUnmeasuredStatefulTargets, type Suite } from '../suite/index.ts'
import type { Results } from '../runner/index.ts'
import type { CliIo } from './io.ts'
import { readAcceptRegression } from './accept-regression.ts'

/** The gate flags of one compare. */
export interface CompareGateFlags {
  baseline?: { asWritten: string; absolute: string }
  acceptRegression?: string
  allowMissingBaseline: boolean
  /** false with --no-latency-gate */
  gateLatency: boolean
}

/** Everything the gate needs, prepared before measuring. */
export interface PreparedCompareGate {
  flags: CompareGateFlags
  baseline?: LoadedComparisonBaseline
  /** the --baseline that was not there (with --allow-missing-baseline) */
  missingBaseline?: string
  /**
   * the suite's `mode: stateful` configs, by their config files (read before measuring): a gated one no entry has
   * fails the gate, as run fails a gated config no run has
   */
  statefulConfigs: readonly string[]
}

/** The suite's configs whose file says `mode: stateful` (one that does not load is refused elsewhere, by compare). */
async function statefulConfigNames(suite: Pick<Suite, 'configs'>): Promise<string[]> {
  const names: string[] = []
  for (const ref of suite.configs) {
    const config = await loadCompressorConfig(ref.path).catch(() => undefined)
    if (config?.mode === 'stateful') names.push(ref.name)
  }
  return names
}

/** Reads compare's gate flags (E_USAGE for an --accept-regression without a reason or a baseline). */
export function readCompareGateFlags(
  values: {
    baseline?: string | undefined
    'accept-regression'?: string | undefined
    'allow-missing-baseline'?: boolean | undefined
    'no-latency-gate'?: boolean | undefined
  },
  io: Pick<CliIo, 'cwd'>,
): CompareGateFlags {
  const flags: CompareGateFlags = {
    allowMissingBaseline: values['allow-missing-baseline'] === true,
    gateLatency: values['no-latency-gate'] !== true,
  }
  if (values.baseline !== undefined)
    flags.baseline = { asWritten: values.baseline, absolute: path.resolve(io.cwd, values.baseline) }
  const accept = readAcceptRegression(values['accept-regression'], flags.baseline !== undefined, {
    recordedIn: 'comparison.json and the report',
    exampleBaseline: 'baselines/compare.json',
  })
  if (accept !== undefined) flags.acceptRegression = accept
  return flags
}

/**
 * Before measuring: the baseline is not a file this compare writes (E_BASELINE), it loads and it has a
 * stateful entry of the suite's corpus x config names (E_BASELINE), all exit 2 with nothing written.
 */
export async function prepareCompareGate(
  flags: CompareGateFlags,
  suite: Suite,
  outDir: string,
  reportFiles: readonly string[],
): Promise<PreparedCompareGate> {
  const statefulConfigs = await statefulConfigNames(suite)
  // a target reaching a stateful config compare will not measure (compare.hybrids: false): E_SCHEMA, exit 2
  refuseUnmeasuredStatefulTargets(suite, statefulConfigs)
  const given = flags.baseline
  if (given === undefined) return { flags, statefulConfigs }
  await checkBaselineSpared(
    given.absolute,
    given.asWritten,
    reportFiles.map((name) => ({
      flag: '--out',
      path: path.join(outDir, name),
      ...(name === 'charts' ? { kind: 'folder' as const } : {}),
    })),
  ).catch((error: unknown) => {
    // run's hint names --save-baseline, which compare has not: its comparison.json is kept by copying it
    if (error instanceof AuraError && error.code === 'E_BASELINE')
      throw new AuraError(
        'E_BASELINE',
        error.reason,
        { field: '--out', file: given.asWritten },
        {
          hint: `write this comparison elsewhere (--out DIR), or copy the baseline out of ${path.dirname(given.asWritten) || '.'} first: the comparison.json in --out is replaced`,
        },
      )
    throw error
  })
  try {
    const baseline = await loadComparisonBaseline(given.absolute, given.asWritten)
    checkBaselineMatches(baseline, suite)
    return { flags, baseline, statefulConfigs }
  } catch (error) {
    if (flags.allowMissingBaseline && error instanceof AuraError && /^baseline not found:/.test(error.reason))
      return { flags, missingBaseline: given.asWritten, statefulConfigs }
    throw error
  }
}

/** The loud line of a missing baseline (run's wording, for a comparison). */
export function missingComparisonBaselineText(asWritten: string): string {
  return `NO BASELINE: ${asWritten} was not found, so this comparison was gated on targets alone and regressions could not be seen; keep a comparison.json from main to compare with`
}

/**
 * After measuring: the comparison with its `gate` (when a target reaches a stateful config or a baseline
 * was given) and `baseline`, and the report.md sections the baseline adds. Pure.
 */
export function finishCompareGate(
  comparison: Comparison,
  suite: Pick<Suite, 'targets' | 'gate' | 'regression'>,
  prepared: PreparedCompareGate,
): { comparison: Comparison; sections: string[] } {
  const { gateLatency } = prepared.flags
  const { targets } = withLatencyGating(suite, gateLatency)
  const judged = judgeStatefulTargets(comparison, { targets, gate: suite.gate }, gateLatency, prepared.statefulConfigs)
  const warnings = [...comparison.warnings, ...(judged?.warnings ?? [])]
  if (prepared.missingBaseline !== undefined) warnings.push(missingComparisonBaselineText(prepared.missingBaseline))
  let gate = judged?.gate
  const baseline = prepared.baseline
  if (baseline === undefined) {
    const result = { ...comparison, warnings, ...(gate === undefined ? {} : { gate }) }
    return { comparison: result, sections: [] }
  }
  // the baseline's figures were written to 5 significant digits (toComparisonJson): this comparison's are read the same way,
  // so an unchanged entry compares equal; ratio and savings are then recomputed on both sides from the byte counts,
  // which comparison.json keeps exactly, so a size change of a few bytes in millions is not read as unchanged
  const written = JSON.parse(toComparisonJson(comparison)) as Comparison
  // round 43 (s43-trial D7): on the same held-out part, size metrics over the connections both replays took
  const common = commonConnectionSizes(written, baseline.comparison)
  const current = withExactSizes(onCommonConnections(statefulResults(written), common, 'current'))
  const before = withExactSizes(onCommonConnections(statefulResults(baseline.comparison), common, 'baseline'))
  const compared = withCommonConnectionsNotes(
    compareToBaseline(current, before, {
      baselinePath: baseline.path,
      gate: suite.gate,
      gateLatency,
      ...(suite.regression === undefined ? {} : { regression: suite.regression }),
    }),
    common,
  )
  // a comparison records no sha256 of its corpora: runs are matched by message count and bytes (the note says when they differ)
  const { corporaWithoutDigest: _undigested, ...comparedRuns } = compared
  if (baseline.comparison.suite !== comparison.suite)
    warnings.push(
      `the baseline ${baseline.path} is from suite "${baseline.comparison.suite}", not "${comparison.suite}"; entries were matched by corpus and config names`,
    )
  for (const missing of comparedRuns.missingRuns)
    warnings.push(`the baseline has stateful entry ${missing}, which this comparison does not have`)
  const labels: Record<string, string> = {}
  for (const target of suite.targets) if (target.label !== undefined) labels[target.metric] ??= target.label
  const reasons = regressionReasons(comparedRuns, labels)
  let recorded: Comparison['baseline'] = comparedRuns
  gate ??= { status: 'pass', reasons: [], latencyGated: gateLatency, judged: [] }
  if (reasons.length > 0 && prepared.flags.acceptRegression !== undefined) {
    warnings.push(
      `regression accepted (--accept-regression): ${prepared.flags.acceptRegression}; it would have failed the gate: ${reasons.join('; ')}`,
    )
    recorded = {
      ...comparedRuns,
      acceptedRegression: { reason: prepared.flags.acceptRegression, regressions: reasons },
    }
  } else if (reasons.length > 0) gate = { ...gate, status: 'fail', reasons: [...gate.reasons, ...reasons] }
  const result: Comparison = { ...comparison, warnings, gate, baseline: recorded }
  const section = renderBaselineSection({ ...current, baseline: recorded })
  return { comparison: result, sections: section === undefined ? [] : [section] }
}

/**
 * Ratio and savings from the integer byte counts (a stateful entry's are originalBytes / compressedBytes and
 * 1 - compressedBytes / originalBytes, measure-stateful-entry.ts), at full precision. Mean ratio and expansion rate
 * have no exact counts in comparison.json: they stay at its 5 significant digits (docs/ci.md says so).
 */
function withExactSizes(results: Results): Results {
  return {
    ...results,
    runs: results.runs.map((run) => {
      const { originalBytes, compressedBytes } = run.metrics
      if (!Number.isSafeInteger(originalBytes) || !Number.isSafeInteger(compressedBytes)) return run
      return {
        ...run,
        metrics: {
          ...run.metrics,
          ratio: compressedBytes === 0 ? 0 : originalBytes / compressedBytes,
          savings: originalBytes === 0 ? 0 : 1 - compressedBytes / originalBytes,
        },
      }
    }),
  }
}

/**
 * finishCompareGate, kept from losing the measured comparison: when finishing throws (a bug: bad baselines are
 * refused before measuring), the comparison comes back with a failed gate saying why, and the error beside it,
 * so the caller writes what was measured before reporting the error.
 */
export function finishCompareGateKeeping(
  comparison: Comparison,
  suite: Pick<Suite, 'targets' | 'gate' | 'regression'>,
  prepared: PreparedCompareGate,
): { comparison: Comparison; sections: string[]; error?: Error } {
  try {
    return finishCompareGate(comparison, suite, prepared)
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown))
    const reason = `The gate could not be finished (an internal error, a bug in aura-bench): ${reasonOf(error)}`
    return {
      comparison: {
        ...comparison,
        warnings: [...comparison.warnings, `${reason}; this comparison is written without the gate's verdict`],
        gate: { status: 'fail', reasons: [reason], latencyGated: prepared.flags.gateLatency, judged: [] },
      },
      sections: [],
      error,
    }
  }
}

/** The gate's lines for stdout: `gate: PASS|FAIL` (as run prints it), its reasons, and the targets' statuses. */
export function renderCompareGate(comparison: Comparison): string {
  const gate = comparison.gate
  if (gate === undefined) return ''
  const lines = [`gate: ${gate.status.toUpperCase()}`]
  for (const reason of gate.reasons) lines.push(`  - ${reason}`)
  const near = gate.judged.flatMap((j) =>
    j.targets
      .filter((t) => t.status === 'near')
      .map(
        (t) =>
          `  note: config "${j.config}" on corpus "${j.corpus}": ${t.label} (${t.metric}) is NEAR, not the pass threshold`,
      ),
  )
  lines.push(...near)
  // a verdict (PASS too) on a budget-cut replay says so beside it (s37-trial D4)
  for (const j of gate.judged)
    if (j.messages < j.heldOutMessages && j.targets.some((t) => t.gated))
      lines.push(
        `  on a sample: config "${j.config}" on corpus "${j.corpus}" was judged on ${j.messages.toLocaleString('en-US')} of ${j.heldOutMessages.toLocaleString('en-US')} held-out messages (the size budget cut the replay); raise compare.size_budget_ms to judge every message`,
      )
  const judgedCount = gate.judged.reduce((sum, j) => sum + j.targets.length, 0)
  lines.push(
    `  (${judgedCount} target verdict${judgedCount === 1 ? '' : 's'} on ${gate.judged.length} stateful entr${gate.judged.length === 1 ? 'y' : 'ies'}${comparison.baseline === undefined ? '' : `; against the baseline ${comparison.baseline.path}: ${comparison.baseline.verdict}`})`,
  )
  return `${lines.join('\n')}\n`
}
