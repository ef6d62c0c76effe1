/**
 * Runs one fuzz case and judges it. A case passes when decoding returns bytes within the target's
 * max_message_bytes (the right bytes when the frame is valid) or rejects with an Error whose `code`
 * is one of our E_FRAME_* codes. Anything else (no code, a foreign code, a TypeError or RangeError,
 * wrong bytes from a valid frame, output past the bound) is a failure: a crash to fix.
 */
import { readFileSync } from 'node:fs'
import { bytesEqual, ERROR_CODES, type ErrorCode } from '../../src/core/index.ts'
import type { FuzzCase, FuzzCaseKind } from './fuzz-cases.ts'

/**
 * How one case ended, with its decode wall time in milliseconds, the process's RSS growth across it,
 * and for a case slower than a limit the CPU time of its decoding thread on re-runs (a loaded machine
 * stretches wall time only).
 */
export type FuzzOutcome = (
  | { status: 'result'; sizeBytes: number }
  | { status: 'rejected'; code: ErrorCode }
  | { status: 'failed'; reason: string }
) & { elapsedMs: number; cpuMs?: number; rssGrowthBytes?: number }

/**
 * Per-case limits: `hangMs` of wall and CPU time is a hang; `cpuMs` of CPU time and `rssBytes` of
 * RSS growth are the decode budget (a case over either is counted and printed, not a hang).
 */
export interface CaseLimits {
  hangMs: number
  cpuMs: number
  rssBytes: number
}

/** No limits: what `npm test` uses (it never asserts on time). */
export const NO_LIMITS: CaseLimits = { hangMs: Infinity, cpuMs: Infinity, rssBytes: Infinity }

/** Re-runs of a case over the CPU limit, averaged: /proc's CPU times tick every 10 ms. */
const CPU_RERUNS = 5
/** One tick of /proc's CPU times: a first run's CPU time read from ticks may be this much too high. */
const CPU_TICK_MS = 10

/**
 * Decodes the case's frame with its target and judges the outcome. RSS is read before and after (it
 * is the process's, so another worker's allocations can show up in it). A case slower than the CPU
 * limit in wall time is re-run CPU_RERUNS times and judged on the average thread CPU time (a garbage
 * collection during one run is spread out); one past the hang limit is re-run once and judged on the
 * larger of both runs' CPU times (work done only once, such as growing WebAssembly memory, shows only
 * in the first; its memory shows in the RSS growth).
 */
export async function runFuzzCase(fuzzCase: FuzzCase, limits: CaseLimits = NO_LIMITS): Promise<FuzzOutcome> {
  const timed = Number.isFinite(limits.cpuMs) || Number.isFinite(limits.hangMs)
  const firstCpuBefore = timed ? threadCpuMs() : undefined
  const rssBefore = process.memoryUsage.rss()
  const outcome = await decodeOnce(fuzzCase)
  const rssGrowthBytes = process.memoryUsage.rss() - rssBefore
  if (outcome.elapsedMs <= Math.min(limits.hangMs, limits.cpuMs)) return { ...outcome, rssGrowthBytes }
  const firstCpuAfter = threadCpuMs()
  const reruns = outcome.elapsedMs > limits.hangMs ? 1 : CPU_RERUNS
  const cpuBefore = threadCpuMs()
  for (let i = 0; i < reruns; i++) await decodeOnce(fuzzCase)
  const cpuAfter = threadCpuMs()
  if (cpuBefore === undefined || cpuAfter === undefined || firstCpuBefore === undefined || firstCpuAfter === undefined)
    return { ...outcome, rssGrowthBytes }
  // a case past the hang limit is judged on its first run's CPU time too (less one tick), so work a re-run skips still counts
  const firstCpuMs = reruns === 1 ? firstCpuAfter - firstCpuBefore - CPU_TICK_MS : 0
  return { ...outcome, rssGrowthBytes, cpuMs: Math.max(firstCpuMs, (cpuAfter - cpuBefore) / reruns) }
}

async function decodeOnce(fuzzCase: FuzzCase): Promise<FuzzOutcome> {
  const started = performance.now()
  let output: unknown
  try {
    output = await fuzzCase.target.compressor.decompress(fuzzCase.frame)
  } catch (error) {
    return judgeError(fuzzCase, error, performance.now() - started)
  }
  return judgeResult(fuzzCase, output, performance.now() - started)
}

/** CPU time (user + system) of the calling thread in ms, from /proc/thread-self/stat (Linux, 10 ms ticks); undefined elsewhere. */
export function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'latin1')
    // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S
  } catch {
    return undefined
  }
}

