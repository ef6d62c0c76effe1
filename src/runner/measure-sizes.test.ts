import { describe, expect, it } from 'vitest'
import { AuraError, toBytes } from '../core/index.ts'
import { measureSizes } from './measure-sizes.ts'
import { createDeflateOrIdentity, createPlannedCompressor, messagesOf, type PlannedFrame } from './test-support.ts'
import type { RunnerMessage } from './size-accumulator.ts'

/** Four messages whose sizes are chosen so every metric can be computed by hand. */
function handExample(): { texts: string[]; categories: (string | undefined)[]; plan: Map<string, PlannedFrame> } {
  const texts = ['a'.repeat(100), 'b'.repeat(200), 'c'.repeat(10), 'd'.repeat(40)]
  const plan = new Map<string, PlannedFrame>([
    [texts[0] as string, { frameBytes: 25, method: 'binary_semantic' }], // 4x
    [texts[1] as string, { frameBytes: 100, method: 'brotli' }], // 2x
    [texts[2] as string, { frameBytes: 11, method: 'uncompressed' }], // 10/11x, grows by one byte
    [texts[3] as string, { frameBytes: 40, method: 'uncompressed' }], // 1x, neither grows nor shrinks
  ])
  return { texts, categories: ['status', 'api', 'status', undefined], plan }
}

describe('measureSizes metric definitions', () => {
  it('computes every metric of DESIGN.md on a hand-computed example', async () => {
    const { texts, categories, plan } = handExample()
    const pass = await measureSizes(createPlannedCompressor(plan), messagesOf(texts, categories))
    expect(pass.state).toBe('complete')
    const m = pass.metrics
    expect(m.messages).toBe(4)
    expect(m.originalBytes).toBe(350)
    expect(m.compressedBytes).toBe(176)
    expect(m.ratio).toBeCloseTo(350 / 176, 12)
    expect(m.meanRatio).toBeCloseTo((4 + 2 + 10 / 11 + 1) / 4, 12)
    // the two ratios are different quantities: bytes-weighted vs per-message average
    expect(m.ratio).not.toBeCloseTo(m.meanRatio, 4)
    expect(m.savings).toBeCloseTo(1 - 176 / 350, 12)
    expect(m.templateHitRate).toBe(0.25)
    expect(m.expansionRate).toBe(0.25)
    expect(m.shrinkRate).toBe(0.5)
    expect(m.methods).toEqual({ binary_semantic: 1, brotli: 1, uncompressed: 2 })
    expect(pass.roundTrip).toEqual({ checked: 4, mismatches: 0 })
  })

  it('breaks metrics down by category, with uncategorised for messages without one', async () => {
    const { texts, categories, plan } = handExample()
    const pass = await measureSizes(createPlannedCompressor(plan), messagesOf(texts, categories))
    expect(Object.keys(pass.categories)).toEqual(['api', 'status', 'uncategorised'])
    const status = pass.categories.status
    expect(status?.messages).toBe(2)
    expect(status?.originalBytes).toBe(110)
    expect(status?.compressedBytes).toBe(36)
    expect(status?.meanRatio).toBeCloseTo((4 + 10 / 11) / 2, 12)
    expect(status?.expansionRate).toBe(0.5)
    expect(pass.categories.uncategorised?.shrinkRate).toBe(0)
    expect(pass.categories.api?.methods).toEqual({ brotli: 1 })
  })

  it("reproduces the seed's 1.69x <-> 40.8% relation: ratio = 1 / (1 - savings)", async () => {
    // DESIGN.md's example run: 1234 bytes sent as 730.
    const texts = ['x'.repeat(1000), 'y'.repeat(234)]
    const plan = new Map<string, PlannedFrame>([
      [texts[0] as string, { frameBytes: 600, method: 'brotli' }],
      [texts[1] as string, { frameBytes: 130, method: 'binary_semantic' }],
    ])
    const { metrics } = await measureSizes(createPlannedCompressor(plan), messagesOf(texts))
    expect(metrics.ratio).toBeCloseTo(1.69, 2)
    expect(metrics.savings).toBeCloseTo(0.408, 3)
    expect(metrics.ratio).toBeCloseTo(1 / (1 - metrics.savings), 12)
  })

  it('counts an empty message sent as an empty frame as ratio 1, neither grown nor shrunk', async () => {
    const plan = new Map<string, PlannedFrame>([['', { frameBytes: 0, method: 'uncompressed' }]])
    const { metrics } = await measureSizes(createPlannedCompressor(plan), messagesOf(['']))
    expect(metrics).toMatchObject({ ratio: 1, meanRatio: 1, savings: 0, expansionRate: 0, shrinkRate: 0 })
  })

  it('reads async iterables and reports progress', async () => {
    async function* corpus() {
      for (const message of messagesOf(['hello hello hello hello', 'hi', 'status: ok status: ok status: ok']))
        yield message
    }
    const progress: number[] = []
    const pass = await measureSizes(createDeflateOrIdentity(), corpus(), {
      onProgress: (n) => progress.push(n),
      progressEveryMessages: 2,
    })
    expect(pass.metrics.messages).toBe(3)
    expect(pass.metrics.methods.uncompressed).toBe(1)
    expect(progress).toEqual([2, 3])
  })
})

