/**
 * `aura-bench compare <suite.yaml> [--out DIR] [--quick] [--no-charts] [--quiet] [--wait] [--baseline comparison.json] ...`:
 * Brotli vs Zstandard and the rest on every corpus, and (round 35) the gate of the suite's stateful configs; exit 0/1/2/130.
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { AuraError } from '../core/index.ts'
import {
  ComparisonAborted,
  currentCodecName,
  recommendAll,
  renderCorpusParagraph,
  runComparison,
  writeComparison,
  type CompareEvent,
  type Comparison,
} from '../compare/index.ts'
import {
  loadSuite,
  refuseCompareWithoutZstdNapi,
  refuseExternalConfigs,
  refuseStatefulDerived,
  type Suite,
} from '../suite/index.ts'
import { checkOutputFile, checkReplacesOnlyOwn, reportNames, type OutputFolder } from '../report/index.ts'
import { checkOutputsApart, writeFileAtomic } from '../gate/index.ts'
import { OWN_OUTPUTS } from './output-kinds.ts'
import type { COMPARE_FLAGS } from './command-flags.ts'
import type { CommandInput } from './flags.ts'
import { EXIT, type CliIo } from './io.ts'
import { countOf, openOutput } from './output.ts'
import { renderCompareJunit } from './compare-junit.ts'
import {
  finishCompareGateKeeping,
  missingComparisonBaselineText,
  prepareCompareGate,
  readCompareGateFlags,
  renderCompareGate,
  type PreparedCompareGate,
} from './compare-gate.ts'
import { appendCompareStepSummary, prepareCompareStepSummary } from './compare-step-summary.ts'

/**
 * Runs the comparison of one suite and writes report.md, comparison.json and charts to --out
 * (default reports/<suite>-compare). Exit 0 when every entry completed byte-exact and the gate (compare-gate.ts:
 * targets reaching a stateful config, --baseline) passed or was not asked for, 1 when an entry failed, a round
 * trip differed or the gate failed, 2 for bad input (a missing shared-corpora folder included), 130 on interrupt.
 */
export async function commandCompare(
  { values, positionals }: CommandInput<typeof COMPARE_FLAGS>,
  io: CliIo,
): Promise<number> {
  if (positionals.length !== 1) {
    throw new AuraError(
      'E_USAGE',
      `compare takes one suite file, got ${positionals.length}`,
      { field: 'compare' },
      { hint: 'aura-bench compare suites/brotli-vs-zstd.yaml [--out DIR] [--quick]' },
    )
  }
  const suite = await loadSuite(path.resolve(io.cwd, positionals[0] as string))
  await refuseExternalConfigs(suite, 'compare')
  await refuseStatefulDerived(suite)
  refuseCompareWithoutZstdNapi(suite)
  const gateFlags = readCompareGateFlags(values, io)
  // its own default folder (round 34, s33-trial D7): run's default is reports/<suite>, and one would refuse the other's
  const outDir =
    values.out === undefined
      ? path.resolve(io.cwd, 'reports', `${suite.name}-compare`)
      : path.resolve(io.cwd, values.out)
  // a progress line left open (`... x 15 entries ...`) is closed before the interrupted line (s33 D11)
  let lineOpen = false
  const say = (text: string) => {
    if (values.quiet || text === '') return
    io.stdout.write(text)
    lineOpen = !text.endsWith('\n')
  }
  const interrupted = (outDir: string) =>
    io.stderr.write(
      `${lineOpen ? '\n' : ''}interrupted: nothing written; the previous comparison in ${outDir} (if any) is intact\n`,
    )
  const names = reportNames(!values['no-charts'], 'comparison.json')
  // round 35: the baseline loads and no file this compare writes is it, before anything is measured (exit 2)
  const gate = await prepareCompareGate(gateFlags, suite, outDir, names)
  // round 37: --junit is checked before measuring as run checks it (not one of --out's files, no file but aura-bench's JUnit replaced)
  const junit = values.junit === undefined ? undefined : await prepareCompareJunit(values.junit, outDir, names, io)
  // round 40 (s40-trial D12): GITHUB_STEP_SUMMARY proved appendable before measuring, as run proves it
  const stepSummary = await prepareCompareStepSummary(io)
  // checked and locked before measuring: a bad --out or a second writer is exit 2 before any work
  const output = await openOutput(outDir, 'report', names, values.wait, io, suite.name)
  try {
    return await compareInto(output, suite, values, say, interrupted, io, gate, junit, stepSummary)
  } finally {
    await output.close()
  }
}

