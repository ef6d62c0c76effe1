/**
 * One per-message entry on one corpus: the runner's size pass (round trip checked on every message)
 * over the held-out messages within a time budget, then latency.
 *
 * Latency choices:
 * - When the size pass covered every held-out message, the runner's measureLatency (tinybench)
 *   times the corpus's seeded latency sample, the same sample for every entry.
 * - When the size pass hit its budget the entry is slow, or was slow cold (a hybrid's first calls
 *   carry JIT and per-template warm-up: 17,690 µs p95 cold against 237 µs warm, s30). It gets the
 *   same warm pass as every other entry (same sample, same warm-up rule) when that pass's floors fit
 *   in one more size budget (warmPassFits). Only an entry too slow for that (brotli-wasm,
 *   @mongodb-js/zstd at high levels: tens of ms per call) keeps its size pass's once-per-message cold
 *   times, with method `size-pass`: the recommendation never ranks it on those (recommend.ts).
 * - One untimed compress and decompress come first, so lazy initialisation is not a sample.
 * - Then (s44) an untimed warm-up of up to `latency.warmup` held-out messages within WARM_BUDGETS size budgets,
 *   before the size budget starts: a hybrid's first-use work no longer spends the budget (warmUp).
 * - A hybrid's size pass chooses by the seed's rule (runner's sizePassCompressor: every message
 *   weighed against the fallback, nothing learned), so its sizes do not depend on the corpora compared
 *   before; tinybench times the compressor as built (learning on). The size-pass timings of a
 *   budget-cut hybrid are the seed's rule's, a little slower than the learned short-cut's.
 *
 * Throughput is derived from the same timings as the latency columns, so the two never disagree:
 * the mean message size of what was timed ÷ the mean call time. (It used to be the size pass's total
 * bytes ÷ total call time: one cold pass with the round-trip check, where a single GC pause or a
 * scheduler preemption on a loaded machine moved it 10-70x away from the latency columns.)
 */
import { performance } from 'node:perf_hooks'
import type { ConnectionSizes } from './measure-stateful-entry.ts'
import type { Compressor } from '../core/index.ts'
import type { CorpusMessage } from '../corpus/index.ts'
import {
  describeError,
  LATENCY_SAMPLE_FLOOR,
  measureLatencySamples,
  measureSizes,
  sizePassCompressor,
} from '../runner/index.ts'
import { createTimedCompressor, toMegabytesPerSecond, type CallTiming } from './codec-compressor.ts'
import { rethrowAbort, type Pace } from './pace.ts'
import { toPercentilesUs } from './percentiles.ts'
import { WARM_BUDGETS, warmOver, warmUp } from './entry-warm.ts'
import type { EntryResult, EntrySizes, EntrySpec } from './types.ts'

/** Budgets and latency settings of one entry's measurement. */
interface MessageEntrySettings {
  /** time for the size pass, in milliseconds */
  sizeBudgetMs: number
  /** fewest messages the size pass measures even past its budget */
  minSizeMessages: number
  latency: { samples: number; warmup: number; timeMs: number }
  /** milliseconds on a monotonic clock for the size budget and the latency deadlines; performance.now unless a test drives time */
  clock?: () => number
  /** awaited between the size pass's messages: lets a signal in and stops the entry (pace.ts) */
  pace?: Pace
}

/** The messages of one corpus as the entries see them. */
interface MessageEntryCorpus {
  /** held-out messages in a seeded random order: a size pass cut short by its budget measured a uniform sample */
  heldOutShuffled: readonly CorpusMessage[]
  /** the seeded latency sample */
  latencySample: readonly CorpusMessage[]
}

/** An entry past its size budget still measures every message when it is on course to finish within this many budgets. */
export const FULL_COVERAGE_FACTOR = 4

export { WARM_BUDGETS, warmOver, warmUp } from './entry-warm.ts'

/**
 * True when a size pass should stop: past the budget, at least `minMessages` done, and not on course
 * to finish all `total` messages within FULL_COVERAGE_FACTOR budgets (cheap codecs cover everything,
 * slow ones stop at the budget with a uniform sample).
 */
