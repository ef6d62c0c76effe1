import { describe, expect, it } from 'vitest'
import { formatWholePercents } from './format.ts'

describe('method distribution percents', () => {
  it('sums to 100 where rounding each share alone would show 101%', () => {
    // 50.5% / 24.5% / 25%: each rounded on its own shows 51% + 25% + 25% = 101%
    const shown = formatWholePercents([505, 245, 250])
    expect(shown).toEqual(['51%', '24%', '25%'])
    expect(shown.reduce((a, s) => a + Number.parseInt(s, 10), 0)).toBe(100)
  })

  it('sums to 100 where rounding alone would show 99%', () => {
    const shown = formatWholePercents([1, 1, 1])
    expect(shown.reduce((a, s) => a + Number.parseInt(s, 10), 0)).toBe(100)
    expect(shown).toEqual(['34%', '33%', '33%'])
  })

  it('never shows a method that was chosen as 0%, nor the others as 100%', () => {
    expect(formatWholePercents([1000, 1])).toEqual(['>99%', '<1%'])
    expect(formatWholePercents([995, 3, 2])).toEqual(['>99%', '<1%', '<1%'])
    expect(formatWholePercents([7, 0])).toEqual(['100%', '0%'])
    expect(formatWholePercents([0, 5])).toEqual(['0%', '100%'])
    expect(formatWholePercents([])).toEqual([])
  })
})
