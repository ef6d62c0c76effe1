/**
 * Clustering rule of round s35-ga (issue 12; chosen on Loghub fold A and the generated logs): a word
 * column that follows a word of the message's content and holds a code identifier (`power_button`,
 * `SegmentDeletion`) is a parameter, not a choice between events, even when it has two words only
 * (step 3 of clustering splits on a column of at most `--max-split-words` words). The first test of
 * each kind fails without the rule; the others pin what it leaves apart; the property round-trips
 * stores discovered from such logs.
 */
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadCompressorConfig } from '../src/index.ts'
import { discoverTemplates } from '../src/templates/index.ts'
import { expectDiscoveredRoundTrip } from './harness/discovery-round-trip.ts'

const CONFIG = path.resolve(import.meta.dirname, '..', 'configs', 'emergency.yaml')

function stamp(i: number): string {
  return `2026-11-30 22:${String(i % 60).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')} INFO [worker-${1 + (i % 3)}] -`
}

/** Events of `lines` as sets of line indexes, keyed by event label. */
function eventsOf(lines: readonly string[]): Map<string, number[]> {
  const { events } = discoverTemplates(lines)
  const out = new Map<string, number[]>()
  events.forEach((event, i) => out.set(event, [...(out.get(event) ?? []), i]))
  return out
}

/** Every third line is another event, so the lines are not all one shape. */
const other = (i: number): string => `${stamp(i)} Removed session ${4000 + i}.`

describe('a code identifier after the message text is a parameter (s35-ga)', () => {
  it('groups a reason written in CamelCase as one event', () => {
    const reasons = ['SegmentDeletion', 'LeaderOffsetIncremented']
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2 ? other(i) : `${stamp(i)} Incremented log start offset to ${7000 + i} due to ${reasons[i % 2]}`,
    )
    expect(eventsOf(lines).size).toBe(2)
  })

  it('groups a reason written in snake_case beside a plain word as one event', () => {
    const reasons = ['timeout', 'power_button']
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2 ? other(i) : `${stamp(i)} Going to sleep due to ${reasons[i % 2]} (uid ${1000 + (i % 7)})...`,
    )
    expect(eventsOf(lines).size).toBe(2)
  })

  it('groups a snake_case reason that ends a sentence (the period stays on the token) as one event', () => {
    const reasons = ['timeout.', 'power_button.']
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2 ? other(i) : `${stamp(i)} Going to sleep due to ${reasons[i % 2]}`,
    )
    expect(eventsOf(lines).size).toBe(2)
  })

  it('does not take a brand spelling (a capital inside an ordinary word) for a code identifier', () => {
    const words = ['run', 'iPhone']
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2 ? other(i) : `${stamp(i)} Job will ${words[i % 2]} now for queue ${4 + (i % 5)}`,
    )
    expect(eventsOf(lines).size).toBe(3)
  })

  it('keeps apart two events that differ in a plain word in the same place', () => {
    const states = ['started', 'stopped']
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2 ? other(i) : `${stamp(i)} The spooler service entered the ${states[i % 2]} state.`,
    )
    expect(eventsOf(lines).size).toBe(3)
  })

  it('keeps apart two events whose content opens with an identifier (the site that logs)', () => {
    const sites = ['onStandStepChanged', 'onExtendStep']
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2 ? other(i) : `${stamp(i)} ${sites[i % 2]} total steps changed to ${3000 + i} now`,
    )
    expect(eventsOf(lines).size).toBe(3)
  })

  it('round-trips every training message of logs with identifier parameters', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const line = fc
      .tuple(fc.nat(500), fc.constantFrom('SegmentDeletion', 'power_button', 'timeout', 'onStop'), fc.boolean())
      .map(([i, reason, opening]) =>
        opening ? `${stamp(i)} ${reason} steps ${i}` : `${stamp(i)} Going to sleep due to ${reason} (uid ${i})...`,
      )
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 40 }), (messages) =>
        expectDiscoveredRoundTrip(messages, config),
      ),
      { seed: 35, numRuns: 20 },
    )
  }, 120_000)
})