export function isOverBudget(
  elapsedMs: number,
  done: number,
  total: number,
  budgetMs: number,
  minMessages: number,
): boolean {
  if (done < minMessages || elapsedMs <= budgetMs) return false
  const projectedMs = (elapsedMs / Math.max(1, done)) * total
  return projectedMs > FULL_COVERAGE_FACTOR * budgetMs
}

/** Yields items until isOverBudget says stop. */
export function* takeWithinBudget<T>(
  items: readonly T[],
  budgetMs: number,
  minMessages: number,
  now: () => number = () => performance.now(),
): Generator<T> {
  const start = now()
  let taken = 0
  for (const item of items) {
    if (isOverBudget(now() - start, taken, items.length, budgetMs, minMessages)) return
    taken += 1
    yield item
  }
}

/** `items`, awaiting `pace` before each (outside the timed calls: the timed compressor times only compress and decompress). */
async function* paced<T>(items: Iterable<T>, pace: Pace): AsyncGenerator<T> {
  for (const item of items) {
    await pace()
    yield item
  }
}

/** A measured entry and the frame length of each message it measured, in the corpus's seeded order (for estimate.ts). */
export interface MeasuredEntry {
  result: EntryResult
  frameSizes?: readonly number[]
  /** per-connection entries: sizes of each whole connection replayed, in replay order */
  connectionSizes?: readonly ConnectionSizes[]
}

/** MB (1e6 bytes) per second of a call taking `meanUs` on a message of `meanBytes`; 0 when nothing was timed. */
export function megabytesPerSecondAtMean(meanBytes: number, meanUs: number): number {
  return meanUs > 0 ? meanBytes / meanUs : 0
}

/**
 * True when a warm latency pass (measureLatencySamples) on a budget-cut entry is expected to take at
 * most one more size budget: its floors (LATENCY_SAMPLE_FLOOR frames made, then as many encode and
 * decode calls timed, each kept past the deadline) at the size pass's median call times. The cold
 * median overstates a warm call, so an entry that fits is never cut short by this estimate.
 */
export function warmPassFits(
  encodeUs: readonly number[],
  decodeUs: readonly number[],
  settings: Pick<MessageEntrySettings, 'sizeBudgetMs'>,
): boolean {
  const median = (values: readonly number[]): number => {
    const sorted = [...values].sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)] ?? Infinity
  }
  const floorMs = (LATENCY_SAMPLE_FLOOR * (2 * median(encodeUs) + median(decodeUs))) / 1000
  return floorMs <= settings.sizeBudgetMs
}

/** Measures one per-message entry; never throws for a codec error (the entry is `failed`). */
export async function measureMessageEntry(
  spec: EntrySpec,
  library: string,
  compressor: Compressor,
  corpus: MessageEntryCorpus,
  settings: MessageEntrySettings,
): Promise<MeasuredEntry> {
  const { result, timing } = await measure(spec, library, compressor, corpus, settings)
  return { result, frameSizes: timing.frameSizes }
}

