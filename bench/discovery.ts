/**
 * Template discovery on any Loghub-format folders and JSONL corpora named on the command line.
 *
 *   npx tsx bench/discovery.ts --loghub <folder> [--loghub <folder>...] [--jsonl <file>...]
 *       [--fold A|B] [--log-formats <suite.yaml>] [--per-recording] [--errors]
 *
 * Per corpus, the way a user runs it (a suite with `discover:` and `zstd_dict_training:` on the
 * ordered first half, measured on the second half, whole line, no per-system input):
 *  - grouping accuracy (Loghub's definition) of discovery on the whole file, whole line and, where
 *    --log-formats has one for the system, with Loghub's log_format (`header:` of a suite corpus
 *    of the same name; default suites/loghub-heldout.yaml);
 *  - template hit rate on the second half and the seen-event ceiling (second-half lines whose
 *    ground-truth event occurs in the first half);
 *  - ratio of the discovered store + zstd_dict 64 KB against zstd_dict alone, Brotli q11 and zstd 19
 *    (the last two: the bare codec per message);
 *  - discovery time on the first half, the store's size, and how many templates match each
 *    second-half message (the matcher's work per message: one when no template shadows another).
 * Loghub systems are split into two leave-systems-out folds (sorted by name, alternately A and B);
 * `--fold A` measures and prints fold A only.
 * `--per-recording`: a JSONL corpus with a recordings.tsv is split per recording (the first half of each
 * recording's messages, in order, trains; the second half is measured), so every source measured is
 * present in training; written as one reordered file (all first halves, then all second halves).
 *
 * `--errors`: after each fold's table, every ground-truth event of each system whose lines are not
 * exactly one discovered group (split over several, or merged with another event), with an example
 * line of each group: where the grouping accuracy is lost.
 *
 * Markdown on stdout, progress on stderr. Exit 0; 1 if a round trip fails; 2 on bad input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AuraError, parseCsvRows, tryDecodeUtf8 } from '../src/core/index.ts'
import { runBenchMain } from './lib/bench-main.ts'
import { createCodec, type Codec } from '../src/index.ts'
import { loadCorpus, type CorpusMessage } from '../src/corpus/index.ts'
import { runSuite, type RunResult } from '../src/runner/index.ts'
import { loadSuite } from '../src/suite/index.ts'
import {
  createMatcher,
  discoverTemplates,
  evaluateGroupingAccuracy,
  type GroupingError,
  groupingErrors,
} from '../src/templates/index.ts'
import {
  DRAIN_GA,
  findLoghubSystems,
  folds,
  groundTruth,
  jsonlSystem,
  seenEventCeiling,
  splitByRecording,
  type BenchSystem,
} from './lib/discovery-corpora.ts'

const REPO_ROOT = path.resolve(import.meta.dirname, '..')

interface Row {
  system: BenchSystem
  gaWhole?: number
  /** with --errors: the ground-truth events not grouped exactly, one Markdown list item each */
  gaErrors?: string[]
  gaFormat?: number
  ceiling?: number
  discovered: RunResult
  zstdDict: RunResult
  brotliRatio: number
  zstdRatio: number
  discoverySeconds: number
  trainMessages: number
  templates: number
  storeBytes: number
  /** templates matching each held-out message, summed (the matcher's work: issue 13) */
  heldOutMatches: number
}

const texts = (messages: readonly CorpusMessage[]): string[] =>
  messages.map((m) => tryDecodeUtf8(m.bytes) ?? '').filter((t) => t !== '')

