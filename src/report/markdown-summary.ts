/**
 * The first screen of report.md: one table of every config against every target (deltas against the
 * baseline when there is one), the latency-sample warnings, and the `<details>` wrapper that folds
 * every later section away.
 */
import type { Results, RunResult, TargetResult } from '../runner/index.ts'
import {
  escapeCell,
  escapeInline,
  formatCount,
  formatDifference,
  formatMetricValue,
  formatTargetSpec,
  renderTable,
} from './format.ts'

const STATUS_ICON: Record<TargetResult['status'], string> = { pass: '✅', near: '⚠️', fail: '❌' }

/**
 * Fewest timed samples behind a p99 for it to be a percentile: below 100 (linear interpolation between
 * closest ranks) it lies between the two largest samples, so the report warns and marks it "(max)". Not
 * the runner's LATENCY_SAMPLE_FLOOR (the fewest samples timed at all, past the time budget).
 */
export const P99_SAMPLES_NEEDED = 100

/** A target column: the same metric with the same thresholds, whichever configs it applies to. */
function columnKey(t: Pick<TargetResult, 'metric' | 'direction' | 'pass' | 'near'>): string {
  return `${t.metric}|${t.direction}|${t.pass}|${t.near ?? ''}`
}

/** The latency samples a target's value rests on, for latency metrics (`encodeP95Us` -> encode samples). */
function latencySamplesOf(run: RunResult, metric: string): number | undefined {
  const side = /^(encode|decode)P\d+Us$/.exec(metric)?.[1] as 'encode' | 'decode' | undefined
  return side === undefined ? undefined : run.metrics.latencyUs?.[side].samples
}

/** A p99 of fewer than 100 samples is their maximum: say so wherever it is shown. */
export function isMaximum(metric: string, samples: number | undefined): boolean {
  return samples !== undefined && samples < P99_SAMPLES_NEEDED && /P99Us$/.test(metric)
}

function deltaOf(results: Results, run: RunResult, metric: string): string {
  const regression = results.baseline?.runs.find((r) => r.corpus === run.corpus && r.config === run.config)
  const m = regression?.metrics.find((x) => x.metric === metric)
  return m === undefined ? '' : ` (${formatDifference(metric, m.current, m.baseline)})`
}

/**
 * A run whose messages did not all round-trip byte-exact loses data: its figures are not a result,
 * so none of its cells is green, whatever its targets' status (the gate fails on the mismatches).
 */
export function lossyNote(run: Pick<RunResult, 'metrics'>): string | undefined {
  const { checked, mismatches } = run.metrics.roundTrip
  return mismatches === 0 ? undefined : `${formatCount(mismatches)} of ${formatCount(checked)} did not round-trip`
}

function targetCell(results: Results, run: RunResult, target: TargetResult | undefined): string {
  if (run.state === 'failed') return 'run failed'
  if (target === undefined) return '—'
  if (target.value === null) return 'not measured'
  const lossy = lossyNote(run)
  if (lossy !== undefined) return `${STATUS_ICON.fail} ${formatMetricValue(target.metric, target.value)} (${lossy})`
  const samples = latencySamplesOf(run, target.metric)
  const value = formatMetricValue(target.metric, target.value)
  const n =
    samples === undefined
      ? ''
      : isMaximum(target.metric, samples)
        ? ` (max of n=${formatCount(samples)})`
        : ` (n=${formatCount(samples)})`
  return `${STATUS_ICON[target.status]} ${value}${n}${deltaOf(results, run, target.metric)}`
}

/** The verdict table as plain text (escape it for the format it goes into): header, one row per run, a note. */
interface VerdictTable {
  header: string[]
  rows: { corpus: string; config: string; gated: boolean; cells: string[] }[]
  note: string
}

/**
 * A column's header: the target and its thresholds, and `(not gated)` when no run gates it
 * (`--no-latency-gate` reports latency without judging it), so its ❌ does not read as the verdict.
 */
function columnHeader(results: Results, key: string, first: TargetResult | undefined): string {
  if (first === undefined) return key
  const gatedSomewhere = results.runs.some((run) => run.targets.some((t) => columnKey(t) === key && t.gated))
  return `${first.label} ${formatTargetSpec(first)}${gatedSomewhere ? '' : ' (not gated)'}`
}

/**
 * One row per corpus x config, one column per target: status icon, value, samples for latency, and
 * the difference from the baseline run when `results.baseline` has one. Configs the gate does not
 * judge are marked so, so their ❌ does not read as the verdict.
 */
