/** The JSON residue model's learner (templates/json-residue.ts): the bounds of its pattern search (review of s35-json). */
import { describe, expect, it } from 'vitest'
import { JsonResidueLearner } from './json-residue.ts'

function rulesOf(messages: readonly unknown[]): Map<string, readonly (readonly string[])[]> {
  const learner = new JsonResidueLearner()
  for (const m of messages) learner.add(JSON.stringify(m))
  return new Map(learner.finish()?.rules ?? [])
}

describe('JsonResidueLearner pattern search bounds', () => {
  it('learns a value made of a sibling of two characters or more', () => {
    const rules = rulesOf([
      { id: 'ab', url: 'x/ab' },
      { id: 'cd', url: 'x/cd' },
    ])
    expect(rules.get('url')).toEqual([['x/', 'id', '']])
  })

  it('a one-character sibling (0, 1, true-like flags) is no source: nothing learnt from it', () => {
    const rules = rulesOf([
      { n: 1, flag: 'a', url: 'x/1/a' },
      { n: 2, flag: 'b', url: 'x/2/b' },
    ])
    expect(rules.get('url')).toBeUndefined()
  })

  it('a value over 1 KB is not searched', () => {
    const long = (id: string): string => `${'y'.repeat(1100)}/${id}`
    const rules = rulesOf([
      { id: 'ab', text: long('ab') },
      { id: 'cd', text: long('cd') },
    ])
    expect(rules.get('text')).toBeUndefined()
    // the same just under the bound is learnt
    const short = (id: string): string => `${'y'.repeat(1000)}/${id}`
    expect(
      rulesOf([
        { id: 'ab', text: short('ab') },
        { id: 'cd', text: short('cd') },
      ]).get('text'),
    ).toEqual([[`${'y'.repeat(1000)}/`, 'id', '']])
  })
})
