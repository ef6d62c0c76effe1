/**
 * The harness's own cost: messages per second of the size pass for every shipped config (one
 * thread, and two worker threads), and the runner's overhead against a bare loop doing the same
 * work (compress, decompress, compare bytes) on the same messages, run alternately.
 * Run alone: `npx tsx bench/overhead.ts [--quick]`.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { bytesEqual, type Compressor } from '../src/core/index.ts'
import { accumulateSizes, finishSizePass, loadCompressor, measureSizes, measureSizesParallel, type RunnerMessage } from '../src/runner/index.ts'
import { PROJECT_ROOT } from './lib/fixtures.ts'
import { describeMachine } from './lib/machine.ts'
import { writeFastConfig } from './lib/fast-config.ts'
import { mixedMessages } from './lib/mixed.ts'
import { count, renderTable, times } from './lib/table.ts'
import { wallMs } from './lib/timing.ts'

/** Options of the overhead benchmark. */
export interface OverheadOptions {
  quick?: boolean
}

function shippedConfigs(): string[] {
  const folder = path.join(PROJECT_ROOT, 'configs')
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.join(folder, name))
}

const isBrotliQ11 = (compressor: Compressor): boolean => 'brotli-wasm' in compressor.libraries || 'node:zlib' in compressor.libraries

/** Messages per second of the size pass, per config, on one thread and on two workers. */
async function rateSection(fastConfig: string, quick: boolean): Promise<string> {
  const rows: string[][] = []
  for (const file of [...shippedConfigs(), fastConfig]) {
    const compressor = await loadCompressor(file)
    // Brotli q11 costs milliseconds per message: fewer of them keep the run short
    const messages = mixedMessages(isBrotliQ11(compressor) ? (quick ? 100 : 400) : quick ? 2000 : 10_000, 3)
    const oneMs = await wallMs(() => measureSizes(compressor, messages))
    const spec = { configPath: file, configName: compressor.name }
    // starting the workers (loading modules, config, store, dictionary) is timed apart from the pass
    const startMs = await wallMs(() => measureSizesParallel(spec, [], { workers: 2 }))
    const twoMs = await wallMs(() => measureSizesParallel(spec, messages, { workers: 2 }))
    const rate = (ms: number): string => count((messages.length / ms) * 1000)
    rows.push([compressor.name, count(messages.length), rate(oneMs), rate(Math.max(1, twoMs - startMs)), times(oneMs / Math.max(1, twoMs - startMs)), startMs.toFixed(0)])
  }
  return [
    '### Size pass: messages per second per config',
    '',
    'Mixed real messages (Loghub lines 40%, llm-stream 25%, ws-market-data 30%, week1 3%, api-github 2%); compress, decompress and byte comparison of every message. Two workers: the pass minus the time to start them (measured on an empty corpus: each worker loads the TypeScript loader, its config, store and dictionary), shown apart.',
    '',
    renderTable(['config', 'messages', 'msg/s, 1 thread', 'msg/s, 2 workers', 'speed-up', 'worker start ms'], rows),
  ].join('\n')
}

async function bareLoop(compressor: Compressor, messages: readonly RunnerMessage[]): Promise<void> {
  let mismatches = 0
  for (const message of messages) {
    const frame = (await compressor.compress(message.bytes)).bytes
    if (!bytesEqual(await compressor.decompress(frame), message.bytes)) mismatches += 1
  }
  if (mismatches > 0) throw new Error(`${mismatches} round trips differ`)
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] as number

/** Runner vs bare loop on the same messages, alternated round by round; medians of the rounds. */
async function overheadRow(file: string, messageCount: number, rounds: number): Promise<string[]> {
  const compressor = await loadCompressor(file)
  const messages = mixedMessages(messageCount, 5)
  await bareLoop(compressor, messages.slice(0, 200))
  const bare: number[] = []
  const accumulate: number[] = []
  const finish: number[] = []
  for (let r = 0; r < rounds; r++) {
    bare.push(await wallMs(() => bareLoop(compressor, messages)))
    let acc: Awaited<ReturnType<typeof accumulateSizes>> | undefined
    accumulate.push(await wallMs(async () => (acc = await accumulateSizes(compressor, messages))))
    finish.push(await wallMs(() => finishSizePass(acc as NonNullable<typeof acc>)))
  }
  const [bareMs, accMs, finishMs] = [median(bare), median(accumulate), median(finish)]
  const overhead = (accMs + finishMs) / bareMs - 1
  return [compressor.name, count(messages.length), bareMs.toFixed(0), accMs.toFixed(0), finishMs.toFixed(1), `${(100 * (accMs / bareMs - 1)).toFixed(1)}%`, `${(100 * overhead).toFixed(1)}%`, overhead < 0.2 ? 'met' : 'NOT met']
}

async function overheadSection(fastConfig: string, quick: boolean): Promise<string> {
  const rounds = quick ? 3 : 5
  const rows = [await overheadRow(fastConfig, quick ? 3000 : 20_000, rounds), await overheadRow(path.join(PROJECT_ROOT, 'configs', 'emergency.yaml'), quick ? 100 : 300, rounds)]
  return [
    '### Harness overhead: runner vs a bare loop',
    '',
    `Bare loop: \`for\` over the messages, compress, decompress, compare bytes. Runner: measureSizes = accumulateSizes (per message: the same work plus counters, categories, expansion list, latency reservoir, size sample) + finishSizePass (once per run: metrics, shuffle, bootstrap intervals). Medians of ${rounds} alternating rounds, one thread. Goal: overhead under 20%.`,
    '',
    renderTable(['config', 'messages', 'bare ms', 'accumulate ms', 'finish ms', 'per-message overhead', 'total overhead', 'goal (< 20%)'], rows),
  ].join('\n')
}

/** Both sections as Markdown. */
export async function runOverheadBench(options: OverheadOptions = {}): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'aura-bench-'))
  try {
    const fastConfig = writeFastConfig(folder)
    const quick = options.quick === true
    return [await rateSection(fastConfig, quick), '', await overheadSection(fastConfig, quick)].join('\n')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeMachine())
  console.log('')
  console.log(await runOverheadBench({ quick: process.argv.includes('--quick') }))
}
