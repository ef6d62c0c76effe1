import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { createMatcher, parseTemplateStore } from './index.ts'
import { LiteralPlaces } from './literal-places.ts'
import { matchWithoutIndex } from './matcher.ts'

describe('literal places kept for the message being matched', () => {
  it('answers every search as indexOf, across messages, and spares searches', () => {
    const unit = fc.constantFrom('a', 'b', ' ', ',')
    const text = (min: number, max: number) => fc.array(unit, { minLength: min, maxLength: max }).map((u) => u.join(''))
    let spared = 0
    let asked = 0
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text(0, 24), fc.array(fc.tuple(fc.nat(3), fc.nat(26)), { maxLength: 30 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(text(0, 3), { minLength: 4, maxLength: 4 }),
        (messages, literals) => {
          const places = new LiteralPlaces()
          const ids = literals.map((literal) => places.idOf(literal))
          for (const [message, searches] of messages) {
            places.begin()
            for (const [k, from] of searches) {
              const literal = literals[k] as string
              const search = vi.spyOn(String.prototype, 'indexOf')
              const calls = search.mock.calls.length
              let answer: number
              try {
                answer = places.indexOf(ids[k] as number, message, literal, from)
                if (literal.length > 1) {
                  asked += 1
                  if (search.mock.calls.length === calls) spared += 1
                }
              } finally {
                search.mockRestore()
              }
              expect(answer).toBe(message.indexOf(literal, from))
            }
          }
        },
      ),
      { numRuns: 800, seed: 38 },
    )
    // the answers above are exact; the same searches often come again from between a search's start and place
    expect(spared).toBeGreaterThan(asked / 10)
  })

  it('gives one literal one number, however many templates have it', () => {
    const places = new LiteralPlaces()
    const close = places.idOf(' close, ')
    for (let i = 0; i < 40; i++) places.idOf(`word${i}`) // past the first arrays' size
    expect(places.idOf(' close, ')).toBe(close)
    places.begin()
    expect(places.indexOf(close, '[a] b close, 1', ' close, ', 1)).toBe(5)
    expect(places.indexOf(places.idOf('word39'), 'x word39', 'word39', 0)).toBe(2)
  })

  it('a matcher refusing twins for a missing literal on one line still matches the next line that has it', () => {
    const patterns = [
      '[{0}] {1} close, {2} bytes sent, lifetime <{3} sec',
      '[{0}] {1} {2} close, {3} bytes sent, lifetime <{4} sec',
      '[{0}] {1} close, {2} bytes sent, lifetime {3}:{4}',
      '[{0}] {1} {2} close, {3} bytes sent, lifetime {4}:{5}',
    ]
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 's',
        templates: patterns.map((pattern, i) => ({ id: i + 1, pattern })),
      },
      's.json',
    )
    const matcher = createMatcher(store)
    const lines = [
      '[10.30 16:49:06] chrome.exe close, 1190 bytes sent, lifetime 00:30',
      '[10.30] a b close, 1 bytes sent, lifetime <1 sec',
    ]
    // the methods of one matcher in turn, each call on the other line than the call before (period 6: every
    // method meets each line right after the other one), against a fresh matcher's (nothing kept)
    const ids = (matches: readonly { readonly template: { readonly id: number } }[]) =>
      matches.map((m) => m.template.id)
    const eachSpecific = (m: ReturnType<typeof createMatcher>, line: string): number[] => {
      const taken: number[] = []
      m.matchEachSpecific(line, undefined, () => 2, { refuses: () => false, take: (x) => taken.push(x.template.id) })
      return taken
    }
    const methods = [
      (m: ReturnType<typeof createMatcher>, line: string) => m.match(line).map((x) => [x.template.id, x.values]),
      (m: ReturnType<typeof createMatcher>, line: string) => ids(m.matchSpecific(line, undefined, () => 2)),
      eachSpecific,
    ]
    for (let i = 0; i < 24; i++) {
      const line = lines[i % 2] as string
      const method = methods[i % 3] as (m: ReturnType<typeof createMatcher>, line: string) => unknown[]
      const expected = method(createMatcher(store), line)
      expect(expected.length).toBeGreaterThan(0)
      expect(method(matcher, line)).toEqual(expected)
    }
    expect(matcher.match(lines[1] as string).map((m) => m.template.id)).toEqual(
      matchWithoutIndex(store, lines[1] as string).map((m) => m.template.id),
    )
  })
})
