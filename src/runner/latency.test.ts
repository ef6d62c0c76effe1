import { describe, expect, it } from 'vitest'
import { LATENCY_SAMPLE_FLOOR, measureLatency, measureLatencySamples } from './latency.ts'
import type { Compressor } from '../core/index.ts'
import type { LatencyPercentilesUs } from './types.ts'
import { createDeflateOrIdentity, messagesOf } from './test-support.ts'

const texts = [
  '{"status":"ok","id":1}',
  '{"status":"ok","id":2}',
  'ERROR connection reset by peer ERROR connection reset by peer',
]

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
    const latency = await measureLatency(createDeflateOrIdentity(), messagesOf(texts), {
      samples: 60,
      warmup: 10,
      timeMs: 60_000,
    })
    expect(latency.mode).toBe('in-process')
    expectSane(latency.encode, 60)
    expectSane(latency.decode, 60)
    expect(latency.overheadUs).toBeGreaterThan(0)
  })

  it('awaits an async compressor inside each sample', async () => {
    const latency = await measureLatency(createDeflateOrIdentity({ async: true }), messagesOf(texts), {
      samples: 40,
      warmup: 0,
      timeMs: 60_000,
    })
    expectSane(latency.encode, 40)
    expectSane(latency.decode, 40)
  })

  it('cycles through the messages, one call per sample, decoding frames made beforehand', async () => {
    const calls = { compress: new Map<string, number>(), decompress: new Map<string, number>() }
    await measureLatency(createDeflateOrIdentity({ calls }), messagesOf(texts), {
      samples: 30,
      warmup: 3,
      timeMs: 60_000,
    })
    // each message: 1 call to make its frame, 1 warm-up call, 10 timed calls
    expect([...calls.compress.values()]).toEqual([12, 12, 12])
    expect([...calls.decompress.values()]).toEqual([11, 11, 11])
  })

  it('only compresses as many messages as it will time', async () => {
    const calls = { compress: new Map<string, number>(), decompress: new Map<string, number>() }
    await measureLatency(createDeflateOrIdentity({ calls }), messagesOf(texts), {
      samples: 2,
      warmup: 0,
      timeMs: 60_000,
    })
    expect(calls.compress.size).toBe(2)
  })

  it('stops at the time budget but keeps a minimum of samples', async () => {
    const latency = await measureLatency(createDeflateOrIdentity(), messagesOf(texts), {
      samples: 100_000,
      warmup: 100_000,
      timeMs: 0,
    })
    expect(latency.encode.samples).toBe(LATENCY_SAMPLE_FLOOR)
    expect(latency.decode.samples).toBe(LATENCY_SAMPLE_FLOOR)
  })

  it('keeps pre-compression of a slow codec within the time budget, which bounds the whole measurement', async () => {
    // a codec whose compress takes 10 ms on a driven clock (like brotli-wasm q11 at ~3.5 ms) and whose decompress is free
    let nowMs = 0
    const calls = { compress: new Map<string, number>(), decompress: new Map<string, number>() }
    const fake = createDeflateOrIdentity({ calls })
    const slow = { ...fake, compress: (input: string | Uint8Array) => ((nowMs += 10), fake.compress(input)) }
    const messages = messagesOf(Array.from({ length: 2000 }, (_, i) => `{"event":"tick","seq":${i}}`))
    const latency = await measureLatency(slow, messages, { samples: 2000, warmup: 0, timeMs: 2000 }, () => nowMs)
    // at most one call past each step's deadline (pre-compression, encode, decode)
    expect(nowMs).toBeLessThanOrEqual(2000 + 3 * 10)
    // pre-compressing all 2,000 messages would have taken 20 s and left the minimum for both directions
    expect(latency.encode.samples).toBeGreaterThan(2 * LATENCY_SAMPLE_FLOOR)
    expect(latency.decode.samples).toBe(2000)
    // decode cycles through exactly the messages encode timed
    expect([...calls.decompress.keys()].sort()).toEqual([...calls.compress.keys()].sort())
  })

  it('rejects with the codec error when a call throws while timing', async () => {
    let calls = 0
    const compressor = createDeflateOrIdentity({ failCompress: () => ++calls > 5 })
    await expect(
      measureLatency(compressor, messagesOf(texts), { samples: 50, warmup: 0, timeMs: 60_000 }),
    ).rejects.toThrow('fake codec gave up')
  })

  it('needs at least one message', async () => {
    await expect(
      measureLatency(createDeflateOrIdentity(), [], { samples: 10, warmup: 0, timeMs: 1000 }),
    ).rejects.toMatchObject({ code: 'E_CORPUS_EMPTY' })
  })

  it('meanTimedBytes: the mean size of the calls timed, cycling over the frames made, whatever the deadline cut', async () => {
    // On a driven clock: calls of 100-119 B advance it 0.05 ms, and one pre-compression call is "preempted"
    // for 10 ms, so pre-compression stops at the floor of 20 frames; the encode and decode deadlines then
    // let through a count of calls that is not a whole number of cycles (as a loaded machine did in s35).
    let nowMs = 0
    const called = { encode: [] as number[], decode: [] as number[] }
    const messages = Array.from({ length: 400 }, (_, i) => ({
      bytes: new Uint8Array(100 + (i % 20) + (i < 20 ? 0 : 1000)),
    }))
    const compressor: Compressor = {
      name: 'driven',
      sharedStateBytes: 0,
      libraries: {},
      async compress(message) {
        const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message
        called.encode.push(bytes.length)
        nowMs += called.encode.length === 5 ? 10 : 0.05
        return {
          bytes,
          method: 'uncompressed',
          metadata: { ratio: 1, method: 'uncompressed', originalBytes: bytes.length, compressedBytes: bytes.length },
        }
      },
      async decompress(frame) {
        called.decode.push(frame.length)
        nowMs += 0.05
        return frame
      },
    }
    const measured = await measureLatencySamples(
      compressor,
      messages,
      { samples: 400, warmup: 0, timeMs: 30 },
      () => nowMs,
    )
    const frames = called.encode.length - measured.latencyUs.encode.samples
    expect(frames).toBe(LATENCY_SAMPLE_FLOOR)
    for (const phase of ['encode', 'decode'] as const) {
      const n = measured.latencyUs[phase].samples
      expect(n).toBeGreaterThan(2 * frames)
      expect(n % frames).not.toBe(0)
      expect(n).toBeLessThan(messages.length)
      // the timed calls are the last n of each direction (warm-up 0), taking the frames in order from the first
      const timed = called[phase].slice(-n)
      expect(timed).toEqual(Array.from({ length: n }, (_, j) => 100 + (j % frames)))
      expect(measured.meanTimedBytes[phase]).toBeCloseTo(timed.reduce((sum, b) => sum + b, 0) / n, 9)
    }
  })
})
