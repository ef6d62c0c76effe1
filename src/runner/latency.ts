/**
 * Per-message encode and decode latency with tinybench (the only file that imports it).
 *
 * Timing choices:
 * - One timed sample is one call on one message; each iteration takes the next message, wrapping
 *   around, so the samples cycle through the corpus sample and p95/p99 are per-message percentiles.
 *   We do not batch K messages per sample: the mean of a batch hides the slow messages a p99 must show.
 * - The compressor API is async, so each sample awaits the call inside the timed window, as a caller
 *   does. Timing an empty awaited call the same way costs ~0.1 µs median on a 2-core CI box (hrtime,
 *   Node 20), small next to a ~1 µs codec call; it is measured on every run and reported as
 *   `overheadUs` rather than subtracted, so the figures stay what a caller pays.
 * - Decode is timed on frames produced before timing starts (pre-compression, untimed).
 * - Warm-up runs outside tinybench so it can stop at the time budget: tinybench's own warm-up and
 *   run loops treat their limits as minimums.
 *
 * Time budget (`timeMs`) covers the whole measurement, in this order:
 * 1. Pre-compression may use the first third. It makes frames for the first `samples` messages and
 *    stops early at that third: with brotli-wasm q11 (~3.5 ms a message) 2,000 frames would take ~7 s
 *    and leave nothing for timing. Encode and decode then both cycle through the messages that got a
 *    frame, so the two directions time the same messages.
 * 2. Encode and decode split evenly what is left of the budget after pre-compression, less the
 *    share reserved for step 3 (each with its warm-up inside its half).
 * 3. The empty-call overhead calibration gets the last OVERHEAD_SHARE of the budget.
 * Each step keeps at least LATENCY_SAMPLE_FLOOR calls (or every message, when fewer) even past its
 * deadline, and finishes the call in flight when the deadline passes; those are the only overruns.
 * `samples` in each direction's result is the number of timed calls its percentiles rest on.
 */
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Bench } from 'tinybench'
import { AuraError, percentile, type Compressor } from '../core/index.ts'
import type { LatencyPercentilesUs, LatencyUs } from './types.ts'

/** Latency settings (structurally the suite's `LatencySpec`): timed samples, warm-up iterations, time budget in ms. */
export interface LatencySettings {
  /** timed samples per direction (encode, decode), cycling through the messages */
  samples: number
  /** untimed iterations per direction before timing */
  warmup: number
  /** upper bound on the whole measurement in milliseconds (pre-compression, warm-up, timing, overhead calibration); see the file comment */
  timeMs: number
}

/** How latency is measured here: in the benchmark's own process, no IPC. */
export const LATENCY_MODE = 'in-process'

/** Fewest samples a direction keeps even past its time budget, so percentiles exist for slow codecs (the report's P99_SAMPLES_NEEDED is another bound: when a p99 stops being the maximum). */
export const LATENCY_SAMPLE_FLOOR = 20

/** Samples of the empty-call overhead measurement. */
const OVERHEAD_SAMPLES = 1000

/** Largest share of the time budget that pre-compressing the decode phase's frames may use. */
const PRECOMPRESS_SHARE = 1 / 3

/** Share of the time budget kept for the empty-call overhead calibration at the end. */
const OVERHEAD_SHARE = 0.05

/** Version of tinybench as installed, for the report's environment header. */
export const TINYBENCH_VERSION: string = readInstalledVersion()

/**
 * Awaited between calls, never inside a timed one (round 37, compare's Ctrl-C): compare's pace (src/compare/pace.ts)
 * turns the event loop now and then so a signal is delivered, and throws once it is aborted; the cycle then stops
 * and the error is rethrown. `run` passes none: its timing is as before.
 */
export type LatencyPace = () => Promise<void>

/** Milliseconds on a monotonic clock; `performance.now` unless a test drives time itself. */
type ClockMs = () => number

/** Times encode and decode per message, in microseconds, cycling through `messages` (already shuffled by the caller); the whole call stays within `settings.timeMs` but for the LATENCY_SAMPLE_FLOOR floor (file comment). */
export async function measureLatency(
  compressor: Compressor,
  messages: readonly { bytes: Uint8Array }[],
  settings: LatencySettings,
  clock: ClockMs = () => performance.now(),
): Promise<LatencyUs> {
  return (await measureLatencySamples(compressor, messages, settings, clock)).latencyUs
}

