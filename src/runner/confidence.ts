/**
 * Sampling uncertainty of a run's size metrics. The corpus is a sample of traffic, so a 72% hit rate
 * measured on 25 messages is a 95% interval of about 52-86%, not a fact about production.
 *
 * - Shares of messages (template hit, expansion, shrink rates) get a Wilson score interval from
 *   their counts: exact counts are known, and Wilson stays honest near 0 and 1 and for small n.
 * - Byte ratios (ratio, savings) are ratios of sums over messages, whose spread depends on how the
 *   per-message sizes vary together; they get a seeded percentile bootstrap that resamples messages.
 *   That needs per-message sizes, which the size pass otherwise does not keep: it keeps a bounded,
 *   uniform sample of (original, frame) sizes here (bottom-k by a hash of the message index:
 *   deterministic, and mergeable across shards by keeping the k lowest of both).
 *
 * Caveat: both treat messages as independent draws. Traffic where messages come in correlated runs
 * (one connection's chunks) has wider true intervals than these.
 */
import { percentile, wilsonInterval } from '../core/index.ts'
import type { Interval95, RunConfidence } from './types.ts'

/** Messages kept in the per-message size sample; every message of a corpus up to this size. */
const SIZE_SAMPLE_CAPACITY = 5000

/** Bootstrap resamples per interval (percentile method; 1,000 puts the 2.5% and 97.5% quantiles on 25 draws each). */
const BOOTSTRAP_RESAMPLES = 1000

/** Seed of the bootstrap's generator, recorded in results.json so an interval can be reproduced. */
const BOOTSTRAP_SEED = 1

/** One message's sizes in the sample, with its priority (a hash of its index: the k lowest are kept). */
interface SizeSampleEntry {
  priority: number
  originalBytes: number
  compressedBytes: number
}

/** A bounded uniform sample of per-message sizes (plain data, so shards can be merged). */
export interface SizeSample {
  capacity: number
  /** entries with priority below this are kept; Infinity until the sample first overflows */
  threshold: number
  entries: SizeSampleEntry[]
}

/** An empty size sample holding at most `capacity` messages. */
export function createSizeSample(capacity = SIZE_SAMPLE_CAPACITY): SizeSample {
  return { capacity, threshold: Infinity, entries: [] }
}

/** Offers one message's sizes; kept when its index hashes among the `capacity` lowest seen. */
export function offerSizeSample(
  sample: SizeSample,
  index: number,
  originalBytes: number,
  compressedBytes: number,
): void {
  const priority = hashIndex(index)
  if (priority >= sample.threshold) return
  sample.entries.push({ priority, originalBytes, compressedBytes })
  // compact only when twice full: sorting then costs O(log k) per message amortised
  if (sample.entries.length >= 2 * sample.capacity) compact(sample)
}

/** The union of two shards' samples, as if one sample had seen both streams. */
export function mergeSizeSamples(a: SizeSample, b: SizeSample): SizeSample {
  const merged: SizeSample = {
    capacity: a.capacity,
    threshold: Math.min(a.threshold, b.threshold),
    entries: [...a.entries, ...b.entries],
  }
  compact(merged)
  return merged
}

function compact(sample: SizeSample): void {
  sample.entries = sortedByPriority(sample.entries)
  if (sample.entries.length <= sample.capacity) return
  sample.entries.length = sample.capacity
  sample.threshold = (sample.entries[sample.capacity - 1] as SizeSampleEntry).priority
}

/**
 * The entries by ascending priority, equal priorities in their present order (as a stable sort).
 * Priorities are 32-bit and positions small, so priority x 2^bits + position packs both into one
 * exact double, and a comparator-free typed-array sort orders them; 2-3x faster than a comparator.
 */
function sortedByPriority(entries: readonly SizeSampleEntry[]): SizeSampleEntry[] {
  const positions = 2 ** Math.ceil(Math.log2(Math.max(2, entries.length)))
  if (positions > 2 ** 21) return [...entries].sort((x, y) => x.priority - y.priority)
  const keys = new Float64Array(entries.length)
  for (let i = 0; i < entries.length; i++) keys[i] = (entries[i] as SizeSampleEntry).priority * positions + i
  keys.sort()
  const sorted: SizeSampleEntry[] = new Array(entries.length)
  for (let i = 0; i < keys.length; i++) sorted[i] = entries[(keys[i] as number) % positions] as SizeSampleEntry
  return sorted
}