describe('measureSizes sources', () => {
  const texts = ['hello hello hello hello', 'hi', 'status: ok status: ok status: ok', 'x']

  it('gives the same pass from a generator, an async generator and an array', async () => {
    function* syncCorpus() {
      yield* messagesOf(texts)
    }
    async function* asyncCorpus() {
      yield* messagesOf(texts)
    }
    const fromArray = await measureSizes(createDeflateOrIdentity(), messagesOf(texts))
    expect(await measureSizes(createDeflateOrIdentity(), syncCorpus())).toEqual(fromArray)
    expect(await measureSizes(createDeflateOrIdentity(), asyncCorpus())).toEqual(fromArray)
  })

  it('closes a sync or async source when the pass stops early, and reports the error that stopped it', async () => {
    const closed: string[] = []
    function* syncCorpus() {
      try {
        yield* messagesOf(texts)
      } finally {
        closed.push('sync')
      }
    }
    async function* asyncCorpus() {
      try {
        yield* messagesOf(texts)
      } finally {
        closed.push('async')
      }
    }
    const stop = (n: number): void => {
      if (n === 2) throw new Error('stopped by the caller')
    }
    for (const corpus of [syncCorpus(), asyncCorpus()]) {
      await expect(
        measureSizes(createDeflateOrIdentity(), corpus, { onProgress: stop, progressEveryMessages: 1 }),
      ).rejects.toThrow('stopped by the caller')
    }
    expect(closed).toEqual(['sync', 'async'])
  })

  it('reads a source with both iterators through its async one, and does not close a source whose own next() failed, as for await does', async () => {
    const both = {
      [Symbol.iterator]: () => messagesOf(['from the sync iterator'])[Symbol.iterator](),
      [Symbol.asyncIterator]: async function* () {
        yield* messagesOf(texts)
      },
    }
    expect((await measureSizes(createDeflateOrIdentity(), both)).metrics.messages).toBe(texts.length)
    const returned: string[] = []
    const failing: AsyncIterable<RunnerMessage> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error('the source broke')),
        return: () => {
          returned.push('return')
          return Promise.resolve({ done: true as const, value: undefined })
        },
      }),
    }
    await expect(measureSizes(createDeflateOrIdentity(), failing)).rejects.toThrow('the source broke')
    expect(returned).toEqual([])
  })
})

describe('measureSizes round trip', () => {
  it('names the message and the first differing byte of a wrong round trip', async () => {
    const corrupt = (decoded: Uint8Array): Uint8Array => {
      if (new TextDecoder().decode(decoded) !== 'order 42 shipped') return decoded
      const copy = decoded.slice()
      copy[6] = 0x58
      return copy
    }
    const compressor = createDeflateOrIdentity({ corruptDecoded: corrupt })
    const pass = await measureSizes(
      compressor,
      messagesOf(['order 41 shipped', 'order 42 shipped', 'order 43 shipped']),
    )
    expect(pass.state).toBe('complete')
    expect(pass.roundTrip).toEqual({ checked: 3, mismatches: 1 })
    expect(pass.mismatches).toEqual([
      { index: 1, preview: 'order 42 shipped', firstDifferingByte: 6, decodedBytes: 16 },
    ])
  })

  it('records a decoder that throws with its code and message', async () => {
    const compressor = createDeflateOrIdentity()
    const broken = {
      ...compressor,
      decompress: async () => {
        throw new AuraError('E_FRAME_CORRUPT', 'bad frame')
      },
    }
    const pass = await measureSizes(broken, messagesOf(['one', 'two']))
    expect(pass.roundTrip.mismatches).toBe(2)
    expect(pass.mismatches[0]).toEqual({
      index: 0,
      preview: 'one',
      firstDifferingByte: -1,
      error: 'bad frame',
      code: 'E_FRAME_CORRUPT',
    })
  })

  it('caps the mismatch list but counts every mismatch', async () => {
    const compressor = createDeflateOrIdentity({ corruptDecoded: (d) => d.subarray(1) })
    const pass = await measureSizes(compressor, messagesOf(['aa', 'bb', 'cc', 'dd']), { maxMismatches: 2 })
    expect(pass.roundTrip.mismatches).toBe(4)
    expect(pass.mismatches.map((m) => m.index)).toEqual([0, 1])
  })
})

