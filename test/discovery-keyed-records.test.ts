/**
 * A rule of round s40-ga (issue 12; chosen on the generated fortigate log once it was no longer held out): in
 * key=value records, a named field holding a double-quoted phrase of two or more words (`logdesc="Admin login
 * failed"`) is the statement's text, not one value mark, in the fields relation. The test fails without the rule.
 * s40-ga's other rule (a value written twice in a line pairs with nothing) was taken out at the merge: the s40-rev2
 * review found it merging events whose name is written twice (CEF's `|Login|` ... `act=Login`: 4 events -> 1).
 */
import { describe, expect, it } from 'vitest'
import { discoverTemplates } from '../src/templates/index.ts'

/** A small deterministic generator (an LCG), so the lines are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** How many discovered events hold the lines of each labelled statement, and how many statements each event holds. */
function grouping(lines: readonly string[], labels: readonly string[]): { events: number; mixed: number } {
  const { events } = discoverTemplates(lines)
  const byEvent = new Map<string, Set<string>>()
  events.forEach((event, i) => byEvent.set(event, (byEvent.get(event) ?? new Set()).add(labels[i] as string)))
  return { events: byEvent.size, mixed: [...byEvent.values()].filter((set) => set.size > 1).length }
}

const ip = (next: () => number): string =>
  `10.${Math.floor(next() * 250)}.${Math.floor(next() * 250)}.${1 + Math.floor(next() * 250)}`
const head = (i: number): string =>
  `date=2026-11-03 time=06:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')} devname="gw-1"`

describe('key=value records (s40-ga)', () => {
  it('two statements with the same keys and a different quoted phrase are two events', () => {
    const next = random(5)
    const lines: string[] = []
    const labels: string[] = []
    for (let i = 0; i < 240; i++) {
      if (i % 2 === 0) {
        lines.push(
          `${head(i)} logid="0100022907" level="notice" logdesc="Outdated report files deleted" msg="Delete ${1 + Math.floor(next() * 40)} old report files"`,
        )
        labels.push('deleted')
      } else {
        const reason = ['connection timed out', 'server unreachable'][Math.floor(next() * 2)]
        lines.push(
          `${head(i)} logid="0100020010" level="warning" logdesc="FortiGuard update failed" msg="FortiGuard update failed: ${reason}"`,
        )
        labels.push('update')
      }
    }
    expect(grouping(lines, labels).mixed).toBe(0)
  })
})