/** Timed samples of one direction, in microseconds, ascending. */
interface LatencySamplesUs {
  encode: number[]
  decode: number[]
}

/** measureLatency, also returning every timed sample (a shard run turns them into a mergeable sketch). */
export async function measureLatencySamples(
  compressor: Compressor,
  messages: readonly { bytes: Uint8Array }[],
  settings: LatencySettings,
  clock: ClockMs = () => performance.now(),
  pace?: LatencyPace,
): Promise<{ latencyUs: LatencyUs; samplesUs: LatencySamplesUs; meanTimedBytes: { encode: number; decode: number } }> {
  if (messages.length === 0) throw new AuraError('E_CORPUS_EMPTY', 'latency needs at least one message')
  const samples = Math.max(1, Math.floor(settings.samples))
  const budgetMs = Math.max(0, settings.timeMs)
  const startMs = clock()
  const endMs = startMs + budgetMs
  // Only as many messages as there are samples are ever timed; don't compress the rest.
  const candidates = messages.slice(0, Math.min(samples, messages.length)).map((m) => m.bytes)
  const frames = await precompress(compressor, candidates, startMs + budgetMs * PRECOMPRESS_SHARE, clock, pace)
  const inputs = candidates.slice(0, frames.length)
  const timingStartMs = clock()
  const phaseMs = Math.max(0, endMs - budgetMs * OVERHEAD_SHARE - timingStartMs) / 2
  const phase = {
    samples,
    warmup: Math.max(0, Math.floor(settings.warmup)),
    clock,
    ...(pace === undefined ? {} : { pace }),
  }
  const originalBytes = (i: number): number => (inputs[i] as Uint8Array).length
  const encode = await timeCycle('encode', (i) => compressor.compress(inputs[i] as Uint8Array), inputs.length, {
    ...phase,
    deadlineMs: timingStartMs + phaseMs,
    sizeOf: originalBytes,
  })
  const decode = await timeCycle('decode', (i) => compressor.decompress(frames[i] as Uint8Array), frames.length, {
    ...phase,
    deadlineMs: timingStartMs + 2 * phaseMs,
    sizeOf: originalBytes,
  })
  const resolved = Promise.resolve()
  const overhead = await timeCycle('overhead', () => resolved, 1, {
    samples: OVERHEAD_SAMPLES,
    warmup: 100,
    deadlineMs: endMs,
    clock,
  })
  return {
    latencyUs: {
      encode: encode.percentiles,
      decode: decode.percentiles,
      mode: LATENCY_MODE,
      overheadUs: overhead.percentiles.p50,
    },
    samplesUs: { encode: encode.sortedUs, decode: decode.sortedUs },
    meanTimedBytes: { encode: encode.meanBytes, decode: decode.meanBytes },
  }
}

/** Frames of `inputs` in order until all are made or the deadline passes, but at least LATENCY_SAMPLE_FLOOR of them (all, when fewer). */
async function precompress(
  compressor: Compressor,
  inputs: readonly Uint8Array[],
  deadlineMs: number,
  clock: ClockMs,
  pace?: LatencyPace,
): Promise<Uint8Array[]> {
  const floor = Math.min(inputs.length, LATENCY_SAMPLE_FLOOR)
  const frames: Uint8Array[] = []
  while (frames.length < inputs.length && (frames.length < floor || clock() < deadlineMs)) {
    await pace?.()
    frames.push((await compressor.compress(inputs[frames.length] as Uint8Array)).bytes)
  }
  return frames
}

/**
 * Steps:
 * 1. Warm up: untimed calls on the cycle, up to `warmup` of them or a quarter of the time to the deadline.
 * 2. Time `samples` calls with tinybench (one call per sample, raw samples kept); after each call,
 *    abort once the deadline has passed and at least LATENCY_SAMPLE_FLOOR were taken.
 * 3. Percentiles from the raw samples (tinybench reports milliseconds and has no p95).
 */
