import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRandom } from '../core/index.ts'
import {
  bootstrapRatioInterval,
  createRunConfidence,
  createSizeSample,
  mergeSizeSamples,
  offerSizeSample,
  type SizeSample,
} from './confidence.ts'

/** Sizes of n messages: originals 20-420 bytes, frames 30-100% of them, drawn from a seeded generator. */
function sizes(n: number, seed: number): Array<[number, number]> {
  const random = createRandom(seed)
  return Array.from({ length: n }, () => {
    const original = 20 + Math.floor(random() * 400)
    return [original, Math.max(1, Math.round(original * (0.3 + 0.7 * random())))]
  })
}

function sampleOf(pairs: ReadonlyArray<[number, number]>, capacity: number, offset = 0): SizeSample {
  const sample = createSizeSample(capacity)
  pairs.forEach(([o, c], i) => offerSizeSample(sample, offset + i, o, c))
  return sample
}

function totals(pairs: ReadonlyArray<[number, number]>) {
  return {
    messages: pairs.length,
    originalBytes: pairs.reduce((s, p) => s + p[0], 0),
    compressedBytes: pairs.reduce((s, p) => s + p[1], 0),
  }
}

describe('size sample', () => {
  it('keeps every message up to its capacity, then exactly capacity of them', () => {
    expect(sampleOf(sizes(40, 1), 100).entries).toHaveLength(40)
    const full = sampleOf(sizes(1000, 1), 100)
    full.entries.sort((a, b) => a.priority - b.priority)
    expect(mergeSizeSamples(full, createSizeSample(100)).entries).toHaveLength(100)
  })

  it('merging two shards keeps the same messages as one pass over both', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 1, max: 64 }),
        (n, cut, capacity) => {
          const pairs = sizes(n, n)
          const split = Math.min(cut, n)
          const whole = mergeSizeSamples(sampleOf(pairs, capacity), createSizeSample(capacity))
          const merged = mergeSizeSamples(
            sampleOf(pairs.slice(0, split), capacity),
            sampleOf(pairs.slice(split), capacity, split),
          )
          expect(merged.entries.map((e) => e.priority)).toEqual(whole.entries.map((e) => e.priority))
        },
      ),
      { seed: 42, numRuns: 60 },
    )
  })
})