async function measure(
  spec: EntrySpec,
  library: string,
  compressor: Compressor,
  corpus: MessageEntryCorpus,
  settings: MessageEntrySettings,
): Promise<{ result: EntryResult; timing: CallTiming }> {
  const first = corpus.heldOutShuffled[0]
  if (first !== undefined)
    await compressor.decompress((await compressor.compress(first.bytes)).bytes).catch(() => undefined)
  // sizes by the seed's rule, as `run` measures them: a hybrid built once for every corpus would
  // otherwise carry what it learned on one corpus into the next one's figures
  const sizePass = sizePassCompressor(compressor)
  const clock = settings.clock ?? (() => performance.now())
  // s44-trial D2: warm as `run`'s latency pass does, before the size budget starts: a hybrid's first few
  // hundred messages carry one-time work (8-10 ms each on 161-template stores), which ate the whole budget
  await warmUp(sizePass, corpus.heldOutShuffled, settings.latency.warmup, {
    clock,
    budgetMs: WARM_BUDGETS * settings.sizeBudgetMs,
    ...(settings.pace === undefined ? {} : { pace: settings.pace }),
  })
  const { compressor: timed, timing } = createTimedCompressor(sizePass)
  const taken = takeWithinBudget(corpus.heldOutShuffled, settings.sizeBudgetMs, settings.minSizeMessages, clock)
  const pass = await measureSizes(timed, settings.pace === undefined ? taken : paced(taken, settings.pace), {
    reservoirSize: 0,
  })
  const heldOutMessages = corpus.heldOutShuffled.length
  const sizes: EntrySizes = {
    messages: pass.metrics.messages,
    heldOutMessages,
    coverage: pass.metrics.messages >= heldOutMessages ? 'all' : 'sample',
    originalBytes: pass.metrics.originalBytes,
    compressedBytes: pass.metrics.compressedBytes,
    ratio: pass.metrics.ratio,
    meanRatio: pass.metrics.meanRatio,
    savings: pass.metrics.savings,
    expansionRate: pass.metrics.expansionRate,
  }
  const result: EntryResult = {
    spec,
    library,
    state: 'complete',
    sizes,
    roundTrip: pass.roundTrip,
    throughputMBps: {
      encode: toMegabytesPerSecond(timing.encodedBytes, timing.encodeNs),
      decode: toMegabytesPerSecond(timing.decodedBytes, timing.decodeNs),
    },
    sharedStateBytes: compressor.sharedStateBytes,
    pareto: false,
  }
  if (pass.state === 'failed')
    return {
      result: { ...result, state: 'failed', error: { code: pass.error.code, message: pass.error.message } },
      timing,
    }
  // a budget-cut entry's size pass timed each message once, cold (the first calls carry JIT and per-template
  // warm-up): its latency comes from the same warm pass as every other entry's whenever that pass fits
  if (sizes.coverage === 'sample' && !warmPassFits(timing.encodeUs, timing.decodeUs, settings))
    return {
      result: {
        ...result,
        latencyUs: {
          encode: toPercentilesUs(timing.encodeUs),
          decode: toPercentilesUs(timing.decodeUs),
          method: 'size-pass',
        },
      },
      timing,
    }
  try {
    // s42-trial D3: a size pass cut by its budget left most of the latency sample unseen, and the timed
    // calls met them cold (a hybrid's p95 7,840 µs against 31.7 µs with every message sized, which flipped
    // the pick): each one the size pass did not measure is compressed once, untimed, first
    // (the pass measured a prefix of the shuffled held-out messages)
    if (sizes.coverage === 'sample')
      await warmOver(sizePass, corpus.latencySample, corpus.heldOutShuffled.slice(0, sizes.messages), {
        clock,
        budgetMs: settings.sizeBudgetMs,
        ...(settings.pace === undefined ? {} : { pace: settings.pace }),
      })
    // round 37: the pace between calls (outside the timed ones) lets a signal stop the latency pass too
    const measured = await measureLatencySamples(
      compressor,
      corpus.latencySample,
      settings.latency,
      clock,
      settings.pace,
    )
    const latency = measured.latencyUs
    const pick = (p: typeof latency.encode) => ({
      p50: p.p50,
      p95: p.p95,
      p99: p.p99,
      mean: p.mean,
      samples: p.samples,
    })
    const overhead = latency.overheadUs === undefined ? {} : { overheadUs: latency.overheadUs }
    return {
      result: {
        ...result,
        throughputMBps: {
          // the original bytes of the calls timed (a deadline cuts the cycle) over the mean call
          encode: megabytesPerSecondAtMean(measured.meanTimedBytes.encode, latency.encode.mean),
          decode: megabytesPerSecondAtMean(measured.meanTimedBytes.decode, latency.decode.mean),
        },
        latencyUs: {
          encode: pick(latency.encode),
          decode: pick(latency.decode),
          method: 'tinybench-cycle',
          ...overhead,
        },
      },
      timing,
    }
  } catch (error) {
    rethrowAbort(error)
    return { result: { ...result, state: 'failed', error: describeError(error) }, timing }
  }
}