/** murmur3's 32-bit finaliser over the index (both halves for indices past 2^32): a uniform, reproducible priority. */
function hashIndex(index: number): number {
  let h = (index >>> 0) ^ Math.imul(Math.floor(index / 2 ** 32) >>> 0, 0x9e3779b1)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Counts a run's confidence needs: messages, bytes and the messages behind each share. */
interface ConfidenceCounts {
  messages: number
  originalBytes: number
  compressedBytes: number
  templateHits: number
  expanded: number
  shrunk: number
}

/** 95% intervals of a run's size metrics: Wilson for shares, bootstrap for ratio and savings (absent with fewer than 2 messages). */
export function createRunConfidence(counts: ConfidenceCounts, sample: SizeSample): RunConfidence {
  const wilson = (successes: number): Interval95 => ({
    ...wilsonInterval(successes, counts.messages),
    method: 'wilson',
  })
  const confidence: RunConfidence = {
    templateHitRate: wilson(counts.templateHits),
    expansionRate: wilson(counts.expanded),
    shrinkRate: wilson(counts.shrunk),
  }
  const ratio = bootstrapRatioInterval(sample, counts)
  if (ratio === undefined) return confidence
  return {
    ...confidence,
    ratio: { ...ratio, method: 'bootstrap' },
    // savings = 1 - 1/ratio is increasing in ratio, and percentile intervals follow monotone maps
    savings: { low: 1 - 1 / ratio.low, high: 1 - 1 / ratio.high, method: 'bootstrap' },
    bootstrap: {
      resamples: BOOTSTRAP_RESAMPLES,
      seed: BOOTSTRAP_SEED,
      sampleMessages: Math.min(sample.entries.length, sample.capacity),
    },
  }
}

/**
 * Percentile bootstrap of originalBytes / compressedBytes over the sampled messages.
 * Steps:
 * 1. Draw BOOTSTRAP_RESAMPLES resamples of the m sampled messages with replacement; each gives a ratio of sums.
 * 2. Take the 2.5% and 97.5% quantiles of their deviations from the sample's own ratio.
 * 3. When the sample holds fewer messages than the run (m < n), scale the deviations by sqrt(m / n):
 *    the ratio estimator's spread shrinks as 1/sqrt(messages), and the run measured all n of them.
 * 4. Centre on the run's ratio over all messages.
 */
export function bootstrapRatioInterval(
  sample: SizeSample,
  counts: Pick<ConfidenceCounts, 'messages' | 'originalBytes' | 'compressedBytes'>,
): { low: number; high: number } | undefined {
  const entries = sampledEntries(sample)
  const m = entries.length
  if (m < 2 || counts.messages < 2 || counts.compressedBytes === 0) return undefined
  const original = new Float64Array(m)
  const compressed = new Float64Array(m)
  for (let i = 0; i < m; i++) {
    original[i] = (entries[i] as SizeSampleEntry).originalBytes
    compressed[i] = (entries[i] as SizeSampleEntry).compressedBytes
  }
  const sampleRatio = sum(original) / sum(compressed)
  const deviations = resampledRatios(original, compressed, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED)
  for (let b = 0; b < deviations.length; b++) deviations[b] = (deviations[b] as number) - sampleRatio
  deviations.sort()
  const scale = Math.sqrt(m / counts.messages)
  const ratio = counts.originalBytes / counts.compressedBytes
  const low = ratio + percentile(deviations, 2.5) * scale
  const high = ratio + percentile(deviations, 97.5) * scale
  return Number.isFinite(low) && Number.isFinite(high) ? { low: Math.max(0, low), high } : undefined
}

/**
 * Ratios of sums of `resamples` resamples with replacement of the m messages; Infinity for a
 * resample whose frames sum to 0 bytes. The inner loop is `createRandom(seed)` (mulberry32) inlined,
 * draw for draw: 5 million draws for 5,000 messages, where a closure call per draw cost as much
 * as the draw. Sums run in the same order as a plain loop, so the ratios are the same to the bit.
 */
function resampledRatios(
  original: Float64Array,
  compressed: Float64Array,
  resamples: number,
  seed: number,
): Float64Array {
  const m = original.length
  const ratios = new Float64Array(resamples)
  let state = seed >>> 0
  for (let b = 0; b < resamples; b++) {
    let originalSum = 0
    let compressedSum = 0
    for (let i = 0; i < m; i++) {
      state = (state + 0x6d2b79f5) >>> 0
      let t = Math.imul(state ^ (state >>> 15), state | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      const pick = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * m)
      originalSum += original[pick] as number
      compressedSum += compressed[pick] as number
    }
    ratios[b] = compressedSum === 0 ? Infinity : originalSum / compressedSum
  }
  return ratios
}

/**
 * The sample's messages: the `capacity` lowest priorities, in priority order. Between capacity and
 * 2x capacity entries the sample is not yet compacted and holds them in arrival order, so taking the
 * first `capacity` would keep the earliest messages instead of a uniform sample; and the bootstrap's
 * draws depend on the order, so a one-pass and a merged sample of the same messages must agree on it.
 */
function sampledEntries(sample: SizeSample): SizeSampleEntry[] {
  return sortedByPriority(sample.entries).slice(0, sample.capacity)
}

function sum(values: Float64Array): number {
  let total = 0
  for (const v of values) total += v
  return total
}
