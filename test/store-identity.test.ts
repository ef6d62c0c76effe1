/**
 * Store identity: a frame made with one template store version and read with another is refused,
 * not decoded into other text. Stores v1 and v2 below give id 149 different patterns, the dangerous
 * case: without a check, v2 renders a v1 frame as the v2 sentence. The handshake (no per-message cost)
 * and `store_check: frame` (1 byte per template frame) both turn that into E_FRAME_STORE_MISMATCH.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createHybridCompressor,
  createMatcher,
  parseCompressorConfig,
  parseTemplateStore,
  type CompressorConfig,
  type HybridCompressor,
  type TemplateStore,
} from '../src/index.ts'
import { parseHandshake, writeHandshake } from '../src/hybrid/store-identity.ts'
import { templateCheckByte } from '../src/templates/index.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

function store(name: string, pattern149: string): TemplateStore {
  return parseTemplateStore(
    {
      format: 'aura-template-store',
      version: 1,
      name,
      templates: [
        { id: 149, pattern: pattern149, slots: [{ type: 'string' }, { type: 'integer' }] },
        { id: 150, pattern: 'User {0} authenticated successfully' },
      ],
    },
    `${name}.json`,
  )
}

const V1 = store('api', 'Request {0} completed in {1}ms')
const V2 = store('api', 'Request {0} finished in {1}ms')
const MESSAGE = 'Request r-1 completed in 45ms'

type Keys = Record<string, string | number | boolean>

/** A config from YAML keys over a few defaults (deflate fallback from 30 bytes). */
function configOf(keys: Keys = {}): CompressorConfig {
  const all: Keys = { name: 'identity-test', min_compression_size: 30, fallback: 'deflate', ...keys }
  return parseCompressorConfig(
    Object.entries(all)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n'),
    '<inline>',
  )
}

function compressorOf(
  templateStore: TemplateStore,
  keys: Keys = {},
  dictionary: Uint8Array | null = null,
): Promise<HybridCompressor> {
  return createHybridCompressor(configOf(keys), {
    store: templateStore,
    matcher: createMatcher(templateStore),
    dictionary,
  })
}

describe('the danger: the same id with another pattern', () => {
  it('without any check, a v1 frame read with v2 silently renders v2 text', async () => {
    const frame = (await (await compressorOf(V1)).compress(MESSAGE)).bytes
    expect(decoder.decode(await (await compressorOf(V2)).decompress(frame))).toBe('Request r-1 finished in 45ms')
  })
})

describe('handshake', () => {
  it('is 4 bytes plus 8 per fingerprint, and reads back', async () => {
    const withStore = await compressorOf(V1)
    expect(withStore.handshake()).toHaveLength(12)
    expect(parseHandshake(withStore.handshake())).toEqual({
      storeFingerprint: V1.fingerprint,
      dictionaryFingerprint: null,
      storeCheck: 'none',
    })
    const withBoth = await compressorOf(
      V1,
      { fallback: 'zstd_dict', zstd_dict_path: 'unused.bin' },
      encoder.encode('dictionary content for the test'),
    )
    expect(withBoth.handshake()).toHaveLength(20)
    expect(parseHandshake(withBoth.handshake())).toEqual({
      storeFingerprint: V1.fingerprint,
      dictionaryFingerprint: withBoth.dictionaryFingerprint,
      storeCheck: 'none',
    })
    expect(writeHandshake({ storeFingerprint: null, dictionaryFingerprint: null, storeCheck: 'none' })).toEqual(
      Uint8Array.of(0x41, 0x48, 1, 0),
    )
  })

  it('with another store: E_FRAME_STORE_MISMATCH for template frames, and none are sent to that peer', async () => {
    const v1 = await compressorOf(V1)
    const v2 = await compressorOf(V2)
    const v2ForV1 = v2.acceptHandshake(v1.handshake())
    expect(v2ForV1.peer).toEqual({ status: 'mismatch', differs: ['store'] })
    expect(v2.peer).toEqual({ status: 'unchecked' })
    const frame = (await v1.compress(MESSAGE)).bytes
    await expect(v2ForV1.decompress(frame)).rejects.toMatchObject({ code: 'E_FRAME_STORE_MISMATCH' })
    // the other direction: v1, told of v2, sends a frame v2 reads right
    const v1ForV2 = v1.acceptHandshake(v2.handshake())
    const sent = await v1ForV2.compress(MESSAGE)
    expect(sent.method).not.toBe('binary_semantic')
    expect(decoder.decode(await v2ForV1.decompress(sent.bytes))).toBe(MESSAGE)
  })

  it('with the same store: agreed, and template frames decode', async () => {
    const a = await compressorOf(V1)
    const b = (await compressorOf(V1)).acceptHandshake(a.handshake())
    expect(b.peer).toEqual({ status: 'agreed' })
    const result = await a.acceptHandshake(b.handshake()).compress(MESSAGE)
    expect(result.method).toBe('binary_semantic')
    expect(decoder.decode(await b.decompress(result.bytes))).toBe(MESSAGE)
  })

  it('aura frames carry their templates, so they decode across store versions', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `Request r-${i} completed in ${i * 7}ms`).join('\n')
    const v1 = await compressorOf(V1, { enable_aura: true, aura_preference_margin: 0, min_compression_size: 100000 })
    const result = await v1.compress(lines)
    expect(result.method).toBe('aura')
    const v2ForV1 = (await compressorOf(V2)).acceptHandshake(v1.handshake())
    expect(decoder.decode(await v2ForV1.decompress(result.bytes))).toBe(lines)
  })

  it('with another dictionary: zstd_dict frames are refused and not sent', async () => {
    const keys = { fallback: 'zstd_dict', zstd_dict_path: 'unused.bin', min_compression_size: 1 }
    const a = await compressorOf(V1, keys, encoder.encode('status ok request completed latency '.repeat(8)))
    const b = await compressorOf(V1, keys, encoder.encode('a different dictionary entirely '.repeat(8)))
    const message = 'status ok, request completed with latency 12 ms and no errors at all'
    const frame = await a.compress(message)
    expect(frame.method).toBe('zstd_dict')
    const bForA = b.acceptHandshake(a.handshake())
    expect(bForA.peer).toEqual({ status: 'mismatch', differs: ['dictionary'] })
    await expect(bForA.decompress(frame.bytes)).rejects.toMatchObject({ code: 'E_FRAME_NO_DICTIONARY' })
    const sent = await a.acceptHandshake(b.handshake()).compress(message)
    expect(sent.method).not.toBe('zstd_dict')
    expect(decoder.decode(await bForA.decompress(sent.bytes))).toBe(message)
  })

  it('a malformed handshake is refused with a frame error code', async () => {
    const v1 = await compressorOf(V1)
    const good = v1.handshake()
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        try {
          v1.acceptHandshake(bytes)
        } catch (error) {
          expect((error as { code?: unknown }).code).toMatch(/^E_FRAME_/)
        }
      }),
      { seed: 42, numRuns: 500 },
    )
    for (let length = 0; length < good.length; length++)
      expect(() => v1.acceptHandshake(good.subarray(0, length))).toThrow(
        expect.objectContaining({ code: 'E_FRAME_TRUNCATED' }),
      )
    expect(() => v1.acceptHandshake(Uint8Array.of(...good, 0))).toThrow(
      expect.objectContaining({ code: 'E_FRAME_TRAILING' }),
    )
    expect(() => v1.acceptHandshake(Uint8Array.of(0x41, 0x48, 1, 8))).toThrow(
      expect.objectContaining({ code: 'E_FRAME_CORRUPT' }),
    )
  })
})