async function groupingAccuracy(
  system: BenchSystem,
  header: string | undefined,
): Promise<{
  accuracy: number
  events: string[]
  errors: GroupingError[]
  texts: string[]
  groups: readonly string[]
}> {
  const messages = await loadCorpus({ path: system.file, format: 'txt' })
  const byLine = await groundTruth(system)
  const expected = messages.map((m) => byLine.get(m.line ?? -1) ?? `missing-${m.index}`)
  const lines = messages.map((m) => tryDecodeUtf8(m.bytes) ?? '')
  const result = discoverTemplates(lines, header === undefined ? {} : { header })
  return {
    accuracy: evaluateGroupingAccuracy(result.events, expected).accuracy,
    events: expected,
    errors: groupingErrors(result.events, expected),
    texts: lines,
    groups: result.events,
  }
}

/** Bare codec per message on the test half: original bytes / encoded bytes. */
async function codecRatio(codec: Codec, messages: readonly CorpusMessage[]): Promise<number> {
  let original = 0
  let encoded = 0
  for (const m of messages) {
    original += m.bytes.length
    encoded += (await codec.encode(m.bytes)).length
  }
  return original / Math.max(1, encoded)
}

/** A suite a user would write: both configs learn from the first half, measured on the second. */
function writeSuite(dir: string, systems: readonly BenchSystem[]): string {
  const corpus = (s: BenchSystem): string =>
    `  - { name: ${JSON.stringify(s.name)}, path: ${JSON.stringify(s.file)}, format: ${s.kind === 'jsonl' ? 'jsonl' : 'txt'}, split: { train_fraction: ${s.trainFraction ?? 0.5}, mode: ordered, use: test } }`
  const yaml = [
    'name: discovery-bench',
    'corpora:',
    ...systems.map(corpus),
    'configs:',
    `  - { name: zstd_dict, path: ${JSON.stringify(path.join(REPO_ROOT, 'configs/loghub/zstd-dict.yaml'))}, zstd_dict_training: { split: train } }`,
    `  - { name: discovered, path: ${JSON.stringify(path.join(REPO_ROOT, 'configs/loghub/discovered.yaml'))}, discover: { split: train }, zstd_dict_training: { split: train } }`,
    'latency: { enabled: false }',
    '',
  ].join('\n')
  const file = path.join(dir, 'suite.yaml')
  writeFileSync(file, yaml)
  return file
}

async function logFormats(file: string): Promise<Map<string, string>> {
  const suite = await loadSuite(file)
  return new Map(suite.corpora.flatMap((c) => (c.header === undefined ? [] : [[c.name, c.header] as const])))
}

/** One list item per ground-truth event grouped wrongly: its template, its lines, and how they were grouped (an example line per group). */
async function describeErrors(
  system: BenchSystem,
  whole: { errors: readonly GroupingError[]; texts: readonly string[]; groups: readonly string[] },
): Promise<string[]> {
  const csv = system.structuredCsv as string
  const rows = parseCsvRows(await readFile(csv, 'utf8'))
  const [id, template] = ['EventId', 'EventTemplate'].map((name) => (rows[0] ?? []).indexOf(name))
  const templates = new Map(rows.slice(1).map((r) => [r[id as number] ?? '', r[template as number] ?? '']))
  const example = new Map<string, string>()
  whole.groups.forEach((group, i) => {
    if (!example.has(group)) example.set(group, whole.texts[i] as string)
  })
  const clip = (text: string): string => (text.length > 140 ? `${text.slice(0, 140)}…` : text)
  return whole.errors.map((error) => {
    const groups = error.groups.map(
      (g) =>
        `${g.messages} in a group${g.otherEvents.length === 0 ? '' : ` with ${g.otherEvents.join(', ')}`} (e.g. \`${clip(example.get(g.group) ?? '')}\`)`,
    )
    return `- ${error.event}, ${error.messages} lines, \`${clip(templates.get(error.event) ?? '?')}\`: ${groups.join('; ')}`
  })
}