describe('measureSizes failures and expansion', () => {
  it('records a compress that throws as a failed pass and keeps counting', async () => {
    const compressor = createDeflateOrIdentity({ failCompress: (m) => m.length === 3 })
    const pass = await measureSizes(compressor, messagesOf(['okay', 'bad', 'fine!', 'no!']))
    expect(pass.state).toBe('failed')
    if (pass.state !== 'failed') return
    expect(pass.error).toEqual({ index: 1, code: 'E_CODEC_FAILED', message: 'fake codec gave up' })
    expect(pass.failedMessages).toBe(2)
    // failed messages are not in the size metrics
    expect(pass.metrics.messages).toBe(2)
    expect(pass.metrics.originalBytes).toBe(9)
  })

  it("keeps a thrown error's own code", async () => {
    const compressor = createDeflateOrIdentity()
    const failing = {
      ...compressor,
      compress: async () => {
        throw Object.assign(new Error('out of memory'), { code: 'ERR_FAKE_OOM' })
      },
    }
    const pass = await measureSizes(failing, messagesOf(['x']))
    expect(pass.state === 'failed' && pass.error.code).toBe('ERR_FAKE_OOM')
  })

  it('lists expanding messages with previews, capped, and counts all of them', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `line ${i}\n`)
    const pass = await measureSizes(createDeflateOrIdentity(), messagesOf(texts), { maxExpanding: 3 })
    expect(pass.metrics.expansionRate).toBe(1)
    expect(pass.expandingCount).toBe(10)
    expect(pass.expanding).toEqual([
      { index: 0, preview: 'line 0\\n', originalBytes: 7, compressedBytes: 8, method: 'uncompressed' },
      { index: 1, preview: 'line 1\\n', originalBytes: 7, compressedBytes: 8, method: 'uncompressed' },
      { index: 2, preview: 'line 2\\n', originalBytes: 7, compressedBytes: 8, method: 'uncompressed' },
    ])
  })

  it('keeps a bounded, shuffled latency sample of compressed messages', async () => {
    const texts = Array.from({ length: 100 }, (_, i) => `message ${i}`)
    const pass = await measureSizes(
      createDeflateOrIdentity({ failCompress: (m) => m[m.length - 1] === 0x37 }),
      messagesOf(texts),
      { reservoirSize: 16 },
    )
    expect(pass.latencySample).toHaveLength(16)
    expect(new Set(pass.latencySample.map((m) => m.index)).size).toBe(16)
    // messages whose compress threw (those ending in 7) are never timed
    expect(pass.latencySample.every((m) => !texts[m.index]?.endsWith('7'))).toBe(true)
    const again = await measureSizes(createDeflateOrIdentity(), messagesOf(texts), { reservoirSize: 16 })
    expect(again.latencySample.map((m) => m.index)).not.toEqual(
      [...again.latencySample.map((m) => m.index)].sort((a, b) => a - b),
    )
  })

  it('treats a result without frame bytes as a codec failure', async () => {
    const compressor = createDeflateOrIdentity()
    const bad = { ...compressor, compress: async () => ({ method: 'brotli' }) as never }
    const pass = await measureSizes(bad, [{ index: 0, bytes: toBytes('x') }])
    expect(pass.state === 'failed' && pass.error.code).toBe('E_CODEC_FAILED')
  })
})