describe('run confidence', () => {
  it('gives the seed 72% hit rate on 25 messages a Wilson interval of about 52-86%', () => {
    const pairs = sizes(25, 3)
    const c = createRunConfidence({ ...totals(pairs), templateHits: 18, expanded: 2, shrunk: 23 }, sampleOf(pairs, 100))
    expect(c.templateHitRate.low).toBeCloseTo(0.524, 2)
    expect(c.templateHitRate.high).toBeCloseTo(0.857, 2)
    expect(c.templateHitRate.method).toBe('wilson')
    expect(c.expansionRate.low).toBeLessThan(0.08)
    expect(c.expansionRate.high).toBeGreaterThan(0.2)
  })

  it('bootstraps an interval around the ratio, and savings from it', () => {
    const pairs = sizes(200, 5)
    const t = totals(pairs)
    const c = createRunConfidence({ ...t, templateHits: 0, expanded: 0, shrunk: 200 }, sampleOf(pairs, 5000))
    const ratio = t.originalBytes / t.compressedBytes
    expect(c.ratio?.low).toBeLessThan(ratio)
    expect(c.ratio?.high).toBeGreaterThan(ratio)
    expect(c.savings?.low).toBeCloseTo(1 - 1 / (c.ratio?.low ?? 0), 12)
    expect(c.bootstrap).toEqual({ resamples: 1000, seed: 1, sampleMessages: 200 })
  })

  it('narrows with more messages, and a subsample scaled by sqrt(m/n) matches bootstrapping all of them', () => {
    const small = sizes(100, 9)
    const large = sizes(4000, 9)
    const width = (i: { low: number; high: number } | undefined) => (i === undefined ? NaN : i.high - i.low)
    const wSmall = width(bootstrapRatioInterval(sampleOf(small, 5000), totals(small)))
    const wLarge = width(bootstrapRatioInterval(sampleOf(large, 5000), totals(large)))
    expect(wLarge).toBeLessThan(wSmall / 3)
    const wSubsample = width(bootstrapRatioInterval(sampleOf(large, 500), totals(large)))
    expect(wSubsample / wLarge).toBeGreaterThan(0.75)
    expect(wSubsample / wLarge).toBeLessThan(1.33)
  })

  it('bootstraps a uniform sample, not the first messages, between capacity and twice capacity', () => {
    // 150 messages, capacity 100: the first 100 compress exactly 2x, the last 50 not at all
    const pairs: Array<[number, number]> = Array.from({ length: 150 }, (_, i) => (i < 100 ? [200, 100] : [200, 200]))
    const sample = sampleOf(pairs, 100)
    const interval = bootstrapRatioInterval(sample, totals(pairs))
    // the first 100 alone all have ratio 2, so a sample of them gives a zero-width interval
    expect(interval).toBeDefined()
    expect((interval?.high ?? 0) - (interval?.low ?? 0)).toBeGreaterThan(0.05)
    // the sample itself is untouched (still offerable)
    expect(sample.entries).toHaveLength(150)
  })

  it('gives one pass and merged shards the same interval for the same messages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 250 }), fc.integer({ min: 0, max: 250 }), (n, cut) => {
        const capacity = 100
        const pairs = sizes(n, n + 7)
        const split = Math.min(cut, n)
        const onePass = sampleOf(pairs, capacity)
        const merged = mergeSizeSamples(
          sampleOf(pairs.slice(0, split), capacity),
          sampleOf(pairs.slice(split), capacity, split),
        )
        expect(bootstrapRatioInterval(onePass, totals(pairs))).toEqual(bootstrapRatioInterval(merged, totals(pairs)))
      }),
      { seed: 42, numRuns: 40 },
    )
  })

  it('has no byte-ratio interval for a single message', () => {
    const pairs = sizes(1, 1)
    const c = createRunConfidence({ ...totals(pairs), templateHits: 1, expanded: 0, shrunk: 1 }, sampleOf(pairs, 10))
    expect(c.ratio).toBeUndefined()
    expect(c.templateHitRate.high).toBe(1)
  })
})

/**
 * The size sample and bootstrap as first written (before they were made fast): a comparator sort
 * at every compaction and before the bootstrap, one `createRandom` call per draw. The fast ones must
 * keep the same entries in the same order and give the same interval to the bit.
 */
