import { describe, expect, it, vi } from 'vitest'
import { createMatcher, parseTemplateStore } from './index.ts'
import { matchWithoutIndex } from './matcher.ts'
import { MissingLiterals } from './missing-literals.ts'

/** A message that counts its indexOf calls. */
function counted(text: string): { message: string; calls: () => number } {
  let calls = 0
  const message = Object.assign(Object.create(String.prototype) as object, {
    indexOf: (literal: string, from: number) => {
      calls += 1
      return text.indexOf(literal, from)
    },
  }) as unknown as string
  return { message, calls: () => calls }
}

describe('missing literals looked up once a message', () => {
  it('searches a (literal, from) pair once per message, again for the next message', () => {
    const missed = new MissingLiterals()
    const lifetime = missed.idOf('lifetime <', 1)
    expect(missed.idOf('lifetime <', 1)).toBe(lifetime)
    expect(missed.idOf('lifetime <', 2)).not.toBe(lifetime)
    for (let i = 0; i < 40; i++) missed.idOf(`word${i}`, 0) // past the first arrays' size
    const first = counted('[a] close, lifetime 00:30')
    missed.begin()
    expect(missed.lacks(lifetime, first.message, 'lifetime <', 1)).toBe(true)
    expect(missed.lacks(lifetime, first.message, 'lifetime <', 1)).toBe(true)
    expect(first.calls()).toBe(1)
    const second = counted('[a] close, lifetime <1 sec')
    missed.begin()
    expect(missed.lacks(lifetime, second.message, 'lifetime <', 1)).toBe(false)
    expect(second.calls()).toBe(1)
  })

  it('a template whose missing literal alternates numbers each literal once, not at each change', () => {
    const store = parseTemplateStore(
      {
        format: 'aura-template-store',
        version: 1,
        name: 's',
        templates: [{ id: 1, pattern: '[{0}] {1} close, {2} bytes {3} sent' }],
      },
      's.json',
    )
    const matcher = createMatcher(store)
    // the words all there (the index passes the template on), ' close, ' missing from one, ' bytes ' from the other
    const lines = ['[a] close b; 1 bytes x sent', '[a] b close, 1 bytes; x sent']
    const idOf = vi.spyOn(MissingLiterals.prototype, 'idOf')
    try {
      for (let i = 0; i < 20; i++) {
        const line = lines[i % 2] as string
        expect(matcher.match(line)).toEqual(matchWithoutIndex(store, line))
        expect(matcher.match(line)).toEqual([])
      }
      expect(idOf).toHaveBeenCalledTimes(2)
    } finally {
      idOf.mockRestore()
    }
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
