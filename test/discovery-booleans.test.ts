/**
 * Rule of round s36-ga (issue 12; chosen on Loghub fold A and the generated logs): a boolean (`true`,
 * `false`, any letter case) is the state of a flag the program prints, a value, not a word naming an
 * event: in the fields relation its field is a value mark, so clusters that differ only in a flag are one
 * event (clustering still splits on it, and each cluster's template keeps it as literal text). The first
 * test fails without the rule; the second pins what it leaves apart; the property round-trips stores
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
  return `11-03 09:${String(i % 60).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')}.${100 + i}  1951  ${2000 + (i % 5)} D`
}

/** Events of `lines` as sets of line indexes, keyed by event label. */
function eventsOf(lines: readonly string[]): Map<string, number[]> {
  const { events } = discoverTemplates(lines)
  const out = new Map<string, number[]>()
  events.forEach((event, i) => out.set(event, [...(out.get(event) ?? []), i]))
  return out
}

/** Every third line is another event, so the lines are not all one shape. */
const other = (i: number): string => `${stamp(i)} PowerManager: Removed wake lock ${4000 + i}.`

describe('a boolean is a value (s36-ga)', () => {
  it('groups a record whose flag is true or false as one event', () => {
    const flags = ['true', 'false']
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2
        ? other(i)
        : `${stamp(i)} BatteryService: level:${i % 100}, voltage: ${3500 + i}, AC powered:${flags[i % 2]}, USB powered:false`,
    )
    expect(eventsOf(lines).size).toBe(2)
  })

  it('keeps apart two events that differ in a plain word in the same place', () => {
    const states = ['plugged', 'unplugged']
    const lines = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 2
        ? other(i)
        : `${stamp(i)} BatteryService: level:${i % 100}, charger ${states[i % 2]}, USB powered:false`,
    )
    expect(eventsOf(lines).size).toBe(3)
  })

  it('round-trips every training message of logs with boolean flags', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const line = fc
      .tuple(fc.nat(500), fc.constantFrom('true', 'false', 'TRUE', 'False'), fc.boolean())
      .map(([i, flag, record]) =>
        record ? `${stamp(i)} BatteryService: level:${i}, AC powered:${flag}` : `${stamp(i)} isScreenOn ${flag}`,
      )
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 40 }), (messages) =>
        expectDiscoveredRoundTrip(messages, config),
      ),
      { seed: 36, numRuns: 20 },
    )
  }, 120_000)
})
