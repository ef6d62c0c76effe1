import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesEqual, concatBytes, createRandom, toBytes } from '../core/index.ts'
import { createRawContentDictionary } from './raw-content-dictionary.ts'
import { createCodec } from './registry.ts'

/** 200 JSON log lines from a seeded generator: shared keys, varying values. */
function jsonLogLines(count: number): Uint8Array[] {
  const random = createRandom(42)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  return Array.from({ length: count }, (_, i) =>
    toBytes(
      JSON.stringify({
        ts: `2024-05-01T12:${String(i % 60).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}.${Math.floor(random() * 1000)}Z`,
        level: pick(['info', 'info', 'warn', 'error']),
        service: pick(['api-gateway', 'billing', 'search']),
        msg: pick(['request served', 'cache miss', 'upstream timeout', 'retrying request']),
        path: `/v1/${pick(['items', 'users', 'orders'])}/${Math.floor(random() * 100000)}`,
        status: pick([200, 200, 201, 404, 500]),
        durationMs: Math.round(random() * 5000) / 10,
      }),
    ),
  )
}

describe('createRawContentDictionary', () => {
  it('never exceeds sizeBytes and fills it when the samples allow', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4096 }),
        (samples, sizeBytes) => {
          const dictionary = createRawContentDictionary(samples, sizeBytes)
          const distinct = new Set(samples.filter((s) => s.length > 0).map((s) => Array.from(s).join(',')))
          const availableBytes = [...distinct].reduce((sum, key) => sum + key.split(',').length, 0)
          expect(dictionary.length).toBe(Math.min(sizeBytes, availableBytes))
        },
      ),
      { seed: 42, numRuns: 200 },
    )
  })

  it('puts the newest samples last and keeps one copy of a repeat', () => {
    const [a, b, c] = [toBytes('alpha '), toBytes('bravo '), toBytes('charlie ')]
    expect(createRawContentDictionary([a, b, a, c], 100)).toEqual(concatBytes([b, a, c]))
    // budget for the newest sample and the tail of the one before it
    expect(createRawContentDictionary([a, b, c], 10)).toEqual(toBytes('vo charlie '.slice(-10)))
  })

  it('rejects a size that is not a positive integer', () => {
    expect(() => createRawContentDictionary([toBytes('x')], 0)).toThrow(expect.objectContaining({ code: 'E_SCHEMA' }))
  })
})

describe('zstd_dict', () => {
  it('beats zstd without a dictionary on every small similar message', async () => {
    const lines = jsonLogLines(200)
    const dictionary = createRawContentDictionary(lines.slice(0, 100), 8 * 1024)
    const zstdDict = await createCodec({ name: 'zstd_dict', level: 19, dictionary })
    const zstdNapi = await createCodec({ name: 'zstd_napi', level: 19 })
    for (const line of lines.slice(100)) {
      const withDictionary = zstdDict.encode(line) as Uint8Array
      expect(withDictionary.length).toBeLessThan((zstdNapi.encode(line) as Uint8Array).length)
      expect(bytesEqual(zstdDict.decode(withDictionary) as Uint8Array, line)).toBe(true)
    }
  })

  it('cannot decode without its dictionary', async () => {
    const lines = jsonLogLines(20)
    const zstdDict = await createCodec({
      name: 'zstd_dict',
      dictionary: createRawContentDictionary(lines.slice(0, 10), 4096),
    })
    const other = await createCodec({
      name: 'zstd_dict',
      dictionary: toBytes('an unrelated dictionary of some length'),
    })
    const frame = zstdDict.encode(lines[15] ?? new Uint8Array(0)) as Uint8Array
    expect(() => other.decode(frame)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^E_FRAME_/) }))
  })
})