async function measure(
  systems: readonly BenchSystem[],
  formats: Map<string, string>,
  showErrors: boolean,
): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'discovery-bench-'))
  try {
    const suite = await loadSuite(writeSuite(dir, systems))
    const { results, stoppedBy } = await runSuite(suite, {
      latencyEnabled: false,
      onEvent: (e) =>
        e.kind === 'run-end'
          ? process.stderr.write(`  ${e.run.corpus} x ${e.run.config}: ${e.run.metrics.ratio.toFixed(2)}x\n`)
          : undefined,
    })
    if (stoppedBy !== undefined) throw stoppedBy
    const rows: Row[] = []
    for (const system of systems) {
      process.stderr.write(`${system.name}: grouping accuracy, baselines, discovery time\n`)
      const run = (config: string): RunResult => {
        const found = results.runs.find((r) => r.corpus === system.name && r.config === config)
        if (found === undefined) throw new AuraError('E_INTERNAL', `no run of ${config} on ${system.name}`)
        return found
      }
      const split = (use: 'train' | 'test') =>
        loadCorpus({
          path: system.file,
          format: system.kind === 'jsonl' ? 'jsonl' : 'txt',
          split: { trainFraction: system.trainFraction ?? 0.5, seed: 0, use, mode: 'ordered' },
        })
      const [train, test] = [await split('train'), await split('test')]
      const trainTexts = texts(train)
      const started = performance.now()
      const { store } = discoverTemplates(trainTexts)
      const discoverySeconds = (performance.now() - started) / 1000
      const matcher = createMatcher(store)
      const heldOutMatches = texts(test).reduce((sum, text) => sum + matcher.match(text).length, 0)
      const row: Row = {
        system,
        discovered: run('discovered'),
        zstdDict: run('zstd_dict'),
        brotliRatio: await codecRatio(await createCodec({ name: 'brotli_native', quality: 11, mode: 'generic' }), test),
        zstdRatio: await codecRatio(await createCodec({ name: 'zstd_napi', level: 19 }), test),
        discoverySeconds,
        trainMessages: trainTexts.length,
        templates: store.templates.length,
        storeBytes: store.sizeBytes,
        heldOutMatches,
      }
      if (system.kind === 'loghub') {
        const whole = await groupingAccuracy(system, undefined)
        row.gaWhole = whole.accuracy
        if (showErrors) row.gaErrors = await describeErrors(system, whole)
        row.ceiling = seenEventCeiling(whole.events)
        const format = formats.get(system.name)
        if (format !== undefined) row.gaFormat = (await groupingAccuracy(system, format)).accuracy
      }
      rows.push(row)
    }
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const f3 = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(3))
const pct = (v: number | undefined): string => (v === undefined ? '—' : `${(v * 100).toFixed(1)}%`)
const x = (v: number): string => `${v.toFixed(2)}x`
const ratio = (r: RunResult): number => r.metrics.originalBytes / Math.max(1, r.metrics.compressedBytes)

function renderRows(title: string, rows: readonly Row[]): string {
  const lines = [
    `#### ${title}`,
    '',
    '| system | GA whole line | GA log_format | Drain GA (2019) | hit rate | seen-event ceiling | hit / ceiling | store + zstd_dict | zstd_dict 64 KB | fewer bytes than zstd_dict | Brotli q11 | zstd 19 | discovery (train half) | templates | matches / held-out line | store | round-trip mismatches |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of rows) {
    const hit = r.discovered.metrics.templateHitRate
    const mismatches = r.discovered.metrics.roundTrip.mismatches + r.zstdDict.metrics.roundTrip.mismatches
    lines.push(
      `| ${r.system.name} | ${f3(r.gaWhole)} | ${f3(r.gaFormat)} | ${f3(DRAIN_GA[r.system.name])} | ${pct(hit)} | ${pct(r.ceiling)} | ${r.ceiling === undefined ? '—' : pct(hit / r.ceiling)} | ${x(ratio(r.discovered))} | ${x(ratio(r.zstdDict))} | ${x(r.zstdDict.metrics.compressedBytes / r.discovered.metrics.compressedBytes)} | ${x(r.brotliRatio)} | ${x(r.zstdRatio)} | ${r.discoverySeconds.toFixed(2)} s / ${r.trainMessages} msgs | ${r.templates} | ${(r.heldOutMatches / r.discovered.metrics.messages).toFixed(2)} | ${(r.storeBytes / 1024).toFixed(1)} KB | ${mismatches} |`,
    )
  }
  if (rows.length > 1) lines.push(summaryLine(rows))
  for (const r of rows) {
    if (r.gaErrors === undefined) continue
    const wrong = r.gaErrors.length === 0 ? 'none' : `${r.gaErrors.length} events`
    lines.push(
      '',
      `GA errors, ${r.system.name} (whole line; ground-truth events not grouped exactly: ${wrong}):`,
      ...r.gaErrors,
    )
  }
  return lines.join('\n')
}

