// The learned template choice (src/templates/choice-learning.ts): a learning compressor tries the
// templates that keep winning a candidate list alone, and may send a template frame a few bytes larger
// than the smallest. On the shared corpora, as a user runs them (a store discovered from the first half
// of whole log lines, zstd_dict level 3 fallback, the held-out half in order): every frame decodes to
// its line; the bytes it adds stay within the short-cuts' budget (issue 13: <= 0.5% more than always
// comparing); and `withoutLearning()`, what the runner measures sizes with, sends exactly the frames of
// the compressor that learns nothing (the smallest template frame, the seed's comparison).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LOGHUB_SYSTEMS, SHARED_CORPORA, sharedCorporaPresent, toByteMessages } from './harness/corpus-fixtures.ts'
import {
  createHybridCompressor,
  createMatcher,
  createRawContentDictionary,
  parseCompressorConfig,
} from '../src/index.ts'
import { discoverTemplates } from '../src/templates/index.ts'

describe('learned template choice', () => {
  it.skipIf(!sharedCorporaPresent())(
    'round-trips every line, adds at most 0.5% bytes, and leaves withoutLearning() the smallest frame on every Loghub system',
    async () => {
      const wrong: string[] = []
      let [learnedBytes, alwaysBytes, choiceDiffers] = [0, 0, 0]
      const config = parseCompressorConfig(
        'name: t\nfallback: zstd_dict\nzstd_dict_path: d.bin\nzstd_dict_level: 3',
        'test.yaml',
      )
      for (const system of LOGHUB_SYSTEMS) {
        const lines = readFileSync(`${SHARED_CORPORA}loghub/${system}/${system}_2k.log`, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
        const half = lines.length >> 1
        const store = discoverTemplates(lines.slice(0, half)).store
        const dictionary = createRawContentDictionary(toByteMessages(lines.slice(0, half)), 65_536)
        const resources = { store, matcher: createMatcher(store), dictionary }
        const learned = await createHybridCompressor(config, resources)
        const seedRule = learned.withoutLearning()
        const always = await createHybridCompressor(config, resources, { learnSelection: false })
        const selectionOnly = await createHybridCompressor(config, resources, { learnChoice: false })
        toByteMessages(lines.slice(half)).forEach((message, i) => {
          const [a, s, b, o] = [
            learned.compressSync(message),
            seedRule.compressSync(message),
            always.compressSync(message),
            selectionOnly.compressSync(message),
          ]
          if (Buffer.compare(learned.decompressSync(a.bytes), message) !== 0) wrong.push(`${system} ${i}: round trip`)
          if (Buffer.compare(s.bytes, b.bytes) !== 0) wrong.push(`${system} ${i}: withoutLearning() differs`)
          const [chosen, smallest] = [
            a.metadata.candidateBytes.binary_semantic,
            o.metadata.candidateBytes.binary_semantic,
          ]
          if (chosen !== undefined && smallest !== undefined && chosen !== smallest) choiceDiffers += 1
          learnedBytes += a.bytes.length
          alwaysBytes += b.bytes.length
        })
      }
      expect(wrong).toEqual([])
      expect((learnedBytes - alwaysBytes) / alwaysBytes).toBeLessThanOrEqual(0.005)
      // not vacuous: the learned choice does send other template frames than the smallest
      expect(choiceDiffers).toBeGreaterThan(10)
    },
  )
})
