import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { AuraError } from '../core/index.ts'
import { loadCompressor } from './load-compressor.ts'
import { measureSizes } from './measure-sizes.ts'
import { packBatch, unpackBatch } from './message-batch.ts'
import { measureSizesParallel } from './parallel-sizes.ts'
import type { RunnerMessage } from './size-accumulator.ts'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const folder = mkdtempSync(path.join(tmpdir(), 'aura-parallel-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** A fast config (deflate fallback) with the expanded store, written where the workers can load it. */
function writeConfig(name: string, storePath: string): string {
  const file = path.join(folder, `${name}.yaml`)
  writeFileSync(
    file,
    [
      `name: ${name}`,
      'fallback: deflate',
      'min_compression_size: 16',
      `template_store_path: ${JSON.stringify(storePath)}`,
    ].join('\n'),
  )
  return file
}

const WEEK1 = readFileSync(path.join(ROOT, 'corpora', 'week1', 'messages.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { text: string; category: string })

/** week1 repeated with variations: 1,200 messages with categories, indices in order. */
function corpus(): RunnerMessage[] {
  return Array.from({ length: 1200 }, (_, index) => {
    const { text, category } = WEEK1[index % WEEK1.length] as { text: string; category: string }
    return { index, bytes: new TextEncoder().encode(index % 7 === 0 ? `${text} #${index}` : text), category }
  })
}

describe('message batches', () => {
  it('unpack gives back every message: bytes, index, category and connection', () => {
    const message = fc.record(
      { index: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }), category: fc.string(), connection: fc.string() },
      { requiredKeys: ['index', 'bytes'] },
    )
    fc.assert(
      fc.property(fc.array(message, { maxLength: 20 }), (messages) => {
        const back = unpackBatch(packBatch(messages))
        expect(back).toEqual(messages.map((m) => ({ ...m, bytes: Uint8Array.from(m.bytes) })))
      }),
      { seed: 42, numRuns: 200 },
    )
  })
})

describe('measureSizesParallel', () => {
  const configPath = writeConfig('parallel', path.join(ROOT, 'configs', 'templates', 'expanded.json'))

  it('two workers count what one thread counts, with a sample from the same messages, the same on every run', async () => {
    const messages = corpus()
    const single = await measureSizes(await loadCompressor(configPath), messages, { reservoirSize: 300 })
    const progress: number[] = []
    const options = { workers: 2, batchMessages: 50, reservoirSize: 300, seed: 5 }
    const parallel = await measureSizesParallel({ configPath, configName: 'parallel' }, messages, {
      ...options,
      onProgress: (done) => progress.push(done),
    })
    expect(parallel.state).toBe('complete')
    // sums of per-message ratios are added in another order: equal up to rounding
    const { meanRatio, ...counts } = parallel.metrics
    const { meanRatio: singleMeanRatio, ...singleCounts } = single.metrics
    expect(counts).toEqual(singleCounts)
    expect(meanRatio).toBe(singleMeanRatio)
    expect(Object.keys(parallel.categories)).toEqual(Object.keys(single.categories))
    for (const [name, metrics] of Object.entries(parallel.categories))
      expect(metrics.compressedBytes).toBe(single.categories[name]?.compressedBytes)
    expect(parallel.roundTrip).toEqual({ checked: 1200, mismatches: 0 })
    expect(parallel.expanding).toEqual(single.expanding)
    expect(parallel.expandingCount).toBe(single.expandingCount)
    expect(parallel.latencySample).toHaveLength(300)
    const indices = new Set(parallel.latencySample.map((m) => m.index))
    expect(indices.size).toBe(300)
    for (const m of parallel.latencySample) expect(m.bytes).toEqual(messages[m.index]?.bytes)
    expect(progress.at(-1)).toBe(1200)
    // round-robin shards and seeded reservoirs: a second run samples the same messages
    const again = await measureSizesParallel({ configPath, configName: 'parallel' }, corpus(), options)
    expect(again.latencySample.map((m) => m.index)).toEqual(parallel.latencySample.map((m) => m.index))
    expect(again.confidence).toEqual(parallel.confidence)
  })

  it('a config a worker cannot load is the AuraError the single-thread load gives', async () => {
    const broken = writeConfig('broken', path.join(folder, 'no-such-store.json'))
    const error = await measureSizesParallel({ configPath: broken, configName: 'broken' }, corpus(), {
      workers: 2,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuraError)
    expect((error as AuraError).code).toBe('E_FILE_MISSING')
  })

  // Node 20 aborts the whole process (SIGABRT, node_zlib.cc "close before init") when worker.terminate()
  // lands between a zlib handle's construction and its init: a Ctrl-C during a parallel size pass ended
  // `run` by a signal instead of exit 130 (cli-signals.test.ts). The workers now end by themselves.
  it('however the pass ends (counted, or its messages failing part-way), every worker ends by itself: none is terminated', async () => {
    const terminate = vi.spyOn(Worker.prototype, 'terminate')
    try {
      const counted = await measureSizesParallel({ configPath, configName: 'parallel' }, corpus(), {
        workers: 2,
        batchMessages: 50,
      })
      expect(counted.roundTrip.checked).toBe(1200)
      // what a signal's abort or a malformed line does to the pass: its message source throws mid-corpus
      async function* failing(): AsyncGenerator<RunnerMessage> {
        for (const message of corpus()) {
          if (message.index === 700) throw new AuraError('E_JSON_SYNTAX', 'line 701 is not JSON')
          yield message
        }
      }
      const failed = measureSizesParallel({ configPath, configName: 'parallel' }, failing(), {
        workers: 2,
        batchMessages: 50,
      })
      await expect(failed).rejects.toMatchObject({ code: 'E_JSON_SYNTAX' })
      expect(terminate).not.toHaveBeenCalled()
    } finally {
      terminate.mockRestore()
    }
  })

  it('refuses a worker count below 1', async () => {
    await expect(
      measureSizesParallel({ configPath, configName: 'parallel' }, [], { workers: 0 }),
    ).rejects.toMatchObject({ code: 'E_SCHEMA' })
  })
})