export function verdictTable(results: Results, gateConfigs: readonly string[] | undefined): VerdictTable {
  const columns = new Map<string, TargetResult>()
  for (const run of results.runs)
    for (const t of run.targets) if (!columns.has(columnKey(t))) columns.set(columnKey(t), t)
  const manyCorpora = new Set(results.runs.map((r) => r.corpus)).size > 1
  const noTargets = columns.size === 0
  const header = [
    ...(manyCorpora ? ['Corpus'] : []),
    'Config',
    ...(noTargets ? ['Ratio'] : [...columns.keys()].map((key) => columnHeader(results, key, columns.get(key)))),
  ]
  const rows = results.runs.map((run) => {
    const gated = gateConfigs === undefined || gateConfigs.includes(run.config)
    const name = gated ? run.config : `${run.config} (not gated)`
    const cells = noTargets
      ? [run.state === 'failed' ? 'run failed' : formatMetricValue('ratio', run.metrics.ratio)]
      : [...columns.keys()].map((key) =>
          targetCell(
            results,
            run,
            run.targets.find((t) => columnKey(t) === key),
          ),
        )
    return {
      corpus: run.corpus,
      config: run.config,
      gated,
      cells: [...(manyCorpora ? [run.corpus] : []), name, ...cells],
    }
  })
  const baseline =
    results.baseline === undefined
      ? ''
      : ` Differences in parentheses are against the baseline ${results.baseline.path} (${results.baseline.startedAt}).`
  // a failed run's targets are not evaluated: with no run complete there is no column, though the suite may set targets
  const note = noTargets
    ? results.runs.length > 0 && results.runs.every((run) => run.state !== 'complete')
      ? 'No target was evaluated: a run that failed is not judged on its targets (the gate fails on the failure).'
      : 'The suite sets no target.'
    : `✅ pass, ⚠️ near, ❌ fail (also every cell of a config whose messages did not round-trip); n = timed latency samples behind a percentile.${baseline}`
  return { header, rows, note }
}

/** The verdict table in Markdown: names escaped, gated configs in bold. */
export function renderVerdictTable(results: Results, gateConfigs: readonly string[] | undefined): string {
  const table = verdictTable(results, gateConfigs)
  const nameAt = table.header.indexOf('Config')
  const rows = table.rows.map((row) =>
    row.cells.map((cell, i) => (i === nameAt && row.gated ? `**${escapeCell(cell)}**` : escapeCell(cell))),
  )
  return [
    '## Results',
    '',
    renderTable(table.header.map(escapeCell), rows),
    '',
    `${escapeInline(table.note)} Details, intervals and per-corpus tables are folded below.`,
  ].join('\n')
}

/** Warnings about latency figures resting on fewer samples than asked, or fewer than 100 (a p99 is then the maximum). */
export function latencySampleWarnings(runs: readonly RunResult[], asked: number | undefined): string[] {
  const out: string[] = []
  for (const run of runs) {
    const l = run.metrics.latencyUs
    if (l === undefined || run.state === 'failed') continue
    const n = Math.min(l.encode.samples, l.decode.samples)
    const short = asked !== undefined && n < asked
    if (!short && n >= P99_SAMPLES_NEEDED) continue
    const of = asked === undefined ? '' : ` of the ${formatCount(asked)} asked (the time budget ran out first)`
    const max =
      n < P99_SAMPLES_NEEDED ? `; under ${P99_SAMPLES_NEEDED} samples its p99 is the maximum, not a percentile` : ''
    out.push(
      `latency of ${run.config} on ${run.corpus} rests on ${formatCount(n)} timed samples${short ? of : ''}${max}`,
    )
  }
  return out
}

/**
 * A report's warnings: results.json's, and the latency-sample ones a results.json written before
 * judgeSuite recorded them lacks (each once).
 */
export function withLatencySampleWarnings(results: Results, latencySamples: number | undefined): string[] {
  const latency = latencySampleWarnings(results.runs, latencySamples).filter((w) => !results.warnings.includes(w))
  return [...latency, ...results.warnings]
}

/** Folds a `## Title` section into `<details><summary>Title</summary>…</details>` (GitHub renders the Markdown inside). */
export function collapsible(section: string): string {
  const match = /^##\s+(.*)\n?/.exec(section)
  if (match === null) return section
  // the title is Markdown (names escaped by escapeInline/escapeCell), but <summary> shows HTML text: undo the
  // backslash escapes, then escape for HTML (a corpus named `<&>` showed as `\&lt;&amp;\&gt;`)
  const title = (match[1] ?? '')
    .replace(/\\([\\`*[\]<>#_|])/g, '$1')
    .replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c)
  return [
    '<details>',
    `<summary><b>${title}</b></summary>`,
    '',
    section.slice(match[0].length).trim(),
    '',
    '</details>',
  ].join('\n')
}
