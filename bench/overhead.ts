/**
 * The harness's own cost: messages per second of the size pass for every shipped config (one
 * thread, and two worker threads), and the runner's overhead against a bare loop doing the same
 * work (compress, decompress, compare bytes) on the same messages, run alternately.
 * Run alone: `npx tsx bench/overhead.ts --corpora DIR [--quick] [--overhead-only]` (the last skips the per-config rates;
 * DIR holds loghub/, llm-stream/, ws-market-data/, api-github/, mixed into the messages measured).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { bytesEqual, type Compressor } from '../src/core/index.ts'
import {
  accumulateSizes,
  finishSizePass,
  loadCompressor,
  measureSizes,
  measureSizesParallel,
  type RunnerMessage,
} from '../src/runner/index.ts'
import { PROJECT_ROOT } from './lib/fixtures.ts'
import { describeMachine } from './lib/machine.ts'
import { writeFastConfig } from './lib/fast-config.ts'
import { corporaRootOrExit, mixedMessages } from './lib/mixed.ts'
import { count, renderTable, times, verdict } from './lib/table.ts'
import { wallMs } from './lib/timing.ts'

/** Options of the overhead benchmark. */
export interface OverheadOptions {
  /** the folder the mixed messages are drawn from (see bench/lib/mixed.ts) */
  corporaRoot: string
  quick?: boolean
  /** only the runner-vs-bare-loop section (a few seconds instead of a minute or more) */
  overheadOnly?: boolean
}

function shippedConfigs(): string[] {
  const folder = path.join(PROJECT_ROOT, 'configs')
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => path.join(folder, name))
}

/** A 2-worker pass: total wall time, time to the first progress report, and the rate after it. */
async function parallelRun(
  spec: { configPath: string; configName: string },
  messages: readonly RunnerMessage[],
): Promise<{ totalMs: number; firstMs: number; steadyRate: number }> {
  const started = performance.now()
  let first: { atMs: number; done: number } | undefined
  const every = Math.max(1, Math.floor(messages.length / 20))
  // small batches so that progress arrives while the workers run, not only at the end
  const options = {
    workers: 2,
    batchMessages: Math.max(1, Math.floor(messages.length / 40)),
    progressEveryMessages: every,
  }
  await measureSizesParallel(spec, messages, {
    ...options,
    onProgress: (done) => (first ??= { atMs: performance.now() - started, done }),
  })
  const totalMs = performance.now() - started
  const steady = first === undefined || totalMs <= first.atMs ? { atMs: 0, done: 0 } : first
  return {
    totalMs,
    firstMs: steady.atMs,
    steadyRate: ((messages.length - steady.done) / (totalMs - steady.atMs)) * 1000,
  }
}

const isBrotliQ11 = (compressor: Compressor): boolean =>
  'brotli-wasm' in compressor.libraries || 'node:zlib' in compressor.libraries

