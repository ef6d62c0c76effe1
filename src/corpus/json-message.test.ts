import { describe, expect, it } from 'vitest'
import { readJsonMessage } from './json-message.ts'

const fields = { textField: 'text', categoryField: 'category' }

describe('readJsonMessage categories', () => {
  it('takes a string, number or boolean as the category', () => {
    for (const category of ['api', 7, true])
      expect(readJsonMessage({ text: 'x', category }, fields)).toMatchObject({ category: String(category) })
  })

  it('refuses any other category naming every accepted kind, with the right article', () => {
    expect(readJsonMessage({ text: 'x', category: { a: 1 } }, fields)).toEqual({
      state: 'invalid',
      reason: 'category field "category" must be a string, number or boolean, found an object',
    })
    expect(readJsonMessage({ text: 'x', category: [1] }, fields)).toMatchObject({
      reason: expect.stringMatching(/found an array$/),
    })
  })
})
