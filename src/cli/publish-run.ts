/** Publishing a measured run: judge it once, write results.json, the reports and the CI files, say the verdict. */
import path from 'node:path'
import { renderError, type AuraError } from '../core/index.ts'
import {
  escapeTerminal,
  verdictCaveats,
  writeReport,
  type ChartRenderer,
  type HtmlTrend,
  type OutputFolder,
} from '../report/index.ts'
import type { MeasuredResults, Results } from '../runner/index.ts'
import { createCostScenarios, type Suite } from '../suite/index.ts'
import { createTrendChart, historyMetrics, toHistoryEntry, type HistoryEntry } from '../gate/index.ts'
import { EXIT, type CliIo } from './io.ts'
import { verdictNotes } from './verdict-notes.ts'
import { renderRunWarnings } from './run-warnings.ts'
import { finishGate, writeGateFiles } from './gate-finish.ts'
import type { PreparedGate } from './run-gate.ts'

/** What publishing a measured run needs: the report's options and the opened output folder. */
export interface PublishOptions {
  /** the chart renderer; undefined: no charts (--no-charts) */
  charts: ChartRenderer | undefined
  html: boolean
  history: readonly HistoryEntry[] | undefined
  quiet: boolean
  gate: PreparedGate
  output: OutputFolder
}

/**
 * Judges a measured run once (targets, gate, the gate layer) and writes everything a run writes:
 * results.json, report.md, report.html, charts, the CI files. Shared by `run` and `merge`, so a
 * merged run is reported exactly as a single one. Returns the exit code.
 */
export async function publishRun(
  results: MeasuredResults,
  suite: Suite,
  stoppedBy: AuraError | undefined,
  outDir: string,
  io: CliIo,
  options: PublishOptions,
): Promise<number> {
  const say = (text: string) => {
    if (!options.quiet) io.stdout.write(text)
  }
  if (stoppedBy !== undefined && results.runs.length === 0) {
    // nothing was measured: an empty report would only replace the previous one
    io.stderr.write(
      `${renderError(stoppedBy)}\nnothing was measured, nothing written: the previous report in ${outDir} (if any) is intact\n`,
    )
    return EXIT.badInput
  }
  const { results: judged, sections } = finishGate(results, suite, options.gate, stoppedBy)
  const written = await writeReport(outDir, judged, {
    notes: suite.notes ?? '',
    gateConfigs: suite.gate.configs ?? suite.configs.map((c) => c.name),
    charts: options.charts !== undefined,
    ...(options.charts === undefined ? {} : { renderer: options.charts }),
    html: options.html,
    ...(options.history === undefined || !options.html
      ? {}
      : { trends: trendCharts([...options.history, toHistoryEntry(judged)]) }),
    sections,
    output: options.output,
    latencySamples: suite.latency.samples,
    ...(suite.cost === undefined ? {} : { cost: createCostScenarios(suite.cost) }),
  })
  for (const violation of written.contractViolations) io.stderr.write(`warning: results.json contract: ${violation}\n`)
  for (const warning of written.chartWarnings) io.stderr.write(`warning: chart: ${escapeTerminal(warning)}\n`)
  io.stderr.write(renderRunWarnings(judged.warnings, path.join(outDir, 'report.md')))
  const gateFiles = await writeGateFiles(judged, suite, options.gate, io)
  for (const line of gateFiles.lines) say(`${line}\n`)
  const summary = renderSummary(judged, outDir, suite.gate.nearFails)
  say(summary)
  // --quiet keeps stdout empty; a failed gate still says why, on stderr
  if (options.quiet && judged.gate.status !== 'pass') io.stderr.write(summary)
  // a partial run's baseline was not saved: the report is written, the exit says the baseline is not,
  // unless the gate failed: then its exit 1 stands (round 32), so a CI step's verdict is not hidden behind a 2
  if (gateFiles.refused !== undefined) {
    io.stderr.write(`${renderError(gateFiles.refused)}\n`)
    if (judged.gate.status === 'pass') return EXIT.badInput
    io.stderr.write(
      `the gate failed: exit ${EXIT.gateFailed}, the gate's verdict (the refused baseline alone is exit 2)\n`,
    )
    return EXIT.gateFailed
  }
  if (stoppedBy !== undefined) {
    io.stderr.write(
      `${renderError(stoppedBy)}\nthe suite stopped part-way: what was measured is in ${outDir}, marked incomplete\n`,
    )
    return EXIT.badInput
  }
  return judged.gate.status === 'pass' ? EXIT.ok : EXIT.gateFailed
}

/** One trend per metric the history holds, for report.html's History section. */
function trendCharts(entries: readonly HistoryEntry[]): HtmlTrend[] {
  return historyMetrics(entries).flatMap((metric) => {
    const spec = createTrendChart(entries, metric)
    return spec === undefined ? [] : [{ title: metric, spec }]
  })
}

function renderSummary(results: Results, outDir: string, nearFails: boolean): string {
  // the gate line stays `gate: PASS` / `gate: FAIL` exactly (scripts match it); what limits the verdict follows its reasons
  const lines = [`gate: ${results.gate.status.toUpperCase()}`]
  for (const reason of results.gate.reasons) lines.push(`  - ${escapeTerminal(reason)}`)
  // NEAR targets and warn comparisons: a PASS with them is not a clean pass (report.md shows them)
  for (const note of verdictNotes(results, nearFails)) lines.push(`  ${escapeTerminal(note)}`)
  // s40-trial D6: the baseline's verdict on stdout as compare prints it (report.md had it, a CI log did not)
  if (results.baseline !== undefined)
    lines.push(`  against the baseline ${escapeTerminal(results.baseline.path)}: ${results.baseline.verdict}`)
  for (const caveat of verdictCaveats(results)) lines.push(`  caveat: ${escapeTerminal(caveat.long)}`)
  lines.push(`report: ${path.join(outDir, 'report.md')}`, '')
  return lines.join('\n')
}
