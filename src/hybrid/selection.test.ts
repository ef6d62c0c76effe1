import { describe, expect, it } from 'vitest'
import { toBytes, type CompressorConfig, type Method } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { createMatcher, parseTemplateStore, type TemplateStore } from '../templates/index.ts'
import { createHybridCompressor, type HybridCompressResult } from './index.ts'
import { finishSelection, type Selection } from './selection.ts'
import { RECHECK_EVERY, REWEIGH_SAME, SelectionLearner } from './selection-learning.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'shapes',
    templates: [
      { id: 1, pattern: 'Request {0} completed in {1}ms', slots: [{ type: 'string' }, { type: 'integer' }] },
      { id: 2, pattern: 'job {0} done', slots: [{ type: 'string' }] },
    ],
  },
  'shapes.json',
)

const DICTIONARY = createRawContentDictionary(
  ['Request abc completed in 12ms', 'GET /index.html 200'].map(toBytes),
  4096,
)

/** The keys of candidateBytes and of the metadata in the order the selection weighs them (results.json and the CLI print them in this order). */
const CANDIDATE_ORDER = ['uncompressed', 'aura'] as const
const METADATA_ORDER = [
  'ratio',
  'method',
  'templateId',
  'originalBytes',
  'compressedBytes',
  'auraHeaderBytes',
  'candidateBytes',
]

const MESSAGES = [
  'Request a-long-request-identifier completed in 12ms', // a template matches, the fallback may run
  'job 7 done', // a template matches, below min_compression_size
  'GET /index.html 200 GET /index.html 200 GET /index.html 200', // no template, the fallback runs
  'short', // no template, below min_compression_size
  'Request abc completed in 12ms Request abc completed in 12ms Request abc completed in 12ms', // no template, compresses well
  '',
]

const FALLBACKS: [Partial<CompressorConfig>, Uint8Array | null][] = [
  [{ fallback: 'zstd_dict', zstdDictLevel: 3 }, DICTIONARY],
  [{ fallback: 'brotli', brotliQuality: 5 }, null],
  [{ fallback: 'deflate' }, null],
  [{ fallback: 'zstd', zstdLibrary: 'zstd-napi' }, null],
]

function expectWeighedOrder(result: HybridCompressResult, fallback: CompressorConfig['fallback']): void {
  const order: string[] = [...CANDIDATE_ORDER, fallback, 'binary_semantic']
  const keys = Object.keys(result.metadata.candidateBytes)
  expect(keys).toEqual(order.filter((key) => keys.includes(key)))
  expect(keys[0]).toBe('uncompressed')
  const metadataKeys = Object.keys(result.metadata)
  expect(metadataKeys).toEqual(METADATA_ORDER.filter((key) => metadataKeys.includes(key)))
  // the chosen method's size is the frame's, and it was weighed
  expect(result.metadata.compressedBytes).toBe(result.bytes.length)
  expect(result.metadata.candidateBytes[result.method as Method]).toBe(result.bytes.length)
  expect(result.metadata.method).toBe(result.method)
}

describe('the metadata of every selection shape: keys in the order weighed, the chosen size among them', () => {
  for (const [fallbackConfig, dictionary] of FALLBACKS) {
    for (const enableAura of [false, true]) {
      for (const exhaustive of [false, true]) {
        it(`${fallbackConfig.fallback}, aura ${enableAura ? 'on' : 'off'}${exhaustive ? ', exhaustive' : ''}`, async () => {
          const config = { ...DEFAULT_TEST_CONFIG, ...fallbackConfig, enableAura, auraPreferenceMargin: 0 }
          const compressor = await createHybridCompressor(
            config,
            { store: STORE, matcher: createMatcher(STORE), dictionary },
            { exhaustive },
          )
          const seen = new Set<string>()
          for (const message of MESSAGES) {
            const result = compressor.compressSync(message)
            expectWeighedOrder(result, config.fallback)
            expect(await compressor.compress(message)).toEqual(result)
            seen.add(Object.keys(result.metadata.candidateBytes).join(','))
          }
          // both shapes with and without the fallback's size, and with and without a template's
          expect([...seen].some((keys) => keys.includes(config.fallback))).toBe(true)
          expect([...seen].some((keys) => !keys.includes(config.fallback))).toBe(true)
          expect([...seen].some((keys) => keys.includes('binary_semantic'))).toBe(true)
        })
      }
    }
  }
})

