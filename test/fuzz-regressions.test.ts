/**
 * What `bench/fuzz.ts` found, kept fixed:
 * - aura: millions of one-byte records (one line each) took 30 s to render through strings at the
 *   16 MiB default limit, a hang; the renderer now copies bytes. Its output must stay exactly what
 *   rendering each line's pattern with its values gives.
 * - zstd: a frame of RLE blocks stating 16 MiB but holding 128 MiB made @mongodb-js/zstd decode 16 MiB
 *   before failing; a frame stating more than its blocks can hold made zstd_dict allocate the stated
 *   size. Both are now refused from the block walk, before any decoding.
 */
import { brotliCompressSync, crc32 } from 'node:zlib'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { zstdRleFrame } from './harness/fuzz-frames.ts'
import { createCodec, type HybridCompressor } from '../src/index.ts'
import { renderPattern } from '../src/hybrid/index.ts'
import { loadShipped } from './support.ts'

const MIB = 1024 * 1024
const encoder = new TextEncoder()

function varint(value: number): number[] {
  const out: number[] = []
  let v = value
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  return [...out, v]
}

/** One record of an aura body: a literal line, or template k (0-based) with its slot values. */
type AuraRecord = { kind: 'line'; text: string } | { kind: 'template'; index: number; values: string[] }

/** The aura frame of records, with the CRC of what they render to. */
function auraFrame(patterns: readonly string[], records: readonly AuraRecord[]): Uint8Array {
  const body: number[] = []
  for (const record of records) {
    if (record.kind === 'line')
      body.push(0, ...varint(encoder.encode(record.text).length), ...encoder.encode(record.text))
    else {
      body.push(...varint(record.index + 1))
      for (const value of record.values) body.push(...varint(encoder.encode(value).length), ...encoder.encode(value))
    }
  }
  return auraFrameOfBody(patterns, Uint8Array.from(body), expectedMessage(patterns, records))
}

/** The aura frame of an encoded record body, with the CRC of `message`. */
function auraFrameOfBody(patterns: readonly string[], body: Uint8Array, message: Uint8Array): Uint8Array {
  const header = [0xf7, 1, ...varint(patterns.length)]
  for (const pattern of patterns) header.push(...varint(encoder.encode(pattern).length), ...encoder.encode(pattern))
  const crc = crc32(message)
  return Uint8Array.from([
    ...header,
    ...brotliCompressSync(body),
    crc >>> 24,
    (crc >>> 16) & 0xff,
    (crc >>> 8) & 0xff,
    crc & 0xff,
  ])
}

/** What the records mean, rendered the slow way (strings), as the decoder did before the fix. */
function expectedMessage(patterns: readonly string[], records: readonly AuraRecord[]): Uint8Array {
  const lines = records.map((r) => (r.kind === 'line' ? r.text : renderPattern(patterns[r.index] as string, r.values)))
  return encoder.encode(lines.join('\n'))
}

/** A pattern with `slots` placeholders in a random order between random literals (ASCII, accents, emoji). */
const literal = fc.string({ unit: fc.constantFrom('a', ' ', '{', '}', '\u00e9', '\u{1f680}', '0', ':'), maxLength: 6 })
const patternArbitrary = fc
  .integer({ min: 0, max: 4 })
  .chain((slots) =>
    fc.tuple(
      fc.shuffledSubarray([...Array(slots).keys()], { minLength: slots, maxLength: slots }),
      fc.array(literal, { minLength: slots + 1, maxLength: slots + 1 }),
    ),
  )
  .map(([order, literals]) => ({
    slots: order.length,
    pattern: literals.map((text, k) => text + (k < order.length ? `{${order[k]}}` : '')).join(''),
  }))
  // a literal such as "{0}" would be one more placeholder: the encoder never embeds such a pattern
  .filter(({ slots, pattern }) => slotCount(pattern) === slots)
  .map(({ pattern }) => pattern)

