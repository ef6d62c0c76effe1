/** The Pareto frontier of ratio (higher is better) against encode p95 (lower is better). */

/** A point to judge: an id, its cost (encode p95 in µs) and its ratio. */
export interface ParetoPoint {
  id: string
  costUs: number
  ratio: number
}

/** True when `a` dominates `b`: no slower, no smaller ratio, and strictly better in one of them. */
export function dominates(a: ParetoPoint, b: ParetoPoint): boolean {
  return a.costUs <= b.costUs && a.ratio >= b.ratio && (a.costUs < b.costUs || a.ratio > b.ratio)
}

/**
 * Ids of the points no other point dominates, ordered by cost (then ratio, descending). Points with
 * a non-finite cost or ratio are left out. Identical points are all on the frontier. O(n²): a
 * corpus has under a hundred entries.
 */
export function computeParetoFrontier(points: readonly ParetoPoint[]): string[] {
  const valid = points.filter((p) => Number.isFinite(p.costUs) && Number.isFinite(p.ratio))
  return valid
    .filter((p) => !valid.some((q) => dominates(q, p)))
    .sort((a, b) => a.costUs - b.costUs || b.ratio - a.ratio)
    .map((p) => p.id)
}
