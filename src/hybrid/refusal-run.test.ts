import { describe, expect, it } from 'vitest'
import { toBytes } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { createMatcher, parseTemplateStore, type TemplateMatcher, type TemplateStore } from '../templates/index.ts'
import { createHybridCompressor, type HybridOptions } from './index.ts'
import { REFUSED_RUN, RefusalRun, SCREEN_EVERY } from './refusal-run.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'refusal-run',
    templates: [{ id: 1, pattern: 'Request {0} completed in {1}ms', slots: [{ type: 'string' }, { type: 'integer' }] }],
  },
  'refusal-run.json',
)
const DICTIONARY = createRawContentDictionary(
  ['Request abc completed in 12ms', 'GET /index.html 200 1043'].map(toBytes),
  4096,
)
const CONFIG = { ...DEFAULT_TEST_CONFIG, fallback: 'zstd_dict' as const, zstdDictLevel: 3, minCompressionSizeBytes: 16 }

/** A line the store's screen refuses (its first byte is no template's), and one its template matches. */
const foreign = (i: number): Uint8Array => toBytes(`GET /index-${i}.html 200 ${1000 + i}`)
const known = (i: number): Uint8Array => toBytes(`Request r${i} completed in ${i}ms`)

/** The store's matcher, counting the messages it is asked to screen. */
function countingMatcher(): { matcher: TemplateMatcher; asked: () => number } {
  const matcher = createMatcher(STORE)
  let asked = 0
  const counting = Object.assign(Object.create(matcher) as TemplateMatcher, {
    mayMatchBytes: (bytes: Uint8Array) => {
      asked++
      return matcher.mayMatchBytes(bytes)
    },
  })
  return { matcher: counting, asked: () => asked }
}

const compressorWith = (matcher: TemplateMatcher, options?: HybridOptions) =>
  createHybridCompressor(CONFIG, { store: STORE, matcher, dictionary: DICTIONARY }, options)

describe('RefusalRun', () => {
  it('holds after REFUSED_RUN refusals in a row, then lets one message in SCREEN_EVERY be screened', () => {
    const run = new RefusalRun()
    for (let i = 0; i < REFUSED_RUN - 1; i++) {
      expect(run.skips()).toBe(false)
      run.refusedOne()
    }
    run.passedOne()
    for (let i = 0; i < REFUSED_RUN; i++) {
      expect(run.skips()).toBe(false)
      run.refusedOne()
    }
    const screened: number[] = []
    for (let i = 0; i < 4 * SCREEN_EVERY; i++) {
      if (!run.skips()) screened.push(i)
      run.refusedOne()
    }
    expect(screened).toEqual([0, 1, 2, 3].map((k) => k * SCREEN_EVERY))
    run.passedOne()
    expect(run.skips()).toBe(false)
  })
})

describe('a learning compressor on a stream its store does not know', () => {
  it('screens one message in SCREEN_EVERY once REFUSED_RUN in a row were refused, and every one again after a pass', async () => {
    const { matcher, asked } = countingMatcher()
    const compressor = await compressorWith(matcher)
    for (let i = 0; i < REFUSED_RUN; i++) compressor.compressSync(foreign(i))
    expect(asked()).toBe(REFUSED_RUN)
    for (let i = 0; i < 10 * SCREEN_EVERY; i++) compressor.compressSync(foreign(i))
    expect(asked()).toBe(REFUSED_RUN + 10)
    // the store's lines come back: within SCREEN_EVERY lines one is screened, passes, and the note ends
    const methods = Array.from({ length: 2 * SCREEN_EVERY }, (_, i) => compressor.compressSync(known(i)).method)
    const firstTemplated = methods.indexOf('binary_semantic')
    expect(firstTemplated).toBeGreaterThanOrEqual(0)
    expect(firstTemplated).toBeLessThan(SCREEN_EVERY)
    expect(methods.slice(firstTemplated).every((m) => m === 'binary_semantic')).toBe(true)
    expect(methods.slice(0, firstTemplated).every((m) => m !== 'binary_semantic')).toBe(true)
  })

  it('sends a line the note skips as a refused one: the frame and metadata of the compressor without a store side', async () => {
    const compressor = await compressorWith(createMatcher(STORE))
    const storeless = await createHybridCompressor(CONFIG, { store: null, matcher: null, dictionary: DICTIONARY })
    for (let i = 0; i < REFUSED_RUN + 1; i++) compressor.compressSync(foreign(i))
    // the message after the screened one is skipped
    const skipped = compressor.compressSync(known(1))
    expect(skipped.method).not.toBe('binary_semantic')
    const reference = storeless.compressSync(known(1))
    expect([...skipped.bytes]).toEqual([...reference.bytes])
    expect(skipped.metadata).toEqual(reference.metadata)
    expect(compressor.decompressSync(skipped.bytes)).toEqual(known(1))
  })

  it('is not kept by the seed rule: withoutLearning(), learnSelection false and exhaustive template every known line', async () => {
    const learning = await compressorWith(createMatcher(STORE))
    const seeds = [
      learning.withoutLearning(),
      await compressorWith(createMatcher(STORE), { learnSelection: false }),
      await compressorWith(createMatcher(STORE), { exhaustive: true }),
    ]
    for (const seed of seeds) {
      // as in the test above, a learning compressor would skip the next message
      for (let i = 0; i < REFUSED_RUN + 1; i++) seed.compressSync(foreign(i))
      for (let i = 0; i < SCREEN_EVERY; i++) expect(seed.compressSync(known(i)).method).toBe('binary_semantic')
    }
  })

  it('keeps one note per compressor: a peer made by acceptHandshake starts screening every message', async () => {
    const { matcher, asked } = countingMatcher()
    const compressor = await compressorWith(matcher)
    for (let i = 0; i < REFUSED_RUN + SCREEN_EVERY; i++) compressor.compressSync(foreign(i))
    const peer = compressor.acceptHandshake(compressor.handshake())
    const before = asked()
    for (let i = 0; i < SCREEN_EVERY; i++) peer.compressSync(foreign(i))
    expect(asked() - before).toBe(SCREEN_EVERY)
  })
})
