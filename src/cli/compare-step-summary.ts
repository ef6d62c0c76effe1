/**
 * `compare`'s GitHub step summary (round 40, s40-trial D12): when GITHUB_STEP_SUMMARY is set, what `run` appends
 * there, for the comparison: the verdict (the gate's, failed when an entry failed or did not round-trip, as the
 * exit code is), the targets judged on the stateful config entries, the comparison with `--baseline` (the gate
 * layer's renderStepSummary, as run writes them), then the summary table of report.md (the picks per encode
 * budget, the current codec, the fastest Zstandard at least as small, the stateful figure). The file is proved
 * appendable before measuring (E_OUTPUT, exit 2, nothing measured) and appended after comparison.json and
 * report.md are written, so a failure to append never loses the report.
 */
import path from 'node:path'
import { recommendAll, renderSummaryTable, statefulResults, statefulRuns, type Comparison } from '../compare/index.ts'
import { appendStepSummary, renderStepSummary } from '../gate/index.ts'
import { checkOutputFile, escapeInline, warningCallout } from '../report/index.ts'
import type { Results } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'
import type { CliIo } from './io.ts'
import { missingComparisonBaselineText } from './compare-gate.ts'

/** The step summary file (resolved), proved appendable before measuring; undefined when GITHUB_STEP_SUMMARY is unset or empty. */
export async function prepareCompareStepSummary(io: Pick<CliIo, 'cwd' | 'env'>): Promise<string | undefined> {
  const summary = io.env.GITHUB_STEP_SUMMARY
  if (summary === undefined || summary === '') return undefined
  const file = path.resolve(io.cwd, summary)
  await checkOutputFile(file, 'GITHUB_STEP_SUMMARY', 'append')
  return file
}

/** Why compare exits 1 besides its gate: an entry that failed or did not round-trip byte-exact, one line each. */
function entryProblems(comparison: Comparison): string[] {
  return comparison.corpora.flatMap((c) =>
    c.entries
      .filter((e) => e.state === 'failed' || e.roundTrip.mismatches > 0)
      .map(
        (e) =>
          `${c.corpus.name}: ${e.spec.label}: ${e.state === 'failed' ? `failed (${e.error?.message ?? 'no error recorded'})` : `${e.roundTrip.mismatches} round trips differ`}`,
      ),
  )
}

/** The Markdown compare appends to the step summary (pure). `missingBaseline`: a --baseline not found (--allow-missing-baseline). */
export function renderCompareStepSummary(
  comparison: Comparison,
  suite: Pick<Suite, 'gate'>,
  missingBaseline?: string,
): string {
  const judged = comparison.gate?.judged ?? []
  const runs = statefulRuns(comparison).map((run) => ({
    ...run,
    targets: judged.find((j) => j.corpus === run.corpus && j.config === run.config)?.targets ?? [],
  }))
  const problems = entryProblems(comparison)
  const failed = comparison.gate?.status === 'fail' || problems.length > 0
  const results: Results = {
    ...statefulResults(comparison),
    runs,
    gate: { status: failed ? 'fail' : 'pass', reasons: [...(comparison.gate?.reasons ?? []), ...problems] },
    ...(comparison.baseline === undefined ? {} : { baseline: comparison.baseline }),
  }
  const warning = missingBaseline === undefined ? '' : warningCallout(missingComparisonBaselineText(missingBaseline))
  const scope =
    comparison.gate === undefined
      ? 'No target reaches a stateful config and no baseline was given: compare gated that every entry completes byte-exact.'
      : undefined
  const heading =
    comparison.question === undefined ? '### Summary' : `### Summary: ${escapeInline(comparison.question)}`
  return [
    `${warning}${renderStepSummary(results, suite.gate, 'aura-bench compare').trimEnd()}`,
    ...(scope === undefined ? [] : [scope]),
    heading,
    ...(comparison.quick
      ? [
          '⚠️ `--quick`: latency percentiles rest on few timed calls, so a pick within a budget can differ from a full `compare`.',
        ]
      : []),
    renderSummaryTable(comparison, recommendAll(comparison)),
  ].join('\n\n')
}

/** Appends the summary (after the report is written: an E_OUTPUT here, exit 2, leaves comparison.json and report.md whole). */
export async function appendCompareStepSummary(
  file: string,
  comparison: Comparison,
  suite: Pick<Suite, 'gate'>,
  missingBaseline?: string,
): Promise<void> {
  await appendStepSummary(file, renderCompareStepSummary(comparison, suite, missingBaseline))
}
