import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clusterMessages } from './discovery-cluster.ts'
import { MemberPool } from './discovery-members.ts'
import { tokenRoles, tokenizeMessage } from './discovery-tokens.ts'

function view(pool: MemberPool, index: number, message: string, contentStart = 0) {
  const tokenized = tokenizeMessage(message)
  const roles = tokenRoles(tokenized, contentStart)
  return { member: pool.add(index, tokenized, roles), tokenized, roles }
}

describe('compact cluster members', () => {
  it('give back every token, separator and role of the message', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { minLength: 1, maxLength: 20 }), (messages) => {
        const pool = new MemberPool()
        messages.forEach((message, index) => {
          const { member, tokenized, roles } = view(pool, index, message, index % 7)
          expect(member.index).toBe(index)
          expect(member.width).toBe(tokenized.tokens.length)
          for (let c = 0; c < member.width; c++) {
            expect(member.token(c)).toBe(tokenized.tokens[c])
            expect(member.role(c)).toBe(roles[c])
          }
          for (let c = 0; c <= member.width; c++) expect(member.separator(c)).toBe(tokenized.separators[c])
          expect(member.hasRole('header')).toBe(roles.includes('header'))
        })
      }),
    )
  })

  it('keep every member whole across the chunks the pool grows through (16 KB doubling to 4 MB), a long message in one of its own', () => {
    const pool = new MemberPool()
    // about 1.3M ids: every chunk size from the first to the largest, and a member wider than a chunk
    const messages = Array.from({ length: 20_000 }, (_v, i) =>
      i === 12_345
        ? Array.from({ length: 600_000 }, (_w, k) => `w${k % 97}`).join(' ')
        : `job ${i} done in ${i % 13} ms`,
    )
    const members = messages.map((message, index) => view(pool, index, message).member)
    members.forEach((member, index) => expect(member.text()).toBe(messages[index]))
  })

  it('share a separator key exactly when their separators are the same strings', () => {
    const pool = new MemberPool()
    const a = view(pool, 0, 'user=root port 22').member
    const b = view(pool, 1, 'user=admin port 2222').member
    const c = view(pool, 2, 'user=root  port 22').member
    expect(a.separatorKey()).toBe(b.separatorKey())
    expect(a.separatorKey()).not.toBe(c.separatorKey())
  })

  it('keep earlier members intact when the shared array fills and a new chunk starts', () => {
    const pool = new MemberPool()
    // 600 messages of 1,000 tokens: 1.2M ids, more than one chunk of 2^20
    const line = (i: number): string => Array.from({ length: 1000 }, (_v, k) => `w${(i * 7 + k) % 97}`).join(' ')
    const members = Array.from({ length: 600 }, (_v, i) => view(pool, i, line(i)).member)
    members.forEach((member, i) => {
      expect(member.width).toBe(1000)
      expect(member.token(0)).toBe(`w${(i * 7) % 97}`)
      expect(member.token(999)).toBe(`w${(i * 7 + 999) % 97}`)
      expect(member.separator(1)).toBe(' ')
    })
  })

  it('rebuild each message exactly from its pieces (discovery verifies the rebuilt text, not a held one)', () => {
    const message = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom(
        '',
        '  padded\tline  ',
        'fe80::1:2 to 00:1a:2b:3c:4d:5e said "hi"',
        'Nov 30 22:00:02 web01 sshd[1242]: Failed password for ivan from 81.148.127.75 port 34219 ssh2',
        'caf\u00e9 \ud83d\ude00 \ud800 lone surrogate, a piece of thirteen+ chars: abcdefghijklmnopqrstuvwxyz',
      ),
    )
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 20 }), (messages) => {
        const pool = new MemberPool()
        messages.forEach((text, index) => expect(view(pool, index, text).member.text()).toBe(text))
        pool.seal()
        const clustering = clusterMessages(messages)
        messages.forEach((text, index) => {
          expect(clustering.member(index).index).toBe(index)
          expect(clustering.member(index).text()).toBe(text)
        })
      }),
    )
  })
})
