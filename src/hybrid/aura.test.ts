import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { ByteWriter, toBytes, type Codec, type CompressorConfig } from '../core/index.ts'
import { createCodec, writeMethodFrame } from '../codecs/index.ts'
import { createMatcher, loadTemplateStore, type TemplateStore } from '../templates/index.ts'
import { decodeAuraPayload, encodeAuraPayload, type LineTemplater } from './aura.ts'
import { createHybridCompressor, type HybridCompressor } from './index.ts'
import { DEFAULT_TEST_CONFIG } from './test-support.ts'

const STORE_PATH = join(import.meta.dirname, '../../configs/templates/expanded.json')
const MAX_BYTES = 1 << 20

/** enable_aura, aura_min_size 0, margin 0, and the fallback out of reach: aura competes with the tagged message only. */
const AURA_CONFIG: CompressorConfig = {
  ...DEFAULT_TEST_CONFIG,
  name: 'aura-test',
  enableAura: true,
  minCompressionSizeBytes: 1 << 30,
  auraPreferenceMargin: 0,
  maxMessageBytes: MAX_BYTES,
}

let store: TemplateStore
let brotli: Codec & { isAsync: false }
let templater: LineTemplater
let compressor: HybridCompressor

beforeAll(async () => {
  store = await loadTemplateStore(STORE_PATH)
  const matcher = createMatcher(store)
  brotli = (await createCodec({ name: 'brotli', quality: 11 })) as Codec & { isAsync: false }
  templater = (line) => {
    const hit = matcher.match(line)[0]
    return hit === undefined ? undefined : { pattern: hit.template.pattern, values: hit.values }
  }
  compressor = await createHybridCompressor(AURA_CONFIG, { store, matcher, dictionary: null })
})

/** A line that fits a store template (random slot values), a near miss, or random text. */
function lineArbitrary(): fc.Arbitrary<string> {
  const value = fc.string({ unit: 'grapheme', maxLength: 12 })
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...store.templates), fc.array(value, { minLength: 3, maxLength: 3 }))
      .map(([t, values]) => {
        let text = t.literals[0] as string
        t.textOrder.forEach((slot, k) => (text += (values[slot % 3] as string) + (t.literals[k + 1] as string)))
        return text
      }),
    fc.constantFrom('Processing request...', 'Service api is healthy', 'Request r-1 completed in 12ms', ''),
    fc.string({ unit: 'binary', maxLength: 40 }),
  )
}

function frameOf(payload: Uint8Array): Uint8Array {
  return writeMethodFrame('aura', payload)
}

/** An aura payload written by hand: version 1, the given patterns, a Brotli body of records, and a CRC. */
function craftedPayload(patterns: readonly string[], records: Uint8Array, crc = Uint8Array.of(0, 0, 0, 0)): Uint8Array {
  const writer = new ByteWriter().byte(1).varint(patterns.length)
  for (const pattern of patterns) writer.lengthPrefixed(toBytes(pattern))
  return writer
    .bytes(brotli.encode(records) as Uint8Array)
    .bytes(crc)
    .toBytes()
}

describe('aura container', () => {
  it('round-trips multi-line messages byte-exactly, with and without a templater', () => {
    fc.assert(
      fc.property(fc.array(lineArbitrary(), { minLength: 1, maxLength: 12 }), fc.boolean(), (lines, useTemplates) => {
        const message = toBytes(lines.join('\n'))
        const encoded = encodeAuraPayload(message, useTemplates ? templater : undefined, brotli)
        expect(decodeAuraPayload(encoded.payload, brotli, MAX_BYTES)).toEqual(message)
        expect(encoded.headerBytes).toBeLessThanOrEqual(encoded.payload.length)
      }),
      { seed: 42, numRuns: 100 },
    )
  })

  it('is chosen by a config with aura_min_size 0 and margin 0, and round-trips through the compressor', async () => {
    let chosen = 0
    await fc.assert(
      fc.asyncProperty(fc.array(lineArbitrary(), { minLength: 4, maxLength: 12 }), async (lines) => {
        const repeated = [...lines, ...lines].join('\n')
        const result = await compressor.compress(repeated)
        if (result.method === 'aura') chosen += 1
        expect(result.metadata.auraHeaderBytes).toBeGreaterThanOrEqual(7)
        expect(await compressor.decompress(result.bytes)).toEqual(toBytes(repeated))
      }),
      { seed: 42, numRuns: 60 },
    )
    // every message repeats its lines, so aura beats the tagged message on most of them
    expect(chosen).toBeGreaterThan(40)
  })

  it('rejects a corrupt checksum with E_FRAME_CHECKSUM', async () => {
    const message = 'Service api is healthy\nService db is degraded\nProcessing request...\nProcessing request...'
    const result = await compressor.compress(message)
    expect(result.method).toBe('aura')
    const corrupt = result.bytes.slice()
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] as number) ^ 0x01
    await expect(compressor.decompress(corrupt)).rejects.toMatchObject({ code: 'E_FRAME_CHECKSUM' })
  })

  it('rejects crafted templates that would repeat a slot or hide a long placeholder', async () => {
    // record: template 1 with one 1-byte value
    const records = Uint8Array.of(1, 1, 0x41)
    for (const pattern of ['x{0}{0}', 'x{00}', 'x{1}', 'x{0}y{2}']) {
      await expect(compressor.decompress(frameOf(craftedPayload([pattern], records)))).rejects.toMatchObject({
        code: 'E_FRAME_CORRUPT',
      })
    }
    await expect(
      compressor.decompress(frameOf(craftedPayload(['x{0}'], Uint8Array.of(2, 1, 0x41)))),
    ).rejects.toMatchObject({ code: 'E_FRAME_CORRUPT' })
  })

  it('refuses a line that would pass max_message_bytes before building it', () => {
    const value = new Uint8Array(200).fill(0x61)
    const records = new ByteWriter().varint(1).lengthPrefixed(value).toBytes()
    expect(() => decodeAuraPayload(craftedPayload(['x{0}'], records), brotli, 150)).toThrow(
      expect.objectContaining({ code: 'E_FRAME_TOO_LARGE' }),
    )
    // many short lines add up the same way
    const lines = new ByteWriter()
    for (let i = 0; i < 100; i++) lines.varint(0).lengthPrefixed(toBytes('line'))
    expect(() => decodeAuraPayload(craftedPayload([], lines.toBytes()), brotli, 300)).toThrow(
      expect.objectContaining({ code: 'E_FRAME_TOO_LARGE' }),
    )
  })

  it('rejects an unsupported version and a frame cut before its checksum', async () => {
    await expect(compressor.decompress(frameOf(Uint8Array.of(2, 0, 0, 0, 0, 0)))).rejects.toMatchObject({
      code: 'E_FRAME_CORRUPT',
    })
    await expect(compressor.decompress(frameOf(Uint8Array.of(1, 0, 0, 0)))).rejects.toMatchObject({
      code: 'E_FRAME_TRUNCATED',
    })
  })
})
