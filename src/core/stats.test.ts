import { describe, expect, it } from 'vitest'
import { wilsonInterval } from './stats.ts'

describe('wilsonInterval', () => {
  it('is exactly [0, ...] at no successes and [..., 1] at all, for any n (rounding left ~1e-19 at n = 1000)', () => {
    for (const n of [1, 25, 300, 1000, 4000, 12345]) {
      expect(wilsonInterval(0, n).low).toBe(0)
      expect(wilsonInterval(n, n).high).toBe(1)
    }
  })

  it('gives the textbook interval in between (1 of 10: 0.0179 to 0.4042)', () => {
    const { low, high } = wilsonInterval(1, 10)
    expect(low).toBeCloseTo(0.0179, 4)
    expect(high).toBeCloseTo(0.4042, 4)
  })
})
