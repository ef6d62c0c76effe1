/**
 * An exact sum of doubles (Shewchuk's non-overlapping partials, the algorithm behind Python's
 * math.fsum). A plain `+=` rounds at every step, so a sum taken in another order (shards merged,
 * workers interleaved) can differ in the last bits; the partials hold the sum without any rounding,
 * so adding in any order and merging in any grouping give the same partials' value, and
 * `roundExactSum` returns that value correctly rounded: the same double for every split of a corpus.
 * Finite inputs only (a per-message ratio is finite or Infinity; Infinity is kept aside).
 */

/** An exact running sum: non-overlapping partials in increasing magnitude, plus infinities counted apart. */
export interface ExactSum {
  partials: number[]
  /** sum of the infinite terms (Infinity, -Infinity or NaN when both), 0 when none */
  special: number
}

/** A zero sum. */
export function createExactSum(): ExactSum {
  return { partials: [], special: 0 }
}

/** Adds `value` to the sum exactly (in place). */
export function addExact(sum: ExactSum, value: number): void {
  if (!Number.isFinite(value)) {
    sum.special += value
    return
  }
  const partials = sum.partials
  let x = value
  let kept = 0
  for (let i = 0; i < partials.length; i++) {
    let y = partials[i] as number
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x]
    const high = x + y
    const low = y - (high - x)
    if (low !== 0) partials[kept++] = low
    x = high
  }
  partials.length = kept
  partials.push(x)
}

/** A new exact sum of both (neither is changed). */
export function mergeExact(a: ExactSum, b: ExactSum): ExactSum {
  const merged: ExactSum = { partials: [...a.partials], special: a.special + b.special }
  for (const value of b.partials) addExact(merged, value)
  return merged
}

/** The exact sum rounded once to the nearest double (ties to even), as math.fsum does. */
export function roundExactSum(sum: ExactSum): number {
  if (sum.special !== 0 || Number.isNaN(sum.special)) return sum.special
  const partials = sum.partials
  let n = partials.length
  if (n === 0) return 0
  let high = partials[--n] as number
  let low = 0
  while (n > 0) {
    const x = high
    const y = partials[--n] as number
    high = x + y
    const yr = high - x
    low = y - yr
    if (low !== 0) break
  }
  // half-way case: the rounding above went to even, but the rest of the partials say which way
  if (n > 0 && ((low < 0 && (partials[n - 1] as number) < 0) || (low > 0 && (partials[n - 1] as number) > 0))) {
    const y = low * 2
    const x = high + y
    if (y === x - high) high = x
  }
  return high
}