/** Messages per second of the size pass, per config, on one thread and on two workers. */
async function rateSection(corporaRoot: string, fastConfig: string, quick: boolean): Promise<string> {
  const rows: string[][] = []
  for (const file of [...shippedConfigs(), fastConfig]) {
    const compressor = await loadCompressor(file)
    // Brotli q11 costs milliseconds per message: fewer of them keep the run short
    const messages = mixedMessages(
      corporaRoot,
      isBrotliQ11(compressor) ? (quick ? 100 : 400) : quick ? 2000 : 10_000,
      3,
    )
    const oneMs = await wallMs(() => measureSizes(compressor, messages))
    const two = await parallelRun({ configPath: file, configName: compressor.name }, messages)
    const oneRate = (messages.length / oneMs) * 1000
    rows.push([
      compressor.name,
      count(messages.length),
      count(oneRate),
      count(two.steadyRate),
      times(two.steadyRate / oneRate),
      (two.firstMs / 1000).toFixed(1),
      (two.totalMs / 1000).toFixed(1),
    ])
  }
  return [
    '### Size pass: messages per second per config',
    '',
    'Mixed real messages (Loghub lines 40%, llm-stream 25%, ws-market-data 30%, week1 3%, api-github 2%); compress, decompress and byte comparison of every message; wall-clock rates. Two workers: the rate from the first progress report (a twentieth of the messages done; by then both workers have started: each loads the TypeScript loader, its config, store and dictionary) to the end, and the time to that first report.',
    '',
    renderTable(
      [
        'config',
        'messages',
        'msg/s, 1 thread',
        'msg/s, 2 workers',
        'speed-up',
        '2 workers: first report s',
        '2 workers: total s',
      ],
      rows,
    ),
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

/** CPU time (user + system, this process) of `work` in milliseconds: preemption by other processes does not count. */
async function cpuMs(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage()
  await work()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

/** Untimed passes of both loops (at least one each, then until a second has passed): with 3 rounds of a few thousand fast messages the runner's code was still being compiled. */
async function warmUp(compressor: Compressor, messages: readonly RunnerMessage[]): Promise<void> {
  const started = performance.now()
  do {
    await bareLoop(compressor, messages)
    finishSizePass(await accumulateSizes(compressor, messages))
  } while (performance.now() - started < 1000)
}

/**
 * Runner vs bare loop on the same messages, after a warm-up of both, alternating whole passes (bare, runner, bare, ...) for
 * `rounds` rounds; CPU time, the fastest round of each (other processes only ever add time: cache
 * misses, frequency drops). finishSizePass, once per run, is timed apart.
 */
async function overheadRow(corporaRoot: string, file: string, messageCount: number, rounds: number): Promise<string[]> {
  const compressor = await loadCompressor(file)
  const messages = mixedMessages(corporaRoot, messageCount, 5)
  await warmUp(compressor, messages)
  const bare: number[] = []
  const accumulate: number[] = []
  const finish: number[] = []
  for (let r = 0; r < rounds; r++) {
    bare.push(await cpuMs(() => bareLoop(compressor, messages)))
    let acc: Awaited<ReturnType<typeof accumulateSizes>> | undefined
    accumulate.push(await cpuMs(async () => (acc = await accumulateSizes(compressor, messages))))
    finish.push(await cpuMs(async () => finishSizePass(acc as NonNullable<typeof acc>)))
  }
  const [bareMs, accMs, finishMs] = [Math.min(...bare), Math.min(...accumulate), Math.min(...finish)]
  const perMessage = accMs / bareMs - 1
  const overhead = (accMs + finishMs) / bareMs - 1
  // corpus size from which the fixed finish cost stays within the 20% budget left by the per-message overhead
  const breakEven =
    perMessage < 0.2 ? count(Math.ceil(finishMs / ((bareMs / messages.length) * (0.2 - perMessage)))) : 'never'
  const addedUs = ((accMs - bareMs) * 1000) / messages.length
  return [
    compressor.name,
    count(messages.length),
    bareMs.toFixed(0),
    accMs.toFixed(0),
    addedUs.toFixed(2),
    finishMs.toFixed(1),
    `${(100 * perMessage).toFixed(1)}%`,
    `${(100 * overhead).toFixed(1)}%`,
    verdict(overhead, 0.2),
    breakEven,
  ]
}

async function overheadSection(corporaRoot: string, fastConfig: string, quick: boolean): Promise<string> {
  const rounds = quick ? 3 : 7
  const rows = [
    await overheadRow(corporaRoot, fastConfig, quick ? 3000 : 20_000, rounds),
    await overheadRow(corporaRoot, path.join(PROJECT_ROOT, 'configs', 'emergency.yaml'), quick ? 100 : 300, rounds),
  ]
  return [
    '### Harness overhead: runner vs a bare loop',
    '',
    `Bare loop: \`for\` over the messages, compress, decompress, compare bytes. Runner: measureSizes = accumulateSizes (per message: the same work plus counters, categories, expansion list, latency reservoir, size sample) + finishSizePass (once per run: metrics, shuffle, bootstrap intervals). CPU time of this process (other processes' load does not count), one thread; after untimed warm-up passes of both (at least one each, for a second), bare and runner alternate whole passes; the fastest of ${rounds} rounds for each (other processes only add time). Goal: overhead under 20%.`,
    '',
    renderTable(
      [
        'config',
        'messages',
        'bare CPU ms',
        'accumulate CPU ms',
        'runner µs/message over bare',
        'finish CPU ms',
        'per-message overhead',
        'total overhead',
        'goal (<= 20%)',
        'total <= 20% from (messages)',
      ],
      rows,
    ),
  ].join('\n')
}

/** Both sections as Markdown. */
export async function runOverheadBench(options: OverheadOptions): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'aura-bench-'))
  try {
    const { corporaRoot } = options
    const fastConfig = writeFastConfig(folder, corporaRoot)
    const quick = options.quick === true
    if (options.overheadOnly === true) return await overheadSection(corporaRoot, fastConfig, quick)
    return [
      await rateSection(corporaRoot, fastConfig, quick),
      '',
      await overheadSection(corporaRoot, fastConfig, quick),
    ].join('\n')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const corporaRoot = corporaRootOrExit(
    process.argv.slice(2),
    'npx tsx bench/overhead.ts --corpora DIR [--quick] [--overhead-only]',
  )
  console.log(describeMachine())
  console.log('')
  console.log(
    await runOverheadBench({
      corporaRoot,
      quick: process.argv.includes('--quick'),
      overheadOnly: process.argv.includes('--overhead-only'),
    }),
  )
}
