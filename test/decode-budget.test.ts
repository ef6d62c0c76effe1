/**
 * The decode budget (src/codecs/decode-budget.ts): a compressed frame of N bytes decodes to at most
 * min(max_message_bytes, max(1 MiB, 128 x N)) bytes. A frame past it is refused with
 * E_FRAME_TOO_LARGE naming the budget, before the decoder has produced more than that; and the
 * compressor never writes such a frame, so every message still round-trips.
 */
import { brotliCompressSync, deflateRawSync, crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { zstdRleFrame } from './harness/fuzz-frames.ts'
import { decodeLimitBytes, DECODE_FLOOR_BYTES, expansionLimitBytes, MAX_EXPANSION_RATIO } from '../src/codecs/index.ts'
import { loadShipped, SHIPPED_CONFIG_FILES } from './support.ts'

const MIB = 1024 * 1024
const TAG = { brotli: 0xc0, zstd: 0xc1, deflate: 0xf6, aura: 0xf7 } as const

function tagged(tag: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([tag, ...payload])
}

/** An aura frame with no templates whose body is `records`, with the CRC of `message`. */
function auraFrame(records: Uint8Array, message: Uint8Array): Uint8Array {
  const crc = crc32(message)
  return Uint8Array.from([
    TAG.aura,
    1,
    0,
    ...brotliCompressSync(records),
    crc >>> 24,
    (crc >>> 16) & 0xff,
    (crc >>> 8) & 0xff,
    crc & 0xff,
  ])
}

/** Log-like text that compresses about 10:1, like real messages. */
function logText(sizeBytes: number): Uint8Array {
  const lines: string[] = []
  let total = 0
  for (let i = 0; total < sizeBytes; i++) {
    const line = `2026-12-05T06:${String(i % 60).padStart(2, '0')}:00Z INFO worker-${(i * 7919) % 97} request r-${(i * 104729) % 1_000_003} done in ${(i * 31) % 977} ms\n`
    lines.push(line)
    total += line.length
  }
  return new TextEncoder().encode(lines.join('').slice(0, sizeBytes))
}

describe('the budget', () => {
  it('is 1 MiB for small frames, 128 x the frame past 8 KiB, never past max_message_bytes', () => {
    expect(expansionLimitBytes(10)).toBe(DECODE_FLOOR_BYTES)
    expect(expansionLimitBytes(64 * 1024)).toBe(64 * 1024 * MAX_EXPANSION_RATIO)
    expect(decodeLimitBytes(10, 512)).toBe(512)
    expect(decodeLimitBytes(1 * MIB, 16 * MIB)).toBe(16 * MIB)
  })
})

describe('frames past their budget are refused, with the budget named', () => {
  const twoMib = new Uint8Array(2 * MIB)
  const bombs: Array<[string, Uint8Array]> = [
    ['brotli', tagged(TAG.brotli, brotliCompressSync(twoMib))],
    ['deflate', tagged(TAG.deflate, deflateRawSync(twoMib))],
    ['zstd', tagged(TAG.zstd, zstdRleFrame(2 * MIB, 2 * MIB))],
    [
      'aura: a million empty lines (a message aura-bench could have been given)',
      auraFrame(new Uint8Array(2 * MIB), new Uint8Array(MIB - 1).fill(0x0a)),
    ],
  ]
  for (const [name, frame] of bombs) {
    it(`${name}: ${frame.length} bytes stating 2 MiB (or 1 Mi lines) under the 16 MiB default`, async () => {
      expect(frame.length * MAX_EXPANSION_RATIO).toBeLessThan(DECODE_FLOOR_BYTES)
      const { compressor } = await loadShipped('current.yaml')
      expect(compressor.config.maxMessageBytes).toBe(16 * MIB)
      await expect(compressor.decompress(frame)).rejects.toMatchObject({
        code: 'E_FRAME_TOO_LARGE',
        message: expect.stringContaining(
          `a frame of ${frame.length} bytes may decode to at most max(1048576, 128 x ${frame.length}) = 1048576 bytes`,
        ),
      })
    })
  }

  it('16 MiB of zeros as deflate: the decoder is asked for the budget (128 x the frame), not 16 MiB', async () => {
    const { compressor } = await loadShipped('emergency.yaml')
    const frame = tagged(TAG.deflate, deflateRawSync(new Uint8Array(16 * MIB)))
    const limit = frame.length * MAX_EXPANSION_RATIO
    expect(limit).toBeGreaterThan(DECODE_FLOOR_BYTES)
    expect(limit).toBeLessThan(16 * MIB)
    const error = await compressor.decompress(frame).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'E_FRAME_TOO_LARGE',
      message: expect.stringContaining(`the limit of ${limit} bytes`),
    })
  })
})

describe('the compressor never writes a frame past its budget: every message round-trips', () => {
  // aura and brotli-wasm; brotli through node:zlib under text-passthrough; zstd (the other shipped configs differ only in thresholds)
  for (const file of ['current.yaml', 'recommended.yaml', 'week3-zstd.yaml']) {
    it(`${file}: 1.25 MiB of one byte and a million empty lines go uncompressed; 1.1 MiB of log text stays compressed`, async () => {
      expect(SHIPPED_CONFIG_FILES).toContain(file)
      const { compressor } = await loadShipped(file)
      for (const message of [new Uint8Array(1.25 * MIB).fill(0x61), new Uint8Array(MIB + 1).fill(0x0a)]) {
        const result = await compressor.compress(message)
        expect(['uncompressed', 'passthrough']).toContain(result.method)
        expect(Buffer.from(await compressor.decompress(result.bytes)).equals(message)).toBe(true)
        // docs/contracts.md: candidateBytes lists the refused fallback frame too, smaller than the chosen one
        const weighed = result.metadata.candidateBytes as Record<string, number>
        expect(weighed[result.method]).toBe(result.bytes.length)
        expect(weighed[compressor.config.fallback]).toBeLessThan(result.bytes.length)
      }
      const text = logText(1.1 * MIB)
      const result = await compressor.compress(text)
      expect(['uncompressed', 'passthrough']).not.toContain(result.method)
      expect(Buffer.from(await compressor.decompress(result.bytes)).equals(text)).toBe(true)
    })
  }
})
