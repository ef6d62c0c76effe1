/**
 * The gate flags after the run: the measured results judged with the baseline (finishGate), then, after
 * the report, the CI files they ask for and the GitHub step summary (writeGateFiles). run-gate.ts reads
 * the flags and prepares the gate before the run.
 */
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import {
  appendStepSummary,
  judgeSuite,
  renderPrComment,
  renderAlertRules,
  renderAlertRuleTests,
  renderBaselineSection,
  renderConfidenceSection,
  renderJunit,
  renderPrometheus,
  renderStepSummary,
  writeFileAtomic,
} from '../gate/index.ts'
import { toResultsJson, warningCallout } from '../report/index.ts'
import type { MeasuredResults, Results } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'
import type { CliIo } from './io.ts'
import {
  corpusChangeWarnings,
  noGatedTargetWarning,
  partialBaselineReasons,
  unusedTemplateWarnings,
} from './gate-warnings.ts'
import type { FILE_FLAGS, FileFlag, GateFlags, PreparedGate } from './run-gate.ts'

/** The loud line of a missing baseline, and what to do about it. */
function missingBaselineText(asWritten: string): string {
  return `NO BASELINE: ${asWritten} was not found, so this run was gated on targets alone and regressions could not be seen; save one on purpose with --save-baseline (the shipped workflow, .github/workflows/aura-gate.yml in the package, does on every push to main)`
}

/** The rules file as the unit-test file names it: relative to the test file's folder. */
function relativeRulesPath(flags: GateFlags): string {
  const rules = flags['alert-rules']?.absolute ?? ''
  return path.relative(path.dirname(flags['alert-rule-tests']?.absolute ?? rules), rules)
}

/** The measured results judged (gate/judgeSuite) with the flags' baseline, and the report.md sections the gate adds. */
export function finishGate(
  measured: MeasuredResults,
  suite: Suite,
  gate: PreparedGate,
  stoppedBy?: AuraError,
): { results: Results; sections: string[] } {
  const applied = judgeSuite(measured, suite, {
    gateLatency: gate.gateLatency,
    ...(gate.baseline === undefined ? {} : { baseline: gate.baseline }),
    ...(gate.flags.acceptRegression === undefined ? {} : { acceptRegression: gate.flags.acceptRegression }),
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
  })
  const warnings = [
    ...applied.warnings,
    ...noGatedTargetWarning(applied, suite),
    ...corpusChangeWarnings(applied),
    ...unusedTemplateWarnings(applied),
    ...(gate.missingBaseline === undefined ? [] : [missingBaselineText(gate.missingBaseline)]),
  ]
  const results = warnings.length === applied.warnings.length ? applied : { ...applied, warnings }
  const sections = [renderBaselineSection(results), renderConfidenceSection(results)].filter(
    (s): s is string => s !== undefined,
  )
  return { results, sections }
}

/** E_BASELINE (exit 2, after the report is written) for --save-baseline of a partial run without --allow-partial-baseline. */
function partialBaselineRefusal(save: FileFlag, reasons: readonly string[]): AuraError {
  return new AuraError(
    'E_BASELINE',
    `the baseline ${save.asWritten} was not saved: this run is partial (${reasons.join('; ')}), and a baseline from it cannot catch a regression on what it did not measure; the report was written`,
    { file: save.asWritten, field: '--save-baseline' },
    {
      hint: `save the baseline from a full run (no --limit or --no-latency, every run complete); to keep this one anyway, add --allow-partial-baseline`,
    },
  )
}

/**
 * Writes the CI files the flags ask for (each atomically) and appends the step summary when
 * GITHUB_STEP_SUMMARY is set. A baseline is saved only from a run that measured every corpus x config
 * and, unless --allow-partial-baseline, all of each corpus with every run complete (`refused` says why not).
 * Returns one line per file written, for the summary.
 */
export async function writeGateFiles(
  results: Results,
  suite: Suite,
  gate: PreparedGate,
  io: CliIo,
): Promise<{ lines: string[]; refused?: AuraError }> {
  const gateSpec = suite.gate
  const files: Array<[(typeof FILE_FLAGS)[number], string, () => string]> = [
    ['junit', 'JUnit XML', () => renderJunit(results, gateSpec)],
    ['prometheus', 'Prometheus metrics', () => renderPrometheus(results)],
    ['alert-rules', 'alert rules', () => renderAlertRules(suite)],
    ['alert-rule-tests', 'alert rule tests', () => renderAlertRuleTests(suite, relativeRulesPath(gate.flags))],
    [
      'pr-comment',
      'pull-request comment',
      () =>
        renderPrComment(results, {
          ...(gate.missingBaseline === undefined ? {} : { missingBaseline: gate.missingBaseline }),
          ...(gate.flags.prCommentLinks === undefined ? {} : { links: gate.flags.prCommentLinks }),
        }),
    ],
  ]
  const lines: string[] = []
  for (const [name, what, render] of files) {
    const flag = gate.flags[name]
    if (flag === undefined) continue
    await writeFileAtomic(flag.absolute, render(), `--${name}`)
    lines.push(`${what}: ${flag.asWritten}`)
  }
  const save = gate.flags['save-baseline']
  const partial =
    save === undefined || gate.flags.allowPartialBaseline === true
      ? []
      : partialBaselineReasons(results, { latencyExpected: suite.latency.enabled })
  let refused: AuraError | undefined
  if (save !== undefined && results.incomplete)
    io.stderr.write(`warning: the run is incomplete, so the baseline ${save.asWritten} was not saved\n`)
  else if (save !== undefined && partial.length > 0) refused = partialBaselineRefusal(save, partial)
  else if (save !== undefined) {
    await writeFileAtomic(save.absolute, toResultsJson(results), '--save-baseline')
    lines.push(`baseline saved: ${save.asWritten}`)
  }
  const warning = gate.missingBaseline === undefined ? undefined : missingBaselineText(gate.missingBaseline)
  if (warning !== undefined) io.stderr.write(`\nWARNING: ${warning}\n\n`)
  const summary = io.env.GITHUB_STEP_SUMMARY
  if (summary !== undefined && summary !== '') {
    await appendStepSummary(
      path.resolve(io.cwd, summary),
      `${warning === undefined ? '' : warningCallout(warning)}${renderStepSummary(results, gateSpec)}`,
    )
    lines.push('step summary: appended to GITHUB_STEP_SUMMARY')
  }
  return refused === undefined ? { lines } : { lines, refused }
}
