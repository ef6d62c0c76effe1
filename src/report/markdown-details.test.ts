import { describe, expect, it } from 'vitest'
import { naturalOrder, renderCategories } from './markdown-details.ts'
import { createFixtureResults } from './test-fixtures.ts'

describe('renderCategories: natural order (s30)', () => {
  it('sorts E1, E2, E10, E11 (it printed E1, E10, E11, E2), whole or cut to the largest', () => {
    const results = createFixtureResults()
    const run = results.runs[0]
    const template = run === undefined ? undefined : Object.values(run.categories)[0]
    if (run === undefined || template === undefined) throw new Error('fixture has a run with categories')
    run.categories = Object.fromEntries(
      ['E11', 'E2', 'E10', 'E1'].map((name, i) => [name, { ...template, messages: i + 1 }]),
    )
    const order = (text: string) => [...text.matchAll(/^\| (E\d+) \|/gm)].map((m) => m[1])
    expect(order(renderCategories([run]))).toEqual(['E1', 'E2', 'E10', 'E11'])
    // cut to the 3 largest (E1 has 4 messages, E10 3, E2 2), then in natural order
    expect(order(renderCategories([run], 3))).toEqual(['E1', 'E2', 'E10'])
    expect(['b', 'a10', 'a9', 'A1'].sort(naturalOrder)).toEqual(['A1', 'a9', 'a10', 'b'])
  })
})
