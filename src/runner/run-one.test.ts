import { describe, expect, expectTypeOf, it } from 'vitest'
import type { CorpusMessage, CorpusStream } from '../corpus/index.ts'
import type { RunnerMessage } from './size-accumulator.ts'
import { collectEnvironment } from './environment.ts'
import { runOne, type RunProgress } from './partial.ts'
import { TINYBENCH_VERSION } from './latency.ts'
import { accumulateSizes } from './measure-sizes.ts'
import { createDeflateOrIdentity, createPlannedCompressor, messagesOf } from './test-support.ts'

const texts = [
  '{"status":"ok","request":"abc"} {"status":"ok","request":"abc"}',
  'ok',
  'WARN disk 91% full on /var WARN disk 91% full on /var',
]
const noLatency = { enabled: false, samples: 10, warmup: 0, timeMs: 1000 }

describe('runOne', () => {
  it("takes the corpus layer's messages and streams as they are", () => {
    expectTypeOf<CorpusMessage>().toExtend<RunnerMessage>()
    expectTypeOf<CorpusStream>().toExtend<AsyncIterable<RunnerMessage>>()
  })

  it('lets an error reading the messages propagate (bad input, not a codec failure)', async () => {
    async function* broken(): AsyncGenerator<RunnerMessage> {
      yield { index: 0, bytes: new Uint8Array(1) }
      throw Object.assign(new Error('line 2 is not JSON'), { code: 'E_CORPUS_FORMAT' })
    }
    await expect(
      runOne({
        corpusName: 'c',
        configName: 'x',
        compressor: createDeflateOrIdentity(),
        messages: broken(),
        latency: noLatency,
      }),
    ).rejects.toMatchObject({ code: 'E_CORPUS_FORMAT' })
  })

  it('returns a complete run with size metrics, round trip, shared state and empty targets', async () => {
    const run = await runOne({
      corpusName: 'week1',
      configName: 'fake',
      compressor: createPlannedCompressor(new Map([['ok', { frameBytes: 1, method: 'binary_semantic' as const }]])),
      messages: messagesOf(['ok']),
      latency: noLatency,
    })
    expect(run).toMatchObject({
      corpus: 'week1',
      config: 'fake',
      state: 'complete',
      targets: [],
      expanding: [],
      mismatches: [],
      expandingCount: 0,
    })
    expect(run.metrics).toMatchObject({
      messages: 1,
      ratio: 2,
      templateHitRate: 1,
      roundTrip: { checked: 1, mismatches: 0 },
      sharedStateBytes: 123,
    })
    expect(run.metrics.latencyUs).toBeUndefined()
    expect(run.error).toBeUndefined()
  })

  it('measures latency when enabled and reports progress by phase', async () => {
    const progress: RunProgress[] = []
    const run = await runOne({
      corpusName: 'c',
      configName: 'deflate',
      compressor: createDeflateOrIdentity(),
      messages: messagesOf(texts),
      latency: { enabled: true, samples: 30, warmup: 5, timeMs: 60_000 },
      onProgress: (p) => progress.push(p),
    })
    expect(run.state).toBe('complete')
    expect(run.metrics.latencyUs?.mode).toBe('in-process')
    expect(run.metrics.latencyUs?.encode.samples).toBe(30)
    expect(progress).toEqual([
      { phase: 'sizes', messagesDone: 3 },
      { phase: 'latency', sampleMessages: 3 },
    ])
  })

  it('records a throwing codec against the run and skips latency', async () => {
    const compressor = createDeflateOrIdentity({ failCompress: (m) => m.length === 2 })
    const run = await runOne({
      corpusName: 'c',
      configName: 'broken',
      compressor,
      messages: messagesOf(texts),
      latency: { ...noLatency, enabled: true },
    })
    expect(run.state).toBe('failed')
    expect(run.error).toEqual({ index: 1, code: 'E_CODEC_FAILED', message: 'fake codec gave up' })
    expect(run.failedMessages).toBe(1)
    expect(run.metrics.messages).toBe(2)
    expect(run.metrics.latencyUs).toBeUndefined()
  })

  it('records a codec that fails only while timing', async () => {
    let calls = 0
    // 3 calls in the size pass, 3 to make frames, then it breaks
    const compressor = createDeflateOrIdentity({ failCompress: () => ++calls > 6 })
    const run = await runOne({
      corpusName: 'c',
      configName: 'flaky',
      compressor,
      messages: messagesOf(texts),
      latency: { enabled: true, samples: 10, warmup: 0, timeMs: 60_000 },
    })
    expect(run.state).toBe('failed')
    expect(run.error).toEqual({ code: 'E_CODEC_FAILED', message: 'fake codec gave up' })
    expect(run.metrics.roundTrip.checked).toBe(3)
  })

  it('keeps a run with round-trip mismatches complete (the gate judges them)', async () => {
    const compressor = createDeflateOrIdentity({ corruptDecoded: (d) => d.subarray(0, d.length - 1) })
    const run = await runOne({
      corpusName: 'c',
      configName: 'lossy',
      compressor,
      messages: messagesOf(texts),
      latency: noLatency,
    })
    expect(run.state).toBe('complete')
    expect(run.metrics.roundTrip).toEqual({ checked: 3, mismatches: 3 })
    expect(run.mismatches[1]).toMatchObject({ index: 1, preview: 'ok', firstDifferingByte: 1, decodedBytes: 1 })
  })
})

describe('collectEnvironment', () => {
  it('describes node, machine and libraries, tinybench included', () => {
    const env = collectEnvironment({ 'brotli-wasm': '3.0.1' })
    expect(env.node).toMatch(/^v\d+\.\d+\.\d+/)
    expect(env.platform).not.toBe('')
    expect(env.arch).not.toBe('')
    expect(env.cpu).not.toBe('')
    expect(env.cpus).toBeGreaterThan(0)
    expect(env.libraries).toEqual({ 'brotli-wasm': '3.0.1', tinybench: TINYBENCH_VERSION })
    expect(TINYBENCH_VERSION).toMatch(/^6\.\d+\.\d+$/)
  })

  it("records the load around the latency pass and the run's own threads in it (s37-fixs M3)", async () => {
    const input = {
      corpusName: 'c',
      configName: 'x',
      compressor: createDeflateOrIdentity(),
      latency: { enabled: true, samples: 10, warmup: 0, timeMs: 60_000 },
    }
    const alone = await runOne({ ...input, messages: messagesOf(texts) })
    expect(alone.latencyLoad?.ownThreads).toBe(1)
    expect(alone.latencyLoad?.loadAverage).toBeGreaterThanOrEqual(0)
    // round 38: the share of the average aura-bench's own threads explain, from when they ran (own-load.ts)
    expect(alone.latencyLoad?.ownLoad).toBeGreaterThan(0)
    // a size pass on 3 worker threads (here its stand-in): they count in the 1-minute average too
    const workers = await runOne({
      ...input,
      messages: messagesOf(texts),
      sizeWorkers: 3,
      accumulateSizes: (messages, options) => accumulateSizes(input.compressor, messages, options),
    })
    expect(workers.latencyLoad?.ownThreads).toBe(4)
    // no latency timed: no reading
    expect((await runOne({ ...input, messages: messagesOf(texts), latency: noLatency })).latencyLoad).toBeUndefined()
  })
})
