// compressSync/decompressSync against compress/decompress on every shipped config whose fallback is
// synchronous: identical frames, methods, metadata and bytes, on week1 and on random messages.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadCompressor, type HybridCompressResult } from '../src/index.ts'
import { expectSyncMatchesAsync } from '../src/hybrid/test-support.ts'
import { REPO_ROOT, SHIPPED_CONFIG_FILES, loadShipped, loadWeek1Store, templateMessage } from './support.ts'

const WEEK1 = readFileSync(path.join(REPO_ROOT, 'corpora', 'week1', 'messages.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text)

const shipped = await Promise.all(SHIPPED_CONFIG_FILES.map((file) => loadShipped(file)))
const syncShipped = shipped.filter((s) => !s.compressor.isAsync)
const store = await loadWeek1Store()

const MESSAGE = fc.oneof(
  fc.constantFrom(...WEEK1),
  templateMessage(store),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.uint8Array({ maxLength: 100 }),
)

describe('sync and async library calls on the shipped configs', () => {
  it('every shipped config but the zstd (async-only) one has sync codecs', () => {
    expect(WEEK1.length).toBe(25)
    expect(shipped.filter((s) => s.compressor.isAsync).map((s) => s.file)).toEqual(
      shipped.filter((s) => s.config.fallback === 'zstd').map((s) => s.file),
    )
    expect(syncShipped.length).toBeGreaterThanOrEqual(5)
  })

  for (const { file, compressor } of syncShipped) {
    it(`${file}: compressSync = compress and decompressSync = decompress`, async () => {
      await fc.assert(
        fc.asyncProperty(MESSAGE, (message) => expectSyncMatchesAsync(compressor, message)),
        { seed: 42, numRuns: 40 },
      )
    })
  }
})

describe('the sync calls from the package entry (src/index.ts)', () => {
  it("pass the seed's health check without a promise", async () => {
    const compressor = await loadCompressor('configs/emergency.yaml')
    const result: HybridCompressResult = compressor.compressSync('Processing request...')
    expect(result.method).toBe('binary_semantic')
    expect(result.bytes.length).toBe(2)
    expect(compressor.decompressSync(result.bytes)).toEqual(new TextEncoder().encode('Processing request...'))
  })

  it('week3-zstd (async-only zstd): compressSync throws E_USAGE pointing at its fallback key; compress works', async () => {
    const compressor = await loadCompressor('configs/week3-zstd.yaml')
    expect(compressor.isAsync).toBe(true)
    expect(() => compressor.compressSync('Processing request...')).toThrow(
      expect.objectContaining({ code: 'E_USAGE', location: expect.objectContaining({ field: 'fallback' }) }),
    )
    const result = await compressor.compress('Processing request...')
    // a template frame needs no zstd: decompressSync reads it
    expect(compressor.decompressSync(result.bytes)).toEqual(new TextEncoder().encode('Processing request...'))
  })
})
