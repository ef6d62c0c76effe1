/**
 * bracketedFields finds every bracket's partner in one pass (s41-rev1 F2: the scan from each opening bracket
 * to the line's end was quadratic, 45 s on a 64 KB line of unclosed brackets). The property compares it with
 * that scan, kept here as the reference, on random texts of brackets, braces, quotes, spaces and letters.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bracketedFields } from './discovery-tokens.ts'

const DELIMITER = /[\s|,;=[\](){}<>"':]/u
const edge = (ch: string | undefined): boolean => ch === undefined || (ch !== '"' && DELIMITER.test(ch))

function referenceClose(message: string, at: number): number {
  const stack: string[] = []
  for (let end = at; end < message.length; end++) {
    const ch = message[end] as string
    if (ch === '(') stack.push(')')
    else if (ch === '[') stack.push(']')
    else if (ch === ')' || ch === ']') {
      if (stack.pop() !== ch) return -1
      if (stack.length === 0) return end
    } else if ('{}"'.includes(ch)) return -1
  }
  return -1
}

function referenceFields(message: string): [number, number][] {
  const fields: [number, number][] = []
  for (let at = 0; at < message.length; at++) {
    const open = message[at]
    if ((open !== '(' && open !== '[') || !edge(message[at - 1])) continue
    const end = referenceClose(message, at)
    if (end > 0 && edge(message[end + 1])) {
      fields.push([at + 1, end])
      at = end
    }
  }
  return fields
}

describe('bracketedFields (one pass)', () => {
  it('finds the fields the scan from each opening bracket finds', () => {
    const text = fc
      .array(fc.constantFrom('(', ')', '[', ']', '{', '"', ' ', 'a', 'b', ':'), { maxLength: 40 })
      .map((chars) => chars.join(''))
    fc.assert(
      fc.property(text, (message) => {
        expect(bracketedFields(message)).toEqual(referenceFields(message))
      }),
      { numRuns: 3000 },
    )
  })

  it('reads the cron command with nested brackets as one field', () => {
    const line = 'CMD (test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily ))'
    expect(bracketedFields(line)).toEqual([[5, line.length - 1]])
  })

  it('goes through a 64 KB line of unclosed brackets in one pass', () => {
    expect(bracketedFields(' ('.repeat(32_768))).toEqual([])
  })
})
