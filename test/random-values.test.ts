import { describe, expect, it } from 'vitest'
import { countRandomValues, floorBytes, knownText } from '../bench/lib/random-values.ts'

const SHA_A = 'aaaaaaaa0123456789abcdef0123456789abcdef'
const SHA_B = '5c1f0e9d8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d'
const SHA_C = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432'
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'
const UUID_V4 = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
const UUID_V1 = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'

const nothingKnown = knownText([])

describe('countRandomValues', () => {
  it('counts a new 40-hex id once per message, however often it repeats (a URL holding it included)', () => {
    const message = JSON.stringify({
      head: SHA_A,
      url: `https://api.github.com/repos/o/r/commits/${SHA_A}`,
      again: SHA_A,
    })
    const count = countRandomValues(message, nothingKnown)
    expect(count.counted).toEqual([{ value: SHA_A, className: '40-hex', bits: 160 }])
  })

  it('leaves out an id that occurs in the training side', () => {
    const count = countRandomValues(JSON.stringify({ head: SHA_A, base: SHA_B }), knownText([`{"sha":"${SHA_B}"}`]))
    expect(count.counted.map((c) => c.value)).toEqual([SHA_A])
    expect(count.inTraining).toBe(1)
    expect(count.newWholeBits).toBe(160)
  })

  it("leaves out a commit's own id (its tree, parents and message are there to hash) but counts the ids it references", () => {
    const commit = {
      sha: SHA_A,
      url: `https://x/commits/${SHA_A}`,
      commit: { message: 'fix', tree: { sha: SHA_B, url: `https://x/trees/${SHA_B}` }, url: `https://x/git/${SHA_A}` },
      parents: [{ sha: SHA_C }],
    }
    const count = countRandomValues(JSON.stringify(commit), nothingKnown)
    expect(count.counted.map((c) => c.value).sort()).toEqual([SHA_B, SHA_C].sort())
    expect(count.contentObject).toBe(1)
    expect(count.newWholeBits).toBe(3 * 160)
  })

  it("leaves out git's empty tree and a 32-hex MD5 (gravatar id), counts a UUID v4 (122 bits) but not a v1", () => {
    const message = JSON.stringify({
      tree: EMPTY_TREE,
      gravatar_id: 'c5a7f21b46df698f3db31c37ed0cf55a',
      a: UUID_V4,
      b: UUID_V1,
    })
    const count = countRandomValues(JSON.stringify({ wrap: message, x: [EMPTY_TREE, UUID_V4, UUID_V1] }), nothingKnown)
    expect(count.counted).toEqual([{ value: UUID_V4, className: 'UUID v4', bits: 122 }])
    expect(count.wellKnown).toBe(1)
  })

  it('counts nothing of the characters an abbreviated id in the training side tells', () => {
    // the training side holds the id's first 12 hex digits (an abbreviation): 12 of its 40 digits are known
    const count = countRandomValues(JSON.stringify({ head: SHA_B }), knownText([`merged ${SHA_B.slice(0, 12)} today`]))
    expect(count.counted).toEqual([{ value: SHA_B, className: '40-hex', bits: 4 * 28 }])
  })

  it('does not take hex runs shorter than 8 digits, nor 40-hex inside a longer word, as knowledge or tokens', () => {
    const count = countRandomValues(JSON.stringify({ head: SHA_B, w: `x${SHA_C}` }), knownText([SHA_B.slice(0, 7)]))
    expect(count.counted).toEqual([{ value: SHA_B, className: '40-hex', bits: 160 }])
  })

  it('counts nothing in a message that is not JSON', () => {
    expect(countRandomValues(`not json ${SHA_A}`, nothingKnown).counted).toEqual([])
  })
})

describe('floorBytes', () => {
  it('is bits / 8 - 1, never negative', () => {
    expect(floorBytes(160)).toBe(19)
    expect(floorBytes(4)).toBe(0)
    expect(floorBytes(0)).toBe(0)
  })

  it('is at most the average length of the best one-to-one byte code for a uniform value (shortest strings first)', () => {
    for (const bits of [1, 7, 8, 9, 15, 16, 17, 24, 31, 40]) {
      let left = 2 ** bits
      let total = 0
      for (let length = 0; left > 0; length++) {
        const strings = Math.min(left, 256 ** length)
        total += strings * length
        left -= strings
      }
      expect(floorBytes(bits)).toBeLessThanOrEqual(total / 2 ** bits)
    }
  })
})
