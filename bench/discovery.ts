/**
 * Template discovery on the 8 Loghub systems of ../shared/corpora/loghub, in one run:
 *  - grouping accuracy (Loghub's definition) of discovery run on each whole 2k file, as Loghub
 *    evaluates parsers: once on the whole line with no per-system input, once with Loghub's
 *    log_format of the system (the `header` of each corpus in suites/loghub-heldout.yaml);
 *  - suites/loghub-heldout.yaml: templates discovered from the first half of each file and a 64 KB
 *    zstd dictionary built from the same half, both measured on the second half only.
 *
 *   npx tsx bench/discovery.ts        (npm run bench:discovery)
 *
 * Prints Markdown to stdout (the table in docs/discovery.md), progress to stderr.
 * Exit 0; 1 if a round trip fails; 2 when the shared corpora are absent or the suite is invalid.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { AuraError, renderError, tryDecodeUtf8 } from '../src/core/index.ts'
import { loadCorpus } from '../src/corpus/index.ts'
import { runSuite, type RunResult } from '../src/runner/index.ts'
import { loadSuite, type CorpusSpec } from '../src/suite/index.ts'
import { discoverTemplates, evaluateGroupingAccuracy, parseGroundTruthCsv } from '../src/templates/index.ts'

const REPO_ROOT = path.resolve(import.meta.dirname, '..')
const SUITE = path.join(REPO_ROOT, 'suites', 'loghub-heldout.yaml')
const TARGETS = { groupingAccuracy: 0.9, hitRate: 0.9, ratio: 3.5 }

interface SystemRow {
  name: string
  accuracyWholeLine: number
  accuracyLogFormat: number
  trainTemplates: number
  discovered: RunResult
  baseline: RunResult
}

/** Grouping accuracy of discovery on a whole file, with or without the corpus's log format. */
async function groupingAccuracy(corpus: CorpusSpec, withHeader: boolean): Promise<number> {
  const { split: _split, ...whole } = corpus
  const messages = await loadCorpus({ ...whole, format: 'txt' })
  const texts = messages.map((m) => tryDecodeUtf8(m.bytes) ?? '')
  const result = discoverTemplates(texts, withHeader && corpus.header !== undefined ? { header: corpus.header } : {})
  const csvPath = `${corpus.path}_structured.csv`
  const truth = parseGroundTruthCsv(await readFile(csvPath, 'utf8'), csvPath)
  const byLine = new Map(truth.lineIds.map((line, i) => [line, truth.eventIds[i] as string]))
  const expected = messages.map((m) => byLine.get(m.line ?? -1) ?? `missing-${m.index}`)
  return evaluateGroupingAccuracy(result.events, expected).accuracy
}

/** Templates the held-out run's store has: discovery on the train half with the suite's options. */
async function trainTemplates(corpus: CorpusSpec, options: { maxTemplates?: number; minSupport?: number }): Promise<number> {
  const split = corpus.split === undefined ? undefined : { ...corpus.split, use: 'train' as const }
  const messages = await loadCorpus({ ...corpus, ...(split === undefined ? {} : { split }) })
  const texts = messages.map((m) => tryDecodeUtf8(m.bytes) ?? '').filter((t) => t !== '')
  return discoverTemplates(texts, { ...options, ...(corpus.header === undefined ? {} : { header: corpus.header }) }).store.templates.length
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`
const x = (value: number): string => `${value.toFixed(2)}x`

function renderTable(rows: readonly SystemRow[]): string {
  const lines = [
    '| system | grouping accuracy, whole line | grouping accuracy, log_format | templates (train half) | template hit rate | ratio, discovered + zstd_dict | ratio, zstd_dict 64 KB | expansion | round-trip mismatches |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of rows) {
    const m = r.discovered.metrics
    lines.push(
      `| ${r.name} | ${r.accuracyWholeLine.toFixed(3)} | ${r.accuracyLogFormat.toFixed(3)} | ${r.trainTemplates} | ${pct(m.templateHitRate)} | ${x(m.ratio)} | ${x(r.baseline.metrics.ratio)} | ${pct(m.expansionRate)} | ${m.roundTrip.mismatches + r.baseline.metrics.roundTrip.mismatches} |`,
    )
  }
  const total = summarize(rows)
  lines.push(
    `| **all 8** | **${total.accuracyWholeLine.toFixed(3)}** (mean) | **${total.accuracyLogFormat.toFixed(3)}** (mean) | ${total.templates} | **${pct(total.hitRate)}** | **${x(total.ratio)}** | **${x(total.baselineRatio)}** | ${pct(total.expansionRate)} | ${total.mismatches} |`,
  )
  return lines.join('\n')
}

function summarize(rows: readonly SystemRow[]) {
  const sum = (f: (r: SystemRow) => number): number => rows.reduce((acc, r) => acc + f(r), 0)
  const messages = sum((r) => r.discovered.metrics.messages)
  return {
    accuracyWholeLine: sum((r) => r.accuracyWholeLine) / rows.length,
    accuracyLogFormat: sum((r) => r.accuracyLogFormat) / rows.length,
    templates: sum((r) => r.trainTemplates),
    hitRate: sum((r) => r.discovered.metrics.templateHitRate * r.discovered.metrics.messages) / messages,
    expansionRate: sum((r) => r.discovered.metrics.expansionRate * r.discovered.metrics.messages) / messages,
    ratio: sum((r) => r.discovered.metrics.originalBytes) / sum((r) => r.discovered.metrics.compressedBytes),
    baselineRatio: sum((r) => r.baseline.metrics.originalBytes) / sum((r) => r.baseline.metrics.compressedBytes),
    mismatches: sum((r) => r.discovered.metrics.roundTrip.mismatches + r.baseline.metrics.roundTrip.mismatches),
  }
}

function renderVerdicts(rows: readonly SystemRow[]): string {
  const t = summarize(rows)
  const line = (what: string, value: string, met: boolean): string => `- ${what}: ${value} — ${met ? 'met' : '**not met**'}`
  return [
    line(`grouping accuracy, mean over the systems, >= ${TARGETS.groupingAccuracy} (whole line, no per-system input)`, t.accuracyWholeLine.toFixed(3), t.accuracyWholeLine >= TARGETS.groupingAccuracy),
    line(`grouping accuracy, mean over the systems, >= ${TARGETS.groupingAccuracy} (with Loghub's log_format)`, t.accuracyLogFormat.toFixed(3), t.accuracyLogFormat >= TARGETS.groupingAccuracy),
    line(`template hit rate on the held-out halves >= ${pct(TARGETS.hitRate)}`, pct(t.hitRate), t.hitRate >= TARGETS.hitRate),
    line(`aggregate ratio on the held-out halves >= ${x(TARGETS.ratio)}`, x(t.ratio), t.ratio >= TARGETS.ratio),
    line('beats zstd_dict (64 KB dictionary, level 19, same training half) in aggregate', `${x(t.ratio)} vs ${x(t.baselineRatio)}`, t.ratio > t.baselineRatio),
    line('beats zstd_dict on every system', rows.filter((r) => r.discovered.metrics.ratio > r.baseline.metrics.ratio).length + '/' + rows.length, rows.every((r) => r.discovered.metrics.ratio > r.baseline.metrics.ratio)),
  ].join('\n')
}