describe('aura records render byte for byte like the string renderer', () => {
  let compressor: HybridCompressor
  beforeAll(async () => {
    compressor = (await loadShipped('current.yaml')).compressor
  })

  it('for random patterns, values and literal lines', async () => {
    const value = fc.string({ unit: 'grapheme', maxLength: 8 })
    await fc.assert(
      fc.asyncProperty(
        fc.array(patternArbitrary, { minLength: 1, maxLength: 4 }).chain((patterns) =>
          fc.tuple(
            fc.constant(patterns),
            fc.array(
              fc.oneof(
                fc.record({
                  kind: fc.constant('line' as const),
                  text: fc.string({ unit: 'grapheme', maxLength: 12 }).filter((t) => !t.includes('\n')),
                }),
                fc.integer({ min: 0, max: patterns.length - 1 }).chain((index) =>
                  fc.record({
                    kind: fc.constant('template' as const),
                    index: fc.constant(index),
                    values: fc.array(value, {
                      minLength: slotCount(patterns[index] as string),
                      maxLength: slotCount(patterns[index] as string),
                    }),
                  }),
                ),
              ),
              { minLength: 1, maxLength: 12 },
            ),
          ),
        ),
        async ([patterns, records]) => {
          const frame = auraFrame(patterns, records)
          expect(await compressor.decompress(frame)).toEqual(expectedMessage(patterns, records))
        },
      ),
      { seed: 42, numRuns: 200 },
    )
  })

  it('half a million one-byte lines of a one-letter template: the whole message, or E_FRAME_TOO_LARGE past the limit', async () => {
    // record "1" is template 0 with no values: one line "x" per body byte; 1 MiB - 1 bytes, the decode budget's floor
    const lines = MIB / 2
    const message = new Uint8Array(2 * lines - 1).map((_, i) => (i % 2 === 0 ? 0x78 : 0x0a))
    const frame = auraFrameOfBody(['x'], new Uint8Array(lines).fill(1), message)
    // toEqual walks 1 MB element by element for seconds; Buffer#equals compares memory
    expect(Buffer.from(await compressor.decompress(frame)).equals(message)).toBe(true)
    const small = (await loadShipped('current.yaml', { maxMessageBytes: 2 * lines - 2 })).compressor
    await expect(small.decompress(frame)).rejects.toMatchObject({ code: 'E_FRAME_TOO_LARGE' })
  })

  it('a million such lines from a frame of a few bytes: past the decode budget (1 MiB or 128 x the frame), refused with it named', async () => {
    const message = new Uint8Array(2 * MIB - 1).map((_, i) => (i % 2 === 0 ? 0x78 : 0x0a))
    const frame = auraFrameOfBody(['x'], new Uint8Array(MIB).fill(1), message)
    expect(frame.length * 128).toBeLessThan(MIB)
    await expect(compressor.decompress(frame)).rejects.toMatchObject({
      code: 'E_FRAME_TOO_LARGE',
      message: expect.stringContaining(
        `a frame of ${frame.length} bytes may decode to at most max(1048576, 128 x ${frame.length})`,
      ),
    })
  })

  it('a slot value that is not UTF-8 is corrupt, as before', async () => {
    const body = Uint8Array.from([1, 1, 0xff])
    const frame = Uint8Array.from([0xf7, 1, 1, 4, ...encoder.encode('a{0}'), ...brotliCompressSync(body), 0, 0, 0, 0])
    await expect(compressor.decompress(frame)).rejects.toMatchObject({ code: 'E_FRAME_CORRUPT' })
  })
})

function slotCount(pattern: string): number {
  return (pattern.match(/\{\d+\}/g) ?? []).length
}

describe('zstd frames whose blocks contradict their size are refused before decoding', () => {
  const dictionary = encoder.encode('raw content dictionary for the test')

  it('128 MiB of RLE blocks stating 16 MiB: E_FRAME_TOO_LARGE under a 16 MiB limit, for both zstd libraries', async () => {
    const frame = zstdRleFrame(128 * MIB, 16 * MIB)
    await expect((await createCodec({ name: 'zstd' })).decode(frame, 16 * MIB)).rejects.toMatchObject({
      code: 'E_FRAME_TOO_LARGE',
    })
    await expect(
      (async () => (await createCodec({ name: 'zstd_dict', dictionary })).decode(frame, 16 * MIB))(),
    ).rejects.toMatchObject({ code: 'E_FRAME_TOO_LARGE' })
  })

  it('RLE blocks without a content size past the limit: E_FRAME_TOO_LARGE', async () => {
    const frame = zstdRleFrame(128 * MIB, undefined)
    await expect(
      (async () => (await createCodec({ name: 'zstd_dict', dictionary })).decode(frame, 16 * MIB))(),
    ).rejects.toMatchObject({ code: 'E_FRAME_TOO_LARGE' })
  })

  it('a stated size below the RLE content or above what the blocks can hold: E_FRAME_CORRUPT', async () => {
    for (const frame of [zstdRleFrame(1000, 10), zstdRleFrame(10, 1000)]) {
      await expect((await createCodec({ name: 'zstd' })).decode(frame)).rejects.toMatchObject({
        code: 'E_FRAME_CORRUPT',
      })
      await expect(
        (async () => (await createCodec({ name: 'zstd_dict', dictionary })).decode(frame))(),
      ).rejects.toMatchObject({ code: 'E_FRAME_CORRUPT' })
    }
  })

  it('a stated size the blocks match still decodes', async () => {
    const frame = zstdRleFrame(300_000, 300_000)
    expect(Buffer.from(await (await createCodec({ name: 'zstd' })).decode(frame)).equals(new Uint8Array(300_000))).toBe(
      true,
    )
  })
})
