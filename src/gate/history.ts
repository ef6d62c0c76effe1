/**
 * Run history without a server: one JSON line per run (history.jsonl, kept on a branch or wherever
 * the team likes), per-metric trend charts across commits, and exports of a run for the dashboards
 * teams already use: github-action-benchmark's custom JSON (`customBiggerIsBetter` /
 * `customSmallerIsBetter`, an array of { name, unit, value, extra }) and Bencher Metric Format
 * ({ benchmark: { measure: { value, lower_value?, upper_value? } } }). Pure but for nothing: the
 * CLI reads and writes the files.
 */
import { basename } from 'node:path'
import {
  AuraError,
  HISTORY_METRICS,
  isJsonObject,
  MAX_SYNTAX_ISSUES,
  METRICS,
  readMetric,
  type HistoryMetric,
  type Issue,
} from '../core/index.ts'
import { createChartBase, type VegaLiteSpec } from '../report/index.ts'
import { historyEntryProblem } from './history-entry-check.ts'
import { describeForeignFile } from '../suite/index.ts'
import type { Results } from '../runner/index.ts'

/** One line of history.jsonl: a run's summary. */
export interface HistoryEntry {
  schemaVersion: 1
  suite: string
  startedAt: string
  /** the commit measured (e.g. GITHUB_SHA), when given */
  commit?: string
  verdict: 'pass' | 'fail'
  /** why a regression against the baseline was accepted (`run --accept-regression`), when it was */
  acceptedRegression?: string
  runs: Array<{
    corpus: string
    config: string
    state: string
    /** messages measured (absent in lines written before it): a `--limit` run measures other messages */
    messages?: number
    metrics: Partial<Record<HistoryMetric, number>>
  }>
}

/** The history line of a judged run. */
export function toHistoryEntry(
  results: Results,
  options: { commit?: string; acceptedRegression?: string } = {},
): HistoryEntry {
  return {
    schemaVersion: 1,
    suite: results.suite,
    startedAt: results.startedAt,
    ...(options.commit === undefined ? {} : { commit: options.commit }),
    verdict: results.gate.status === 'pass' ? 'pass' : 'fail',
    ...(options.acceptedRegression === undefined ? {} : { acceptedRegression: options.acceptedRegression }),
    runs: results.runs.map((run) => {
      const metrics: Partial<Record<HistoryMetric, number>> = {}
      for (const key of HISTORY_METRICS) {
        const value = readMetric(run.metrics, key)
        // unmeasured figures (latency off, NaN) are left out rather than written as null
        if (value !== undefined && Number.isFinite(value)) metrics[key] = value
      }
      return { corpus: run.corpus, config: run.config, state: run.state, messages: run.metrics.messages, metrics }
    }),
  }
}

/** Reads history.jsonl; every line that is not a history entry is an issue naming the file and line (E_SCHEMA). */
export function parseHistory(text: string, file: string): HistoryEntry[] {
  const entries: HistoryEntry[] = []
  const issues: Issue[] = []
  let bad = 0
  // lines that are history entries with a bad field: the file is a history, not some other file given in its place
  let historyLines = 0
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      // past the first few, bad lines are counted: a pretty-printed JSON file has thousands
      if (++bad <= MAX_SYNTAX_ISSUES)
        issues.push({ code: 'E_JSON_SYNTAX', file, line: i + 1, message: `not JSON: ${(error as Error).message}` })
      return
    }
    const entry = value as Partial<HistoryEntry>
    if (entry.schemaVersion !== 1 || typeof entry.suite !== 'string' || !Array.isArray(entry.runs)) {
      if (++bad <= MAX_SYNTAX_ISSUES)
        issues.push({
          code: 'E_SCHEMA',
          file,
          line: i + 1,
          message: 'not an aura-bench history entry (schemaVersion 1, suite, runs)',
        })
      return
    }
    const problem = historyEntryProblem(value as Record<string, unknown>)
    if (problem !== undefined) {
      historyLines += 1
      if (++bad <= MAX_SYNTAX_ISSUES) issues.push({ code: 'E_SCHEMA', file, line: i + 1, ...problem })
      return
    }
    entries.push(entry as HistoryEntry)
  })
  const first = issues[0]
  if (first !== undefined && entries.length === 0 && historyLines === 0) {
    // no line is an entry: a whole JSON file (a results.json given where the history goes) or a corpus,
    // said in one error
    const foreign = describeForeignFile(text, file, { readsYaml: false })
    if (foreign !== undefined)
      throw new AuraError(
        'E_SCHEMA',
        `${basename(file)} looks like ${foreign.what}, not a history (one JSON line per run, as \`history --add\` appends)`,
        { file },
        {
          hint: `the history file comes first: \`aura-bench history HISTORY.jsonl --add out/results.json\`; this file goes in ${foreign.goes}`,
        },
      )
  }
  if (bad > MAX_SYNTAX_ISSUES)
    issues.push({
      code: first?.code ?? 'E_SCHEMA',
      file,
      message: `and ${(bad - MAX_SYNTAX_ISSUES).toLocaleString('en-US')} more lines that are not history entries`,
    })
  if (first !== undefined)
    throw new AuraError(
      // malformed JSON is E_JSON_SYNTAX, as the catalog says; a JSON line that is not an entry, E_SCHEMA
      first.code,
      `history ${file} has ${bad} bad line(s)`,
      { file, ...(first.line === undefined ? {} : { line: first.line }) },
      { issues },
    )
  return entries
}

