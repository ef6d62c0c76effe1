import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesEqual, type Codec, hasCode, toBytes } from '../core/index.ts'
import { type CodecSpec, createCodec } from './registry.ts'

const DICTIONARY = toBytes('{"level":"info","service":"api","msg":"request served","status":200,"path":"/v1/items"}')
const SPECS: readonly CodecSpec[] = [
  { name: 'brotli' },
  { name: 'brotli_native' },
  { name: 'zstd' },
  { name: 'zstd_napi' },
  { name: 'zstd_dict', dictionary: DICTIONARY },
  { name: 'zstd_dict', dictionary: DICTIONARY, contentSizeFlag: false, checksum: true },
  { name: 'deflate' },
  { name: 'identity' },
]
const MIB = 1024 * 1024

type DecodeOutcome = { state: 'decoded'; bytes: Uint8Array } | { state: 'rejected'; code: string }

/** Decodes and reports the outcome; an error without a string code fails the test. */
async function decodeOutcome(codec: Codec, payload: Uint8Array, maxOutputBytes?: number): Promise<DecodeOutcome> {
  try {
    return { state: 'decoded', bytes: await codec.decode(payload, maxOutputBytes) }
  } catch (error) {
    if (!hasCode(error)) throw new Error(`${codec.name} threw an error without a code: ${String(error)}`)
    return { state: 'rejected', code: error.code }
  }
}

function label(spec: CodecSpec): string {
  const { dictionary: _d, ...rest } = spec as CodecSpec & { dictionary?: Uint8Array }
  return JSON.stringify(rest)
}

const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }))

describe.each(SPECS.map((spec) => [label(spec), spec] as const))('%s', (_label, spec) => {
  it('round-trips arbitrary bytes', async () => {
    const codec = await createCodec(spec)
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (message) => {
        const frame = await codec.encode(message)
        const decoded = await codec.decode(frame)
        expect(bytesEqual(decoded, message)).toBe(true)
        // plain Uint8Arrays, never Node Buffers, whatever the library returns
        expect(frame.constructor === Uint8Array && decoded.constructor === Uint8Array).toBe(true)
      }),
      { seed: 42, numRuns: 100 },
    )
  })

  it('round-trips arbitrary Unicode text', async () => {
    const codec = await createCodec(spec)
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const message = toBytes(text)
        expect(bytesEqual(await codec.decode(await codec.encode(message)), message)).toBe(true)
      }),
      { seed: 42, numRuns: 60 },
    )
  })

  it('decodes random bytes to a result or a coded error', async () => {
    const codec = await createCodec(spec)
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (payload) => {
        await decodeOutcome(codec, payload, MIB)
      }),
      { seed: 42, numRuns: 150 },
    )
  })

  it('rejects truncated frames with a coded error', async () => {
    const codec = await createCodec(spec)
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 1024 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        async (message, cut) => {
          const frame = await codec.encode(message)
          const outcome = await decodeOutcome(codec, frame.subarray(0, Math.floor(cut * frame.length)), MIB)
          if (spec.name !== 'identity') expect(outcome.state).toBe('rejected')
        },
      ),
      { seed: 42, numRuns: 60 },
    )
  })

  it('decodes bit-flipped frames to a result or a coded error', async () => {
    const codec = await createCodec(spec)
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 1024 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        async (message, position, bit) => {
          const frame = (await codec.encode(message)).slice()
          const index = position % frame.length
          frame[index] = (frame[index] ?? 0) ^ (1 << bit)
          await decodeOutcome(codec, frame, MIB)
        },
      ),
      { seed: 42, numRuns: 100 },
    )
  })

  it('rejects a frame with bytes after its end', async () => {
    if (spec.name === 'identity') return
    const codec = await createCodec(spec)
    const frame = await codec.encode(toBytes('a message that compresses, a message that compresses'))
    const outcome = await decodeOutcome(codec, Uint8Array.of(...frame, 0x41, 0x42), MIB)
    expect(outcome).toEqual({ state: 'rejected', code: 'E_FRAME_TRAILING' })
  })

  it('rejects an empty payload, except identity', async () => {
    const codec = await createCodec(spec)
    const outcome = await decodeOutcome(codec, new Uint8Array(0))
    if (spec.name === 'identity') expect(outcome).toEqual({ state: 'decoded', bytes: new Uint8Array(0) })
    else expect(outcome).toEqual({ state: 'rejected', code: 'E_FRAME_EMPTY' })
  })
})

describe('decompression bombs', () => {
  // encoders at fast settings: the decoder's limit does not depend on how the bomb was made
  const bombSpecs: readonly CodecSpec[] = [
    { name: 'brotli', quality: 1 },
    { name: 'brotli_native', quality: 1 },
    { name: 'zstd', level: 1 },
    { name: 'zstd_napi', level: 1 },
    { name: 'zstd_dict', level: 1, dictionary: DICTIONARY },
    { name: 'zstd_dict', level: 1, dictionary: DICTIONARY, contentSizeFlag: false },
    { name: 'deflate', level: 1 },
    { name: 'identity' },
  ]
  const zeros = new Uint8Array(50 * MIB)

  it.each(bombSpecs.map((spec) => [label(spec), spec] as const))(
    '%s: 50 MiB of zeros with a 1 MiB limit is E_FRAME_TOO_LARGE',
    async (_label, spec) => {
      const codec = await createCodec(spec)
      const frame = await codec.encode(zeros)
      expect(await decodeOutcome(codec, frame, MIB)).toEqual({ state: 'rejected', code: 'E_FRAME_TOO_LARGE' })
    },
  )

  it.each(bombSpecs.map((spec) => [label(spec), spec] as const))(
    '%s: output of exactly the limit decodes',
    async (_label, spec) => {
      const codec = await createCodec(spec)
      const message = new Uint8Array(4096).fill(7)
      const frame = await codec.encode(message)
      const outcome = await decodeOutcome(codec, frame, 4096)
      expect(outcome.state === 'decoded' && bytesEqual(outcome.bytes, message)).toBe(true)
      expect(await decodeOutcome(codec, frame, 4095)).toEqual({ state: 'rejected', code: 'E_FRAME_TOO_LARGE' })
    },
  )
})
