import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBytes, type CompressorConfig } from '../core/index.ts'
import { createCodec, createRawContentDictionary, writeMethodFrame } from '../codecs/index.ts'
import { createMatcher, parseTemplateStore, type TemplateStore } from '../templates/index.ts'
import { createHybridCompressor, type HybridCompressor } from './index.ts'
import { DEFAULT_TEST_CONFIG, expectSyncMatchesAsync } from './test-support.ts'

const STORE: TemplateStore = parseTemplateStore(
  {
    format: 'aura-template-store',
    version: 1,
    name: 'sync',
    templates: [
      { id: 1, pattern: 'Request {0} completed in {1}ms', slots: [{ type: 'string' }, { type: 'integer' }] },
      { id: 2, pattern: 'User {0} logged in', slots: [{ type: 'string' }] },
    ],
  },
  'sync.json',
)

const TRAINING = [
  '{"type":"trade","price":"101.5","size":"0.25"}',
  'Request abc completed in 12ms',
  'plain text about nothing in particular',
].map(toBytes)
const DICTIONARY = createRawContentDictionary(TRAINING, 4096)

function compressorOf(
  overrides: Partial<CompressorConfig>,
  dictionary: Uint8Array | null = null,
): Promise<HybridCompressor> {
  return createHybridCompressor(
    { ...DEFAULT_TEST_CONFIG, brotliQuality: 5, minCompressionSizeBytes: 16, ...overrides },
    { store: STORE, matcher: createMatcher(STORE), dictionary },
  )
}

/** Messages that hit a template, miss it, are JSON-like, or are not UTF-8 at all. */
const MESSAGE = fc.oneof(
  fc.tuple(fc.string({ maxLength: 12 }), fc.nat()).map(([id, ms]) => `Request ${id} completed in ${ms}ms`),
  fc.string({ maxLength: 80 }).map((name) => `User ${name} logged in`),
  fc
    .tuple(fc.double({ noNaN: true }), fc.nat())
    .map(([price, size]) => `{"type":"trade","price":"${price}","size":"${size}"}`),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.uint8Array({ maxLength: 120 }),
)

/** What a call gave: its value, or the code of what it threw (or rejected with). */
async function outcomeOf<T>(call: () => T | Promise<T>): Promise<{ value: T } | { code: unknown }> {
  try {
    return { value: await call() }
  } catch (error) {
    return { code: (error as { code?: unknown }).code }
  }
}

const SYNC_CONFIGS: Record<string, [Partial<CompressorConfig>, Uint8Array | null]> = {
  'brotli, tagged': [{}, null],
  'brotli (node:zlib), text-passthrough': [{ brotliLibrary: 'node:zlib', framing: 'text-passthrough' }, null],
  'deflate, store_check frame': [{ fallback: 'deflate', storeCheck: 'frame' }, null],
  'zstd_dict, text-passthrough': [{ fallback: 'zstd_dict', framing: 'text-passthrough' }, DICTIONARY],
  // compressSync takes zstd_dict's frame from the codec's scratch only when it wins; compress copies every one
  'zstd_dict, tagged': [{ fallback: 'zstd_dict' }, DICTIONARY],
  'brotli with aura': [{ enableAura: true, auraMinSizeBytes: 40 }, null],
}

describe('compressSync and decompressSync give what compress and decompress give', () => {
  for (const [name, [overrides, dictionary]] of Object.entries(SYNC_CONFIGS)) {
    it(`${name}: the same frame, method and metadata; the same bytes back`, async () => {
      const compressor = await compressorOf(overrides, dictionary)
      expect(compressor.isAsync).toBe(false)
      await fc.assert(
        fc.asyncProperty(MESSAGE, (message) => expectSyncMatchesAsync(compressor, message)),
        { seed: 42, numRuns: 60 },
      )
    })
  }

  it('refuses the same frames with the same codes (random bytes, valid frames cut or extended), but for zstd frames', async () => {
    const compressor = await compressorOf({ fallback: 'zstd_dict', maxMessageBytes: 90 }, DICTIONARY)
    const valid = compressor.compressSync(
      '{"type":"trade","price":"101.5","size":"0.25"} {"type":"trade","price":"101.5"}',
    ).bytes
    expect(valid[0]).toBe(0xf5)
    const frames = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.nat({ max: valid.length }).map((end) => valid.slice(0, end)),
      fc.uint8Array({ minLength: 1, maxLength: 4 }).map((extra) => Uint8Array.from([...valid, ...extra])),
    )
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        const sync = await outcomeOf(() => compressor.decompressSync(frame))
        // a zstd frame (tag 0xC1) needs the async-only codec: decompressSync says so before reading it
        expect(sync).toEqual(
          frame[0] === 0xc1 ? { code: 'E_USAGE' } : await outcomeOf(() => compressor.decompress(frame)),
        )
      }),
      { seed: 42, numRuns: 300 },
    )
  })
})