/** Dash patterns told apart at a glance, for up to ten corpora (vega-lite's default has five). */
const TREND_DASHES: number[][] = [
  [1, 0],
  [6, 3],
  [2, 2],
  [10, 3, 2, 3],
  [1, 3],
  [12, 4],
  [6, 2, 2, 2, 2, 2],
  [3, 5],
  [8, 2, 1, 2],
  [4, 1],
]

/**
 * A trend chart of one metric across the history: one line per corpus x config (colour the config, dash
 * the corpus), x the commit (or the date). Where a corpus x config was measured on different numbers of messages (a `--limit` smoke run
 * beside full runs), each count is a line of its own, named with it: points on other messages are
 * not joined into one trend.
 */
export function createTrendChart(entries: readonly HistoryEntry[], metric: HistoryMetric): VegaLiteSpec | undefined {
  // counts recorded per series; a line written before `messages` was recorded joins the series' one count
  const counts = new Map<string, Set<number>>()
  for (const entry of entries)
    for (const run of entry.runs) {
      const key = `${run.corpus} x ${run.config}`
      const seen = counts.get(key) ?? new Set<number>()
      counts.set(key, run.messages === undefined ? seen : seen.add(run.messages))
    }
  const seriesOf = (run: HistoryEntry['runs'][number]): string => {
    const key = `${run.corpus} x ${run.config}`
    if ((counts.get(key)?.size ?? 0) < 2) return key
    return `${key} (${run.messages === undefined ? 'messages not recorded' : `${run.messages} messages`})`
  }
  const values = entries.flatMap((entry, index) =>
    entry.runs
      .filter((run) => run.metrics[metric] !== undefined)
      .map((run) => ({
        index,
        at: entry.commit?.slice(0, 7) ?? entry.startedAt.slice(0, 16),
        corpus: run.corpus,
        config: run.config,
        series: seriesOf(run),
        value: run.metrics[metric] as number,
      })),
  )
  if (values.length === 0) return undefined
  const shape = historyShape(metric)
  return {
    ...createChartBase(`${metric} across runs (${shape.better} is better)`, {
      axisLabelLimit: 220,
      legendLabelLimit: 260,
    }),
    width: 560,
    height: 260,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'index', type: 'quantitative', title: 'run (oldest first)', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: `${metric} (${shape.unit})`, scale: { zero: false } },
      // colour by config and dash by corpus: one colour per series ran out at vega's ten
      // (a 5-corpus x 4-config suite drew two series in each of several colours: s44-trial D5); `detail`
      // keeps a series measured on other message counts a line of its own
      color: { field: 'config', type: 'nominal', title: 'config' },
      strokeDash: {
        field: 'corpus',
        type: 'nominal',
        title: 'corpus',
        // ten patterns where vega-lite has five, so a sixth corpus is not drawn as the first (s44-rev1 L2)
        scale: { range: TREND_DASHES },
        // a line's dash, drawn as a short grey stroke (the point layer otherwise makes it transparent)
        legend: {
          symbolType: 'stroke',
          symbolSize: 400,
          symbolStrokeWidth: 2,
          encode: { symbols: { update: { stroke: { value: '#333' }, fill: { value: 'transparent' } } } },
        },
      },
      detail: { field: 'series', type: 'nominal' },
      tooltip: [{ field: 'at', title: 'commit or time' }, { field: 'series' }, { field: 'value' }],
    },
  }
}

