/**
 * Rule of round s37-ga (issue 12; chosen on the round's generated logs and Loghub fold A): where most word
 * columns of a shape vary and clustering falls back to splitting on the first of them (unrelated events
 * sharing a shape), a column whose words *cross* another's (each has two or more words, and every pair of
 * a word of one and a word of the other is on two or more lines) is a parameter: words filled in
 * independently, not the words of different events, which come together. Clustering still splits there
 * (each cluster keeps its template: no byte changes), but the clusters that differ only in crossed columns
 * are one event. The first test fails without the rule; the second pins what it leaves apart; the third pins
 * its blind spot (a full product of two columns of statements is merged too); the property
 * round-trips stores discovered from such logs.
 */
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadCompressorConfig } from '../src/index.ts'
import { discoverTemplates } from '../src/templates/index.ts'
import { expectDiscoveredRoundTrip } from './harness/discovery-round-trip.ts'

const CONFIG = path.resolve(import.meta.dirname, '..', 'configs', 'emergency.yaml')

function stamp(i: number): string {
  return `Nov  3 06:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')} lb1 proxy[${1000 + (i % 90)}]:`
}

/** Events of `lines` as sets of line indexes, keyed by event label. */
function eventsOf(lines: readonly string[]): Map<string, number[]> {
  const { events } = discoverTemplates(lines)
  const out = new Map<string, number[]>()
  events.forEach((event, i) => out.set(event, [...(out.get(event) ?? []), i]))
  return out
}

/** A TCP session record: a client, a frontend, a server, times, bytes and a termination state, no text. */
function record(i: number, frontend: string, state: string): string {
  return `${stamp(i)} 10.0.${i % 7}.${i % 250}:${4000 + i} [03/Nov/2026:06:00:${String(i % 60).padStart(2, '0')}.${100 + i}] ${frontend} ${frontend.replace('fe', 'be')}/srv-${i % 3} ${i % 9}/${i % 5}/${1000 + i * 37} ${500 + i * 11} ${state} ${i % 40}/${i % 30}/0/0/0 0/0`
}

describe('columns whose words cross are parameters (s37-ga)', () => {
  it('groups records whose frontend and termination state combine freely as one event', () => {
    const frontends = ['fe_mysql', 'fe_redis', 'fe_smtp']
    const states = ['CD', 'sD', 'cD', 'SD']
    const lines = Array.from({ length: 120 }, (_, i) =>
      record(i, frontends[i % 3] as string, states[Math.floor(i / 3) % 4] as string),
    )
    expect(eventsOf(lines).size).toBe(1)
  })

  it('keeps apart words that do not cross: some pairs never meet', () => {
    // two columns of three words each, six of the nine pairs on lines: no column pairs with the other and
    // none has two words, so the last resort splits; the words do not combine freely, so each pair is an event
    const pairs = [
      ['opened', 'socket'],
      ['opened', 'pipe'],
      ['closed', 'pipe'],
      ['closed', 'file'],
      ['flushed', 'file'],
      ['flushed', 'socket'],
    ]
    const lines = Array.from({ length: 120 }, (_, i) => {
      const [verb, object] = pairs[i % 6] as string[]
      return `${stamp(i)} ${verb} ${object} ${i}`
    })
    expect(eventsOf(lines).size).toBe(6)
  })

  it("merges a full product of two word columns: the rule's stated blind spot (docs/discovery.md; s37-fixs L1)", () => {
    // every one of the nine pairs on 2+ lines: the words combine freely, so the rule takes them for
    // parameters of one event although each pair may be a statement of its own. Pinned as it is: a change
    // here is a change of the rule (docs/discovery.md, "Words that cross are parameters"), not an accident
    const verbs = ['opened', 'closed', 'flushed']
    const objects = ['socket', 'pipe', 'file']
    const lines = Array.from(
      { length: 90 },
      (_, i) => `${stamp(i)} ${verbs[i % 3]} ${objects[Math.floor(i / 3) % 3]} ${i}`,
    )
    expect(eventsOf(lines).size).toBe(1)
    // one pair short of the product (a pair on one line only): not crossed, one event per pair
    const short = lines.map((line, i) =>
      i % 9 === 0 && i > 0 ? line.replace(/ opened socket /, ' opened pipe ') : line,
    )
    expect(eventsOf(short).size).toBe(9)
  })

  it('round-trips every training message of logs with crossed columns', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const line = fc
      .tuple(fc.nat(500), fc.constantFrom('fe_a', 'fe_b', 'fe_c'), fc.constantFrom('CD', 'sD', '--'), fc.boolean())
      .map(([i, frontend, state, tcp]) => (tcp ? record(i, frontend, state) : `${stamp(i)} Proxy ${frontend} started.`))
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 60 }), (messages) =>
        expectDiscoveredRoundTrip(messages, config),
      ),
      { seed: 37, numRuns: 20 },
    )
  }, 120_000)
})
