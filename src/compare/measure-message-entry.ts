/**
 * One per-message entry on one corpus: the runner's size pass (round trip checked on every message)
 * over the held-out messages within a time budget, then latency.
 *
 * Latency choices:
 * - When the size pass covered every held-out message, the runner's measureLatency (tinybench)
 *   times the corpus's seeded latency sample, the same sample for every entry.
 * - When the size pass hit its budget the entry is slow (brotli-wasm at high qualities,
 *   @mongodb-js/zstd at high levels take milliseconds per message): its size pass already timed
 *   each sampled message once, so those times are the latency samples, rather than spending a
 *   second budget to time the same calls again.
 * - One untimed compress and decompress come first, so lazy initialisation is not a sample.
 */
import { performance } from 'node:perf_hooks'
import type { Compressor } from '../core/index.ts'
import type { CorpusMessage } from '../corpus/index.ts'
import { describeError, measureLatency, measureSizes } from '../runner/index.ts'
import { createTimedCompressor, toMegabytesPerSecond } from './codec-compressor.ts'
import { toPercentilesUs } from './percentiles.ts'
import type { EntryResult, EntrySizes, EntrySpec } from './types.ts'

/** Budgets and latency settings of one entry's measurement. */
export interface MessageEntrySettings {
  /** time for the size pass, in milliseconds */
  sizeBudgetMs: number
  /** fewest messages the size pass measures even past its budget */
  minSizeMessages: number
  latency: { samples: number; warmup: number; timeMs: number }
}

/** The messages of one corpus as the entries see them. */
export interface MessageEntryCorpus {
  /** held-out messages in a seeded random order: a size pass cut short by its budget measured a uniform sample */
  heldOutShuffled: readonly CorpusMessage[]
  /** the seeded latency sample */
  latencySample: readonly CorpusMessage[]
}

/** Yields messages until the budget is spent (after at least `minMessages`). */
export function* takeWithinBudget<T>(items: readonly T[], budgetMs: number, minMessages: number, now: () => number = () => performance.now()): Generator<T> {
  const start = now()
  let taken = 0
  for (const item of items) {
    if (taken >= minMessages && now() - start > budgetMs) return
    taken += 1
    yield item
  }
}

/** Measures one per-message entry; never throws for a codec error (the entry is `failed`). */
export async function measureMessageEntry(spec: EntrySpec, library: string, compressor: Compressor, corpus: MessageEntryCorpus, settings: MessageEntrySettings): Promise<EntryResult> {
  const first = corpus.heldOutShuffled[0]
  if (first !== undefined) await compressor.decompress((await compressor.compress(first.bytes)).bytes).catch(() => undefined)
  const { compressor: timed, timing } = createTimedCompressor(compressor)
  const messages = takeWithinBudget(corpus.heldOutShuffled, settings.sizeBudgetMs, settings.minSizeMessages)
  const pass = await measureSizes(timed, messages, { reservoirSize: 0 })
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
    throughputMBps: { encode: toMegabytesPerSecond(timing.encodedBytes, timing.encodeNs), decode: toMegabytesPerSecond(timing.decodedBytes, timing.decodeNs) },
    sharedStateBytes: compressor.sharedStateBytes,
    pareto: false,
  }
  if (pass.state === 'failed') return { ...result, state: 'failed', error: { code: pass.error.code, message: pass.error.message } }
  if (sizes.coverage === 'sample') return { ...result, latencyUs: { encode: toPercentilesUs(timing.encodeUs), decode: toPercentilesUs(timing.decodeUs), method: 'size-pass' } }
  try {
    const latency = await measureLatency(compressor, corpus.latencySample, settings.latency)
    const pick = (p: typeof latency.encode) => ({ p50: p.p50, p95: p.p95, p99: p.p99, mean: p.mean, samples: p.samples })
    const overhead = latency.overheadUs === undefined ? {} : { overheadUs: latency.overheadUs }
    return { ...result, latencyUs: { encode: pick(latency.encode), decode: pick(latency.decode), method: 'tinybench-cycle', ...overhead } }
  } catch (error) {
    return { ...result, state: 'failed', error: describeError(error) }
  }
}
