/**
 * The property shared by the discovery tests: a store discovered from `messages` (or none, when
 * discovery finds no template: E_NO_TEMPLATES) round-trips every one of them through a hybrid
 * compressor built on it with `config`.
 */
import { expect } from 'vitest'
import { type CompressorConfig, createHybridCompressor, createMatcher } from '../../src/index.ts'
import { discoverTemplates } from '../../src/templates/index.ts'

export async function expectDiscoveredRoundTrip(messages: string[], config: CompressorConfig): Promise<void> {
  let store: ReturnType<typeof discoverTemplates>['store']
  try {
    store = discoverTemplates(messages).store
  } catch (error) {
    expect(error).toMatchObject({ code: 'E_NO_TEMPLATES' })
    return
  }
  const compressor = await createHybridCompressor(config, { store, matcher: createMatcher(store), dictionary: null })
  for (const message of messages)
    expect(new TextDecoder().decode(await compressor.decompress((await compressor.compress(message)).bytes))).toBe(
      message,
    )
}