/** The metrics with at least one value in the history, in HISTORY_METRICS order. */
export function historyMetrics(entries: readonly HistoryEntry[]): HistoryMetric[] {
  return HISTORY_METRICS.filter((metric) => entries.some((e) => e.runs.some((r) => r.metrics[metric] !== undefined)))
}

/** github-action-benchmark's custom format: one array per direction (its `tool` is per file). */
export function toGithubActionBenchmark(entry: HistoryEntry): { biggerIsBetter: object[]; smallerIsBetter: object[] } {
  const out = { biggerIsBetter: [] as object[], smallerIsBetter: [] as object[] }
  for (const run of entry.runs) {
    for (const metric of HISTORY_METRICS) {
      const value = run.metrics[metric]
      if (value === undefined) continue
      const shape = historyShape(metric)
      const item = {
        name: `${entry.suite}/${run.corpus}/${run.config}/${metric}`,
        unit: shape.unit,
        value,
        extra: `${entry.commit ?? entry.startedAt}${entry.acceptedRegression === undefined ? '' : `; accepted regression: ${entry.acceptedRegression}`}`,
      }
      ;(shape.better === 'bigger' ? out.biggerIsBetter : out.smallerIsBetter).push(item)
    }
  }
  return out
}

/** Which way is better, and the unit dashboards show. */
function historyShape(metric: HistoryMetric): { better: 'bigger' | 'smaller'; unit: string } {
  return { better: METRICS[metric].direction === 'min' ? 'bigger' : 'smaller', unit: METRICS[metric].unit }
}

/** A Bencher measure slug: lower-case kebab (`templateHitRate` -> `template-hit-rate`). */
function measureSlug(metric: HistoryMetric): string {
  return metric.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
}

/** Bencher Metric Format: a benchmark per corpus x config, a measure per metric. */
export function toBencherMetricFormat(entry: HistoryEntry): Record<string, Record<string, { value: number }>> {
  const out: Record<string, Record<string, { value: number }>> = {}
  for (const run of entry.runs) {
    const measures: Record<string, { value: number }> = {}
    for (const metric of HISTORY_METRICS) {
      const value = run.metrics[metric]
      if (value !== undefined) measures[measureSlug(metric)] = { value }
    }
    out[`${entry.suite}/${run.corpus}/${run.config}`] = measures
  }
  return out
}

/** The one suite a list of `suite/...` names all start with, or undefined (names of another tool, or of two suites). */
function oneSuite(names: readonly string[], parts: number): string | undefined {
  const suites = new Set(names.map((name) => (name.split('/').length >= parts ? name.split('/')[0] : '\u0000')))
  const [suite] = suites
  return suites.size === 1 && suite !== '\u0000' ? suite : undefined
}

/**
 * True for a file toGithubActionBenchmark wrote: a non-empty array of { name, unit, value, extra } whose
 * names are one suite's `suite/corpus/config/metric` with an aura-bench metric last. The format is a
 * generic one other converters write too, so the names are what tell (a heuristic, by shape).
 */
export function isOwnGithubActionBenchmark(json: unknown): boolean {
  if (!Array.isArray(json) || json.length === 0) return false
  const metrics = new Set<string>(HISTORY_METRICS)
  const own = json.every(
    (item) =>
      isJsonObject(item) &&
      typeof item['name'] === 'string' &&
      typeof item['unit'] === 'string' &&
      typeof item['value'] === 'number' &&
      typeof item['extra'] === 'string' &&
      metrics.has(item['name'].split('/').at(-1) ?? ''),
  )
  return (
    own &&
    oneSuite(
      json.map((item) => (item as { name: string }).name),
      4,
    ) !== undefined
  )
}

/**
 * True for a file toBencherMetricFormat wrote: a non-empty object of one suite's `suite/corpus/config`
 * benchmarks whose measures are aura-bench's metric slugs, each { value }. By shape, as above.
 */
export function isOwnBencherExport(json: unknown): boolean {
  if (!isJsonObject(json) || Object.keys(json).length === 0) return false
  const slugs = new Set(HISTORY_METRICS.map(measureSlug))
  const own = Object.values(json).every(
    (measures) =>
      isJsonObject(measures) &&
      Object.keys(measures).length > 0 &&
      Object.entries(measures).every(
        ([slug, m]) => slugs.has(slug) && isJsonObject(m) && typeof m['value'] === 'number',
      ),
  )
  return own && oneSuite(Object.keys(json), 3) !== undefined
}
