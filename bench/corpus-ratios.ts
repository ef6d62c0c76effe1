/**
 * Size benchmark on corpora named on the command line: every shipped config (configs/*.yaml)
 * against per-message baselines measured in the same run, on the second half of each corpus file
 * (the first half builds the zstd dictionary).
 *
 *   npx tsx bench/corpus-ratios.ts --loghub <folder> [--jsonl <file>...]   300 messages per corpus
 *       (seeded sample of the second half); --loghub takes Loghub-format folders (a <X>.log beside
 *       its <X>.log_structured.csv), --jsonl files of {"text": ...} lines; both may repeat
 *   ... --full         every message of the second half (tens of minutes: brotli-wasm q11 costs ~7 ms per message)
 *   ... --sample 1000
 *
 * Prints Markdown to stdout, progress to stderr. Exit 0; 1 if any round trip fails; 2 bad input or no corpora.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { parseArgs as parseCommandLine } from 'node:util'
import {
  codecLibraryVersions,
  collectEnvironment,
  createCodec,
  createRawContentDictionary,
  loadCompressor,
  loadCorpus,
  measureSizes,
  renderError,
  AuraError,
  type Codec,
  type CorpusMessage,
  type CorpusOptions,
  type HybridCompressor,
  type Method,
} from '../src/index.ts'
import { findLoghubSystems, jsonlSystem } from './lib/discovery-corpora.ts'

const REPO_ROOT = path.resolve(import.meta.dirname, '..')
const DEFAULT_SAMPLE_MESSAGES = 300
const SAMPLE_SEED = 42
const DICTIONARY_SIZE_BYTES = 64 * 1024

/** One corpus file of the shared folder, by the name the table uses. */
interface BenchCorpus {
  name: string
  file: string
}

/** One measured row: a shipped config or a baseline on one corpus. */
interface Row {
  name: string
  messages: number
  originalBytes: number
  compressedBytes: number
  /** mean over messages of original / frame bytes (DESIGN.md's meanRatio) */
  meanRatio: number
  expanded: number
  templateHitRate: number | null
  methods: Partial<Record<Method, number>> | null
  mismatches: number
}

function parseArgs(argv: readonly string[]): { sampleMessages: number | null; corpora: BenchCorpus[] } {
  const { values } = parseCommandLine({
    args: [...argv],
    options: {
      loghub: { type: 'string', multiple: true },
      jsonl: { type: 'string', multiple: true },
      full: { type: 'boolean' },
      sample: { type: 'string' },
    },
    strict: true,
  })
  const corpora: BenchCorpus[] = [
    ...(values.loghub ?? []).flatMap((folder) =>
      findLoghubSystems(path.resolve(folder)).map((s) => ({ name: `loghub/${s.name}`, file: s.file })),
    ),
    ...(values.jsonl ?? []).map((file) => jsonlSystem(path.resolve(file))).map((s) => ({ name: s.name, file: s.file })),
  ]
  if (corpora.length === 0)
    throw new AuraError('E_USAGE', 'name at least one --loghub folder or --jsonl file', { field: 'arguments' })
  if (values.full === true) return { sampleMessages: null, corpora }
  if (values.sample === undefined) return { sampleMessages: DEFAULT_SAMPLE_MESSAGES, corpora }
  const value = Number(values.sample)
  if (!Number.isInteger(value) || value < 1)
    throw new AuraError('E_USAGE', `--sample needs a positive integer, got ${values.sample}`)
  return { sampleMessages: value, corpora }
}

function half(corpus: BenchCorpus, use: 'train' | 'test', sampleMessages: number | null): CorpusOptions {
  const options: CorpusOptions = {
    path: corpus.file,
    name: corpus.name,
    split: { trainFraction: 0.5, seed: 0, use, mode: 'ordered' },
  }
  return use === 'test' && sampleMessages !== null
    ? { ...options, sample: { size: sampleMessages, seed: SAMPLE_SEED } }
    : options
}

