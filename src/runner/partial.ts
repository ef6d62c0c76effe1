/**
 * A run as mergeable parts, and the one merge of them. A run is measured as a RunPartial (exact
 * size counters, the per-message size sample of the intervals, the latency reservoir, latency
 * samples as sketches) and finished into a RunResult. Every aggregation of parts goes through
 * `mergeAccumulatorList` / `mergeRunPartials`: the worker threads of one machine (parallel-sizes.ts)
 * and the shard partials of many machines (`aura-bench merge`, src/shard) alike.
 */
import { loadavg } from 'node:os'
import { describeError, type Compressor } from '../core/index.ts'
import { DECODE_FLOOR_BYTES, MAX_EXPANSION_RATIO } from '../codecs/index.ts'
import { LATENCY_MODE, measureLatencySamples, type LatencySettings } from './latency.ts'
import { mergeLatencySketches, sketchPercentiles, sketchSamples, type LatencySketch } from './latency-sketch.ts'
import { accumulateSizes, finishSizePass, latencySampleOf, type SizePassOptions } from './measure-sizes.ts'
import { ownLoadNow } from './own-load.ts'
import { mergeSizeAccumulators, type RunnerMessage, type SizeAccumulator } from './size-accumulator.ts'
import type { LatencyLoad, LatencyUs, RunMetrics, RunResult } from './types.ts'

/** The latency of a run part: timed samples as sketches (and the exact percentiles of a run measured whole). */
type PartialLatency =
  | { state: 'skipped' }
  | { state: 'failed'; error: { code: string; message: string } }
  | {
      state: 'measured'
      mode: string
      overheadUs?: number
      encode: LatencySketch
      decode: LatencySketch
      exact?: LatencyUs
    }

/** One corpus x config run (or one shard of it) as mergeable parts. */
export interface RunPartial {
  corpus: string
  config: string
  sizes: SizeAccumulator
  latency: PartialLatency
  sharedStateBytes: number
  /** wall time of the part, in milliseconds (set by the suite runner) */
  durationMs?: number
  /** the machine's load around the part's latency pass (absent when latency was not timed) */
  latencyLoad?: LatencyLoad
}

/** What measuring one run part needs (runOne's input). */
interface RunPartInput {
  corpusName: string
  configName: string
  compressor: Compressor
  messages: Iterable<RunnerMessage> | AsyncIterable<RunnerMessage>
  /** latency settings (the suite's `LatencySpec` fits); `enabled: false` skips latency */
  latency: LatencySettings & { enabled?: boolean }
  /** called with the number of messages done (size pass) */
  onSizeProgress?: (messagesDone: number) => void
  /** called when latency timing starts */
  onLatencyStart?: (sampleMessages: number) => void
  /** caps and seed of the size pass (defaults of `measureSizes`) */
  sizes?: Omit<SizePassOptions, 'onProgress'>
  /** runs the size pass in place of accumulateSizes on `compressor` (worker threads, parallel-sizes.ts) */
  accumulateSizes?: (messages: RunPartInput['messages'], options: SizePassOptions) => Promise<SizeAccumulator>
  /** the worker threads `accumulateSizes` runs the size pass on (absent or 0: the main thread's own pass) */
  sizeWorkers?: number
}

/**
 * Measures one run part. Never throws for a codec error: a compress that throws is counted in the
 * sizes (firstFailure); latency is skipped after a failed size pass and records its own failure. An
 * error reading `messages` (a loader's bad-input error) propagates. Sizes are measured by the
 * seed's rule (sizePassCompressor), latency on the compressor as built.
 */
