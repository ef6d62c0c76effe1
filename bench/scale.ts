/**
 * Harness scale: a suite over 1,000,000 messages, resampled from the real corpora into a temp JSONL
 * file (never committed), run by runSuite as `aura-bench run` would: the corpus is streamed, the size
 * pass runs on worker threads, latency is timed on the bounded reservoir. Each run is a child
 * process, so its peak memory (maxRSS, worker threads included) is its own; a 100,000-message run
 * beside it shows whether memory grows with the corpus.
 * Run alone: `npx tsx bench/scale.ts --corpora DIR [--messages N]` (default 1,000,000; DIR holds loghub/,
 * llm-stream/, ws-market-data/, api-github/, resampled into the messages).
 */
import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSuite } from '../src/runner/index.ts'
import { loadSuite } from '../src/suite/index.ts'
import { writeFastConfig } from './lib/fast-config.ts'
import { describeMachine } from './lib/machine.ts'
import { corporaRootOrExit, drawMixed, mixSources } from './lib/mixed.ts'
import { count, mib, renderTable } from './lib/table.ts'

/** What one child run reports on its last stdout line. */
interface ChildReport {
  messages: number
  wallMs: number
  sizePassMs: number
  maxRssBytes: number
  /** user + system CPU time of the process, all threads */
  cpuMs: number
  /** resident memory when a quarter, half, three quarters of the messages were measured */
  rssQuartileBytes: number[]
  roundTrip: { checked: number; mismatches: number }
  ratio: number
  templateHitRate: number
  encodeP99Us: number | undefined
}

