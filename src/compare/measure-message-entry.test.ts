import { describe, expect, it } from 'vitest'
import { isOverBudget, takeWithinBudget } from './measure-message-entry.ts'

describe('isOverBudget', () => {
  it('stops a slow pass at the budget, lets a pass on course to finish within four budgets run, and keeps the minimum', () => {
    // 100 ms budget: 10 of 1000 done after 101 ms projects 10 s: stop
    expect(isOverBudget(101, 10, 1000, 100, 5)).toBe(true)
    // 300 of 1000 done after 101 ms projects 337 ms, under 400: go on
    expect(isOverBudget(101, 300, 1000, 100, 5)).toBe(false)
    expect(isOverBudget(99, 1, 1000, 100, 5)).toBe(false)
    expect(isOverBudget(5000, 4, 1000, 100, 5)).toBe(false)
  })
})

describe('takeWithinBudget', () => {
  it('takes everything from a fast pass and a prefix of at least the minimum from a slow one', () => {
    const items = Array.from({ length: 100 }, (_, i) => i)
    let fastClock = 0
    expect([...takeWithinBudget(items, 10, 3, () => (fastClock += 0.01))]).toHaveLength(100)
    let slowClock = 0
    const slow = [...takeWithinBudget(items, 10, 3, () => (slowClock += 2))]
    expect(slow).toEqual(items.slice(0, slow.length))
    expect(slow.length).toBeGreaterThanOrEqual(3)
    expect(slow.length).toBeLessThan(10)
  })
})