export async function measureRunPartial(input: RunPartInput): Promise<RunPartial> {
  const { compressor } = input
  const sizeOptions: SizePassOptions = { ...input.sizes }
  if (input.onSizeProgress !== undefined) sizeOptions.onProgress = input.onSizeProgress
  const sizes = await (
    input.accumulateSizes ?? ((messages, options) => accumulateSizes(sizePassCompressor(compressor), messages, options))
  )(input.messages, sizeOptions)
  const sample = latencySampleOf(sizes, sizeOptions.seed)
  let latency: PartialLatency = { state: 'skipped' }
  let latencyLoad: LatencyLoad | undefined
  if (sizes.firstFailure === null && input.latency.enabled !== false && sample.length > 0) {
    input.onLatencyStart?.(sample.length)
    // the load around this pass, and this run's own threads (s37-fixs M3: the main thread timing, and the
    // size pass's workers just before); round 38: the share of the average aura-bench's own threads explain,
    // from when they ran, so that only other processes' load is judged (own-load.ts)
    const before = { loadAverage: loadavg()[0] ?? 0, ownLoad: ownLoadNow() }
    const ownThreads = 1 + (input.accumulateSizes === undefined ? 0 : (input.sizeWorkers ?? 0))
    try {
      const { latencyUs, samplesUs } = await measureLatencySamples(compressor, sample, input.latency)
      const mode = (compressor as { latencyMode?: unknown }).latencyMode
      const exact = typeof mode === 'string' ? { ...latencyUs, mode } : latencyUs
      latency = {
        state: 'measured',
        mode: exact.mode,
        encode: sketchSamples(samplesUs.encode),
        decode: sketchSamples(samplesUs.decode),
        exact,
        ...(exact.overheadUs === undefined ? {} : { overheadUs: exact.overheadUs }),
      }
    } catch (error) {
      latency = { state: 'failed', error: describeError(error) }
    }
    const after = { loadAverage: loadavg()[0] ?? 0, ownLoad: ownLoadNow() }
    // the reading with more load beyond aura-bench's own
    const busier = after.loadAverage - after.ownLoad > before.loadAverage - before.ownLoad ? after : before
    latencyLoad = { loadAverage: busier.loadAverage, ownThreads, ownLoad: round2(busier.ownLoad) }
  }
  return {
    corpus: input.corpusName,
    config: input.configName,
    sizes,
    latency,
    sharedStateBytes: compressor.sharedStateBytes,
    ...(latencyLoad === undefined ? {} : { latencyLoad }),
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * The compressor a size pass measures with: a hybrid's seed's rule (`withoutLearning`), whose frames
 * depend on the message alone, so that sizes are the same however shards and workers split a corpus;
 * latency times the compressor as built (learning on), the speed a user gets. Others as they are.
 */
export function sizePassCompressor(compressor: Compressor): Compressor {
  const withoutLearning = (compressor as { withoutLearning?: unknown }).withoutLearning
  return typeof withoutLearning === 'function' ? (withoutLearning as () => Compressor).call(compressor) : compressor
}

/**
 * The warning of a run (a whole one, or merged shards) that sent messages uncompressed because of the
 * decode budget: its ratio counts them as 1, and nothing else in the report said why.
 */
export function overBudgetWarning(partial: RunPartial): string | undefined {
  const count = partial.sizes.overBudget ?? 0
  if (count === 0) return undefined
  return `config ${partial.config} on corpus ${partial.corpus}: ${count} message${count === 1 ? '' : 's'} over ${DECODE_FLOOR_BYTES / (1024 * 1024)} MiB went uncompressed (ratio 1): ${count === 1 ? 'it compresses' : 'they compress'} better than ${MAX_EXPANSION_RATIO}:1, past the decode budget of a compressed frame (a frame of N bytes decodes to at most max(1 MiB, ${MAX_EXPANSION_RATIO} x N) bytes; docs/robustness.md). The ratio counts ${count === 1 ? 'it' : 'them'} at 1:1 in every config, a deflate or gzip baseline too, so this corpus's ratios are not the codecs' on ${count === 1 ? 'that message' : 'those messages'}. No config option raises the budget (every receiver's decoder enforces it); to compare codecs without ${count === 1 ? 'it' : 'them'}, cut or split such messages (a runaway stack trace, a repeated payload) before the run, or leave ${count === 1 ? 'it' : 'them'} out of the corpus and say so`
}

/** The RunResult of a part (a whole run, or merged shards); `targets` is left empty for the reporter. */
export function finishRunPartial(partial: RunPartial, seed = 1): RunResult {
  const pass = finishSizePass(partial.sizes, seed)
  const metrics: RunMetrics = { ...pass.metrics, roundTrip: pass.roundTrip, sharedStateBytes: partial.sharedStateBytes }
  const latency = partial.latency
  if (latency.state === 'measured') metrics.latencyUs = latency.exact ?? latencyFromSketches(latency)
  const result: RunResult = {
    corpus: partial.corpus,
    config: partial.config,
    state: 'complete',
    metrics,
    categories: pass.categories,
    expanding: pass.expanding,
    expandingCount: pass.expandingCount,
    mismatches: pass.mismatches,
    targets: [],
    confidence: pass.confidence,
  }
  if (partial.durationMs !== undefined) result.durationMs = Math.round(partial.durationMs)
  if (partial.latencyLoad !== undefined && latency.state === 'measured') result.latencyLoad = partial.latencyLoad
  if (pass.state === 'failed')
    return { ...result, state: 'failed', error: { ...pass.error }, failedMessages: pass.failedMessages }
  if (latency.state === 'failed') return { ...result, state: 'failed', error: latency.error }
  return result
}

function latencyFromSketches(latency: Extract<PartialLatency, { state: 'measured' }>): LatencyUs {
  return {
    encode: sketchPercentiles(latency.encode),
    decode: sketchPercentiles(latency.decode),
    mode: latency.mode,
    ...(latency.overheadUs === undefined ? {} : { overheadUs: latency.overheadUs }),
  }
}

/** Distinct, reproducible reservoir seeds per part (worker or shard). */
export function partSeed(seed: number, part: number): number {
  return (seed + Math.imul(part, 0x9e3779b1)) >>> 0
}

/** The parts' counters as one, as if their messages had been measured in one pass (the reservoir merge is seeded by `seed`). */
export function mergeAccumulatorList(parts: readonly SizeAccumulator[], seed = 1): SizeAccumulator {
  if (parts.length === 0) throw new Error('mergeAccumulatorList needs at least one part')
  return parts.reduce((merged, part, i) => mergeSizeAccumulators(merged, part, partSeed(seed, i)))
}

/**
 * The parts of one corpus x config run as one part: sizes merged exactly, latency sketches added
 * (the exact percentiles of the parts cannot be merged and are dropped), the slowest part's wall
 * time, the median of the parts' measurement overheads. A failed latency in any part fails it.
 */
export function mergeRunPartials(parts: readonly RunPartial[], seed = 1): RunPartial {
  const first = parts[0]
  if (first === undefined) throw new Error('mergeRunPartials needs at least one part')
  const sizes = mergeAccumulatorList(
    parts.map((p) => p.sizes),
    seed,
  )
  const failed = parts.find((p) => p.latency.state === 'failed')?.latency
  const measured = parts.flatMap((p) => (p.latency.state === 'measured' ? [p.latency] : []))
  let latency: PartialLatency = failed ?? { state: 'skipped' }
  const firstMeasured = measured[0]
  if (failed === undefined && firstMeasured !== undefined) {
    const overheads = measured.flatMap((m) => (m.overheadUs === undefined ? [] : [m.overheadUs])).sort((a, b) => a - b)
    const overheadUs =
      overheads.length === 0 ? undefined : (overheads[Math.floor((overheads.length - 1) / 2)] as number)
    latency = {
      state: 'measured',
      mode: firstMeasured.mode ?? LATENCY_MODE,
      encode: mergeLatencySketches(measured.map((m) => m.encode)),
      decode: mergeLatencySketches(measured.map((m) => m.decode)),
      ...(overheadUs === undefined ? {} : { overheadUs }),
    }
  }
  const durations = parts.flatMap((p) => (p.durationMs === undefined ? [] : [p.durationMs]))
  const loads = parts.flatMap((p) => (p.latencyLoad === undefined ? [] : [p.latencyLoad]))
  return {
    corpus: first.corpus,
    config: first.config,
    sizes,
    latency,
    sharedStateBytes: first.sharedStateBytes,
    ...(durations.length === 0 ? {} : { durationMs: Math.max(...durations) }),
    // the busiest part's, whole (its load beyond its own threads): a part timed on a busy machine makes the
    // run's latency one; the highest load and the most threads taken apart from two parts could hide it
    ...(loads.length === 0
      ? {}
      : {
          latencyLoad: loads.reduce((busiest, l) =>
            l.loadAverage - (l.ownLoad ?? l.ownThreads) > busiest.loadAverage - (busiest.ownLoad ?? busiest.ownThreads)
              ? l
              : busiest,
          ),
        }),
  }
}

/* One corpus x one compressor: the size pass over every message, then latency on a sample. */
/** Where a run is: counting sizes (messages done so far) or timing latency. */
export type RunProgress = { phase: 'sizes'; messagesDone: number } | { phase: 'latency'; sampleMessages: number }

/** Inputs of one run: a run part's inputs, with progress as one callback of both phases. */
export interface RunOneInput extends Omit<RunPartInput, 'onSizeProgress' | 'onLatencyStart'> {
  onProgress?: (progress: RunProgress) => void
}

/** runOne's input as the part measurer takes it (progress split into its two phases). */
export function toRunPartInput(input: RunOneInput): RunPartInput {
  const { onProgress, ...rest } = input
  if (onProgress === undefined) return rest
  return {
    ...rest,
    onSizeProgress: (messagesDone) => onProgress({ phase: 'sizes', messagesDone }),
    onLatencyStart: (sampleMessages) => onProgress({ phase: 'latency', sampleMessages }),
  }
}

/**
 * Measures one run (measureRunPartial, then finishRunPartial: the same path as merged shards). Never
 * throws for a codec error: a compress that throws (size pass or latency) makes the run `failed`
 * with the first error; round-trip mismatches are counted, the run stays `complete` and the gate
 * judges them. Latency is skipped for a failed size pass. An error reading `messages` (a loader's
 * bad-input error) is not the codec's: it propagates. `targets` is left empty for the reporter.
 */
export async function runOne(input: RunOneInput): Promise<RunResult> {
  return finishRunPartial(await measureRunPartial(toRunPartInput(input)), input.sizes?.seed)
}
