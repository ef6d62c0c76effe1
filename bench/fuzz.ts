/**
 * Decoder fuzzing: `npx tsx bench/fuzz.ts [--cases N] [--seed S] [--workers W] [--hang-ms MS]`
 * (`npm run fuzz`), or `--replay INDEX` to run one case alone and print it whole.
 *
 * Every case decodes a hostile frame (random bytes, truncations, bit flips, spliced halves of two
 * frames, reserved tags, unknown templates, lengths past the end, decompression bombs) with one of
 * the targets (every shipped config, a text-passthrough and a zstd_dict variant, each also with a
 * 512-byte max_message_bytes). It must return bytes within the bound or reject with an E_FRAME_* code
 * within --hang-ms. Failures and hangs are printed with the frame in hex; the exit code is 1 if any.
 *
 * Steps:
 * 1. Split case indexes [0, N) into one contiguous range per worker thread (default: one per core, at most 2).
 * 2. Each worker builds the targets and runs its range, posting tallies and failure reports.
 * 3. A watchdog reads each worker's case in progress from shared memory; a case stuck for
 *    max(10 x hang-ms, 10 s) is reported as a hang, the worker is replaced and resumes after it.
 * 4. Print the summary: counts of cases, results, each error code, failures, hangs, slowest case, rate.
 */
import { availableParallelism, cpus } from 'node:os'
import { Worker } from 'node:worker_threads'
import { createFuzzCase, KIND_WEIGHTS } from './fuzz-cases.ts'
import { createTally, mergeTally, recordOutcome, runFuzzCase, toReport, type FuzzReport, type FuzzTally } from './fuzz-check.ts'
import { createFuzzSetup } from './fuzz-targets.ts'
import type { FuzzWorkerData, FuzzWorkerMessage } from './fuzz-worker.ts'

interface FuzzOptions {
  cases: number
  seed: number
  workers: number
  hangMs: number
  replay: number | undefined
}

const WATCHDOG_POLL_MS = 250

