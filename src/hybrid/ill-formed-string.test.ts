import { describe, expect, it } from 'vitest'
import { AuraError, toBytes } from '../core/index.ts'
import { createMatcher, parseTemplateStore } from '../templates/index.ts'
import { createHybridCompressor } from './index.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

// s36-trial D5: a string with a lone UTF-16 surrogate was sent as U+FFFD, so the round trip gave other text
const STORE = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'sse',
    templates: [{ id: 1, pattern: 'data: {"t":"{0}"}', slots: [{ type: 'string' }] }],
  },
  'sse.json',
)
const HALF_ROCKET = '🚀'.slice(0, 1)
const ILL_FORMED = `data: {"t":"${HALF_ROCKET}"}`

const compressorOf = (fallback: 'brotli' | 'zstd') =>
  createHybridCompressor(
    { ...DEFAULT_TEST_CONFIG, fallback, minCompressionSizeBytes: 4 },
    { store: STORE, matcher: createMatcher(STORE), dictionary: null },
  )

describe('a message string that is not well-formed UTF-16', () => {
  it('compressSync throws E_USAGE naming the index of the lone surrogate', async () => {
    const compressor = await compressorOf('brotli')
    let thrown: unknown
    try {
      compressor.compressSync(ILL_FORMED)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AuraError)
    expect((thrown as AuraError).code).toBe('E_USAGE')
    expect((thrown as AuraError).message).toContain('lone UTF-16 surrogate at index 12 (\\ud83d)')
    // a lone low surrogate at the end, and one in a long two-byte string, are named too
    expect(() => compressor.compressSync(`é${'x'.repeat(500)}\udc00`)).toThrow(/at index 501 \(\\udc00\)/)
  })

  it('compress rejects with E_USAGE, with a sync and with an async-only fallback', async () => {
    for (const fallback of ['brotli', 'zstd'] as const) {
      const compressor = await compressorOf(fallback)
      await expect(compressor.compress(ILL_FORMED)).rejects.toMatchObject({ code: 'E_USAGE' })
      await expect(compressor.compress(`x${HALF_ROCKET}`)).rejects.toThrow(/at index 1 /)
    }
  })

  it('well-formed strings (surrogate pairs included) and bytes still round-trip', async () => {
    for (const fallback of ['brotli', 'zstd'] as const) {
      const compressor = await compressorOf(fallback)
      for (const text of ['data: {"t":"🚀"}', `data: {"t":"${'🚀 Grüße 你好 '.repeat(20)}"}`, 'plain']) {
        const frame = await compressor.compress(text)
        expect(new TextDecoder().decode(await compressor.decompress(frame.bytes))).toBe(text)
      }
      // the same code units as bytes are the caller's choice: U+FFFD's bytes, sent as they are
      const bytes = toBytes(ILL_FORMED)
      const frame = await compressor.compress(bytes)
      expect(await compressor.decompress(frame.bytes)).toEqual(bytes)
    }
  })
})