describe('decompress on the fallback path keeps its bounds and peers', () => {
  it('refuses a zstd_dict frame stating more than max_message_bytes, sync and async', async () => {
    const writer = await compressorOf({ fallback: 'zstd_dict' }, DICTIONARY)
    const frame = writer.compressSync('x'.repeat(200)).bytes
    expect(frame[0]).toBe(0xf5)
    const reader = await compressorOf({ fallback: 'zstd_dict', maxMessageBytes: 100 }, DICTIONARY)
    expect(() => reader.decompressSync(frame)).toThrow(expect.objectContaining({ code: 'E_FRAME_TOO_LARGE' }))
    await expect(reader.decompress(frame)).rejects.toMatchObject({ code: 'E_FRAME_TOO_LARGE' })
  })

  it('refuses zstd_dict frames from a peer whose dictionary differs, on both paths', async () => {
    const own = await compressorOf({ fallback: 'zstd_dict' }, DICTIONARY)
    const other = await compressorOf(
      { fallback: 'zstd_dict' },
      createRawContentDictionary([toBytes('another dictionary altogether')], 4096),
    )
    const frame = own.compressSync('{"type":"trade","price":"101.5","size":"0.25"}').bytes
    const forPeer = own.acceptHandshake(other.handshake())
    expect(() => forPeer.decompressSync(frame)).toThrow(expect.objectContaining({ code: 'E_FRAME_NO_DICTIONARY' }))
    await expect(forPeer.decompress(frame)).rejects.toMatchObject({ code: 'E_FRAME_NO_DICTIONARY' })
    // and sends that peer no zstd_dict frame, sync or not
    expect(forPeer.compressSync('{"type":"trade","price":"101.5","size":"0.25"}').method).not.toBe('zstd_dict')
  })

  it('decodes frames of another sync method (created on first use) without a promise', async () => {
    const reader = await compressorOf({})
    const message = toBytes('a deflate frame read by a Brotli compressor, twice')
    const deflate = await createCodec({ name: 'deflate' })
    const frame = writeMethodFrame('deflate', (await deflate.encode(message)) as Uint8Array)
    expect(reader.decompressSync(frame)).toEqual(message)
    expect(reader.decompressSync(frame)).toEqual(message)
    expect(() => reader.decompressSync(writeMethodFrame('zstd_dict', Uint8Array.of(1, 2, 3)))).toThrow(
      expect.objectContaining({ code: 'E_FRAME_NO_DICTIONARY' }),
    )
  })
})

const LONG = 'a message long enough for the fallback to run on it, '.repeat(3)

describe('an async-only codec: E_USAGE from the sync calls, never from the async ones', () => {
  it('compressSync throws E_USAGE naming zstd for every message when the fallback is zstd', async () => {
    const compressor = await compressorOf({ fallback: 'zstd' })
    expect(compressor.isAsync).toBe(true)
    for (const message of ['Request abc completed in 12ms', LONG]) {
      expect(() => compressor.compressSync(message)).toThrow(
        expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('zstd') }),
      )
      const result = await compressor.compress(message)
      expect(await compressor.decompress(result.bytes)).toEqual(toBytes(message))
    }
  })

  it('decompressSync throws E_USAGE for a zstd frame and decodes every other frame', async () => {
    const compressor = await compressorOf({ fallback: 'zstd' })
    const zstdFrame = (await compressor.compress(LONG)).bytes
    expect(zstdFrame[0]).toBe(0xc1)
    expect(() => compressor.decompressSync(zstdFrame)).toThrow(
      expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('@mongodb-js/zstd') }),
    )
    const template = (await compressor.compress('Request abc completed in 12ms')).bytes
    expect(compressor.decompressSync(template)).toEqual(toBytes('Request abc completed in 12ms'))
    // a brotli compressor meets a zstd frame: the same refusal from decompressSync only
    const brotli = await compressorOf({})
    expect(() => brotli.decompressSync(zstdFrame)).toThrow(expect.objectContaining({ code: 'E_USAGE' }))
    expect(await brotli.decompress(zstdFrame)).toEqual(toBytes(LONG))
  })
})

describe('wrong arguments', () => {
  it('the sync calls throw E_USAGE; the async ones reject and never throw', async () => {
    const compressor = await compressorOf({})
    for (const value of [null, undefined, 42, 'abc', [1, 2], new ArrayBuffer(2)]) {
      expect(() => compressor.decompressSync(value as unknown as Uint8Array)).toThrow(
        expect.objectContaining({ code: 'E_USAGE' }),
      )
      const pending = compressor.decompress(value as unknown as Uint8Array)
      await expect(pending).rejects.toMatchObject({ code: 'E_USAGE' })
      if (typeof value === 'string') continue
      expect(() => compressor.compressSync(value as unknown as Uint8Array)).toThrow(
        expect.objectContaining({ code: 'E_USAGE' }),
      )
      await expect(compressor.compress(value as unknown as Uint8Array)).rejects.toMatchObject({ code: 'E_USAGE' })
    }
  })

  it('a message over max_message_bytes: E_MESSAGE_TOO_LARGE thrown by compressSync, a rejection from compress', async () => {
    const compressor = await compressorOf({ maxMessageBytes: 8 })
    expect(() => compressor.compressSync('nine byte')).toThrow(expect.objectContaining({ code: 'E_MESSAGE_TOO_LARGE' }))
    await expect(compressor.compress('nine byte')).rejects.toMatchObject({ code: 'E_MESSAGE_TOO_LARGE' })
  })
})

describe('fallback: zstd through zstd-napi (zstd_library: zstd-napi)', () => {
  it('is sync, writes zstd frames, and a compressor on @mongodb-js/zstd reads them (and the other way round)', async () => {
    const napi = await compressorOf({ fallback: 'zstd', zstdLevel: 3, zstdLibrary: 'zstd-napi' })
    const mongo = await compressorOf({ fallback: 'zstd', zstdLevel: 3 })
    expect(napi.isAsync).toBe(false)
    expect(mongo.isAsync).toBe(true)
    const message = toBytes('plain text about nothing in particular, long enough to be compressed, plain text again')
    const fromNapi = napi.compressSync(message)
    expect(fromNapi.method).toBe('zstd')
    expect(await mongo.decompress(fromNapi.bytes)).toEqual(message)
    const fromMongo = await mongo.compress(message)
    expect(fromMongo.method).toBe('zstd')
    expect(napi.decompressSync(fromMongo.bytes)).toEqual(message)
  })
})