async function compareInto(
  output: OutputFolder,
  suite: Suite,
  values: { quick: boolean; 'no-charts': boolean; quiet: boolean },
  say: (text: string) => void,
  interrupted: (outDir: string) => void,
  io: CliIo,
  gate: PreparedCompareGate,
  junit: { asWritten: string; absolute: string } | undefined,
  stepSummary: string | undefined,
): Promise<number> {
  const outDir = output.dir
  const controller = new AbortController()
  const unsubscribe = io.onInterrupt?.(() => controller.abort())
  let comparison: Comparison
  try {
    comparison = await runComparison(suite, {
      quick: values.quick,
      signal: controller.signal,
      onEvent: createProgress(say, io),
      // round 37: a config's discover: step computes synchronously; a signal then ends compare at once (nothing written)
      ...(io.endOnSignal === undefined ? {} : { endOnSignal: io.endOnSignal }),
    })
  } catch (error) {
    if (error instanceof ComparisonAborted) {
      interrupted(outDir)
      return EXIT.interrupted
    }
    throw error
  } finally {
    unsubscribe?.()
  }
  // a signal during the last entry: runComparison only checks between entries
  if (controller.signal.aborted) {
    interrupted(outDir)
    return EXIT.interrupted
  }
  io.pastStopping?.()
  // a failure finishing the gate (a bug) still writes what was measured, then is reported (exit 3)
  const finished = finishCompareGateKeeping(comparison, suite, gate)
  comparison = finished.comparison
  const written = await writeComparison(outDir, comparison, {
    charts: !values['no-charts'],
    output,
    sections: finished.sections,
  })
  if (finished.error !== undefined) {
    io.stderr.write(
      `the comparison was written to ${path.join(outDir, 'comparison.json')} without the gate's verdict (gate: FAIL):\n`,
    )
    throw finished.error
  }
  for (const warning of written.chartWarnings) io.stderr.write(`warning: chart: ${warning}\n`)
  if (junit !== undefined) {
    await writeFileAtomic(junit.absolute, renderCompareJunit(comparison, suite), '--junit')
    say(`JUnit XML: ${junit.asWritten}\n`)
  }
  // after comparison.json and report.md: an E_OUTPUT appending (exit 2) leaves them written
  if (stepSummary !== undefined) {
    await appendCompareStepSummary(stepSummary, comparison, suite, gate.missingBaseline)
    say('step summary: appended to GITHUB_STEP_SUMMARY\n')
  }
  const current = currentCodecName(comparison.settings.current)
  const memory = new Map(comparison.connectionMemory.map((m) => [m.id, m]))
  say(
    `\n${recommendAll(comparison)
      .map((rec) =>
        renderCorpusParagraph(rec, current, memory, comparison.question, comparison.settings.currentIsDefault),
      )
      .join('\n\n')}\n\nreport: ${path.join(outDir, 'report.md')}\n`,
  )
  const problems = comparison.corpora.flatMap((c) =>
    c.entries
      .filter((e) => e.state === 'failed' || e.roundTrip.mismatches > 0)
      .map(
        (e) =>
          `${c.corpus.name}: ${e.spec.label}: ${e.error?.message ?? `${e.roundTrip.mismatches} round trips differ`}`,
      ),
  )
  for (const problem of problems) io.stderr.write(`failed: ${problem}\n`)
  if (gate.missingBaseline !== undefined)
    io.stderr.write(`\nWARNING: ${missingComparisonBaselineText(gate.missingBaseline)}\n\n`)
  // round 35: the stateful configs' targets (and the baseline), with run's `gate: PASS|FAIL` line
  const verdict = renderCompareGate(comparison)
  say(verdict)
  if (values.quiet && comparison.gate?.status === 'fail') io.stderr.write(verdict)
  const gateFailed = comparison.gate?.status === 'fail'
  return problems.length === 0 && !gateFailed ? EXIT.ok : EXIT.gateFailed
}

/** One line per corpus when it starts and when it is done (entries measured, seconds). */
function createProgress(say: (text: string) => void, io: CliIo): (event: CompareEvent) => void {
  let corpusStartMs = performance.now()
  return (event) => {
    if (event.kind === 'corpus-skipped') io.stderr.write(`warning: ${event.reason}\n`)
    else if (event.kind === 'warning') io.stderr.write(`warning: ${event.message}\n`)
    else if (event.kind === 'memory-probe-start') {
      corpusStartMs = performance.now()
      say(
        `memory per connection: ${countOf(event.entries, 'stateful entry', 'stateful entries')} x ${event.connections} connections held open ...`,
      )
    } else if (event.kind === 'corpus-start') {
      if (performance.now() - corpusStartMs > 0) say('')
      corpusStartMs = performance.now()
      say(
        `[${event.corpusIndex + 1}/${event.corpusCount}] ${event.corpus}: ${event.heldOutMessages} held-out messages x ${countOf(event.entries, 'entry', 'entries')} ...`,
      )
    } else if (event.entryIndex === event.entryCount - 1)
      say(` ${((performance.now() - corpusStartMs) / 1000).toFixed(1)} s\n`)
  }
}

/** --junit before measuring: apart from --out's files (E_USAGE), if a file is there JUnit XML aura-bench wrote, and writable (E_OUTPUT). */
async function prepareCompareJunit(
  asWritten: string,
  outDir: string,
  names: readonly string[],
  io: Pick<CliIo, 'cwd'>,
): Promise<{ asWritten: string; absolute: string }> {
  const absolute = path.resolve(io.cwd, asWritten)
  await checkOutputsApart([
    ...names.map((name) => ({
      flag: '--out',
      path: path.join(outDir, name),
      ...(name === 'charts' ? { kind: 'folder' as const } : {}),
    })),
    { flag: '--junit', path: absolute, shown: asWritten },
  ])
  await checkReplacesOnlyOwn(absolute, '--junit', asWritten, OWN_OUTPUTS.junit)
  // s37-fixr: and that it can be written, as run checks its output flags (checkGateOutputs): refused
  // before measuring (E_OUTPUT, exit 2), not after comparison.json and report.md are written
  await checkOutputFile(absolute, '--junit')
  return { asWritten, absolute }
}
