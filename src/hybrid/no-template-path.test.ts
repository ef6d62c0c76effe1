import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes, type CompressorConfig } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { createMatcher, parseTemplateStore, type TemplateStore } from '../templates/index.ts'
import { createHybridCompressor, type HybridCompressor } from './index.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'no-template',
    templates: [
      { id: 1, pattern: 'Request {0} completed in {1}ms', slots: [{ type: 'string' }, { type: 'integer' }] },
      { id: 2, pattern: '[{0}] user {1} logged in', slots: [{ type: 'string' }, { type: 'string' }] },
    ],
  },
  'no-template.json',
)

const DICTIONARY = createRawContentDictionary(
  ['Request abc completed in 12ms', '[web] user ann logged in', 'GET /index.html 200 1043'].map(toBytes),
  4096,
)

/** Lines the store does not know (some share its first or last byte, or its words), a few it does, and bytes that are not UTF-8. */
const MESSAGE = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 160 }),
  fc.string({ maxLength: 40 }).map((s) => `Request ${s} completed later`),
  fc.string({ maxLength: 40 }).map((s) => `[${s}] user logged out`),
  fc.tuple(fc.string({ maxLength: 12 }), fc.nat()).map(([id, ms]) => `Request ${id} completed in ${ms}ms`),
  fc.constantFrom('', 'GET /index.html 200 1043 GET /index.html 200 1043', 'x'.repeat(300)),
  fc.uint8Array({ maxLength: 160 }),
)

const CONFIGS: Record<string, [Partial<CompressorConfig>, Uint8Array | null]> = {
  'zstd_dict, tagged': [{ fallback: 'zstd_dict', zstdDictLevel: 3 }, DICTIONARY],
  'zstd_dict, text-passthrough': [{ fallback: 'zstd_dict', framing: 'text-passthrough' }, DICTIONARY],
  'brotli, tagged': [{ brotliQuality: 5 }, null],
  'brotli (node:zlib), text-passthrough': [{ brotliLibrary: 'node:zlib', framing: 'text-passthrough' }, null],
  deflate: [{ fallback: 'deflate' }, null],
  'zstd through zstd-napi': [{ fallback: 'zstd', zstdLibrary: 'zstd-napi' }, null],
  'min_compression_size above every message': [{ fallback: 'zstd_dict', minCompressionSizeBytes: 10_000 }, DICTIONARY],
  'min_compression_size 0': [{ fallback: 'deflate', minCompressionSizeBytes: 0 }, null],
}

function compressorOf(
  overrides: Partial<CompressorConfig>,
  dictionary: Uint8Array | null,
  exhaustive: boolean,
): Promise<HybridCompressor> {
  return createHybridCompressor(
    { ...DEFAULT_TEST_CONFIG, minCompressionSizeBytes: 16, ...overrides },
    { store: STORE, matcher: createMatcher(STORE), dictionary },
    { exhaustive },
  )
}

/** The result as compared: frame bytes, method, and metadata with its keys in order. */
const shapeOf = (result: ReturnType<HybridCompressor['compressSync']>): string =>
  JSON.stringify({ bytes: [...result.bytes], method: result.method, metadata: result.metadata })

describe('compressSync on a message no template matches gives what the exhaustive compressor gives', () => {
  for (const [name, [overrides, dictionary]] of Object.entries(CONFIGS)) {
    it(`${name}: the same frame, method and metadata (keys in the same order) as the exhaustive compressor`, async () => {
      const fast = await compressorOf(overrides, dictionary, false)
      const general = await compressorOf(overrides, dictionary, true)
      let unmatched = 0
      await fc.assert(
        fc.asyncProperty(MESSAGE, fc.boolean(), async (message, asBytes) => {
          const input = asBytes && typeof message === 'string' ? toBytes(message) : message
          const result = fast.compressSync(input)
          // exhaustive adds the fallback's size where a template matched: only unmatched messages compare
          if (result.metadata.candidateBytes.binary_semantic !== undefined) return
          unmatched++
          expect(shapeOf(result)).toBe(shapeOf(general.compressSync(input)))
          expect(shapeOf(await fast.compress(input))).toBe(shapeOf(result))
          const bytes = typeof input === 'string' ? toBytes(input) : input
          expect(Buffer.from(fast.decompressSync(result.bytes)).equals(Buffer.from(bytes))).toBe(true)
        }),
        { seed: 7, numRuns: 150 },
      )
      expect(unmatched).toBeGreaterThan(100)
    })
  }

  it('asks the matcher once per message, on lines it refuses and on lines it lets through alike', async () => {
    const matcher = createMatcher(STORE)
    let asked = 0
    const counting = Object.assign(Object.create(matcher) as typeof matcher, {
      mayMatchBytes: (bytes: Uint8Array) => {
        asked++
        return matcher.mayMatchBytes(bytes)
      },
    })
    const compressor = await createHybridCompressor(
      { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict', zstdDictLevel: 3, minCompressionSizeBytes: 16 },
      { store: STORE, matcher: counting, dictionary: DICTIONARY },
    )
    const lines = [
      'Request abc completed in 12ms',
      'GET /index.html 200 1043',
      '[web] user ann logged in',
      '[web] user left',
    ]
    for (const line of lines) compressor.compressSync(toBytes(line))
    expect(compressor.compressSync(toBytes(lines[0] as string)).method).toBe('binary_semantic')
    expect(asked).toBe(lines.length + 1)
  })

  it('gives a peer whose store differs (no template frames) what the exhaustive compressor gives it', async () => {
    const own = await compressorOf({ fallback: 'zstd_dict', zstdDictLevel: 3 }, DICTIONARY, false)
    const reference = await compressorOf({ fallback: 'zstd_dict', zstdDictLevel: 3 }, DICTIONARY, true)
    const otherStore = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 'other',
        templates: [{ id: 1, pattern: 'other {0}', slots: [{ type: 'string' }] }],
      },
      'other.json',
    )
    const other = await createHybridCompressor(
      { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict' },
      { store: otherStore, matcher: createMatcher(otherStore), dictionary: DICTIONARY },
    )
    const [fast, general] = [own.acceptHandshake(other.handshake()), reference.acceptHandshake(other.handshake())]
    for (const line of ['Request abc completed in 12ms', 'GET /index.html 200 1043 GET /index.html 200 1043', 'x']) {
      const result = fast.compressSync(toBytes(line))
      expect(result.method).not.toBe('binary_semantic')
      expect(shapeOf(result)).toBe(shapeOf(general.compressSync(toBytes(line))))
    }
  })

  it('sends a peer whose dictionary differs no zstd_dict frame on that path either', async () => {
    const own = await compressorOf({ fallback: 'zstd_dict' }, DICTIONARY, false)
    const other = await compressorOf(
      { fallback: 'zstd_dict' },
      createRawContentDictionary([toBytes('another dictionary altogether')], 4096),
      false,
    )
    const line = toBytes('GET /index.html 200 1043 GET /index.html 200 1043 GET /index.html 200 1043')
    expect(own.compressSync(line).method).toBe('zstd_dict')
    const forPeer = own.acceptHandshake(other.handshake())
    const result = forPeer.compressSync(line)
    expect(result.method).toBe('uncompressed')
    expect(result.metadata.candidateBytes).toEqual({ uncompressed: line.length + 1 })
  })
})
