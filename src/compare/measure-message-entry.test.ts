import { describe, expect, it } from 'vitest'
import type { Compressor } from '../core/index.ts'
import { isOverBudget, meanTimedBytes, measureMessageEntry, takeWithinBudget } from './measure-message-entry.ts'
import type { EntrySpec } from './types.ts'

describe('isOverBudget', () => {
  it('stops a slow pass at the budget, lets a pass on course to finish within four budgets run, and keeps the minimum', () => {
    // 100 ms budget: 10 of 1000 done after 101 ms projects 10 s: stop
    expect(isOverBudget(101, 10, 1000, 100, 5)).toBe(true)
    // 300 of 1000 done after 101 ms projects 337 ms, under 400: go on
    expect(isOverBudget(101, 300, 1000, 100, 5)).toBe(false)
    expect(isOverBudget(99, 1, 1000, 100, 5)).toBe(false)
    expect(isOverBudget(5000, 4, 1000, 100, 5)).toBe(false)
  })
})

describe('takeWithinBudget', () => {
  it('takes everything from a fast pass and a prefix of at least the minimum from a slow one', () => {
    const items = Array.from({ length: 100 }, (_, i) => i)
    let fastClock = 0
    expect([...takeWithinBudget(items, 10, 3, () => (fastClock += 0.01))]).toHaveLength(100)
    let slowClock = 0
    const slow = [...takeWithinBudget(items, 10, 3, () => (slowClock += 2))]
    expect(slow).toEqual(items.slice(0, slow.length))
    expect(slow.length).toBeGreaterThanOrEqual(3)
    expect(slow.length).toBeLessThan(10)
  })
})

describe('measureMessageEntry throughput', () => {
  it('derives MB/s from the latency columns, not from a size pass slowed by a pause', async () => {
    const messages = Array.from({ length: 40 }, (_, i) => ({ index: i, bytes: new Uint8Array(100 + i) }))
    let calls = 0
    const compressor: Compressor = {
      name: 'slow-start',
      sharedStateBytes: 0,
      libraries: {},
      async compress(message) {
        calls += 1
        // calls 2-4 fall in the size pass (call 1 is the untimed warm-up): a pause there, as a GC or a preemption would be
        if (calls >= 2 && calls <= 4) {
          const until = performance.now() + 5
          while (performance.now() < until) {}
        }
        const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message
        return {
          bytes,
          method: 'uncompressed',
          metadata: { ratio: 1, method: 'uncompressed', originalBytes: bytes.length, compressedBytes: bytes.length },
        }
      },
      decompress: async (frame) => frame,
    }
    const spec: EntrySpec = { id: 'hybrid:x', label: 'x', family: 'hybrid', codec: 'hybrid', kind: 'per-message' }
    const { result } = await measureMessageEntry(
      spec,
      'test',
      compressor,
      { heldOutShuffled: messages, latencySample: messages },
      { sizeBudgetMs: 10_000, minSizeMessages: 1, latency: { samples: 200, warmup: 10, timeMs: 2000 } },
    )
    expect(result.latencyUs?.method).toBe('tinybench-cycle')
    const meanBytes = meanTimedBytes(messages, 200)
    const encodeMeanUs = result.latencyUs?.encode.mean ?? 0
    expect(result.throughputMBps.encode * encodeMeanUs).toBeCloseTo(meanBytes, 6)
    expect(result.throughputMBps.decode * (result.latencyUs?.decode.mean ?? 0)).toBeCloseTo(meanBytes, 6)
  })
})
