/** bench/lib/distinct-copies.ts: the copies discovery-scale deals differ from each other and keep each message's structure. */
import { describe, expect, it } from 'vitest'
import { dealDistinct, redrawMessage, seededRandom } from '../bench/lib/distinct-copies.ts'

/** The message with every digit as `9`: what a copy must keep. */
const shape = (text: string): string => text.replace(/\d/g, '9')
/** The same with the hex runs of the test line as `H` (their letters are re-drawn too). */
const lineShape = (text: string): string => shape(text.replace(/0x[0-9a-f]{4}|[0-9a-f]{16}$/g, 'H'))

describe('distinct copies of real messages', () => {
  const line =
    'Nov 30 22:00:02 web01 sshd[1242]: Failed password for ivan from 81.148.127.75 port 34219 ssh2 id 0x1f3a token b7fd2a0346d9d590'

  it('re-draws digits (each at most what it was, zeros kept) and hex runs, and keeps words, ssh2 and web01', () => {
    const random = seededRandom(1)
    const copies = Array.from({ length: 50 }, () => redrawMessage(line, random))
    expect(new Set(copies).size).toBe(50)
    for (const copy of copies) {
      expect(lineShape(copy)).toBe(lineShape(line))
      expect(copy).toMatch(/ web01 sshd\[\d{4}\]: Failed password for ivan from /)
      expect(copy).toMatch(/ ssh2 id 0x[0-9a-f]{4} token [0-9a-f]{16}$/)
      const octets = /from (\d+)\.(\d+)\.(\d+)\.(\d+)/.exec(copy)?.slice(1).map(Number) ?? []
      expect(octets.every((o, i) => o <= [81, 148, 127, 75][i]!)).toBe(true)
      expect(copy.slice(0, 15)).toMatch(/^Nov [123]0 [12][12]:00:0[12]$/)
    }
  })

  it('keeps JSON keys and escapes as written and the message valid JSON', () => {
    const json = '{"k1":"v 12","E":1633998512068,"b":[["0.35130000","61.5"]],"s":"caf\\u00e9 5","n":-12.5e3}'
    const random = seededRandom(7)
    for (let i = 0; i < 20; i++) {
      const copy = redrawMessage(json, random)
      const parsed = JSON.parse(copy) as Record<string, unknown>
      expect(Object.keys(parsed)).toEqual(['k1', 'E', 'b', 's', 'n'])
      expect(copy).toContain('"s":"caf\\u00e9 ')
      expect(shape(copy)).toBe(shape(json))
    }
  })

  it('deals the sources round-robin, the first pass as written and later passes re-drawn, the same for the same seed', () => {
    const sources = [['a 1', 'a 2'], ['b 30']]
    const dealt = dealDistinct(sources, 9, 3)
    // b's one message is as written on its first turn only
    expect(dealt.slice(0, 3)).toEqual(['a 1', 'b 30', 'a 2'])
    expect(dealt[3]).toMatch(/^b [123]0$/)
    expect(dealt[4]).toMatch(/^a 1$/)
    expect(dealDistinct(sources, 9, 3)).toEqual(dealt)
    expect(dealDistinct(sources, 6, 3, true)).toEqual(['a 1', 'b 30', 'a 2', 'b 30', 'a 1', 'b 30'])
  })
})
