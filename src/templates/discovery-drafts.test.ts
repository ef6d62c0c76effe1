/** selectDrafts's cap count (round 38): discover names --max-templates only when the cap left a usable template out. */
import { describe, expect, it } from 'vitest'
import { type Draft, selectDrafts } from './discovery-drafts.ts'

const draft = (pattern: string, support: number, keep = false): Draft => ({
  pattern,
  slots: pattern.includes('{0}') ? [{ type: 'string' }] : [],
  event: 0,
  support,
  firstIndex: 0,
  keep,
})

describe('selectDrafts', () => {
  it('keeps the most supported drafts up to the cap and counts the tight ones left out, not fallbacks or repeats', () => {
    const drafts = [
      draft('alpha {0}', 50),
      draft('beta {0}', 30),
      draft('{0}', 30, true), // a fallback past the cap: its messages have their tight template
      draft('gamma {0}', 20),
      draft('beta {0}', 10), // a repeated pattern
      draft('delta {0}', 1), // below min-support
    ]
    const { kept, capped } = selectDrafts(drafts, undefined, 2, 1)
    expect(kept.map((d) => d.pattern)).toEqual(['alpha {0}'])
    expect(capped).toEqual({ drafts: 2, messages: 50 })
    expect(selectDrafts(drafts, undefined, 2, 10).capped).toEqual({ drafts: 0, messages: 0 })
  })
})
