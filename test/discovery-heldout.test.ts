/**
 * Template discovery on traffic it never saw (issue 12): one small synthetic log per failure class,
 * each failing on the discovery before the fix, and a property that a discovered store round-trips
 * every training message through the hybrid compressor's public API.
 */
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHybridCompressor, createMatcher, loadCompressorConfig } from '../src/index.ts'
import { discoverTemplates } from '../src/templates/index.ts'

const CONFIG = path.resolve(import.meta.dirname, '..', 'configs', 'emergency.yaml')

/** Distinct keys of each discovered event. */
function eventsByKey(events: readonly string[], keys: readonly string[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>()
  events.forEach((event, i) => {
    const group = groups.get(event) ?? new Set<string>()
    groups.set(event, group)
    group.add(keys[i] as string)
  })
  return groups
}

describe('failure classes of issue 12', () => {
  it('splits a word position with a few frequent words (HTTP verbs) into events', () => {
    const verbs = ['GET', 'POST', 'PUT', 'DELETE']
    const messages = Array.from({ length: 80 }, (_, i) => `request ${verbs[i % 4]} /api/item/${i * 7} done`)
    const { events } = discoverTemplates(messages)
    for (const group of eventsByKey(
      events,
      messages.map((m) => m.split(' ')[1] as string),
    ).values())
      expect(group.size).toBe(1)
    expect(new Set(events).size).toBe(4)
  })

  it('keeps a long-tailed word position (user names: one frequent, many rare) one event', () => {
    const users = Array.from({ length: 120 }, (_, i) =>
      i % 3 === 0 ? `user${String.fromCharCode(97 + (i % 26))}x` : i % 5 === 0 ? 'admin' : 'root',
    )
    const messages = users.map((user, i) => `auth failure for user ${user.replace(/\d/g, '')} from 10.0.0.${i % 250}`)
    expect(new Set(discoverTemplates(messages).events).size).toBe(1)
  })

  it('matches a line from a host that training never saw (a header word constant in training), and keeps the literal template for the known host', () => {
    const line = (i: number, host: string): string =>
      `Jun 14 15:16:${String(i % 60).padStart(2, '0')} ${host} sshd[${1000 + i}]: Accepted password for user${i % 5} from 10.0.0.${i % 200} port ${40000 + i}`
    const { store } = discoverTemplates(Array.from({ length: 100 }, (_, i) => line(i, 'combo')))
    const matcher = createMatcher(store)
    expect(matcher.match(line(7, 'web-02')).length).toBeGreaterThan(0)
    // the known host still has a template with the host as literal text (no byte spent on it)
    expect(matcher.match(line(7, 'combo')).some((m) => m.template.pattern.includes(' combo sshd['))).toBe(true)
  })

  it('groups lines whose header fields differ in token shape by their content', () => {
    const threads = ['CommitProcessor:1', 'QuorumPeer[myid=1]/0.0.0.0:2181']
    const messages = Array.from(
      { length: 40 },
      (_, i) =>
        `2015-07-29 17:41:${String(i % 60).padStart(2, '0')},${100 + i} - INFO  [${threads[i % 2]}:Server@595] - Established session 0x${(4096 + i).toString(16)}`,
    )
    expect(new Set(discoverTemplates(messages).events).size).toBe(1)
  })

  it('matches a MAC address whose letter-only groups differ from the one training example', () => {
    const { store } = discoverTemplates(['device aa:bb:cc:dd:ee:01 joined network'])
    expect(createMatcher(store).match('device 3c:22:fb:10:7e:9a joined network').length).toBeGreaterThan(0)
  })
})

describe('a discovered store round-trips its training messages through the hybrid compressor', () => {
  it('holds for random logs of a few shapes', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const word = fc.constantFrom('GET', 'POST', 'idle', 'link', 'up', 'down', 'user', 'root', 'started', 'stopped')
    const value = fc.oneof(
      fc.integer({ min: 0, max: 99999 }).map(String),
      fc.ipV4(),
      fc.uuid(),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 8 }),
      fc.string({ maxLength: 6 }).filter((s) => s.trim() !== '' && !/\s/.test(s)),
    )
    const line = fc
      .tuple(fc.constantFrom('', '2024-01-01 10:00:00 host '), word, value, fc.constantFrom(' ', ': ', '=', ' ['), word)
      .map(([head, a, v, sep, b]) => `${head}${a}${sep}${v} ${b}`)
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 30 }), async (messages) => {
        let store: ReturnType<typeof discoverTemplates>['store']
        try {
          store = discoverTemplates(messages).store
        } catch (error) {
          expect(error).toMatchObject({ code: 'E_NO_TEMPLATES' })
          return
        }
        const compressor = await createHybridCompressor(config, {
          store,
          matcher: createMatcher(store),
          dictionary: null,
        })
        for (const message of messages)
          expect(
            new TextDecoder().decode(await compressor.decompress((await compressor.compress(message)).bytes)),
          ).toBe(message)
      }),
      { seed: 12, numRuns: 20 },
    )
  }, 120_000)
})
