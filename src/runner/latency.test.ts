import { describe, expect, it } from 'vitest'
import { MIN_LATENCY_SAMPLES, measureLatency } from './latency.ts'
import type { LatencyPercentilesUs } from './types.ts'
import { createDeflateOrIdentity, messagesOf } from './test-support.ts'

const texts = ['{"status":"ok","id":1}', '{"status":"ok","id":2}', 'ERROR connection reset by peer ERROR connection reset by peer']

function expectSane(p: LatencyPercentilesUs, samples: number): void {
  for (const value of [p.p50, p.p95, p.p99, p.mean]) {
    expect(Number.isFinite(value)).toBe(true)
    expect(value).toBeGreaterThan(0)
  }
  expect(p.p50).toBeLessThanOrEqual(p.p95)
  expect(p.p95).toBeLessThanOrEqual(p.p99)
  expect(Number.isFinite(p.rme)).toBe(true)
  expect(p.samples).toBe(samples)
}

describe('measureLatency', () => {
  it('returns finite, ordered percentiles over the requested number of samples', async () => {
    const latency = await measureLatency(createDeflateOrIdentity(), messagesOf(texts), { samples: 60, warmup: 10, timeMs: 60_000 })
    expect(latency.mode).toBe('in-process')
    expectSane(latency.encode, 60)
    expectSane(latency.decode, 60)
    expect(latency.overheadUs).toBeGreaterThan(0)
  })

  it('awaits an async compressor inside each sample', async () => {
    const latency = await measureLatency(createDeflateOrIdentity({ async: true }), messagesOf(texts), { samples: 40, warmup: 0, timeMs: 60_000 })
    expectSane(latency.encode, 40)
    expectSane(latency.decode, 40)
  })

  it('cycles through the messages, one call per sample, decoding frames made beforehand', async () => {
    const calls = { compress: new Map<string, number>(), decompress: new Map<string, number>() }
    await measureLatency(createDeflateOrIdentity({ calls }), messagesOf(texts), { samples: 30, warmup: 3, timeMs: 60_000 })
    // each message: 1 call to make its frame, 1 warm-up call, 10 timed calls
    expect([...calls.compress.values()]).toEqual([12, 12, 12])
    expect([...calls.decompress.values()]).toEqual([11, 11, 11])
  })

  it('only compresses as many messages as it will time', async () => {
    const calls = { compress: new Map<string, number>(), decompress: new Map<string, number>() }
    await measureLatency(createDeflateOrIdentity({ calls }), messagesOf(texts), { samples: 2, warmup: 0, timeMs: 60_000 })
    expect(calls.compress.size).toBe(2)
  })

  it('stops at the time budget but keeps a minimum of samples', async () => {
    const latency = await measureLatency(createDeflateOrIdentity(), messagesOf(texts), { samples: 100_000, warmup: 100_000, timeMs: 0 })
    expect(latency.encode.samples).toBe(MIN_LATENCY_SAMPLES)
    expect(latency.decode.samples).toBe(MIN_LATENCY_SAMPLES)
  })

  it('rejects with the codec error when a call throws while timing', async () => {
    let calls = 0
    const compressor = createDeflateOrIdentity({ failCompress: () => ++calls > 5 })
    await expect(measureLatency(compressor, messagesOf(texts), { samples: 50, warmup: 0, timeMs: 60_000 })).rejects.toThrow('fake codec gave up')
  })

  it('needs at least one message', async () => {
    await expect(measureLatency(createDeflateOrIdentity(), [], { samples: 10, warmup: 0, timeMs: 1000 })).rejects.toMatchObject({ code: 'E_CORPUS_EMPTY' })
  })
})
