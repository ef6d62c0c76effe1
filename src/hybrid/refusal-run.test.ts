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

/** A result as compared: frame bytes, method, and metadata with its keys in order. */
const shapeOf = (result: { bytes: Uint8Array; method: string; metadata: unknown }): string =>
  JSON.stringify({ bytes: [...result.bytes], method: result.method, metadata: result.metadata })

/** REFUSED_RUN + 80 refused lines, then the store's lines: the stream of the tests above. */
const stream = (): Uint8Array[] => [
  ...Array.from({ length: REFUSED_RUN + 10 * SCREEN_EVERY }, (_, i) => foreign(i)),
  ...Array.from({ length: 2 * SCREEN_EVERY }, (_, i) => known(i)),
]

describe("the note on each of a user's paths (round s34-nm2; docs/contracts.md, visible changes of round 34)", () => {
  it('async compress with a sync fallback keeps the same note as compressSync: the same frames, the same screens', async () => {
    const [viaSync, viaAsync] = [countingMatcher(), countingMatcher()]
    const [sync, async] = [await compressorWith(viaSync.matcher), await compressorWith(viaAsync.matcher)]
    for (const m of stream()) expect(shapeOf(await async.compress(m))).toBe(shapeOf(sync.compressSync(m)))
    expect(viaAsync.asked()).toBe(viaSync.asked())
    expect(viaSync.asked()).toBeLessThan(REFUSED_RUN + 10 * SCREEN_EVERY)
    // and the two calls share one note: sync calls after an async run are screened one in SCREEN_EVERY
    const { matcher, asked } = countingMatcher()
    const mixed = await compressorWith(matcher)
    for (let i = 0; i < REFUSED_RUN; i++) await mixed.compress(foreign(i))
    for (let i = 0; i < 2 * SCREEN_EVERY; i++) mixed.compressSync(foreign(i))
    expect(asked()).toBe(REFUSED_RUN + 2)
  })

  it('an async-only fallback (zstd through @mongodb-js/zstd) keeps no note: compress screens every message and templates every known one', async () => {
    const { matcher, asked } = countingMatcher()
    const compressor = await createHybridCompressor(
      { ...CONFIG, fallback: 'zstd' },
      { store: STORE, matcher, dictionary: null },
    )
    expect(compressor.isAsync).toBe(true)
    const lines = stream()
    const methods: string[] = []
    for (const m of lines) methods.push((await compressor.compress(m)).method)
    expect(asked()).toBe(lines.length)
    expect(methods.slice(REFUSED_RUN + 10 * SCREEN_EVERY).every((m) => m === 'binary_semantic')).toBe(true)
  })

  it('a string message is screened every time, and neither counts toward the note nor ends it', async () => {
    const { matcher, asked } = countingMatcher()
    const compressor = await compressorWith(matcher)
    const text = (m: Uint8Array): string => new TextDecoder().decode(m)
    // strings alone: every one screened, the known ones templated, however long the refused run
    for (let i = 0; i < REFUSED_RUN + 10 * SCREEN_EVERY; i++) compressor.compressSync(text(foreign(i)))
    expect(asked()).toBe(REFUSED_RUN + 10 * SCREEN_EVERY)
    expect(compressor.compressSync(text(known(0))).method).toBe('binary_semantic')
    // bytes: REFUSED_RUN refused ones (the strings above counted for nothing) and the note holds
    for (let i = 0; i < REFUSED_RUN; i++) compressor.compressSync(foreign(i))
    const before = asked()
    for (let i = 0; i < 2 * SCREEN_EVERY; i++) compressor.compressSync(foreign(i))
    expect(asked() - before).toBe(2)
    // a known string is templated, yet the note still holds for the bytes after it
    for (let i = 0; i < SCREEN_EVERY; i++)
      expect(compressor.compressSync(text(known(i))).method).toBe('binary_semantic')
    const afterStrings = asked()
    for (let i = 0; i < 2 * SCREEN_EVERY; i++) compressor.compressSync(foreign(i))
    expect(asked() - afterStrings).toBe(2)
  })

  it('with aura on, every message is screened (the general path, no note)', async () => {
    const { matcher, asked } = countingMatcher()
    const compressor = await createHybridCompressor(
      { ...CONFIG, enableAura: true },
      { store: STORE, matcher, dictionary: DICTIONARY },
    )
    const lines = stream()
    const methods: string[] = []
    for (const m of lines) methods.push(compressor.compressSync(m).method)
    expect(asked()).toBeGreaterThanOrEqual(lines.length)
    expect(methods.slice(REFUSED_RUN + 10 * SCREEN_EVERY).every((m) => m === 'binary_semantic')).toBe(true)
  })
})
