/**
 * Three clustering rules of round s34-ga (issue 12; chosen on Loghub fold A and the generated logs):
 * - a column of dotted names (`nginx.service`, `org.example.Worker`) is a parameter where splitGroup's
 *   last resort ("most words differ") would split on it: units crossing states were one event per unit
 *   and state, not per state;
 * - a field right after `=` is a value in the fields relation (clustering step 4): lines of one
 *   statement whose named field holds words of different counts (`details=android.policy:POWER`,
 *   `details=android.server.power:PLUGGED:true`) are one event.
 * - a column of words written as calls (`saveStats()`) names events even when a word is on one line.
 * The first test of each rule fails without it; the others pin what it leaves apart; the property
 * round-trips stores discovered from such logs.
 */
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadCompressorConfig } from '../src/index.ts'
import { discoverTemplates } from '../src/templates/index.ts'
import { expectDiscoveredRoundTrip } from './harness/discovery-round-trip.ts'

const CONFIG = path.resolve(import.meta.dirname, '..', 'configs', 'emergency.yaml')
const UNITS = ['nginx', 'cron', 'docker', 'postgresql', 'redis']
const STATES = ['started', 'stopped', 'paused', 'restarting']

function stamp(i: number): string {
  return `Nov 30 22:${String(i % 60).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')} node-${1 + (i % 3)} daemon:`
}

/** Events of `lines` as sets of line indexes, keyed by event label. */
function eventsOf(lines: readonly string[]): Map<string, number[]> {
  const { events } = discoverTemplates(lines)
  const out = new Map<string, number[]>()
  events.forEach((event, i) => out.set(event, [...(out.get(event) ?? []), i]))
  return out
}

describe('a column of dotted names where most words differ (s34-ga)', () => {
  it('groups units crossing states by state, not by unit and state', () => {
    // every third line is another event with one `: `, so the header ends after `daemon:` (as in a
    // syslog file), not after the unit
    const lines = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 2
        ? `${stamp(i)} Removed session ${4000 + i}.`
        : `${stamp(i)} ${UNITS[i % 5]}.service: ${STATES[i % 4]}`,
    )
    const events = eventsOf(lines)
    expect(events.size).toBe(5)
    for (const members of events.values()) {
      const states = new Set(
        members.map((i) => (lines[i]?.includes('.service: ') ? lines[i]?.split(' ').at(-1) : 'other')),
      )
      expect(states.size).toBe(1)
    }
  })

  it('leaves a column of two names that recur to step 3 (two events)', () => {
    const lines = Array.from(
      { length: 60 },
      (_, i) => `${stamp(i)} broadcast action: android.intent.action.${i % 3 === 0 ? 'SCREEN_ON' : 'SCREEN_OFF'}`,
    )
    expect(eventsOf(lines).size).toBe(2)
  })
})

describe('a field after `=` is a value in the fields relation (s34-ga)', () => {
  const wake = (i: number, details: string): string =>
    `${stamp(i)} Waking up from Asleep (uid=${1000 + (i % 40)}, reason=WAKE_REASON_${i % 2 === 0 ? 'POWER_BUTTON' : 'PLUGGED_IN'}, details=${details})...`

  it('groups the lines of one statement whose named field holds one word or three', () => {
    const lines = Array.from({ length: 80 }, (_, i) =>
      wake(i, i % 3 === 0 ? 'android.server.power:PLUGGED:true' : 'android.policy:POWER'),
    )
    expect(eventsOf(lines).size).toBe(1)
  })

  it('keeps apart lines that differ in the same words outside a named field', () => {
    const lines = Array.from({ length: 80 }, (_, i) =>
      i % 3 === 0
        ? `${stamp(i)} Waking up from Asleep (uid=${1000 + (i % 40)}) by android.server.power:PLUGGED:true`
        : `${stamp(i)} Waking up from Asleep (uid=${1000 + (i % 40)}) by android.policy:POWER`,
    )
    expect(eventsOf(lines).size).toBe(2)
  })

  it('round-trips every training message of logs with dotted names and named fields', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const line = fc
      .tuple(fc.nat(500), fc.constantFrom(...UNITS), fc.constantFrom(...STATES), fc.boolean())
      .map(([i, unit, state, named]) =>
        named
          ? wake(i, i % 2 === 0 ? `${unit}.server:${state}:true` : `${unit}.policy:${state}`)
          : `${stamp(i)} ${unit}.service: ${state}`,
      )
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 40 }), (messages) =>
        expectDiscoveredRoundTrip(messages, config),
      ),
      { seed: 34, numRuns: 20 },
    )
  }, 120_000)
})

describe('a column of calls names events (s34-ga)', () => {
  const line = (i: number, name: string, call: boolean): string =>
    `${stamp(i)} ${name}${call ? '()' : ''} size = ${i % 9},totalTime = ${10 + i}`

  it('splits off a call written on one line from a call written on two', () => {
    const lines = [line(1, 'bulkSaveItems', true), line(2, 'bulkSaveItems', true), line(3, 'saveStats', true)]
    const events = eventsOf([...lines, ...Array.from({ length: 20 }, (_, i) => `${stamp(i)} Removed session ${i}.`)])
    expect([...events.values()].filter((members) => members.some((i) => i < 3)).map((m) => m.length)).toEqual([2, 1])
  })

  it('leaves a word on one line that is not written as a call to the other rules (one event)', () => {
    const lines = [line(1, 'bulkSaveItems', false), line(2, 'bulkSaveItems', false), line(3, 'saveStats', false)]
    const events = eventsOf([...lines, ...Array.from({ length: 20 }, (_, i) => `${stamp(i)} Removed session ${i}.`)])
    expect([...events.values()].filter((members) => members.some((i) => i < 3)).map((m) => m.length)).toEqual([3])
  })
})