function summaryLine(rows: readonly Row[]): string {
  const sum = (f: (r: Row) => number): number => rows.reduce((acc, r) => acc + f(r), 0)
  const graded = rows.filter((r) => r.gaWhole !== undefined)
  const formatted = rows.filter((r) => r.gaFormat !== undefined)
  const mean = (list: readonly Row[], f: (r: Row) => number): number | undefined =>
    list.length === 0 ? undefined : list.reduce((a, r) => a + f(r), 0) / list.length
  const messages = sum((r) => r.discovered.metrics.messages)
  const hit = sum((r) => r.discovered.metrics.templateHitRate * r.discovered.metrics.messages) / messages
  const ceilingRows = rows.filter((r) => r.ceiling !== undefined)
  const ceiling =
    ceilingRows.length === rows.length
      ? sum((r) => (r.ceiling as number) * r.discovered.metrics.messages) / messages
      : undefined
  const orig = sum((r) => r.discovered.metrics.originalBytes)
  const found = sum((r) => r.discovered.metrics.compressedBytes)
  const dict = sum((r) => r.zstdDict.metrics.compressedBytes)
  const drain = mean(
    graded.filter((r) => DRAIN_GA[r.system.name] !== undefined),
    (r) => DRAIN_GA[r.system.name] as number,
  )
  return `| **all ${rows.length}** (GA: mean; rest: aggregate) | **${f3(mean(graded, (r) => r.gaWhole as number))}** | ${f3(mean(formatted, (r) => r.gaFormat as number))} | ${f3(drain)} | **${pct(hit)}** | ${pct(ceiling)} | **${ceiling === undefined ? '—' : pct(hit / ceiling)}** | ${x(orig / found)} | ${x(orig / dict)} | **${x(dict / found)}** | — | — | ${sum((r) => r.discoverySeconds).toFixed(2)} s / ${sum((r) => r.trainMessages)} msgs | ${sum((r) => r.templates)} | ${(sum((r) => r.heldOutMatches) / messages).toFixed(2)} | ${(sum((r) => r.storeBytes) / 1024).toFixed(1)} KB | ${sum((r) => r.discovered.metrics.roundTrip.mismatches + r.zstdDict.metrics.roundTrip.mismatches)} |`
}

/** The corpus rewritten with every recording's first half (in order) before every recording's second half, and the training share. */
async function splitPerRecording(system: BenchSystem, dir: string): Promise<BenchSystem> {
  const { train, test: measured } = await splitByRecording(system.file)
  const test = measured.map((m) => m.text)
  const file = path.join(dir, `${system.name}.jsonl`)
  writeFileSync(file, `${[...train, ...test].map((text) => JSON.stringify({ text })).join('\n')}\n`)
  // the ordered split keeps index < floor(n * fraction): half a message over the cut lands on it exactly
  return {
    ...system,
    name: `${system.name} (per recording)`,
    file,
    trainFraction: (train.length + 0.5) / (train.length + test.length),
  }
}