/** Linux's USER_HZ, the unit of /proc times, is 100 on every mainstream architecture. */
const CLOCK_TICKS_PER_S = 100

function judgeResult(fuzzCase: FuzzCase, output: unknown, elapsedMs: number): FuzzOutcome {
  if (!(output instanceof Uint8Array))
    return { status: 'failed', reason: `decompress returned ${describe(output)}, not a Uint8Array`, elapsedMs }
  const limit = fuzzCase.target.maxMessageBytes
  if (output.length > limit)
    return {
      status: 'failed',
      reason: `returned ${output.length} bytes, more than max_message_bytes ${limit}`,
      elapsedMs,
    }
  const expected = fuzzCase.expected
  if (expected.state === 'rejects')
    return {
      status: 'failed',
      reason: `a frame that must be refused with ${expected.code} decoded to ${output.length} bytes`,
      elapsedMs,
    }
  if (expected.state !== 'any' && !bytesEqual(output, expected.message)) {
    return {
      status: 'failed',
      reason: `a valid frame decoded to other bytes (${output.length} bytes, expected ${expected.message.length})`,
      elapsedMs,
    }
  }
  return { status: 'result', sizeBytes: output.length, elapsedMs }
}

function judgeError(fuzzCase: FuzzCase, error: unknown, elapsedMs: number): FuzzOutcome {
  const code = (error as { code?: unknown } | null)?.code
  if (!(error instanceof Error) || typeof code !== 'string')
    return { status: 'failed', reason: `threw without a string code: ${describeError(error)}`, elapsedMs }
  if (!(code in ERROR_CODES) || !code.startsWith('E_FRAME_'))
    return { status: 'failed', reason: `threw a code that is not a frame error: ${describeError(error)}`, elapsedMs }
  if (fuzzCase.expected.state === 'decodes-to')
    return { status: 'failed', reason: `a valid frame was refused: ${describeError(error)}`, elapsedMs }
  if (fuzzCase.expected.state === 'rejects' && code !== fuzzCase.expected.code)
    return { status: 'failed', reason: `expected ${fuzzCase.expected.code}, got ${describeError(error)}`, elapsedMs }
  return { status: 'rejected', code: code as ErrorCode, elapsedMs }
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value
}

/** Name, code, message and the top of the stack of a thrown value. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `${typeof error} ${String(error)}`
  const code = (error as { code?: unknown }).code
  const stack = (error.stack ?? '').split('\n').slice(1, 6).join('\n')
  return `${error.name}${code === undefined ? '' : ` [${String(code)}]`}: ${error.message}\n${stack}`
}

/** A failure or hang worth printing in full. */
export interface FuzzReport {
  index: number
  kind: FuzzCaseKind
  target: string
  origin: string
  frameHex: string
  frameBytes: number
  reason: string
  elapsedMs: number
}

/** Counts of a run (or of one worker's share of it). */
export interface FuzzTally {
  cases: number
  results: number
  /** rejections per error code */
  codes: Record<string, number>
  failures: number
  /** cases over the hang limit in wall time and in CPU time (or in wall time where CPU time is unknown) */
  hangs: number
  /** cases over the hang limit in wall time only: the machine was busy, the decoder was not */
  slowUnderLoad: number
  /** largest CPU time of a re-run slow case, ms */
  maxCpuMs: number
  /** cases over the CPU budget (CaseLimits.cpuMs) on a re-run, per kind */
  overCpu: Record<string, number>
  /** cases whose RSS growth passed the budget (CaseLimits.rssBytes), per kind */
  overRss: Record<string, number>
  /** largest RSS growth across one case, bytes */
  maxRssGrowthBytes: number
  /** cases per kind */
  kinds: Record<string, number>
  /** largest wall time of a case, ms */
  maxCaseMs: number
  /** the slowest case in wall time */
  slowest: { index: number; kind: string; target: string; origin: string } | null
}

/** An empty tally. */
export function createTally(): FuzzTally {
  return {
    cases: 0,
    results: 0,
    codes: {},
    failures: 0,
    hangs: 0,
    slowUnderLoad: 0,
    maxCpuMs: 0,
    overCpu: {},
    overRss: {},
    maxRssGrowthBytes: 0,
    kinds: {},
    maxCaseMs: 0,
    slowest: null,
  }
}

/** Longest frame hex printed in a report (bombs are large); the case can be replayed for all of it. */
const MAX_HEX_BYTES = 512

