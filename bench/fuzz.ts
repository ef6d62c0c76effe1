/**
 * Decoder fuzzing: `npx tsx bench/fuzz.ts [--cases N] [--seed S] [--workers W] [--hang-ms MS] [--cpu-ms MS] [--rss-mb MB]`
 * (`npm run fuzz`), or `--replay INDEX` to run one case alone and print it whole.
 *
 * Every case decodes a hostile frame (random bytes, truncations, bit flips, spliced halves of two
 * frames, reserved tags, unknown templates, lengths past the end, decompression bombs) with one of
 * the targets (every shipped config, a text-passthrough and a zstd_dict variant, each also with a
 * 512-byte max_message_bytes). It must return bytes within the bound or reject with an E_FRAME_* code
 * within --hang-ms. Failures and hangs are printed with the frame in hex; the exit code is 1 if any.
 * The decode budget: a case over --cpu-ms of CPU time (50) or --rss-mb of RSS growth (64) is printed
 * and counted per kind, and also makes the exit code 1.
 *
 * Steps:
 * 1. Split case indexes [0, N) into one contiguous range per worker thread (default: one per core, at most 2).
 * 2. Each worker builds the targets and runs its range, posting tallies and failure reports.
 * 3. A watchdog reads each worker's case in progress from shared memory; a case stuck for
 *    max(10 x hang-ms, 10 s) is reported as a hang, the worker is replaced and resumes after it.
 * 4. Print the summary: counts of cases, results, each error code, failures, hangs, slowest case, rate.
 */
import { availableParallelism, cpus, loadavg } from 'node:os'
import { createFuzzCase, KIND_WEIGHTS } from '../test/harness/fuzz-cases.ts'
import {
  createTally,
  recordOutcome,
  runFuzzCase,
  type CaseLimits,
  type FuzzReport,
  type FuzzTally,
} from '../test/harness/fuzz-check.ts'
import { runFuzzPool } from './fuzz-pool.ts'
import { createFuzzSetup } from '../test/harness/fuzz-targets.ts'

interface FuzzOptions {
  cases: number
  seed: number
  workers: number
  hangMs: number
  cpuMs: number
  rssMb: number
  replay: number | undefined
}

function parseOptions(argv: readonly string[]): FuzzOptions {
  const options: FuzzOptions = {
    cases: 1_000_000,
    seed: 1,
    workers: Math.min(2, availableParallelism()),
    hangMs: 1000,
    cpuMs: 50,
    rssMb: 64,
    replay: undefined,
  }
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1])
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`${argv[i]} needs a non-negative integer, got ${argv[i + 1]}`)
    if (argv[i] === '--cases') options.cases = value
    else if (argv[i] === '--seed') options.seed = value
    else if (argv[i] === '--workers') options.workers = Math.max(1, value)
    else if (argv[i] === '--hang-ms') options.hangMs = value
    else if (argv[i] === '--cpu-ms') options.cpuMs = value
    else if (argv[i] === '--rss-mb') options.rssMb = value
    else if (argv[i] === '--replay') options.replay = value
    else
      throw new Error(
        `unknown option ${argv[i]} (options: --cases N --seed S --workers W --hang-ms MS --cpu-ms MS --rss-mb MB --replay INDEX)`,
      )
  }
  return options
}

/** The per-case limits of a run's options. */
function caseLimits(options: Pick<FuzzOptions, 'hangMs' | 'cpuMs' | 'rssMb'>): CaseLimits {
  return { hangMs: options.hangMs, cpuMs: options.cpuMs, rssBytes: options.rssMb * 1024 * 1024 }
}

function perKind(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0)
  const kinds = Object.entries(counts).map(([kind, count]) => `${kind} ${count}`)
  return kinds.length === 0 ? '0' : `${total} (${kinds.join(', ')})`
}

let lastProgressAt = 0