function usage(message: string): AuraError {
  return new AuraError(
    'E_USAGE',
    message,
    { field: 'arguments' },
    {
      hint: 'npx tsx bench/discovery.ts --loghub <folder> [--jsonl <file>] [--fold A|B] [--log-formats suite.yaml] [--errors]',
    },
  )
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      loghub: { type: 'string', multiple: true },
      jsonl: { type: 'string', multiple: true },
      fold: { type: 'string' },
      'log-formats': { type: 'string' },
      'per-recording': { type: 'boolean' },
      errors: { type: 'boolean' },
    },
    strict: true,
  })
  const loghub = (values.loghub ?? []).flatMap((folder) => findLoghubSystems(path.resolve(folder)))
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'discovery-per-recording-'))
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))
  const given = (values.jsonl ?? []).map((file) => jsonlSystem(path.resolve(file)))
  const jsonl =
    values['per-recording'] === true ? await Promise.all(given.map((s) => splitPerRecording(s, scratch))) : given
  if (loghub.length + jsonl.length === 0) throw usage('name at least one --loghub folder or --jsonl file')
  if (values.fold !== undefined && values.fold !== 'A' && values.fold !== 'B')
    throw usage(`--fold is A or B, got "${values.fold}"`)
  const formats = await logFormats(
    path.resolve(values['log-formats'] ?? path.join(REPO_ROOT, 'suites', 'loghub-heldout.yaml')),
  )
  const split = folds(loghub.map((s) => s.name))
  const chosen = values.fold === undefined ? ['A', 'B'] : [values.fold]
  const [load1, load5] = os.loadavg()
  const out = [
    `Measured ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, Node ${process.version}; load average ${load1?.toFixed(2)} / ${load5?.toFixed(2)} (1 / 5 min; the machine is shared, times are indicative).`,
    ...(loghub.length === 0
      ? []
      : [
          `Folds (leave-systems-out, systems sorted by name, alternately): A = ${split.A.join(', ')}; B = ${split.B.join(', ')}.`,
        ]),
    `Discovery: defaults, whole line, no log_format; store and 64 KB dictionary from the ordered first half${values['per-recording'] === true ? ' (JSONL: of each recording)' : ''}, figures on the second half. GA: whole file, Loghub's definition. Brotli q11 / zstd 19: bare codec per message.`,
  ]
  let mismatches = 0
  const measured = [
    ...loghub.filter((s) => chosen.some((fold) => (fold === 'A' ? split.A : split.B).includes(s.name))),
    ...(values.fold === undefined ? jsonl : []),
  ]
  // one suite run for every corpus: the user's way, and the runner's size workers are set up once
  const all = await measure(measured, formats, values.errors === true)
  for (const fold of chosen) {
    const names = new Set(fold === 'A' ? split.A : split.B)
    const rows = all.filter((r) => r.system.kind === 'loghub' && names.has(r.system.name))
    if (rows.length === 0) continue
    mismatches += rows.reduce(
      (a, r) => a + r.discovered.metrics.roundTrip.mismatches + r.zstdDict.metrics.roundTrip.mismatches,
      0,
    )
    // each fold as soon as it is measured: a long run interrupted later keeps what it has
    process.stdout.write(`${[...out, '', renderRows(`Fold ${fold}`, rows)].join('\n')}\n`)
    out.length = 0
  }
  if (jsonl.length > 0 && values.fold === undefined) {
    const rows = all.filter((r) => r.system.kind === 'jsonl')
    mismatches += rows.reduce(
      (a, r) => a + r.discovered.metrics.roundTrip.mismatches + r.zstdDict.metrics.roundTrip.mismatches,
      0,
    )
    out.push(
      '',
      renderRows(
        values['per-recording'] === true
          ? 'JSONL corpora (ordered halves of each recording)'
          : 'JSONL corpora (ordered halves)',
        rows,
      ),
    )
  }
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`)
  return mismatches > 0 ? 1 : 0
}

await runBenchMain(main)
