import { describe, expect, it } from 'vitest'
import { formatKib } from './plan.ts'

describe('formatKib (dictionary sizes in entry labels)', () => {
  it('labels sizes that are no whole tenth of a KiB in bytes, so 4 and 4.01 KiB are two labels', () => {
    expect([4096, 4106, 112640, 512, 1048576].map(formatKib)).toEqual(['4K', '4106B', '110K', '0.5K', '1024K'])
  })
})
