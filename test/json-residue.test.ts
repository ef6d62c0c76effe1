import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeResidue, encodeResidue, learnResidueModel } from '../bench/lib/json-residue.ts'

// the residue's compression is zstd with a dictionary in the bench; here the bytes as they are
const asIs = { encode: (b: Uint8Array) => b.slice(), decode: (b: Uint8Array) => b.slice() }

const user = (login: string, id: number) =>
  JSON.stringify({
    login,
    id,
    url: `https://api.example.com/users/${login}`,
    followers_url: `https://api.example.com/users/${login}/followers`,
    html_url: `https://example.com/${login}`,
  })

describe('json residue prototype (bench/lib/json-residue.ts)', () => {
  it('leaves out the values its rules rebuild from their siblings, chained, and rebuilds them', () => {
    const model = learnResidueModel([user('ann', 1), user('bob', 2), user('cy', 3)])
    // chained: followers_url's first rule is url + a suffix (url itself is the prefix + login)
    expect(model.rules.get('followers_url')?.[0]).toEqual(['', 'url', '/followers'])
    expect(model.rules.get('url')?.[0]).toEqual(['https://api.example.com/users/', 'login', ''])
    const text = user('dorothea', 4)
    const frame = encodeResidue(model, text, asIs)
    expect(frame).toBeDefined()
    const residue = new TextDecoder().decode(frame as Uint8Array)
    // the login is sent once; url, followers_url and html_url are rule marks
    expect(residue.split('dorothea')).toHaveLength(2)
    expect(residue).not.toContain('example.com')
    expect(decodeResidue(model, frame as Uint8Array, asIs)).toBe(text)
  })

  it('sends a value its rule does not rebuild as it is, and a shape not in the table inline', () => {
    const model = learnResidueModel([user('ann', 1), user('bob', 2)])
    const moved = JSON.stringify({ login: 'eve', id: 5, url: 'https://elsewhere/eve', extra: [1, 'x', { a: null }] })
    const frame = encodeResidue(model, moved, asIs) as Uint8Array
    expect(new TextDecoder().decode(frame)).toContain('https://elsewhere/eve')
    expect(decodeResidue(model, frame, asIs)).toBe(moved)
  })

  it('gives no frame for a message it cannot rebuild (whitespace between tokens) or that is not a JSON object or array', () => {
    const model = learnResidueModel([user('ann', 1), user('bob', 2)])
    expect(encodeResidue(model, '{ "login": "ann" }', asIs)).toBeUndefined()
    expect(encodeResidue(model, '"ann"', asIs)).toBeUndefined()
    expect(encodeResidue(model, 'not json', asIs)).toBeUndefined()
  })

  it('round-trips random JSON messages: every frame it gives decodes to its message, and compact JSON always gets one', () => {
    const message = fc
      .oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), fc.array(fc.jsonValue({ maxDepth: 3 })))
      .map((value) => JSON.stringify(value))
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 12 }),
        fc.array(message, { maxLength: 6 }),
        (train, later) => {
          const model = learnResidueModel(train, { minPatternSupport: 1 })
          for (const text of [...train, ...later]) {
            const frame = encodeResidue(model, text, asIs)
            expect(frame).toBeDefined()
            expect(decodeResidue(model, frame as Uint8Array, asIs)).toBe(text)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
