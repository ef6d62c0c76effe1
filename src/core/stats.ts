/** Statistics used by the runner and reporter: percentiles, Wilson intervals, seeded randomness. */

/** Percentile by linear interpolation between closest ranks (same as numpy's default); p in [0, 100]. */
export function percentile(sortedValues: ArrayLike<number>, p: number): number {
  const n = sortedValues.length
  if (n === 0) return Number.NaN
  if (n === 1) return sortedValues[0] as number
  const rank = (p / 100) * (n - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  const a = sortedValues[lo] as number
  const b = sortedValues[hi] as number
  return a + (b - a) * (rank - lo)
}

/** Sorts a copy ascending. */
export function sortedCopy(values: readonly number[]): number[] {
  return Float64Array.from(values).sort() as unknown as number[]
}

/** Wilson score interval for a proportion, 95% by default (z = 1.96); [0, 0] for n = 0. */
export function wilsonInterval(successes: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 0 }
  const p = successes / n
  const z2 = z * z
  const denominator = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denominator
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator
  // at 0 successes the bound is exactly 0 (and at n exactly 1): centre - half leaves ~1e-19 of rounding there
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  }
}

/** Deterministic PRNG (mulberry32) for seeded samples, splits and bootstrap. Returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A shuffled copy of `items` (Fisher-Yates from the last position down), drawing from `random`: the same generator state gives the same order. */
export function shuffledCopy<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const item = out[i] as T
    out[i] = out[j] as T
    out[j] = item
  }
  return out
}
