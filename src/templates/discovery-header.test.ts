import { describe, expect, it } from 'vitest'
import { createHeaderFormat } from './discovery-header.ts'

describe('header formats (user regular expressions)', () => {
  it('finds where the content starts, as Loghub formats need', () => {
    const header = createHeaderFormat('<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>')
    const line = 'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; rhost=x'
    expect(line.slice(header.contentStart(line))).toBe('authentication failure; rhost=x')
    expect(header.contentStart('no header here')).toBeUndefined()
    const trailing = createHeaderFormat('\\[<Time>\\] <Content> \\(end\\)')
    expect(trailing.contentStart('[12:00] body text (end)')).toBe(8)
  })

  it('runs in linear time: (a|aa)+X on long lines that do not match returns at once (issue 19: 83 s with backtracking)', () => {
    const header = createHeaderFormat('(a|aa)+X <Content>')
    const started = performance.now()
    for (let i = 0; i < 3; i++) expect(header.contentStart(`${'a'.repeat(5000)}Y content`)).toBeUndefined()
    expect(header.contentStart('aaaX content')).toBe(5)
    // generous for a loaded machine: backtracking takes minutes on 40 characters already
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('refuses what no linear-time engine runs, and <Content> inside a group, with E_SCHEMA', () => {
    expect(() => createHeaderFormat('(a)(b)\\2 <Content>')).toThrow(
      expect.objectContaining({
        code: 'E_SCHEMA',
        message: expect.stringContaining('is not an expression aura-bench can run'),
      }),
    )
    expect(() => createHeaderFormat('(?=a)<Content>')).toThrow(expect.objectContaining({ code: 'E_SCHEMA' }))
    expect(() => createHeaderFormat('(x <Content>)')).toThrow(
      expect.objectContaining({ code: 'E_SCHEMA', message: expect.stringContaining('inside a group') }),
    )
  })
})
