/**
 * Properties of every shipped config (configs/*.yaml): any input round-trips byte-exactly, and no
 * frame grows beyond what its framing allows. Runs are moderate because brotli-wasm at quality 11
 * costs several milliseconds per message whatever its size.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TemplateStore } from '../src/index.ts'
import {
  isUtf8,
  loadShipped,
  loadWeek1Store,
  SHIPPED_CONFIG_FILES,
  templateMessage,
  type ShippedCompressor,
} from './support.ts'

const SEED = 42
const encoder = new TextEncoder()

/** Compresses, checks the frame size against the framing's bound, decompresses and compares bytes. */
async function checkRoundTrip(
  { config, compressor }: ShippedCompressor,
  message: string | Uint8Array,
): Promise<string> {
  const bytes = typeof message === 'string' ? encoder.encode(message) : message
  const result = await compressor.compress(message)
  expect(result.metadata.originalBytes).toBe(bytes.length)
  expect(result.metadata.compressedBytes).toBe(result.bytes.length)
  // tagged: at most the 1-byte tag more; text-passthrough: never longer for valid UTF-8
  const allowedGrowthBytes = config.framing === 'text-passthrough' && isUtf8(bytes) ? 0 : 1
  expect(result.bytes.length).toBeLessThanOrEqual(bytes.length + allowedGrowthBytes)
  expect(await compressor.decompress(result.bytes)).toEqual(bytes)
  return result.method
}

let store: TemplateStore
beforeAll(async () => {
  store = await loadWeek1Store()
})

it('finds the shipped configs', () => {
  expect(SHIPPED_CONFIG_FILES).toContain('emergency.yaml')
  expect(SHIPPED_CONFIG_FILES.length).toBeGreaterThanOrEqual(6)
})

describe.each(SHIPPED_CONFIG_FILES)('shipped config %s', (file) => {
  let shipped: ShippedCompressor
  beforeAll(async () => {
    shipped = await loadShipped(file)
  })

  it('round-trips arbitrary byte strings (short, and a few long ones)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => void (await checkRoundTrip(shipped, bytes))),
      { seed: SEED, numRuns: 50 },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 300, maxLength: 6000 }),
        async (bytes) => void (await checkRoundTrip(shipped, bytes)),
      ),
      { seed: SEED, numRuns: 8 },
    )
  })

  it('round-trips arbitrary Unicode strings', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.string({ unit: 'grapheme-composite', maxLength: 80 }),
      fc.string({ unit: 'binary-ascii', maxLength: 200 }),
    )
    await fc.assert(
      fc.asyncProperty(text, async (message) => void (await checkRoundTrip(shipped, message))),
      { seed: SEED, numRuns: 50 },
    )
  })

  it("round-trips messages built from the week1 store's templates with random slot values", async () => {
    let hits = 0
    await fc.assert(
      fc.asyncProperty(templateMessage(store), async (message) => {
        if ((await checkRoundTrip(shipped, message)) === 'binary_semantic') hits += 1
      }),
      { seed: SEED, numRuns: 60 },
    )
    // configs with a store must actually take the template path on some of these
    if (shipped.config.templateStorePath !== null) expect(hits).toBeGreaterThan(0)
  })
})