async function writeCorpus(corporaRoot: string, file: string, messages: number, seed: number): Promise<void> {
  const out = createWriteStream(file)
  let lines: string[] = []
  const flush = async (): Promise<void> => {
    if (!out.write(`${lines.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    lines = []
  }
  for (const { text, category } of drawMixed(mixSources(corporaRoot), messages, seed)) {
    lines.push(JSON.stringify({ text, category }))
    if (lines.length === 10_000) await flush()
  }
  if (lines.length > 0) await flush()
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
}

function writeSuite(folder: string, name: string, corpus: string, config: string, workers: number | 'auto'): string {
  const file = path.join(folder, `${name}.yaml`)
  const lines = [
    `name: ${name}`,
    `corpora: [{ path: ${JSON.stringify(corpus)}, format: jsonl }]`,
    `configs: [${JSON.stringify(config)}]`,
    `workers: ${workers}`,
    'latency: { samples: 2000, warmup: 200, time_ms: 3000 }',
  ]
  writeFileSync(file, lines.join('\n'))
  return file
}

/** Child mode: runs one suite and prints a ChildReport. */
async function runChild(suiteFile: string, expectedMessages: number): Promise<void> {
  const started = performance.now()
  let sizePassStart: number | undefined
  let sizePassEnd: number | undefined
  const rssQuartileBytes: number[] = []
  const { results } = await runSuite(await loadSuite(suiteFile), {
    onEvent: (event) => {
      if (event.kind === 'run-start') sizePassStart ??= performance.now()
      if (event.kind === 'run-progress' && event.progress.phase === 'latency') sizePassEnd ??= performance.now()
      if (
        event.kind === 'run-progress' &&
        event.progress.phase === 'sizes' &&
        event.progress.messagesDone >= ((rssQuartileBytes.length + 1) * expectedMessages) / 4
      ) {
        if (rssQuartileBytes.length < 3) rssQuartileBytes.push(process.memoryUsage().rss)
      }
    },
  })
  const run = results.runs[0]
  if (run === undefined) throw new Error('the suite measured nothing')
  const report: ChildReport = {
    messages: run.metrics.messages,
    wallMs: performance.now() - started,
    sizePassMs: (sizePassEnd ?? performance.now()) - (sizePassStart ?? started),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
    rssQuartileBytes,
    roundTrip: run.metrics.roundTrip,
    ratio: run.metrics.ratio,
    templateHitRate: run.metrics.templateHitRate,
    encodeP99Us: run.metrics.latencyUs?.encode.p99,
  }
  console.log(JSON.stringify(report))
}

function spawnChild(suiteFile: string, expectedMessages: number): ChildReport {
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli')
  const result = spawnSync(
    process.execPath,
    [tsxCli, fileURLToPath(import.meta.url), '--child', suiteFile, String(expectedMessages)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  if (result.status !== 0) throw new Error(`scale run failed (${result.status}): ${result.stderr}`)
  const last = result.stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(last) as ChildReport
}

/** The scale section as Markdown: 100k and `messages`, each on 1 thread and on 2 workers. */
export async function runScaleBench(corporaRoot: string, messages = 1_000_000): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'aura-scale-'))
  try {
    const config = writeFastConfig(folder, corporaRoot)
    const small = Math.min(100_000, messages)
    const corpora = { small: path.join(folder, 'small.jsonl'), large: path.join(folder, 'large.jsonl') }
    await writeCorpus(corporaRoot, corpora.small, small, 21)
    await writeCorpus(corporaRoot, corpora.large, messages, 22)
    const runs: { label: string; corpus: string; messages: number; workers: 1 | 2 }[] = [
      { label: `${count(small)}, 1 thread`, corpus: corpora.small, messages: small, workers: 1 },
      { label: `${count(small)}, 2 workers`, corpus: corpora.small, messages: small, workers: 2 },
      { label: `${count(messages)}, 1 thread`, corpus: corpora.large, messages, workers: 1 },
      { label: `${count(messages)}, 2 workers`, corpus: corpora.large, messages, workers: 2 },
    ]
    const rows = runs.map((run, i) => {
      const report = spawnChild(writeSuite(folder, `scale-${i}`, run.corpus, config, run.workers), run.messages)
      const rss = report.rssQuartileBytes.map((bytes) => (bytes / 2 ** 20).toFixed(0)).join(' / ')
      const bytes = statSync(run.corpus).size
      return [
        run.label,
        mib(bytes),
        (report.wallMs / 1000).toFixed(1),
        (report.cpuMs / 1000).toFixed(1),
        (report.sizePassMs / 1000).toFixed(1),
        count((report.messages / report.sizePassMs) * 1000),
        mib(report.maxRssBytes),
        rss,
        `${count(report.roundTrip.checked)} / ${report.roundTrip.mismatches}`,
        report.ratio.toFixed(2),
        report.encodeP99Us?.toFixed(1) ?? '-',
      ]
    })
    return [
      '### Harness scale: a suite over a million messages',
      '',
      'Mixed real messages resampled into a temp JSONL file, run by runSuite with the bench-zstd-dict config (expanded store, zstd_dict level 3 fallback), latency on 2,000 reservoir samples. Wall: the whole suite (compressor and dictionary built, size pass, latency). Size pass: from the run start to the latency phase, worker start-up included. Each run is its own process; peak memory is its maxRSS (worker threads included); RSS is also read when a quarter, half and three quarters of the messages were measured.',
      '',
      renderTable(
        [
          'run',
          'corpus file',
          'wall s',
          'CPU s',
          'size pass s',
          'size pass msg/s',
          'peak RSS',
          'RSS at 1/4, 1/2, 3/4 MiB',
          'round trips / mismatches',
          'ratio',
          'encode p99 µs',
        ],
        rows,
      ),
    ].join('\n')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const child = process.argv.indexOf('--child')
  if (child !== -1) await runChild(process.argv[child + 1] as string, Number(process.argv[child + 2]))
  else {
    const corporaRoot = corporaRootOrExit(process.argv.slice(2), 'npx tsx bench/scale.ts --corpora DIR [--messages N]')
    const at = process.argv.indexOf('--messages')
    console.log(describeMachine())
    console.log('')
    console.log(await runScaleBench(corporaRoot, at === -1 ? undefined : Number(process.argv[at + 1])))
  }
}
