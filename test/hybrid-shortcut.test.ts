// The selection policy's short-cut (skip the fallback when its format's smallest frame still loses to
// binary_semantic) must never change a choice: every frame and method is compared with an exhaustive
// compressor that runs the fallback on every message, as the policy did before the short-cut.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  LOGHUB_SYSTEMS,
  PROJECT_ROOT,
  createPatternStore,
  readLoghubContent,
  readLoghubPatterns,
  readWeek1Texts,
  sharedCorporaPresent,
  toByteMessages,
} from './harness/corpus-fixtures.ts'
import {
  createHybridCompressor,
  createMatcher,
  createRawContentDictionary,
  loadCompressorConfig,
  loadTemplateStore,
  type CompressorConfig,
  type TemplateStore,
} from '../src/index.ts'
import { minPayloadBytes } from '../src/codecs/index.ts'

const CONFIG_FILES = readdirSync(path.join(PROJECT_ROOT, 'configs'))
  .filter((name) => name.endsWith('.yaml'))
  .sort()

interface Comparison {
  messages: number
  /** messages where the default compressor skipped the fallback the exhaustive one ran */
  skipped: number
}

/** Compresses every message with the short-cut and without; expects identical frames and methods. */
async function compareChoices(
  config: CompressorConfig,
  store: TemplateStore | null,
  dictionary: Uint8Array | null,
  messages: readonly Uint8Array[],
): Promise<Comparison> {
  const resources = { store, matcher: store === null ? null : createMatcher(store), dictionary }
  const fast = await createHybridCompressor(config, resources)
  const exhaustive = await createHybridCompressor(config, resources, { exhaustive: true })
  let skipped = 0
  for (const message of messages) {
    const [a, b] = [await fast.compress(message), await exhaustive.compress(message)]
    expect({ method: a.method, frame: Buffer.from(a.bytes).toString('hex') }).toEqual({
      method: b.method,
      frame: Buffer.from(b.bytes).toString('hex'),
    })
    if (
      b.metadata.candidateBytes[config.fallback] !== undefined &&
      a.metadata.candidateBytes[config.fallback] === undefined
    ) {
      skipped += 1
      // a skipped fallback always leaves binary_semantic chosen, against a frame the fallback could not have undercut
      expect(a.method).toBe('binary_semantic')
      expect(b.metadata.candidateBytes[config.fallback]).toBeGreaterThanOrEqual(
        1 + minPayloadBytes(config.fallback, message.length),
      )
    }
  }
  return { messages: messages.length, skipped }
}

async function shippedConfig(file: string): Promise<{ config: CompressorConfig; store: TemplateStore | null }> {
  const config = await loadCompressorConfig(path.join(PROJECT_ROOT, 'configs', file))
  return { config, store: config.templateStorePath === null ? null : await loadTemplateStore(config.templateStorePath) }
}

describe('selection short-cut: same choices as running the fallback on every message', () => {
  it('week1 corpus under every shipped config', async () => {
    const messages = toByteMessages(readWeek1Texts())
    let skipped = 0
    for (const file of CONFIG_FILES) {
      const { config, store } = await shippedConfig(file)
      skipped += (await compareChoices(config, store, null, messages)).skipped
    }
    // zero-slot and small-number templates of the expanded store are far below any fallback frame
    expect(skipped).toBeGreaterThan(0)
  })

  it.skipIf(!sharedCorporaPresent())(
    'Loghub lines with their ground-truth stores, for every fallback and both framings',
    async () => {
      const { config: emergency } = await shippedConfig('emergency.yaml')
      const { config: recommended } = await shippedConfig('recommended.yaml')
      let skipped = 0
      for (const system of LOGHUB_SYSTEMS.filter((_, i) => i % 2 === 0)) {
        const texts = readLoghubContent(system)
        const store = createPatternStore(system, readLoghubPatterns(system))
        const dictionary = createRawContentDictionary(toByteMessages(texts.slice(0, 1000)), 16_384)
        // every 40th line of the second half: 25 lines per system
        const messages = toByteMessages(texts.slice(1000).filter((_, i) => i % 40 === 0))
        for (const fallback of ['brotli', 'zstd_dict', 'deflate'] as const) {
          const config = { ...emergency, fallback, zstdDictLevel: 3, brotliQuality: 5 }
          skipped += (await compareChoices(config, store, dictionary, messages)).skipped
        }
        skipped += (await compareChoices(recommended, store, null, messages)).skipped
      }
      expect(skipped).toBeGreaterThan(0)
    },
  )
})