const reference = {
  hash(index: number): number {
    let h = (index >>> 0) ^ Math.imul(Math.floor(index / 2 ** 32) >>> 0, 0x9e3779b1)
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
    return (h ^ (h >>> 16)) >>> 0
  },
  compact(sample: SizeSample): void {
    sample.entries.sort((x, y) => x.priority - y.priority)
    if (sample.entries.length <= sample.capacity) return
    sample.entries.length = sample.capacity
    sample.threshold = (sample.entries[sample.capacity - 1] as SizeSample['entries'][number]).priority
  },
  sample(offers: ReadonlyArray<[number, number, number]>, capacity: number): SizeSample {
    const sample: SizeSample = { capacity, threshold: Infinity, entries: [] }
    for (const [index, originalBytes, compressedBytes] of offers) {
      const priority = reference.hash(index)
      if (priority >= sample.threshold) continue
      sample.entries.push({ priority, originalBytes, compressedBytes })
      if (sample.entries.length >= 2 * sample.capacity) reference.compact(sample)
    }
    return sample
  },
  merge(a: SizeSample, b: SizeSample): SizeSample {
    const merged: SizeSample = {
      capacity: a.capacity,
      threshold: Math.min(a.threshold, b.threshold),
      entries: [...a.entries, ...b.entries],
    }
    reference.compact(merged)
    return merged
  },
  interval(
    sample: SizeSample,
    counts: { messages: number; originalBytes: number; compressedBytes: number },
  ): { low: number; high: number } | undefined {
    const entries = [...sample.entries].sort((x, y) => x.priority - y.priority).slice(0, sample.capacity)
    const m = entries.length
    if (m < 2 || counts.messages < 2 || counts.compressedBytes === 0) return undefined
    const original = Float64Array.from(entries, (e) => e.originalBytes)
    const compressed = Float64Array.from(entries, (e) => e.compressedBytes)
    const sampleRatio = original.reduce((s, v) => s + v, 0) / compressed.reduce((s, v) => s + v, 0)
    const random = createRandom(1)
    const deviations = new Float64Array(1000)
    for (let b = 0; b < 1000; b++) {
      let originalSum = 0
      let compressedSum = 0
      for (let i = 0; i < m; i++) {
        const pick = Math.floor(random() * m)
        originalSum += original[pick] as number
        compressedSum += compressed[pick] as number
      }
      deviations[b] = (compressedSum === 0 ? Infinity : originalSum / compressedSum) - sampleRatio
    }
    deviations.sort()
    const quantile = (q: number): number => {
      const rank = q * (deviations.length - 1)
      const a = deviations[Math.floor(rank)] as number
      return a + ((deviations[Math.ceil(rank)] as number) - a) * (rank - Math.floor(rank))
    }
    const scale = Math.sqrt(m / counts.messages)
    const ratio = counts.originalBytes / counts.compressedBytes
    const low = ratio + quantile(0.025) * scale
    const high = ratio + quantile(0.975) * scale
    return Number.isFinite(low) && Number.isFinite(high) ? { low: Math.max(0, low), high } : undefined
  },
}

describe('the fast size sample and bootstrap against the plain ones', () => {
  // indices repeat (a message offered twice gives equal priorities), sizes include 0 and fractions
  const offerArb = fc.tuple(
    fc.integer({ min: 0, max: 300 }),
    fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
    fc.integer({ min: 0, max: 5000 }),
  )

  it('keeps the same entries in the same order, ties included, merges the same, and gives the same interval to the bit', () => {
    fc.assert(
      fc.property(fc.array(offerArb, { maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (offers, capacity) => {
        const fast = createSizeSample(capacity)
        for (const [index, o, c] of offers) offerSizeSample(fast, index, o, c)
        const plain = reference.sample(offers, capacity)
        expect(fast).toEqual(plain)
        const counts = {
          messages: offers.length,
          originalBytes: offers.reduce((s, o) => s + o[1], 0),
          compressedBytes: offers.reduce((s, o) => s + o[2], 0),
        }
        expect(bootstrapRatioInterval(fast, counts)).toEqual(reference.interval(plain, counts))
        const half = offers.length >> 1
        const shards = [offers.slice(0, half), offers.slice(half)]
        const [a, b] = shards.map((shard) => {
          const sample = createSizeSample(capacity)
          for (const [index, o, c] of shard) offerSizeSample(sample, index, o, c)
          return sample
        }) as [SizeSample, SizeSample]
        const [plainA, plainB] = shards.map((shard) => reference.sample(shard, capacity)) as [SizeSample, SizeSample]
        expect(mergeSizeSamples(a, b)).toEqual(reference.merge(plainA, plainB))
      }),
      { seed: 42, numRuns: 200 },
    )
  })

  it('gives the same interval as the plain bootstrap on 5,000 sampled messages of a 20,000-message run', () => {
    const pairs = sizes(20_000, 3)
    const fast = sampleOf(pairs, 5000)
    const plain = reference.sample(
      pairs.map(([o, c], i) => [i, o, c]),
      5000,
    )
    expect(fast).toEqual(plain)
    expect(bootstrapRatioInterval(fast, totals(pairs))).toEqual(reference.interval(plain, totals(pairs)))
  })
})