describe('store_check: frame', () => {
  it('costs exactly 1 byte per template frame and nothing on other frames', async () => {
    const plain = await compressorOf(V1)
    const checked = await compressorOf(V1, { store_check: 'frame' })
    expect(checked.config.storeCheck).toBe('frame')
    expect(plain.config.storeCheck).toBe('none')
    for (const message of [MESSAGE, 'User u-7 authenticated successfully']) {
      const [a, b] = [await plain.compress(message), await checked.compress(message)]
      expect([a.method, b.method]).toEqual(['binary_semantic', 'binary_semantic'])
      expect(b.bytes.length - a.bytes.length).toBe(1)
      expect(decoder.decode(await checked.decompress(b.bytes))).toBe(message)
    }
    const other = 'a message no template fits, long enough for the fallback codec to run'
    expect((await checked.compress(other)).bytes).toEqual((await plain.compress(other)).bytes)
  })

  it('is part of the handshake: a peer that differs in it cannot exchange template frames', async () => {
    const checked = await compressorOf(V1, { store_check: 'frame' })
    const plain = await compressorOf(V1)
    expect(parseHandshake(checked.handshake()).storeCheck).toBe('frame')
    const plainForChecked = plain.acceptHandshake(checked.handshake())
    expect(plainForChecked.peer).toEqual({ status: 'mismatch', differs: ['store'] })
    await expect(plainForChecked.decompress((await checked.compress(MESSAGE)).bytes)).rejects.toMatchObject({
      code: 'E_FRAME_STORE_MISMATCH',
    })
  })

  it('refuses a changed template without a handshake, and still reads unchanged ones', async () => {
    expect(templateCheckByte(V1.byId.get(149)!)).not.toBe(templateCheckByte(V2.byId.get(149)!))
    expect(templateCheckByte(V1.byId.get(150)!)).toBe(templateCheckByte(V2.byId.get(150)!))
    const v1 = await compressorOf(V1, { store_check: 'frame' })
    const v2 = await compressorOf(V2, { store_check: 'frame' })
    await expect(v2.decompress((await v1.compress(MESSAGE)).bytes)).rejects.toMatchObject({
      code: 'E_FRAME_STORE_MISMATCH',
    })
    const unchanged = 'User u-7 authenticated successfully'
    expect(decoder.decode(await v2.decompress((await v1.compress(unchanged)).bytes))).toBe(unchanged)
  })

  it('is refused when misspelt or given another value', () => {
    expect(() => configOf({ store_check: 'always' })).toThrow(expect.objectContaining({ code: 'E_SCHEMA' }))
  })
})
