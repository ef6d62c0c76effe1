/**
 * Whole-corpus ratios of entries whose size pass stopped at its budget, by ratio estimation.
 *
 * A budget-cut entry measured the first n messages of the corpus's seeded order: a uniform sample,
 * but a few large messages carry much of a corpus's bytes (80 KB order books among 200-byte ticks),
 * so its ratio over 60 messages can be far from its ratio over all of them. A reference entry that
 * measured every message saw the same first n, so its bytes on them and on all messages give the
 * scale (the classical ratio estimator with an auxiliary variable):
 *   estimated bytes = entry's bytes on the sample × reference's bytes on all / reference's bytes on the sample.
 * The reference is a complete entry of the same family at the highest level that covered everything,
 * and only of the same family: another family's bytes on the sample need not scale like this one's,
 * and the report says "the highest level of the same family". With no such entry (every Brotli entry
 * cut by the budget on a loaded machine) the entry keeps its sample's own ratio, and the report says
 * it is unscaled.
 */
import type { EntryFamily, EntryResult } from './types.ts'

/** Families whose budget-cut entries are scaled: per-message ones (stateful entries replay whole connections). */
const SCALED_FAMILIES: ReadonlySet<EntryFamily> = new Set(['brotli', 'zstd', 'zstd_dict', 'deflate', 'hybrid'])

/** The reference for an entry: a complete per-message entry of its own family that measured every message, highest level first. */
export function chooseReference(
  entry: EntryResult,
  entries: readonly EntryResult[],
  frameSizes: ReadonlyMap<string, readonly number[]>,
): EntryResult | undefined {
  if (!SCALED_FAMILIES.has(entry.spec.family)) return undefined
  const candidates = entries.filter(
    (e) =>
      e.spec.family === entry.spec.family &&
      e.spec.kind === 'per-message' &&
      e.state === 'complete' &&
      e.sizes.coverage === 'all' &&
      frameSizes.get(e.spec.id)?.length === e.sizes.heldOutMessages,
  )
  candidates.sort((a, b) => (b.spec.level ?? 0) - (a.spec.level ?? 0))
  return candidates[0]
}

/** Replaces the ratio and savings of budget-cut per-message entries by their estimate; keeps the sample's own ratio as `sampleRatio`. */
export function estimateSampledRatios(
  entries: readonly EntryResult[],
  frameSizes: ReadonlyMap<string, readonly number[]>,
  heldOutBytes: number,
): EntryResult[] {
  return entries.map((entry) => {
    const sizes = frameSizes.get(entry.spec.id)
    if (
      entry.sizes.coverage !== 'sample' ||
      entry.spec.kind !== 'per-message' ||
      entry.state !== 'complete' ||
      sizes?.length !== entry.sizes.messages
    )
      return entry
    const reference = chooseReference(entry, entries, frameSizes)
    const referenceSizes = reference === undefined ? undefined : frameSizes.get(reference.spec.id)
    if (reference === undefined || referenceSizes === undefined) return entry
    let referenceSampleBytes = 0
    for (let i = 0; i < entry.sizes.messages; i++) referenceSampleBytes += referenceSizes[i] ?? 0
    if (referenceSampleBytes === 0 || entry.sizes.compressedBytes === 0) return entry
    const estimatedBytes = (entry.sizes.compressedBytes * reference.sizes.compressedBytes) / referenceSampleBytes
    return {
      ...entry,
      sizes: {
        ...entry.sizes,
        sampleRatio: entry.sizes.ratio,
        ratio: heldOutBytes / estimatedBytes,
        savings: 1 - estimatedBytes / heldOutBytes,
        estimatedFrom: reference.spec.label,
      },
    }
  })
}