async function measureConfig(
  name: string,
  compressor: HybridCompressor,
  messages: readonly CorpusMessage[],
): Promise<Row> {
  const pass = await measureSizes(compressor, messages)
  if (pass.state === 'failed')
    process.stderr.write(
      `  ${name}: compress failed on ${pass.failedMessages} messages (${pass.error.code}: ${pass.error.message})\n`,
    )
  const { metrics } = pass
  for (const mismatch of pass.mismatches)
    process.stderr.write(
      `  ${name}: round trip of message ${mismatch.index} failed ${mismatch.code ?? `at byte ${mismatch.firstDifferingByte}`}\n`,
    )
  return {
    name,
    messages: metrics.messages,
    originalBytes: metrics.originalBytes,
    compressedBytes: metrics.compressedBytes,
    meanRatio: metrics.meanRatio,
    expanded: Math.round(metrics.expansionRate * metrics.messages),
    templateHitRate: metrics.templateHitRate,
    methods: metrics.methods,
    // a message whose compress threw never round-tripped
    mismatches: pass.roundTrip.mismatches + (pass.state === 'failed' ? pass.failedMessages : 0),
  }
}

/** A codec alone on each message: its output is the whole frame (no method byte), decoded back and compared. */
async function measureBaseline(name: string, codec: Codec, messages: readonly CorpusMessage[]): Promise<Row> {
  const row: Row = {
    name,
    messages: 0,
    originalBytes: 0,
    compressedBytes: 0,
    meanRatio: 0,
    expanded: 0,
    templateHitRate: null,
    methods: null,
    mismatches: 0,
  }
  let ratioSum = 0
  for (const message of messages) {
    const payload = await codec.encode(message.bytes)
    const decoded = await codec.decode(payload, Math.max(1, message.bytes.length))
    row.messages += 1
    row.originalBytes += message.bytes.length
    row.compressedBytes += payload.length
    ratioSum += payload.length === 0 ? 1 : message.bytes.length / payload.length
    if (payload.length > message.bytes.length) row.expanded += 1
    if (Buffer.compare(decoded, message.bytes) !== 0) row.mismatches += 1
  }
  row.meanRatio = row.messages === 0 ? 1 : ratioSum / row.messages
  return row
}

async function benchCorpus(
  corpus: BenchCorpus,
  configs: readonly [string, HybridCompressor][],
  sampleMessages: number | null,
): Promise<Row[]> {
  const messages = await loadCorpus(half(corpus, 'test', sampleMessages))
  const training = await loadCorpus(half(corpus, 'train', null))
  const dictionary = createRawContentDictionary(
    training.map((m) => m.bytes),
    DICTIONARY_SIZE_BYTES,
  )
  const baselines: [string, Codec][] = [
    ['baseline: brotli q11 (node:zlib)', await createCodec({ name: 'brotli_native', quality: 11, mode: 'generic' })],
    [
      'baseline: zstd 19 + 64 KB dict',
      await createCodec({ name: 'zstd_dict', level: 19, dictionary, checksum: false, dictIdFlag: false }),
    ],
  ]
  const rows: Row[] = []
  for (const [name, compressor] of configs) {
    process.stderr.write(`${corpus.name}: ${name} (${messages.length} messages)\n`)
    rows.push(await measureConfig(name, compressor, messages))
  }
  for (const [name, codec] of baselines) rows.push(await measureBaseline(name, codec, messages))
  return rows
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`
}

function ratioOf(row: Row): number {
  return row.compressedBytes === 0 ? 1 : row.originalBytes / row.compressedBytes
}

function renderMethods(row: Row): string {
  if (row.methods === null) return '—'
  return Object.entries(row.methods)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([method, count]) => `${method} ${percent((count ?? 0) / row.messages)}`)
    .join(', ')
}

function renderCorpusTable(corpus: string, rows: readonly Row[]): string {
  const lines = [
    `### ${corpus}`,
    '',
    '| config | messages | ratio | mean ratio | savings | expansion | template hits | methods | round-trip mismatches |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|',
  ]
  for (const row of rows) {
    const savings = row.originalBytes === 0 ? 0 : 1 - row.compressedBytes / row.originalBytes
    const hits = row.templateHitRate === null ? '—' : percent(row.templateHitRate)
    lines.push(
      `| ${row.name} | ${row.messages} | ${ratioOf(row).toFixed(2)}x | ${row.meanRatio.toFixed(2)}x | ${percent(savings)} | ${percent(row.expanded / Math.max(1, row.messages))} | ${hits} | ${renderMethods(row)} | ${row.mismatches} |`,
    )
  }
  return lines.join('\n')
}