describe('a template frame the learned choice sent alone', () => {
  /** A template side whose smallest frame (its plain side's) is `smallest` bytes of template 3. */
  const sideWithSmallest = (smallest: number) => {
    const matcher = createMatcher(STORE)
    const frame = (size: number, templateId: number) => ({ templateId, frame: new Uint8Array(size) })
    const plain = {
      matcher,
      checkStore: null,
      learner: null,
      plain: null,
      encoder: { encode: () => frame(smallest, 3), encodeBytes: () => frame(smallest, 3) },
    }
    return { ...plain, plain }
  }
  const config: CompressorConfig = { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict' }
  const message = toBytes('x'.repeat(142))
  const selectionOf = (alone: boolean, side: ReturnType<typeof sideWithSmallest>): Selection => ({
    message,
    text: 'x'.repeat(142),
    templates: side,
    isText: true,
    binary: { method: 'binary_semantic', sizeBytes: 55, frame: new Uint8Array(55), templateId: 8, alone },
    uncompressedBytes: 143,
    aura: undefined,
    runsFallback: true,
  })
  const fallbackFrame = (size: number) => new Uint8Array(size)

  it('that loses to the fallback (55 B x 1.1 > 60 B) is weighed again with the smallest (52 B), as the seed rule does', () => {
    const side = sideWithSmallest(52)
    const result = finishSelection(config, selectionOf(true, side), 60, fallbackFrame, null)
    expect(result.method).toBe('binary_semantic')
    expect(result.bytes.length).toBe(52)
    expect(result.metadata).toMatchObject({ templateId: 3, candidateBytes: { zstd_dict: 60, binary_semantic: 52 } })
    // the fallback still wins where the smallest loses too
    expect(finishSelection(config, selectionOf(true, sideWithSmallest(55)), 60, fallbackFrame, null).method).toBe(
      'zstd_dict',
    )
  })

  it('is not weighed again when it was the full choice (not sent alone), nor when it wins', () => {
    const side = sideWithSmallest(52)
    expect(finishSelection(config, selectionOf(false, side), 60, fallbackFrame, null).method).toBe('zstd_dict')
    const won = finishSelection(config, selectionOf(true, side), 61, fallbackFrame, null)
    expect(won.metadata).toMatchObject({ method: 'binary_semantic', templateId: 8, compressedBytes: 55 })
  })

  it('is not weighed again once its last REWEIGH_SAME re-weighings gave its own frame back, until a re-check (round s35-e2e)', () => {
    // the plain side's smallest frame is template 8's own, 55 B: re-weighing changes nothing
    const side = sideWithSmallest(55)
    let asked = 0
    side.plain.encoder.encode = () => {
      asked += 1
      return { templateId: 8, frame: new Uint8Array(55) }
    }
    const learner = new SelectionLearner()
    const results = Array.from({ length: REWEIGH_SAME + RECHECK_EVERY + 1 }, () => {
      const result = finishSelection(config, selectionOf(true, side), 60, fallbackFrame, learner)
      expect(result.method).toBe('zstd_dict')
      return asked
    })
    // re-weighed REWEIGH_SAME times, then skipped RECHECK_EVERY - 1 times, then a re-check re-weighs
    expect(results[REWEIGH_SAME - 1]).toBe(REWEIGH_SAME)
    expect(results[REWEIGH_SAME + RECHECK_EVERY - 2]).toBe(REWEIGH_SAME)
    expect(results[REWEIGH_SAME + RECHECK_EVERY - 1]).toBe(REWEIGH_SAME + 1)
  })
})
