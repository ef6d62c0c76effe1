import { describe, expect, it } from 'vitest'
import { chooseReference, estimateSampledRatios } from './estimate.ts'
import { createFixtureEntry } from './test-fixtures.ts'
import type { EntryResult } from './types.ts'

/** An entry that measured `frameSizes.length` of `heldOut` messages with these frame lengths (original bytes 100 each). */
function measured(label: string, frameSizes: number[], heldOut: number, level: number): EntryResult {
  const base = createFixtureEntry(label, 1, 10, { level })
  const compressedBytes = frameSizes.reduce((a, b) => a + b, 0)
  const originalBytes = frameSizes.length * 100
  return {
    ...base,
    sizes: {
      ...base.sizes,
      messages: frameSizes.length,
      heldOutMessages: heldOut,
      coverage: frameSizes.length === heldOut ? 'all' : 'sample',
      originalBytes,
      compressedBytes,
      ratio: originalBytes / compressedBytes,
    },
  }
}

describe('estimateSampledRatios', () => {
  // four held-out messages of 100 bytes each; the last one compresses far better for everyone
  const reference = measured('brotli_native q9', [50, 50, 50, 10], 4, 9)
  const sampled = measured('brotli q11', [40, 40], 4, 11)
  const frames = new Map<string, readonly number[]>([
    [reference.spec.id, [50, 50, 50, 10]],
    [sampled.spec.id, [40, 40]],
  ])

  it('scales the sample bytes by the reference: 80 × 160 / 100 = 128 bytes for 400, so 3.125x', () => {
    const [, estimated] = estimateSampledRatios([reference, sampled], frames, 400)
    expect(estimated?.sizes.sampleRatio).toBeCloseTo(200 / 80, 12)
    expect(estimated?.sizes.ratio).toBeCloseTo(400 / 128, 12)
    expect(estimated?.sizes.savings).toBeCloseTo(1 - 128 / 400, 12)
    expect(estimated?.sizes.estimatedFrom).toBe('brotli_native q9')
  })

  it('leaves complete-coverage entries alone, and sampled ones without a reference', () => {
    const [same] = estimateSampledRatios([reference], frames, 400)
    expect(same).toBe(reference)
    const lonely = estimateSampledRatios([sampled], frames, 400)[0]
    expect(lonely?.sizes.ratio).toBe(sampled.sizes.ratio)
    expect(lonely?.sizes.estimatedFrom).toBeUndefined()
  })

  it('takes the highest level of the same family that measured everything, never another family', () => {
    const lower = measured('brotli_native q3', [60, 60, 60, 20], 4, 3)
    const zstd = measured('zstd_napi L19', [55, 55, 55, 15], 4, 19)
    const more = new Map(frames)
    more.set(lower.spec.id, [60, 60, 60, 20])
    more.set(zstd.spec.id, [55, 55, 55, 15])
    expect(chooseReference(sampled, [lower, zstd, reference, sampled], more)?.spec.label).toBe('brotli_native q9')
    // every Brotli entry cut by the budget: no Zstandard stand-in, the sample's own ratio stays (unscaled)
    expect(chooseReference(sampled, [zstd, sampled], more)).toBeUndefined()
    const unscaled = estimateSampledRatios([zstd, sampled], more, 400)[1]
    expect(unscaled?.sizes.ratio).toBe(sampled.sizes.ratio)
    expect(unscaled?.sizes.estimatedFrom).toBeUndefined()
  })
})
