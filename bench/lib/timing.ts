/**
 * Per-call timing of contenders run side by side: every call is timed alone with
 * process.hrtime.bigint into a preallocated array, and the contenders take turns in chunks
 * (A, B, A, B, ...) over the same messages so that machine noise (other processes, GC, frequency
 * changes) falls on all of them alike.
 */
import { createRandom, shuffledCopy } from '../../src/core/index.ts'

/** One contender: does the work for message `i` (sync or async; async calls are awaited inside the timing). */
export interface Contender {
  readonly name: string
  readonly run: (i: number) => unknown
  /** true when `run` returns a promise that must be awaited */
  readonly isAsync?: boolean
}

/** Options of timeInterleaved. */
export interface InterleaveOptions {
  /** messages the contenders cycle through */
  messageCount: number
  /** timed calls per contender */
  callsPerContender: number
  /** calls in a row before the next contender takes over; default 256 */
  chunkCalls?: number
  /** untimed calls per contender first (JIT, caches); default 2,000 or callsPerContender / 5, whichever is less */
  warmupCalls?: number
}

/** Percentiles of one contender's calls, in microseconds. */
export interface TimingSummary {
  name: string
  calls: number
  p50Us: number
  p99Us: number
  meanUs: number
}

/** Times the contenders interleaved in chunks; returns each one's per-call times in microseconds. */
export async function timeInterleaved(
  contenders: readonly Contender[],
  options: InterleaveOptions,
): Promise<Map<string, Float64Array>> {
  const chunk = options.chunkCalls ?? 256
  const warmup = options.warmupCalls ?? Math.min(2000, Math.floor(options.callsPerContender / 5))
  for (const contender of contenders)
    for (let i = 0; i < warmup; i++) await runOnce(contender, i % options.messageCount)
  const samples = new Map(contenders.map((c) => [c.name, new Float64Array(options.callsPerContender)]))
  for (let start = 0; start < options.callsPerContender; start += chunk) {
    const end = Math.min(options.callsPerContender, start + chunk)
    for (const contender of contenders) {
      const out = samples.get(contender.name) as Float64Array
      if (contender.isAsync === true) await timeAsyncChunk(contender, start, end, options.messageCount, out)
      else timeSyncChunk(contender, start, end, options.messageCount, out)
    }
  }
  return samples
}

async function runOnce(contender: Contender, i: number): Promise<void> {
  const result = contender.run(i)
  if (contender.isAsync === true) await result
}

function timeSyncChunk(
  contender: Contender,
  start: number,
  end: number,
  messageCount: number,
  out: Float64Array,
): void {
  const run = contender.run
  for (let call = start; call < end; call++) {
    const i = call % messageCount
    const t0 = process.hrtime.bigint()
    run(i)
    out[call] = Number(process.hrtime.bigint() - t0) / 1000
  }
}

async function timeAsyncChunk(
  contender: Contender,
  start: number,
  end: number,
  messageCount: number,
  out: Float64Array,
): Promise<void> {
  const run = contender.run
  for (let call = start; call < end; call++) {
    const i = call % messageCount
    const t0 = process.hrtime.bigint()
    await run(i)
    out[call] = Number(process.hrtime.bigint() - t0) / 1000
  }
}

/** p50, p99 and mean of per-call times (nearest-rank percentiles on the sorted samples). */
export function summarize(name: string, samplesUs: Float64Array): TimingSummary {
  const sorted = Float64Array.from(samplesUs).sort()
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number
  let sum = 0
  for (const value of sorted) sum += value
  return { name, calls: sorted.length, p50Us: at(0.5), p99Us: at(0.99), meanUs: sum / sorted.length }
}

/** Wall time of `work` in milliseconds. */
export async function wallMs(work: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - t0) / 1e6
}

/** Passes of compareShuffled: each a new order, so that no contender keeps the same neighbours. */
export const SHUFFLED_PASSES = 12

/**
 * Times the contenders in passes (timeInterleaved), each with them in a new (seeded) order and starting at the
 * next messages, so that together they cover the same messages as one pass. With one fixed order,
 * two identical async contenders (the hybrid's decompress twice) measured 1.10x and 1.18x of the
 * codec in one run (2026-11-27): where a contender sits among the others moved its p50 by up to 8%.
 * Over 12 shuffled passes the two agreed within 2.5%, two identical sync contenders within 0.3%.
 */
export async function compareShuffled(
  contenders: readonly Contender[],
  options: InterleaveOptions,
): Promise<TimingSummary[]> {
  const callsPerPass = Math.ceil(options.callsPerContender / SHUFFLED_PASSES)
  const samples = new Map<string, Float64Array[]>(contenders.map((c) => [c.name, []]))
  const random = createRandom(SHUFFLED_PASSES)
  for (let pass = 0; pass < SHUFFLED_PASSES; pass++) {
    const offset = pass * callsPerPass
    const order = shuffledCopy(contenders, random).map((c) => ({
      ...c,
      run: (i: number) => c.run((i + offset) % options.messageCount),
    }))
    for (const [name, times] of await timeInterleaved(order, { ...options, callsPerContender: callsPerPass }))
      samples.get(name)?.push(times)
  }
  const joined = (parts: readonly Float64Array[]): Float64Array =>
    Float64Array.from(parts.flatMap((part) => Array.from(part)))
  return contenders.map((c) => summarize(c.name, joined(samples.get(c.name) ?? [])))
}

/**
 * The median over chunks of (B's mean / A's mean) within the chunk: the chunks were timed next to each
 * other, so a chunk that a busy machine slowed is one outlier among ~80, not a share of the mean.
 */
export function chunkMedianRatio(a: Float64Array, b: Float64Array, chunk = 256): number {
  const ratios: number[] = []
  for (let start = 0; start < a.length; start += chunk) {
    const end = Math.min(a.length, start + chunk)
    let [sa, sb] = [0, 0]
    for (let i = start; i < end; i++) {
      sa += a[i] as number
      sb += b[i] as number
    }
    ratios.push(sb / sa)
  }
  return ratios.sort((x, y) => x - y)[ratios.length >> 1] ?? Number.NaN
}

/**
 * Times each function on `lines` (the same `calls` of them, cycling), in chunks of `chunk` calls
 * whose first contender changes each chunk (A B Z, B Z A, Z A B, ...); returns each one's per-call
 * µs, in the order given. The hybrid A/B sections of template-path-ab use it.
 */
export function timeRotatingChunks(
  runs: readonly ((message: Uint8Array) => unknown)[],
  lines: readonly Uint8Array[],
  calls: number,
  chunk: number,
): Float64Array[] {
  const outs = runs.map(() => new Float64Array(calls))
  const order = runs.map((run, k) => [outs[k] as Float64Array, run] as const)
  for (let start = 0; start < calls; start += chunk) {
    // each contender goes first in turn
    const turn = (start / chunk) % order.length
    for (const [out, run] of [...order.slice(turn), ...order.slice(0, turn)]) {
      for (let call = start; call < Math.min(calls, start + chunk); call++) {
        const t0 = process.hrtime.bigint()
        run(lines[call % lines.length] as Uint8Array)
        out[call] = Number(process.hrtime.bigint() - t0) / 1000
      }
    }
  }
  return outs
}
