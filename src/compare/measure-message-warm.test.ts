import { describe, expect, it } from 'vitest'
import { measureMessageEntry, WARM_BUDGETS } from './measure-message-entry.ts'
import { createEchoCompressor } from './test-fixtures.ts'
import type { EntrySpec } from './types.ts'

describe('measureMessageEntry warm-up before the size budget (s44-trial D2)', () => {
  it('does a first-use cost before the size pass starts, so a hybrid cold for its first calls is measured whole', async () => {
    // a codec whose first 50 calls cost 4 ms each on the test's clock (first-use work: plans, compiled templates),
    // then 0.01 ms: a 100 ms size budget used to spend itself on the cold calls and cut the entry to a sample
    const messages = Array.from({ length: 400 }, (_, i) => ({ index: i, bytes: new Uint8Array(64 + (i % 7)) }))
    let now = 0
    let calls = 0
    const compressor = createEchoCompressor('cold-start', () => {
      calls += 1
      now += calls <= 50 ? 4 : 0.01
    })
    const spec: EntrySpec = { id: 'hybrid:x', label: 'x', family: 'hybrid', codec: 'hybrid', kind: 'per-message' }
    const { result } = await measureMessageEntry(
      spec,
      'test',
      compressor,
      { heldOutShuffled: messages, latencySample: messages.slice(0, 20) },
      {
        sizeBudgetMs: 100,
        minSizeMessages: 1,
        latency: { samples: 20, warmup: 60, timeMs: 50 },
        clock: () => now,
      },
    )
    expect(result.sizes.coverage).toBe('all')
    expect(result.sizes.messages).toBe(400)
  })

  it('stops the warm-up after WARM_BUDGETS size budgets, so a slow codec costs at most that much more', async () => {
    const messages = Array.from({ length: 400 }, (_, i) => ({ index: i, bytes: new Uint8Array(64) }))
    let now = 0
    let calls = 0
    const compressor = createEchoCompressor('always-slow', () => {
      calls += 1
      now += 10
    })
    const spec: EntrySpec = { id: 'brotli:11', label: 'q11', family: 'brotli', codec: 'brotli', kind: 'per-message' }
    const { result } = await measureMessageEntry(
      spec,
      'test',
      compressor,
      { heldOutShuffled: messages, latencySample: messages.slice(0, 5) },
      { sizeBudgetMs: 100, minSizeMessages: 1, latency: { samples: 5, warmup: 1000, timeMs: 10 }, clock: () => now },
    )
    expect(result.sizes.coverage).toBe('sample')
    // the untimed first call, then the warm-up: at most WARM_BUDGETS x 100 ms of 10 ms calls, plus the one that crossed
    const sizePassStartCalls = 1 + (WARM_BUDGETS * 100) / 10 + 1
    expect(calls - result.sizes.messages).toBeGreaterThanOrEqual(sizePassStartCalls)
    expect(calls).toBeLessThan(sizePassStartCalls + result.sizes.messages + 50)
  })
})
