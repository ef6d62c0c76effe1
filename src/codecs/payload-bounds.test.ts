import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FallbackCodecName } from '../core/index.ts'
import { minPayloadBytes } from './payload-bounds.ts'
import { createCodec, type CodecSpec } from './registry.ts'

const DICTIONARY = new TextEncoder().encode(
  'aaaaaaaaaaaaaaaa Processing request... Database connection established 0123456789',
)

/** Every codec that writes one of the fallback formats, with the format its bound is read from. */
const CODECS: readonly { spec: CodecSpec; format: FallbackCodecName }[] = [
  { spec: { name: 'brotli', quality: 11 }, format: 'brotli' },
  { spec: { name: 'brotli', quality: 0 }, format: 'brotli' },
  { spec: { name: 'brotli_native', quality: 11, mode: 'text' }, format: 'brotli' },
  { spec: { name: 'zstd_dict', level: 19, dictionary: DICTIONARY }, format: 'zstd_dict' },
  { spec: { name: 'zstd_napi', level: 1 }, format: 'zstd' },
  { spec: { name: 'zstd', level: 3 }, format: 'zstd' },
  { spec: { name: 'deflate', level: 9 }, format: 'deflate' },
  { spec: { name: 'deflate', level: 0 }, format: 'deflate' },
]

/** Messages compressors shrink most: runs of one or two bytes, dictionary content, and arbitrary bytes. */
const MESSAGE = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: 255 }))
    .map(([length, byte]) => new Uint8Array(length).fill(byte)),
  fc.array(fc.constantFrom(97, 98), { minLength: 1, maxLength: 300 }).map((bytes) => Uint8Array.from(bytes)),
  fc.integer({ min: 1, max: DICTIONARY.length }).map((length) => DICTIONARY.slice(0, length)),
  fc.uint8Array({ minLength: 1, maxLength: 200 }),
)

describe('minPayloadBytes', () => {
  for (const { spec, format } of CODECS) {
    it(`${JSON.stringify({ ...spec, dictionary: undefined })}: no payload is shorter than the ${format} bound`, async () => {
      const codec = await createCodec(spec)
      await fc.assert(
        fc.asyncProperty(MESSAGE, async (message) => {
          expect((await codec.encode(message)).length).toBeGreaterThanOrEqual(minPayloadBytes(format, message.length))
        }),
        { seed: 42, numRuns: 150 },
      )
    })
  }

  it('is reached: the bounds are the real minima for one- and two-byte messages', async () => {
    const brotli = await createCodec({ name: 'brotli', quality: 11 })
    const zstd = await createCodec({ name: 'zstd_napi', level: 19 })
    const deflate = await createCodec({ name: 'deflate', level: 9 })
    const one = new Uint8Array([97])
    expect((await brotli.encode(one)).length).toBe(minPayloadBytes('brotli', 1))
    expect((await brotli.encode(new Uint8Array([97, 97]))).length).toBe(minPayloadBytes('brotli', 2))
    expect((await zstd.encode(one)).length).toBe(minPayloadBytes('zstd', 1))
    expect((await deflate.encode(one)).length).toBe(minPayloadBytes('deflate', 1))
  })

  it('is 0 for an empty message (an empty Brotli stream is one byte, no floor applies)', () => {
    for (const format of ['brotli', 'zstd', 'zstd_dict', 'deflate'] as const) expect(minPayloadBytes(format, 0)).toBe(0)
  })
})