/** Corpora down, configs and baselines across: the ratio of each. */
function renderSummary(results: readonly { corpus: string; rows: readonly Row[] }[]): string {
  const names = results[0]?.rows.map((row) => row.name) ?? []
  const lines = [
    '### Ratio summary',
    '',
    `| corpus | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|`,
  ]
  for (const { corpus, rows } of results)
    lines.push(`| ${corpus} | ${rows.map((row) => `${ratioOf(row).toFixed(2)}x`).join(' | ')} |`)
  return lines.join('\n')
}

function renderHeader(
  configs: readonly [string, HybridCompressor][],
  sampleMessages: number | null,
  corpora: readonly BenchCorpus[],
): string {
  const libraries: Record<string, string> = { ...codecLibraryVersions() }
  for (const [, compressor] of configs) Object.assign(libraries, compressor.libraries)
  const env = collectEnvironment(libraries)
  const scope =
    sampleMessages === null
      ? 'every message of the second half'
      : `a seeded sample (seed ${SAMPLE_SEED}) of ${sampleMessages} messages of the second half`
  return [
    '## Corpus ratios: shipped configs vs per-message baselines',
    '',
    `Corpora: ${corpora.map((c) => c.file).join(', ')}; ${scope} of each file (ordered split at 50%; the first half builds the 64 KB raw-content zstd dictionary).`,
    'Ratio = original bytes / frame bytes summed over messages; mean ratio = mean of the per-message ratios.',
    'Shipped configs count their method tag; baselines are the bare codec output per message.',
    `Environment: Node ${env.node}, ${env.platform}/${env.arch}, ${env.cpu} x${env.cpus}; ${Object.entries(
      env.libraries,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  ].join('\n')
}

async function main(argv: readonly string[]): Promise<number> {
  const { sampleMessages, corpora } = parseArgs(argv)
  const files = readdirSync(path.join(REPO_ROOT, 'configs'))
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
  const configs: [string, HybridCompressor][] = []
  for (const file of files)
    configs.push([file.replace(/\.ya?ml$/i, ''), await loadCompressor(path.join(REPO_ROOT, 'configs', file))])
  const results: { corpus: string; rows: Row[] }[] = []
  for (const corpus of corpora)
    results.push({ corpus: corpus.name, rows: await benchCorpus(corpus, configs, sampleMessages) })
  const out = [
    renderHeader(configs, sampleMessages, corpora),
    renderSummary(results),
    ...results.map(({ corpus, rows }) => renderCorpusTable(corpus, rows)),
  ]
  process.stdout.write(`${out.join('\n\n')}\n`)
  const failed = results.flatMap(({ corpus, rows }) =>
    rows.filter((row) => row.mismatches > 0).map((row) => `${corpus} x ${row.name}: ${row.mismatches}`),
  )
  if (failed.length > 0) process.stderr.write(`round trips failed: ${failed.join('; ')}\n`)
  return failed.length > 0 ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof AuraError) {
      process.stderr.write(`${renderError(error)}\n`)
      process.exitCode = 2
      return
    }
    process.stderr.write(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nplease report it\n`,
    )
    process.exitCode = 3
  },
)