/** Adds one outcome; returns a report when the case failed, hung, or went over the CPU or RSS budget. */
export function recordOutcome(
  tally: FuzzTally,
  fuzzCase: FuzzCase,
  outcome: FuzzOutcome,
  limits: CaseLimits,
): FuzzReport | undefined {
  const { hangMs } = limits
  tally.cases++
  tally.kinds[fuzzCase.kind] = (tally.kinds[fuzzCase.kind] ?? 0) + 1
  if (outcome.status === 'result') tally.results++
  else if (outcome.status === 'rejected') tally.codes[outcome.code] = (tally.codes[outcome.code] ?? 0) + 1
  else tally.failures++
  if (outcome.elapsedMs > tally.maxCaseMs) {
    tally.maxCaseMs = outcome.elapsedMs
    tally.slowest = {
      index: fuzzCase.index,
      kind: fuzzCase.kind,
      target: fuzzCase.target.name,
      origin: fuzzCase.origin,
    }
  }
  if (outcome.cpuMs !== undefined && outcome.cpuMs > tally.maxCpuMs) tally.maxCpuMs = outcome.cpuMs
  const rssGrowthBytes = outcome.rssGrowthBytes ?? 0
  tally.maxRssGrowthBytes = Math.max(tally.maxRssGrowthBytes, rssGrowthBytes)
  const slow = outcome.elapsedMs > hangMs
  const hang = slow && (outcome.cpuMs === undefined || outcome.cpuMs > hangMs)
  if (hang) tally.hangs++
  else if (slow) tally.slowUnderLoad++
  const overCpu = !hang && outcome.cpuMs !== undefined && outcome.cpuMs > limits.cpuMs
  const overRss = rssGrowthBytes > limits.rssBytes
  if (overCpu) tally.overCpu[fuzzCase.kind] = (tally.overCpu[fuzzCase.kind] ?? 0) + 1
  if (overRss) tally.overRss[fuzzCase.kind] = (tally.overRss[fuzzCase.kind] ?? 0) + 1
  if (outcome.status === 'failed') return toReport(fuzzCase, outcome.reason, outcome.elapsedMs)
  const cpu = outcome.cpuMs === undefined ? '' : `, ${outcome.cpuMs.toFixed(0)} ms of CPU on a re-run`
  if (hang)
    return toReport(fuzzCase, `took ${outcome.elapsedMs.toFixed(0)} ms${cpu} (limit ${hangMs} ms)`, outcome.elapsedMs)
  if (overCpu || overRss) {
    const rss = `RSS grew ${(rssGrowthBytes / MIB).toFixed(1)} MiB (budget ${(limits.rssBytes / MIB).toFixed(0)} MiB)`
    return toReport(
      fuzzCase,
      `over budget: ${outcome.elapsedMs.toFixed(0)} ms wall${cpu} (budget ${limits.cpuMs} ms); ${rss}`,
      outcome.elapsedMs,
    )
  }
  return undefined
}

const MIB = 1024 * 1024

/** A printable report of a case. */
export function toReport(fuzzCase: FuzzCase, reason: string, elapsedMs: number): FuzzReport {
  const shown = fuzzCase.frame.subarray(0, MAX_HEX_BYTES)
  const frameHex =
    Buffer.from(shown.buffer, shown.byteOffset, shown.byteLength).toString('hex') +
    (fuzzCase.frame.length > MAX_HEX_BYTES ? '...' : '')
  return {
    index: fuzzCase.index,
    kind: fuzzCase.kind,
    target: fuzzCase.target.name,
    origin: fuzzCase.origin,
    frameHex,
    frameBytes: fuzzCase.frame.length,
    reason,
    elapsedMs,
  }
}

/** Adds `part` into `total`. */
export function mergeTally(total: FuzzTally, part: FuzzTally): void {
  total.cases += part.cases
  total.results += part.results
  total.failures += part.failures
  total.hangs += part.hangs
  total.slowUnderLoad += part.slowUnderLoad
  total.maxCpuMs = Math.max(total.maxCpuMs, part.maxCpuMs)
  total.maxRssGrowthBytes = Math.max(total.maxRssGrowthBytes, part.maxRssGrowthBytes)
  for (const [kind, count] of Object.entries(part.overCpu)) total.overCpu[kind] = (total.overCpu[kind] ?? 0) + count
  for (const [kind, count] of Object.entries(part.overRss)) total.overRss[kind] = (total.overRss[kind] ?? 0) + count
  for (const [code, count] of Object.entries(part.codes)) total.codes[code] = (total.codes[code] ?? 0) + count
  for (const [kind, count] of Object.entries(part.kinds)) total.kinds[kind] = (total.kinds[kind] ?? 0) + count
  if (part.maxCaseMs > total.maxCaseMs) {
    total.maxCaseMs = part.maxCaseMs
    total.slowest = part.slowest
  }
}