function printProgress(total: FuzzTally, cases: number): void {
  const now = performance.now()
  if (now - lastProgressAt < 10_000) return
  lastProgressAt = now
  process.stderr.write(`  ${total.cases.toLocaleString('en-US')} / ${cases.toLocaleString('en-US')} cases\n`)
}

function printReport(report: FuzzReport): void {
  process.stdout.write(
    `\nFAIL case ${report.index} (${report.kind}, target ${report.target}, ${report.origin}, ${report.frameBytes} bytes, ${report.elapsedMs.toFixed(1)} ms)\n` +
      `  ${report.reason.replaceAll('\n', '\n  ')}\n  frame: ${report.frameHex}\n`,
  )
}

async function replay(options: FuzzOptions, index: number): Promise<number> {
  const setup = await createFuzzSetup()
  const fuzzCase = createFuzzCase(setup, options.seed, index)
  const outcome = await runFuzzCase(fuzzCase, caseLimits(options))
  const tally = createTally()
  const report = recordOutcome(tally, fuzzCase, outcome, caseLimits(options))
  const hex = Buffer.from(fuzzCase.frame).toString('hex')
  process.stdout.write(
    `case ${index} seed ${options.seed}: ${fuzzCase.kind}, target ${fuzzCase.target.name}, ${fuzzCase.origin}\nframe (${fuzzCase.frame.length} bytes): ${hex}\n`,
  )
  process.stdout.write(`outcome: ${JSON.stringify(outcome)}\n`)
  return report === undefined ? 0 : 1
}

function summary(options: FuzzOptions, total: FuzzTally, elapsedMs: number): string {
  const codes = Object.entries(total.codes).sort((a, b) => b[1] - a[1])
  const kinds = Object.keys(KIND_WEIGHTS).map((kind) => `${kind} ${total.kinds[kind] ?? 0}`)
  const slowest =
    total.slowest === null
      ? ''
      : ` (case ${total.slowest.index}: ${total.slowest.kind}, ${total.slowest.target}, ${total.slowest.origin})`
  return [
    `fuzz summary: seed ${options.seed}, ${options.workers} worker(s), hang limit ${options.hangMs} ms`,
    `  machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (shared machine)`,
    `  cases:    ${total.cases}`,
    `  kinds:    ${kinds.join(', ')}`,
    `  results:  ${total.results}`,
    `  rejected: ${total.cases - total.results - total.failures}`,
    ...codes.map(([code, count]) => `    ${code.padEnd(24)} ${count}`),
    `  crashes (failures): ${total.failures}`,
    `  hangs (> ${options.hangMs} ms of wall and CPU time): ${total.hangs}`,
    `  slow under load (> ${options.hangMs} ms of wall time, less CPU time on a re-run): ${total.slowUnderLoad}`,
    `  over the CPU budget (> ${options.cpuMs} ms of CPU time on a re-run): ${perKind(total.overCpu)}`,
    `  over the RSS budget (> ${options.rssMb} MiB of RSS growth across one case): ${perKind(total.overRss)}`,
    `  max RSS growth across one case: ${(total.maxRssGrowthBytes / 1024 / 1024).toFixed(1)} MiB`,
    `  max time per case: ${total.maxCaseMs.toFixed(1)} ms wall${slowest}; max CPU time of a re-run slow case: ${total.maxCpuMs.toFixed(0)} ms`,
    `  elapsed: ${(elapsedMs / 1000).toFixed(1)} s, ${Math.round(total.cases / (elapsedMs / 1000))} cases/s`,
  ].join('\n')
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv)
  if (options.replay !== undefined) return replay(options, options.replay)
  const started = performance.now()
  const total = createTally()
  await runFuzzPool(options, total, printReport, () => printProgress(total, options.cases))
  process.stdout.write(`${summary(options, total, performance.now() - started)}\n`)
  const overBudget = Object.keys(total.overCpu).length + Object.keys(total.overRss).length
  return total.failures > 0 || total.hangs > 0 || overBudget > 0 ? 1 : 0
}

process.exitCode = await main(process.argv.slice(2))
