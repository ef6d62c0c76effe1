// The learned selection short-cut (src/hybrid/selection-learning.ts) skips the fallback for templates
// that reliably beat it. On the shared corpora, as a user runs them (a store discovered from the first
// half of whole log lines, zstd_dict fallback), it must never send a frame larger than the seed's rule
// (compare with the fallback on every message) sends, and it must actually skip calls.
import { describe, expect, it } from 'vitest'
import { LOGHUB_SYSTEMS, sharedCorporaPresent } from './harness/corpus-fixtures.ts'
import { loghubUserSetup } from './harness/loghub-user-setup.ts'
import { createHybridCompressor, createMatcher, parseCompressorConfig } from '../src/index.ts'

describe('learned selection short-cut', () => {
  it.skipIf(!sharedCorporaPresent())(
    'never sends a larger frame than comparing every message at level 3 on every Loghub system; at level 19 a few, bounded',
    async () => {
      let skipped = 0
      let compared = 0
      // Proxifier's templates beat the fallback by less (median 1.31x): the short-cut must engage there too
      let proxifierSkipped = 0
      let proxifierCompared = 0
      const larger: string[] = []
      const larger19: string[] = []
      let [larger19Bytes, total19Bytes] = [0, 0]
      for (const system of LOGHUB_SYSTEMS) {
        const { heldOut, store, dictionary } = loghubUserSetup(system)
        for (const level of [3, 19]) {
          const config = parseCompressorConfig(
            `name: t\nfallback: zstd_dict\nzstd_dict_path: d.bin\nzstd_dict_level: ${level}`,
            'test.yaml',
          )
          const resources = { store, matcher: createMatcher(store), dictionary }
          // the selection short-cut alone: the learned template choice (test/learned-choice.test.ts) may send a
          // template frame a few bytes larger than the smallest, which this test does not allow
          const learned = await createHybridCompressor(config, resources, { learnChoice: false })
          const always = await createHybridCompressor(config, resources, { learnSelection: false })
          for (const message of heldOut) {
            const [a, b] = [learned.compressSync(message), always.compressSync(message)]
            if (level === 19) {
              larger19Bytes += a.bytes.length - b.bytes.length
              total19Bytes += b.bytes.length
              if (a.bytes.length > b.bytes.length) larger19.push(`${system}: ${a.bytes.length} > ${b.bytes.length}`)
            } else if (a.bytes.length > b.bytes.length)
              larger.push(`${system} L${level}: ${a.bytes.length} > ${b.bytes.length}`)
            if (Buffer.compare(learned.decompressSync(a.bytes), message) !== 0)
              larger.push(`${system} L${level}: round trip differs`)
            if (b.metadata.candidateBytes.zstd_dict !== undefined) {
              compared += 1
              const skip = a.metadata.candidateBytes.zstd_dict === undefined
              if (skip) skipped += 1
              if (system === 'Proxifier') {
                proxifierCompared += 1
                if (skip) proxifierSkipped += 1
              }
            }
          }
        }
      }
      expect(larger).toEqual([])
      // level 19 (not the goal's config): the margin, chosen at level 3, lets a skipped comparison send a
      // frame larger than the fallback's where the fallback's frame happens to be unusually small; on the
      // shared corpora 2 frames, both Proxifier's, 0.008% of its bytes (docs/history/speed-rounds.md round 14). Bounded
      // here so that a change making it worse fails.
      expect(larger19.length).toBeLessThanOrEqual(2)
      expect(larger19Bytes / total19Bytes).toBeLessThan(0.0002)
      // not vacuous: most comparisons of templates that always win are skipped
      expect(skipped / compared).toBeGreaterThan(0.3)
      expect(proxifierSkipped / proxifierCompared).toBeGreaterThan(0.2)
    },
  )
})