function describeMachine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${new Date().toISOString().slice(0, 10)}, ${cpu} (${os.cpus().length} logical CPUs), Node ${process.version}, ${os.type()} ${os.arch()}`
}

async function main(): Promise<number> {
  const suite = await loadSuite(SUITE)
  const missing = suite.corpora.filter((c) => !existsSync(c.path))
  if (missing.length > 0) {
    process.stderr.write(`the shared Loghub corpora are absent (${missing.map((c) => c.pathAsWritten).join(', ')}): nothing to measure\n`)
    return 2
  }
  const discover = suite.configs.find((c) => c.discover !== undefined)
  const baseline = suite.configs.find((c) => c.discover === undefined)
  if (discover === undefined || baseline === undefined) throw new AuraError('E_SCHEMA', `${SUITE} needs one config with discover and one without`, { file: SUITE })
  process.stderr.write(`running ${path.relative(REPO_ROOT, SUITE)}\n`)
  const { results, stoppedBy } = await runSuite(suite, { latencyEnabled: false, onEvent: (e) => (e.kind === 'run-end' ? process.stderr.write(`  ${e.run.corpus} x ${e.run.config}: ${e.run.metrics.ratio.toFixed(2)}x\n`) : undefined) })
  if (stoppedBy !== undefined) throw stoppedBy
  const rows: SystemRow[] = []
  for (const corpus of suite.corpora) {
    process.stderr.write(`grouping accuracy: ${corpus.name}\n`)
    const run = (config: string): RunResult => {
      const found = results.runs.find((r) => r.corpus === corpus.name && r.config === config)
      if (found === undefined) throw new AuraError('E_INTERNAL', `no run of ${config} on ${corpus.name}`)
      return found
    }
    const options = { ...(discover.discover?.maxTemplates === undefined ? {} : { maxTemplates: discover.discover.maxTemplates }), ...(discover.discover?.minSupport === undefined ? {} : { minSupport: discover.discover.minSupport }) }
    rows.push({
      name: corpus.name,
      accuracyWholeLine: await groupingAccuracy(corpus, false),
      accuracyLogFormat: await groupingAccuracy(corpus, true),
      trainTemplates: await trainTemplates(corpus, options),
      discovered: run(discover.name),
      baseline: run(baseline.name),
    })
  }
  process.stdout.write(`Measured ${describeMachine()}.\n\n${renderTable(rows)}\n\n${renderVerdicts(rows)}\n`)
  if (results.warnings.length > 0) process.stdout.write(`\nWarnings of the run:\n${results.warnings.map((w) => `- ${w}`).join('\n')}\n`)
  return summarize(rows).mismatches > 0 ? 1 : 0
}

try {
  process.exitCode = await main()
} catch (error) {
  if (!(error instanceof AuraError)) throw error
  process.stderr.write(`${renderError(error)}\n`)
  process.exitCode = 2
}
