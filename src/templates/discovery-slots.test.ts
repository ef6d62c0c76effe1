import { describe, expect, it } from 'vitest'
import { inferSlotSpec } from './discovery-slots.ts'

describe('inferSlotSpec', () => {
  it('lists enum values by descending count, ties in first-seen order', () => {
    const values = ['gamma', 'alpha', 'beta', 'delta', 'alpha', 'beta', 'alpha', 'beta', 'gamma', 'delta', 'beta', 'alpha', 'alpha', 'beta', 'epsilon', 'epsilon', 'epsilon']
    expect(inferSlotSpec(values, false)).toEqual({ type: 'enum', values: ['alpha', 'beta', 'epsilon', 'gamma', 'delta'], other: 'auto' })
  })
})
