import { describe, expect, it } from 'vitest'
import { perMessageWireName, statefulWireName } from '../wire/configs.ts'
import { formatKib, hybridLabel } from './plan.ts'

describe('formatKib (dictionary sizes in entry labels)', () => {
  it('labels sizes that are no whole tenth of a KiB in bytes, so 4 and 4.01 KiB are two labels', () => {
    expect([4096, 4106, 112640, 512, 1048576].map(formatKib)).toEqual(['4K', '4106B', '110K', '0.5K', '1024K'])
  })
})

// s41-trial D3: a config named `hybrid` read "hybrid hybrid" in compare's findings, tables and replay's rows
describe('hybridLabel', () => {
  it('prefixes `hybrid` unless the config name already begins with that word', () => {
    expect(hybridLabel('dict-only')).toBe('hybrid dict-only')
    expect(hybridLabel('hybrid')).toBe('hybrid')
    expect(hybridLabel('hybrid-file')).toBe('hybrid-file')
    expect(hybridLabel('Hybrid_v2')).toBe('Hybrid_v2')
    expect(hybridLabel('hybridish')).toBe('hybrid hybridish')
    expect(perMessageWireName('hybrid')).toBe('hybrid')
    expect(statefulWireName('hybrid')).toBe('hybrid (stateful)')
  })
})
