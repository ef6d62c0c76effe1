import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeParetoFrontier, dominates, type ParetoPoint } from './pareto.ts'
import { markPareto } from './run-comparison.ts'
import { createFixtureCorpusComparison } from './test-fixtures.ts'

describe('computeParetoFrontier', () => {
  it('keeps the points nothing beats on both axes, cheapest first', () => {
    const points: ParetoPoint[] = [
      { id: 'fast-small', costUs: 5, ratio: 1.3 },
      { id: 'dominated', costUs: 30, ratio: 1.2 },
      { id: 'mid', costUs: 20, ratio: 1.8 },
      { id: 'same-cost-smaller-ratio', costUs: 60, ratio: 1.3 },
      { id: 'best', costUs: 60, ratio: 1.9 },
      { id: 'slow-not-better', costUs: 3000, ratio: 1.6 },
      { id: 'unmeasured', costUs: Number.NaN, ratio: 9 },
    ]
    expect(computeParetoFrontier(points)).toEqual(['fast-small', 'mid', 'best'])
  })

  it('keeps identical points together and an empty input empty', () => {
    expect(
      computeParetoFrontier([
        { id: 'a', costUs: 1, ratio: 2 },
        { id: 'b', costUs: 1, ratio: 2 },
      ]),
    ).toEqual(['a', 'b'])
    expect(computeParetoFrontier([])).toEqual([])
  })

  it('property: no frontier point is dominated, and every other point is dominated by a frontier point', () => {
    const point = fc.record({ costUs: fc.integer({ min: 1, max: 50 }), ratio: fc.integer({ min: 1, max: 20 }) })
    fc.assert(
      fc.property(fc.array(point, { maxLength: 30 }), (raw) => {
        const points = raw.map((p, i) => ({ id: `p${i}`, ...p }))
        const frontier = new Set(computeParetoFrontier(points))
        for (const p of points) {
          if (frontier.has(p.id)) expect(points.some((q) => dominates(q, p))).toBe(false)
          else expect(points.some((q) => frontier.has(q.id) && dominates(q, p))).toBe(true)
        }
      }),
      { seed: 42, numRuns: 200 },
    )
  })
})

describe('markPareto', () => {
  it('marks the per-message frontier among complete, byte-exact entries only', () => {
    const marked = markPareto(createFixtureCorpusComparison().entries)
    // deflate L9 (3x at 10 µs) would dominate most entries, but a round trip failed; pmd is stateful
    expect(marked.filter((e) => e.pareto).map((e) => e.spec.label)).toEqual([
      'zstd_napi L3',
      'zstd_dict 64K L3',
      'zstd_dict 64K L19',
    ])
  })
})
