/**
 * The worker threads of a fuzz run: one contiguous range of case indexes each, tallies merged as
 * they arrive, and a watchdog that reads each worker's case in progress from shared memory. A case
 * stuck for max(10 x hang-ms, 10 s) is a hang: it is printed, its worker replaced, and the range
 * resumed after it (from the worker's last tally, so no case is counted twice). A worker that throws
 * or exits is a crash, handled the same way.
 */
import { Worker } from 'node:worker_threads'
import { mergeTally, type FuzzReport, type FuzzTally } from '../test/harness/fuzz-check.ts'
import type { FuzzWorkerData, FuzzWorkerMessage } from './fuzz-worker.ts'

/** What the pool needs of the run's options. */
export interface PoolOptions {
  cases: number
  seed: number
  workers: number
  hangMs: number
  cpuMs: number
  rssMb: number
}

/** One worker's range and what the main thread knows of it. */
interface Slot {
  index: number
  next: number
  end: number
  skip: number[]
  worker: Worker | undefined
  ready: boolean
  lastBeat: number
  lastBeatAt: number
  done: boolean
}

const WATCHDOG_POLL_MS = 250

/** Runs cases [0, options.cases) on worker threads, merging into `total`; `onReport` gets each failure as it happens. */
export function runFuzzPool(
  options: PoolOptions,
  total: FuzzTally,
  onReport: (report: FuzzReport) => void,
  onTick: () => void,
): Promise<void> {
  return new Promise((resolve) => new FuzzPool(options, total, onReport, onTick, resolve).start())
}

class FuzzPool {
  private readonly progress: SharedArrayBuffer
  private readonly beats: Int32Array
  private readonly slots: Slot[]
  private readonly watchdogMs: number
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly options: PoolOptions,
    private readonly total: FuzzTally,
    private readonly onReport: (report: FuzzReport) => void,
    private readonly onTick: () => void,
    private readonly resolve: () => void,
  ) {
    this.progress = new SharedArrayBuffer(8 * options.workers)
    this.beats = new Int32Array(this.progress)
    const share = Math.ceil(options.cases / options.workers)
    this.slots = Array.from({ length: options.workers }, (_, index) => ({
      index,
      next: index * share,
      end: Math.min(options.cases, (index + 1) * share),
      skip: [],
      worker: undefined,
      ready: false,
      lastBeat: -1,
      lastBeatAt: 0,
      done: false,
    }))
    this.watchdogMs = Math.max(10 * options.hangMs, 10_000)
  }

  start(): void {
    this.timer = setInterval(() => this.watch(), WATCHDOG_POLL_MS)
    for (const slot of this.slots) this.spawn(slot)
  }

  private spawn(slot: Slot): void {
    if (slot.next >= slot.end) return this.finish(slot)
    const { seed, hangMs, cpuMs, rssMb } = this.options
    const limits = { hangMs, cpuMs, rssBytes: rssMb * 1024 * 1024 }
    const worker = spawnWorker({
      seed,
      start: slot.next,
      end: slot.end,
      limits,
      skip: slot.skip,
      progress: this.progress,
      slot: slot.index,
    })
    Object.assign(slot, { worker, ready: false, lastBeat: -1, lastBeatAt: performance.now() })
    worker.on('message', (message: FuzzWorkerMessage) => this.receive(slot, message))
    worker.on('error', (error) => this.replace(slot, `crash: the worker threw ${error.stack ?? String(error)}`))
    worker.on('exit', (code) => {
      if (!slot.done && slot.worker === worker && code !== 0)
        this.replace(slot, `crash: the worker exited with code ${code}`)
    })
  }

  private receive(slot: Slot, message: FuzzWorkerMessage): void {
    if (message.type === 'ready') Object.assign(slot, { ready: true, lastBeatAt: performance.now() })
    else if (message.type === 'report') this.onReport(message.report)
    else if (message.type === 'tally') {
      mergeTally(this.total, message.tally)
      slot.next = message.next
    } else this.finish(slot)
  }

  /** Reports the case in progress, skips it, and starts a new worker from the slot's last tally. */
  private replace(slot: Slot, reason: string): void {
    const stuck = Atomics.load(this.beats, slot.index * 2)
    void slot.worker?.terminate()
    process.stdout.write(
      `\nFAIL case ${stuck}: ${reason}\n  replay: npx tsx bench/fuzz.ts --seed ${this.options.seed} --replay ${stuck}\n`,
    )
    if (reason.startsWith('hang')) this.total.hangs++
    else this.total.failures++
    slot.skip.push(stuck)
    this.spawn(slot)
  }

  private watch(): void {
    for (const slot of this.slots) {
      if (slot.done || !slot.ready) continue
      const beat = Atomics.load(this.beats, slot.index * 2 + 1)
      if (beat !== slot.lastBeat) Object.assign(slot, { lastBeat: beat, lastBeatAt: performance.now() })
      else if (performance.now() - slot.lastBeatAt > this.watchdogMs) {
        this.replace(
          slot,
          `hang: case ${Atomics.load(this.beats, slot.index * 2)} did not return within ${this.watchdogMs} ms`,
        )
      }
    }
    this.onTick()
  }

  private finish(slot: Slot): void {
    slot.done = true
    if (!this.slots.every((s) => s.done)) return
    clearInterval(this.timer)
    this.resolve()
  }
}

/** A worker thread running fuzz-worker.ts under tsx (a .ts entry cannot be a worker's URL directly). */
function spawnWorker(data: FuzzWorkerData): Worker {
  const entry = new URL('./fuzz-worker.ts', import.meta.url).href
  const tsx = import.meta.resolve('tsx/esm/api')
  const source = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(source, { eval: true, workerData: data })
}
