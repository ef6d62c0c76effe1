/**
 * The header fallback (a template with the header words as slots) only where a header field is the
 * same on every training line: the first test fails when the fallback is drafted for every cluster
 * (two templates match each line), the second when it is drafted for none (a new host misses).
 */
import { describe, expect, it } from 'vitest'
import { createMatcher, discoverTemplates } from './index.ts'

const time = (i: number): string =>
  `2024-03-05 10:${String(i % 60).padStart(2, '0')}:07.${String(i % 1000).padStart(3, '0')}`

describe('header fallback', () => {
  it('drafts none where each event keeps its own component: every line matches one template', () => {
    const line = (i: number): string =>
      i % 2 === 0
        ? `${time(i)} INFO [worker] Request ${1000 + i} completed in ${i % 97}ms`
        : `${time(i)} WARN [db] Slow query on table t${i % 9} took ${i % 50} s`
    const { store } = discoverTemplates(Array.from({ length: 60 }, (_, i) => line(i)))
    const matcher = createMatcher(store)
    for (let i = 100; i < 110; i++) expect(matcher.match(line(i))).toHaveLength(1)
  })

  it('drafts one where a header word is the same on every training line (a host): a line from another host matches', () => {
    const line = (i: number, host: string): string => `${time(i)} ${host} cron: job ${i % 7} finished in ${i % 90} s`
    const { store } = discoverTemplates(Array.from({ length: 60 }, (_, i) => line(i, 'combo')))
    expect(createMatcher(store).match(line(3, 'web-02')).length).toBeGreaterThan(0)
  })
})
