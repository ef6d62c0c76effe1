import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createRandom, METHODS, type Method } from '../core/index.ts'
import { roundExactSum } from './exact-sum.ts'
import {
  createSizeAccumulator,
  createSizeCounts,
  mergeSizeAccumulators,
  recordFailure,
  recordFrame,
  recordRoundTrip,
  sampleForLatency,
  toSizeMetrics,
  type RunnerMessage,
  type SizeAccumulator,
  type SizeCounts,
} from './size-accumulator.ts'

interface Planned {
  originalBytes: number
  frameBytes: number
  method: Method
  category: string | undefined
  mismatch: boolean
}

const plannedArb = fc.record({
  originalBytes: fc.integer({ min: 0, max: 5000 }),
  frameBytes: fc.integer({ min: 1, max: 5000 }),
  method: fc.constantFrom(...METHODS),
  category: fc.option(fc.constantFrom('api', 'log', 'chat'), { nil: undefined }),
  mismatch: fc.boolean(),
})

function accumulate(
  planned: readonly Planned[],
  firstIndex: number,
  limits = { maxExpanding: 5, maxMismatches: 5, reservoirSize: 8 },
): SizeAccumulator {
  const acc = createSizeAccumulator(limits)
  const random = createRandom(7 + firstIndex)
  planned.forEach((p, i) => {
    const index = firstIndex + i
    const message: RunnerMessage =
      p.category === undefined
        ? { index, bytes: new Uint8Array(p.originalBytes) }
        : { index, bytes: new Uint8Array(p.originalBytes), category: p.category }
    recordFrame(acc, message, p.frameBytes, p.method)
    recordRoundTrip(acc, p.mismatch ? { index, preview: `#${index}`, firstDifferingByte: 0 } : undefined)
    sampleForLatency(acc, message, random)
  })
  return acc
}

describe('size counters', () => {
  it('keeps ratio = 1 / (1 - savings) and the rates in [0, 1] for any sizes', () => {
    fc.assert(
      fc.property(fc.array(plannedArb, { minLength: 1, maxLength: 40 }), (planned) => {
        fc.pre(planned.some((p) => p.originalBytes > 0))
        const m = toSizeMetrics(accumulate(planned, 0).total)
        expect(m.ratio).toBeCloseTo(1 / (1 - m.savings), 9)
        expect(m.expansionRate + m.shrinkRate).toBeLessThanOrEqual(1 + 1e-12)
        expect(Object.values(m.methods).reduce((a, b) => a + b, 0)).toBe(planned.length)
      }),
      { seed: 42, numRuns: 200 },
    )
  })

  it('merging two shards gives the counts of one pass over both', () => {
    fc.assert(
      fc.property(fc.array(plannedArb, { maxLength: 30 }), fc.array(plannedArb, { maxLength: 30 }), (first, second) => {
        const whole = accumulate([...first, ...second], 0)
        const merged = mergeSizeAccumulators(accumulate(first, 0), accumulate(second, first.length))
        expectSameCounts(merged.total, whole.total)
        expect(Object.keys(merged.categories).sort()).toEqual(Object.keys(whole.categories).sort())
        for (const [name, counts] of Object.entries(whole.categories))
          expectSameCounts(merged.categories[name] ?? createSizeCounts(), counts)
        expect(merged.roundTrip).toEqual(whole.roundTrip)
        expect(merged.expanding).toEqual(whole.expanding)
        expect(merged.mismatches).toEqual(whole.mismatches)
        expect(merged.reservoir.seenMessages).toBe(whole.reservoir.seenMessages)
        expect(merged.reservoir.messages).toHaveLength(whole.reservoir.messages.length)
      }),
      { seed: 42, numRuns: 150 },
    )
  })

  it('keeps the failure of lowest index when merging', () => {
    const a = createSizeAccumulator()
    const b = createSizeAccumulator()
    recordFailure(a, { index: 50, code: 'E_A', message: 'a' })
    recordFailure(b, { index: 3, code: 'E_B', message: 'b' })
    recordFailure(b, { index: 9, code: 'E_C', message: 'c' })
    const merged = mergeSizeAccumulators(a, b)
    expect(merged.failedMessages).toBe(3)
    expect(merged.firstFailure).toEqual({ index: 3, code: 'E_B', message: 'b' })
  })

  it('merges reservoirs in proportion to the messages each shard saw', () => {
    // shard A saw 900 messages, shard B 100: a uniform sample of 100 holds about 90 of A's.
    const shard = (first: number, count: number, seed: number): SizeAccumulator => {
      const acc = createSizeAccumulator({ reservoirSize: 100 })
      const random = createRandom(seed)
      for (let i = 0; i < count; i++) sampleForLatency(acc, { index: first + i, bytes: new Uint8Array(0) }, random)
      return acc
    }
    let fromA = 0
    for (let seed = 1; seed <= 20; seed++) {
      const merged = mergeSizeAccumulators(shard(0, 900, seed), shard(900, 100, seed + 100), seed)
      expect(new Set(merged.reservoir.messages.map((m) => m.index)).size).toBe(100)
      fromA += merged.reservoir.messages.filter((m) => m.index < 900).length
    }
    expect(fromA / 20).toBeGreaterThan(85)
    expect(fromA / 20).toBeLessThan(95)
  })

  it('gives NaN ratios and rates when no message was measured', () => {
    const m = toSizeMetrics(createSizeAccumulator().total)
    expect(m.messages).toBe(0)
    expect(m.ratio).toBeNaN()
    expect(m.meanRatio).toBeNaN()
    expect(m.expansionRate).toBeNaN()
  })
})

/** Counts equal; the ratio sum's partials may be held differently, but round to the same double (the sum is exact). */
function expectSameCounts(actual: SizeCounts, expected: SizeCounts): void {
  const { ratioSum: actualSum, ...actualRest } = actual
  const { ratioSum: expectedSum, ...expectedRest } = expected
  expect(actualRest).toEqual(expectedRest)
  expect(roundExactSum(actualSum)).toBe(roundExactSum(expectedSum))
}