function parseOptions(argv: readonly string[]): FuzzOptions {
  const options: FuzzOptions = { cases: 1_000_000, seed: 1, workers: Math.min(2, availableParallelism()), hangMs: 1000, replay: undefined }
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1])
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${argv[i]} needs a non-negative integer, got ${argv[i + 1]}`)
    if (argv[i] === '--cases') options.cases = value
    else if (argv[i] === '--seed') options.seed = value
    else if (argv[i] === '--workers') options.workers = Math.max(1, value)
    else if (argv[i] === '--hang-ms') options.hangMs = value
    else if (argv[i] === '--replay') options.replay = value
    else throw new Error(`unknown option ${argv[i]} (options: --cases N --seed S --workers W --hang-ms MS --replay INDEX)`)
  }
  return options
}

/** Worker state the main thread keeps: its range, how far its tallies reach, what to skip on restart. */
interface WorkerSlot {
  slot: number
  end: number
  next: number
  skip: number[]
  worker: Worker | undefined
  ready: boolean
  lastBeat: number
  lastBeatAt: number
  done: boolean
}

async function runWorkers(options: FuzzOptions, total: FuzzTally): Promise<void> {
  const progress = new SharedArrayBuffer(8 * options.workers)
  const beats = new Int32Array(progress)
  const share = Math.ceil(options.cases / options.workers)
  const slots: WorkerSlot[] = Array.from({ length: options.workers }, (_, slot) => ({
    slot, next: slot * share, end: Math.min(options.cases, (slot + 1) * share), skip: [], worker: undefined, ready: false, lastBeat: -1, lastBeatAt: 0, done: false,
  }))
  const watchdogMs = Math.max(10 * options.hangMs, 10_000)
  await new Promise<void>((resolve) => {
    const finishIfDone = (): void => {
      if (slots.every((s) => s.done)) {
        clearInterval(timer)
        resolve()
      }
    }
    const restart = (s: WorkerSlot, reason: string): void => {
      const stuck = Atomics.load(beats, s.slot * 2)
      void s.worker?.terminate()
      process.stdout.write(`\nFAIL case ${stuck}: ${reason}\n  replay: npx tsx bench/fuzz.ts --seed ${options.seed} --replay ${stuck}\n`)
      if (reason.startsWith('hang')) total.hangs++
      else total.failures++
      s.skip.push(stuck)
      start(s)
    }
    const start = (s: WorkerSlot): void => {
      if (s.next >= s.end) {
        s.done = true
        return finishIfDone()
      }
      const data: FuzzWorkerData = { seed: options.seed, start: s.next, end: s.end, hangMs: options.hangMs, skip: s.skip, progress, slot: s.slot }
      const worker = spawnWorker(data)
      Object.assign(s, { worker, ready: false, lastBeat: -1, lastBeatAt: performance.now() })
      worker.on('message', (message: FuzzWorkerMessage) => {
        if (message.type === 'ready') Object.assign(s, { ready: true, lastBeatAt: performance.now() })
        else if (message.type === 'report') printReport(message.report)
        else if (message.type === 'tally') {
          mergeTally(total, message.tally)
          s.next = message.next
        } else {
          s.done = true
          finishIfDone()
        }
      })
      worker.on('error', (error) => restart(s, `crash: the worker threw ${error.stack ?? String(error)}`))
      worker.on('exit', (code) => {
        if (!s.done && s.worker === worker && code !== 0) restart(s, `crash: the worker exited with code ${code}`)
      })
    }
    const timer = setInterval(() => {
      for (const s of slots) {
        if (s.done || !s.ready) continue
        const beat = Atomics.load(beats, s.slot * 2 + 1)
        if (beat !== s.lastBeat) Object.assign(s, { lastBeat: beat, lastBeatAt: performance.now() })
        else if (performance.now() - s.lastBeatAt > watchdogMs) restart(s, `hang: case ${Atomics.load(beats, s.slot * 2)} did not return within ${watchdogMs} ms`)
      }
      printProgress(total, options.cases)
    }, WATCHDOG_POLL_MS)
    for (const s of slots) start(s)
  })
}

/** A worker thread running fuzz-worker.ts under tsx (a .ts entry cannot be a worker's URL directly). */
function spawnWorker(data: FuzzWorkerData): Worker {
  const entry = new URL('./fuzz-worker.ts', import.meta.url).href
  const tsx = import.meta.resolve('tsx/esm/api')
  const source = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(source, { eval: true, workerData: data })
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
  const outcome = await runFuzzCase(fuzzCase, options.hangMs)
  const tally = createTally()
  const report = recordOutcome(tally, fuzzCase, outcome, options.hangMs)
  const hex = Buffer.from(fuzzCase.frame).toString('hex')
  process.stdout.write(`case ${index} seed ${options.seed}: ${fuzzCase.kind}, target ${fuzzCase.target.name}, ${fuzzCase.origin}\nframe (${fuzzCase.frame.length} bytes): ${hex}\n`)
  process.stdout.write(`outcome: ${JSON.stringify(outcome)}\n`)
  return report === undefined ? 0 : 1
}

function summary(options: FuzzOptions, total: FuzzTally, elapsedMs: number): string {
  const codes = Object.entries(total.codes).sort((a, b) => b[1] - a[1])
  const kinds = Object.keys(KIND_WEIGHTS).map((kind) => `${kind} ${total.kinds[kind] ?? 0}`)
  const slowest = total.slowest === null ? '' : ` (case ${total.slowest.index}: ${total.slowest.kind}, ${total.slowest.target}, ${total.slowest.origin})`
  return [
    `fuzz summary: seed ${options.seed}, ${options.workers} worker(s), hang limit ${options.hangMs} ms`,
    `  machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, node ${process.version}`,
    `  cases:    ${total.cases}`,
    `  kinds:    ${kinds.join(', ')}`,
    `  results:  ${total.results}`,
    `  rejected: ${total.cases - total.results - total.failures}`,
    ...codes.map(([code, count]) => `    ${code.padEnd(24)} ${count}`),
    `  crashes (failures): ${total.failures}`,
    `  hangs (> ${options.hangMs} ms of wall and CPU time): ${total.hangs}`,
    `  slow under load (> ${options.hangMs} ms of wall time, less CPU time on a re-run): ${total.slowUnderLoad}`,
    `  max time per case: ${total.maxCaseMs.toFixed(1)} ms wall${slowest}; max CPU time of a re-run slow case: ${total.maxCpuMs.toFixed(0)} ms`,
    `  elapsed: ${(elapsedMs / 1000).toFixed(1)} s, ${Math.round(total.cases / (elapsedMs / 1000))} cases/s`,
  ].join('\n')
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv)
  if (options.replay !== undefined) return replay(options, options.replay)
  const started = performance.now()
  const total = createTally()
  await runWorkers(options, total)
  process.stdout.write(`${summary(options, total, performance.now() - started)}\n`)
  return total.failures > 0 || total.hangs > 0 ? 1 : 0
}

process.exitCode = await main(process.argv.slice(2))
