/**
 * A phrase against a value (issue 12, round s33-ga2; class 3 of round s32-gen): one logging statement
 * whose parameter is usually a value (an address, a generated thread name) and sometimes a few plain
 * words (`local console`, `Signal Catcher`, `[local]`). Clustering groups lines by token count, so the
 * lines with the words were an event of their own, while the place they fill is shown to hold values
 * by the other lines (discovery-phrases.ts `mergeFrames`, a frame filled by a value). The first test
 * fails without that rule; the others pin what it leaves apart; the property round-trips stores
 * discovered from such logs.
 */
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadCompressorConfig } from '../src/index.ts'
import { discoverTemplates } from '../src/templates/index.ts'
import { expectDiscoveredRoundTrip } from './harness/discovery-round-trip.ts'

const CONFIG = path.resolve(import.meta.dirname, '..', 'configs', 'emergency.yaml')

function stamp(i: number): string {
  return `2026-11-03 10:${String(i % 60).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')} gw-${1 + (i % 3)} relayd[${400 + (i % 7)}]:`
}

function origin(i: number): string {
  return i % 5 === 0 ? 'local console' : `10.${i % 7}.${(i * 3) % 250}.${(i * 11) % 250}`
}

describe('a place filled by values in some lines and by plain words in others (s33-ga2)', () => {
  it('groups the lines of one statement as one event when its parameter is an address or a phrase', () => {
    const lines = Array.from(
      { length: 100 },
      (_, i) => `${stamp(i)} session opened from ${origin(i)} port ${2000 + i} protocol 2`,
    )
    const { events } = discoverTemplates(lines)
    expect(new Set(events).size).toBe(1)
  })

  it('keeps apart a statement whose differing run holds a value of its own', () => {
    // the runs differ on both sides (`{ip}` against `host {name} relay`), so the frame is compared; the
    // second holds a value, so it is not a phrase filling a value's place (s33 review: the earlier case,
    // `for invalid user {u}` against `for {u}`, left one run empty and passed without the rule's guard)
    const lines = Array.from({ length: 100 }, (_, i) => {
      const ip = `10.0.${i % 9}.${i % 200}`
      return i % 4 === 0
        ? `${stamp(i)} session opened from host edge-${i % 13} relay port ${3000 + i} protocol 2`
        : `${stamp(i)} session opened from ${ip} port ${3000 + i} protocol 2`
    })
    const { events } = discoverTemplates(lines)
    expect(new Set(events).size).toBe(2)
  })

  it('keeps apart two statements that differ in a phrase where no line holds a value', () => {
    const lines = Array.from(
      { length: 60 },
      (_, i) => `${stamp(i)} tunnel ${i % 2 === 0 ? 'established' : 'torn down'} for peer group edge`,
    )
    const { events } = discoverTemplates(lines)
    expect(new Set(events).size).toBe(2)
  })

  it('round-trips every training message of logs with a value or a phrase in one place', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const line = fc
      .tuple(fc.nat(500), fc.constantFrom('local console', '[local]', 'Signal Catcher', 'a b c'))
      .map(([i, phrase]) =>
        i % 3 === 0
          ? `${stamp(i)} session opened from ${phrase} port ${i} protocol 2`
          : `${stamp(i)} session opened from ${origin(i + 1)} port ${i} protocol 2`,
      )
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 40 }), (messages) =>
        expectDiscoveredRoundTrip(messages, config),
      ),
      { seed: 33, numRuns: 20 },
    )
  }, 120_000)
})