async function timeCycle(
  name: string,
  call: (index: number) => Promise<unknown>,
  count: number,
  phase: {
    samples: number
    warmup: number
    deadlineMs: number
    clock: ClockMs
    sizeOf?: (index: number) => number
    pace?: LatencyPace
  },
): Promise<{ percentiles: LatencyPercentilesUs; sortedUs: number[]; meanBytes: number }> {
  let next = 0
  // Warm-up may use at most a quarter of the phase's time: with slow codecs (brotli-wasm q11 takes
  // milliseconds per message) an unbounded warm-up would leave too few timed samples for a p99.
  const warmupDeadlineMs = phase.clock() + Math.max(0, phase.deadlineMs - phase.clock()) / 4
  for (let w = 0; w < phase.warmup && phase.clock() < warmupDeadlineMs; w++) {
    await phase.pace?.()
    await call(next++ % count)
  }
  const controller = new AbortController()
  const minSamples = Math.min(phase.samples, LATENCY_SAMPLE_FLOOR)
  let taken = 0
  let stopped: { error: unknown } | undefined
  const bench = new Bench({
    iterations: phase.samples,
    time: 0,
    warmup: false,
    retainSamples: true,
    timestampProvider: 'hrtimeNow',
    throws: true,
  })
  // the timed calls take indices firstTimed, firstTimed + 1, ... (mod count): their sizes are summed after the run, not inside it
  const firstTimed = next
  bench.add(name, () => call(next++ % count), {
    async: true,
    signal: controller.signal,
    // tinybench awaits afterEach outside the timed call: compare's pace turns the event loop here (round 37)
    afterEach:
      phase.pace === undefined
        ? () => {
            taken += 1
            if (taken >= minSamples && phase.clock() > phase.deadlineMs) controller.abort()
          }
        : async () => {
            taken += 1
            if (taken >= minSamples && phase.clock() > phase.deadlineMs) controller.abort()
            try {
              await phase.pace?.()
            } catch (error) {
              stopped = { error }
              controller.abort()
            }
          },
  })
  const [task] = await bench.run()
  // the pace stopped the cycle (the comparison was interrupted): its error, not the samples so far
  if (stopped !== undefined) throw stopped.error
  const result = task?.result
  if (
    result === undefined ||
    (result.state !== 'completed' && result.state !== 'aborted-with-statistics') ||
    result.latency.samples === undefined
  ) {
    throw new AuraError('E_INTERNAL', `tinybench returned no samples for ${name} (state ${result?.state ?? 'none'})`)
  }
  const sortedUs = result.latency.samples.map((ms) => ms * 1000)
  return {
    percentiles: toPercentilesUs(sortedUs, result.latency.mean, result.latency.rme),
    sortedUs,
    meanBytes: meanSizeOfCalls(phase.sizeOf, firstTimed, sortedUs.length, count),
  }
}

/** Mean of sizeOf over the `calls` indices from `first` on, cycling through `count` (0 without sizeOf or calls). */
function meanSizeOfCalls(
  sizeOf: ((index: number) => number) | undefined,
  first: number,
  calls: number,
  count: number,
): number {
  if (sizeOf === undefined || calls === 0) return 0
  let total = 0
  for (let j = 0; j < calls; j++) total += sizeOf((first + j) % count)
  return total / calls
}

/** p50/p95/p99/mean in microseconds from the sorted samples (tinybench's mean in milliseconds); rme as a fraction. */
function toPercentilesUs(sortedUs: readonly number[], meanMs: number, rmePercent: number): LatencyPercentilesUs {
  return {
    p50: percentile(sortedUs, 50),
    p95: percentile(sortedUs, 95),
    p99: percentile(sortedUs, 99),
    mean: meanMs * 1000,
    rme: rmePercent / 100,
    samples: sortedUs.length,
  }
}

/** tinybench's package.json is not in its `exports`, so read it beside the resolved entry point. */
function readInstalledVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('tinybench')
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
      version?: unknown
    }
    return typeof manifest.version === 'string' ? manifest.version : 'unknown'
  } catch {
    return 'unknown'
  }
}
