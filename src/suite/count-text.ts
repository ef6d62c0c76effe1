/**
 * Counts written as people write them: `100000000`, `100M`, `1B`, `2.5k`, `1e9`, `1_000`. One parser for
 * `cost --messages-per-day` and a suite's `cost.messages_per_day` (s33 D4: the suite took numbers only,
 * though docs/compare.md says both take the same forms).
 */

/** The value of a count's text, or undefined when it is not one (negative numbers are not counts). */
export function parseCountText(text: string): number | undefined {
  const match = /^\s*([0-9]*\.?[0-9]+)(?:e([+-]?[0-9]+))?\s*([kmb])?\s*$/i.exec(text.replace(/_/g, ''))
  if (match === null) return undefined
  const suffix = { k: 3, m: 6, b: 9 }[(match[3] ?? '').toLowerCase() as 'k' | 'm' | 'b'] ?? 0
  // the suffix joins the exponent, so 1.1k is 1100 exactly (1.1 * 1e3 is 1100.0000000000002)
  const value = Number(`${match[1]}e${Number(match[2] ?? 0) + suffix}`)
  return Number.isFinite(value) ? value : undefined
}
