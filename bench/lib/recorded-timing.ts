/**
 * Section 1's timing of `npm run bench` (bench/lib/timing.ts compareShuffled: passes over the lines in a
 * shuffled order of contenders, chunks of 256 calls each, a warm-up per pass) with one contender's calls
 * kept one by one: how long each took, when it started, which line, and a class the caller names. The
 * anatomy benches (p99-anatomy.ts, decode-anatomy.ts) read the slowest calls of that list; the GC pauses
 * and per-call allocation they print beside it are measured here too.
 */
import { PerformanceObserver } from 'node:perf_hooks'
import { GCProfiler } from 'node:v8'
import os from 'node:os'
import { createRandom, shuffledCopy } from '../../src/core/index.ts'
import { positionalArgs } from './loghub-args.ts'

export interface RecordedContender {
  name: string
  run: (i: number) => unknown
  isAsync?: boolean
  /** the contender whose calls are kept (a sync one) */
  record?: boolean
}

export interface RecordedCall {
  /** µs, process.hrtime */
  us: number
  /** performance.now() at the call's start */
  start: number
  line: number
  cls: string
}

const PASSES = 12
const CHUNK = 256

/**
 * Times `calls` calls of each contender on `lines` lines as section 1 does; the recorded contender's
 * calls are returned, each classed by `classOf(line, result)`. `beforeRecorded` runs before each recorded
 * call, outside its time (p99-anatomy resets its flags there).
 */
export async function timeRecordedAsSection1(
  contenders: readonly RecordedContender[],
  lines: number,
  calls: number,
  classOf: (line: number, result: unknown) => string,
  beforeRecorded?: () => void,
): Promise<RecordedCall[]> {
  const perPass = Math.ceil(calls / PASSES)
  const random = createRandom(PASSES)
  const out: RecordedCall[] = []
  for (let pass = 0; pass < PASSES; pass++) {
    const offset = pass * perPass
    const order = shuffledCopy([...contenders], random)
    const warmup = Math.min(2000, Math.floor(perPass / 5))
    for (const c of order)
      for (let i = 0; i < warmup; i++) {
        const r = c.run((i + offset) % lines)
        if (c.isAsync === true) await r
      }
    for (let start = 0; start < perPass; start += CHUNK) {
      const end = Math.min(perPass, start + CHUNK)
      for (const c of order) {
        for (let call = start; call < end; call++) {
          const i = ((call % lines) + offset) % lines
          if (c.record === true) {
            beforeRecorded?.()
            const s = performance.now()
            const t0 = process.hrtime.bigint()
            const result = c.run(i)
            const us = Number(process.hrtime.bigint() - t0) / 1000
            out.push({ us, start: s, line: i, cls: classOf(i, result) })
          } else if (c.isAsync === true) await c.run(i)
          else c.run(i)
        }
      }
    }
  }
  return out
}

/** A GC pause (PerformanceObserver 'gc'): start and end in performance.now() time, V8's kind. */
export interface GcPause {
  start: number
  end: number
  kind: number
}

/** Collects every GC pause from now on into `pauses` (empty it to start again) until `stop()`. */
export function watchGcPauses(): { pauses: GcPause[]; stop(): void } {
  const pauses: GcPause[] = []
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      pauses.push({
        start: e.startTime,
        end: e.startTime + e.duration,
        kind: (e as { detail?: { kind: number } }).detail?.kind ?? 0,
      })
  })
  observer.observe({ entryTypes: ['gc'] })
  return { pauses, stop: () => observer.disconnect() }
}

/** Lets the observer's queued 'gc' entries arrive (they are delivered on a later turn of the event loop). */
export async function flushGcEntries(): Promise<void> {
  for (let k = 0; k < 3; k++) await new Promise((resolve) => setImmediate(resolve))
}

/** bytes allocated per call: heap growth over `n` calls with no GC between (retried with fewer calls if one came). */
export function allocationPerCall(run: (i: number) => unknown, lines: number, n: number): string {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) return 'n/a (run with node --expose-gc)'
  for (let tries = 0; tries < 6; tries++, n = Math.max(100, n >> 1)) {
    gc()
    const profiler = new GCProfiler()
    profiler.start()
    const h0 = process.memoryUsage().heapUsed
    for (let i = 0; i < n; i++) run(i % lines)
    const h1 = process.memoryUsage().heapUsed
    if ((profiler.stop()?.statistics.length ?? 1) === 0) return `${((h1 - h0) / n).toFixed(0)} B/call over ${n} calls`
  }
  return 'a GC came every time'
}

/** `n` as a percentage of `of`, one decimal. */
export function pct(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)}%`
}

/**
 * The command line of an anatomy bench (`script`: p99-anatomy.ts, decode-anatomy.ts): `--work DIR`,
 * `[--calls N]` (default 20,000), `[--dump FILE]` and Loghub system folders; the usage line and exit 2
 * otherwise. Prints the load at the start.
 */
export function anatomyArgs(script: string): {
  work: string
  calls: number
  dumpTo: string | undefined
  paths: string[]
} {
  const argv = process.argv.slice(2)
  const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
  const work = flag('--work')
  const calls = Number(flag('--calls') ?? 20_000)
  const dumpTo = flag('--dump')
  const paths = positionalArgs(argv, ['--work', '--calls', '--dump'])
  if (work === undefined || paths.length === 0 || !(calls > 0)) {
    console.error(
      `usage: node --expose-gc --import tsx bench/${script} --work DIR [--calls N] [--dump FILE] <loghub system folder | folder of them>...`,
    )
    process.exit(2)
  }
  console.log(`- load average (1 min) at start: ${(os.loadavg()[0] ?? 0).toFixed(2)}; ${calls} calls per contender`)
  return { work, calls, dumpTo, paths }
}
