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
 * - Decode is timed on frames produced before timing starts.
 * - Warm-up runs outside tinybench so it can stop at the time budget: tinybench's own warm-up and
 *   run loops treat their limits as minimums.
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
  /** upper bound on the whole measurement in milliseconds; split evenly between encode and decode */
  timeMs: number
}

/** How latency is measured here: in the benchmark's own process, no IPC. */
export const LATENCY_MODE = 'in-process'

/** Fewest samples a direction keeps even past its time budget, so percentiles exist for slow codecs. */
export const MIN_LATENCY_SAMPLES = 20

/** Samples of the empty-call overhead measurement. */
const OVERHEAD_SAMPLES = 1000

/** Version of tinybench as installed, for the report's environment header. */
export const TINYBENCH_VERSION: string = readInstalledVersion()

/** Times encode and decode per message, in microseconds, cycling through `messages` (already shuffled by the caller). */
export async function measureLatency(compressor: Compressor, messages: readonly { bytes: Uint8Array }[], settings: LatencySettings): Promise<LatencyUs> {
  if (messages.length === 0) throw new AuraError('E_CORPUS_EMPTY', 'latency needs at least one message')
  const samples = Math.max(1, Math.floor(settings.samples))
  const start = performance.now()
  const phaseMs = Math.max(0, settings.timeMs) / 2
  // Only as many messages as there are samples are ever timed; don't compress the rest.
  const inputs = messages.slice(0, Math.min(samples, messages.length)).map((m) => m.bytes)
  const frames: Uint8Array[] = []
  for (const input of inputs) frames.push((await compressor.compress(input)).bytes)
  const phase = { samples, warmup: Math.max(0, Math.floor(settings.warmup)) }
  const encode = await timeCycle('encode', (i) => compressor.compress(inputs[i] as Uint8Array), inputs.length, { ...phase, deadlineMs: start + phaseMs })
  const decode = await timeCycle('decode', (i) => compressor.decompress(frames[i] as Uint8Array), frames.length, { ...phase, deadlineMs: start + 2 * phaseMs })
  const resolved = Promise.resolve()
  const overhead = await timeCycle('overhead', () => resolved, 1, { samples: OVERHEAD_SAMPLES, warmup: 100, deadlineMs: Infinity })
  return { encode, decode, mode: LATENCY_MODE, overheadUs: overhead.p50 }
}

/**
 * Steps:
 * 1. Warm up: untimed calls on the cycle, up to `warmup` of them or a quarter of the time to the deadline.
 * 2. Time `samples` calls with tinybench (one call per sample, raw samples kept); after each call,
 *    abort once the deadline has passed and at least MIN_LATENCY_SAMPLES were taken.
 * 3. Percentiles from the raw samples (tinybench reports milliseconds and has no p95).
 */
async function timeCycle(
  name: string,
  call: (index: number) => Promise<unknown>,
  count: number,
  phase: { samples: number; warmup: number; deadlineMs: number },
): Promise<LatencyPercentilesUs> {
  let next = 0
  // Warm-up may use at most a quarter of the phase's time: with slow codecs (brotli-wasm q11 takes
  // milliseconds per message) an unbounded warm-up would leave too few timed samples for a p99.
  const warmupDeadlineMs = performance.now() + Math.max(0, phase.deadlineMs - performance.now()) / 4
  for (let w = 0; w < phase.warmup && performance.now() < warmupDeadlineMs; w++) await call(next++ % count)
  const controller = new AbortController()
  const minSamples = Math.min(phase.samples, MIN_LATENCY_SAMPLES)
  let taken = 0
  const bench = new Bench({ iterations: phase.samples, time: 0, warmup: false, retainSamples: true, timestampProvider: 'hrtimeNow', throws: true })
  bench.add(name, () => call(next++ % count), {
    async: true,
    signal: controller.signal,
    afterEach: () => {
      taken += 1
      if (taken >= minSamples && performance.now() > phase.deadlineMs) controller.abort()
    },
  })
  const [task] = await bench.run()
  const result = task?.result
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics') || result.latency.samples === undefined) {
    throw new AuraError('E_INTERNAL', `tinybench returned no samples for ${name} (state ${result?.state ?? 'none'})`)
  }
  return toPercentilesUs(result.latency.samples, result.latency.mean, result.latency.rme)
}

/** p50/p95/p99/mean in microseconds from tinybench's sorted millisecond samples; rme as a fraction. */
function toPercentilesUs(sortedMs: readonly number[], meanMs: number, rmePercent: number): LatencyPercentilesUs {
  const sortedUs = sortedMs.map((ms) => ms * 1000)
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
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown }
    return typeof manifest.version === 'string' ? manifest.version : 'unknown'
  } catch {
    return 'unknown'
  }
}
