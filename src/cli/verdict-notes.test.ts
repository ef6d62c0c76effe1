import { describe, expect, it } from 'vitest'
import type { Results, TargetResult } from '../runner/index.ts'
import { verdictNotes } from './verdict-notes.ts'

const near: TargetResult = {
  metric: 'ratio',
  label: 'Compression ratio (aggregate)',
  value: 2.42,
  pass: 3,
  near: 2,
  direction: 'min',
  status: 'near',
  gated: true,
}
const run = (config: string, targets: TargetResult[]) => ({ corpus: 'api', config, targets }) as Results['runs'][number]

describe('verdictNotes (s31 D3)', () => {
  it("lists gated NEAR targets, not ungated ones, nor those the gate's near_fails already counts", () => {
    const results = { runs: [run('team', [near]), run('other', [{ ...near, gated: false }])] }
    expect(verdictNotes(results, false)).toEqual([
      'near: Config "team" on corpus "api": Compression ratio (aggregate) (ratio) is 2.42x, NEAR (≥ 2x), not the pass threshold ≥ 3x',
    ])
    expect(verdictNotes(results, true)).toEqual([])
  })

  it('lists warn comparisons, the first ten and a count of the rest', () => {
    const metric = { metric: 'ratio', verdict: 'warn', reason: '2.42x → 2.30x (−0.120x): worse' }
    const runs = Array.from({ length: 12 }, (_, i) => ({ corpus: `c${i}`, config: 'team', metrics: [metric] }))
    const notes = verdictNotes({ runs: [], baseline: { runs } } as unknown as Results, false)
    expect(notes).toHaveLength(11)
    expect(notes[0]).toBe('warn: c0 x team: ratio against the baseline: 2.42x → 2.30x (−0.120x): worse')
    expect(notes[10]).toBe('and 2 more warn comparisons in report.md')
  })
})
