/**
 * Rule of round s38-ga (issue 12; chosen on the generated logs and Loghub fold A, fold B held out): a run of
 * fields closing the line that also closes the lines of another statement is a parameter; the clusters of
 * one prefix closed by such runs, three or more of two or more lengths, are one event (`Starting X...`,
 * `Started X.`, `Failed to start X.` with X a unit's description). The first test fails without the rule;
 * the second pins that the endings must be shared by different events (two prefixes of one event, a
 * value in one, are one statement); the property round-trips stores discovered from such logs.
 */
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadCompressorConfig } from '../src/index.ts'
import { discoverTemplates } from '../src/templates/index.ts'
import { expectDiscoveredRoundTrip } from './harness/discovery-round-trip.ts'

const CONFIG = path.resolve(import.meta.dirname, '..', 'configs', 'emergency.yaml')

const stamp = (i: number): string =>
  `2026-11-03T06:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}+0000 node7`

/** How many events discovery finds in `lines`. */
const eventCount = (lines: readonly string[]): number => new Set(discoverTemplates(lines).events).size

const DESCRIPTIONS = [
  'Docker Application Container Engine',
  'Snap Daemon',
  'Rotate log files',
  'PostgreSQL Cluster 16-main',
  'Daily apt download activities',
]
const STATEMENTS = [
  (d: string) => `Starting ${d}...`,
  (d: string) => `Started ${d}.`,
  (d: string) => `Failed to start ${d}.`,
]

describe('a phrase closing the lines of several statements is a parameter (s38-ga)', () => {
  it('groups each statement whatever the description it closes with', () => {
    const lines = Array.from({ length: 180 }, (_, i) =>
      i % 4 === 3
        ? `${stamp(i)} kernel: eth${i % 3}: Link UP`
        : `${stamp(i)} systemd[1]: ${(STATEMENTS[i % 3] as (d: string) => string)(DESCRIPTIONS[Math.floor(i / 4) % DESCRIPTIONS.length] as string)}`,
    )
    expect(eventCount(lines)).toBe(4)
  })

  it('keeps apart endings that only one event has, whatever values its prefixes hold', () => {
    const errors = [
      'A connection request was canceled before the completion.',
      'Could not connect through proxy.',
      'Connection reset by peer.',
    ]
    const lines = Array.from({ length: 180 }, (_, i) =>
      i % 4 === 3
        ? `[10.30 17:${String(i % 60).padStart(2, '0')}:00] client app.exe to host${i % 7}.example.com:443 open through proxy`
        : `[10.30 17:${String(i % 60).padStart(2, '0')}:00] client app.exe${i % 2 === 0 ? ' *64' : ''} to host${i % 7}.example.com:443 error : ${errors[Math.floor(i / 4) % 3]}`,
    )
    expect(eventCount(lines)).toBe(4)
  })

  it('keeps apart word phrases that close the lines of only two events (s38-garev)', () => {
    // review counter-example: `worker begin <task>` / `worker end <task>`, three literal task phrases
    const tasks = ['loading model weights', 'flushing cache', 'compacting old segments on disk']
    const lines = Array.from({ length: 300 }, (_, i) =>
      i % 4 === 3
        ? `${stamp(i)} kernel: eth${i % 3}: Link UP`
        : `${stamp(i)} worker ${Math.floor(i / 3) % 2 === 0 ? 'begin' : 'end'} ${tasks[i % 3]}`,
    )
    expect(eventCount(lines)).toBe(7)
  })

  it('groups a run written alone on its line with the statement it closes elsewhere (s39-ga)', () => {
    // a job runner logs each command after a prefix, and the command alone as the context of a failure;
    // `sync` and `reload` (no value-like text) close both too
    const commands = [
      'rsync -a /srv/data backup01:/data',
      'pg_dump --format=custom shop',
      'curl -fsS https://hc.example.net/ping/7',
      'tar czf /backup/etc.tgz /etc',
      'sync',
      'reload',
    ]
    const at = (i: number): string =>
      `2026-11-03 06:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}.${100 + (i % 900)} [${4000 + ((i * 13) % 900)}]`
    const lines = Array.from({ length: 360 }, (_, i) => {
      const command = commands[Math.floor(i / 5) % commands.length] as string
      if (i % 5 === 4) return `${at(i)} NOTICE:  queue ${i % 4} drained`
      if (i % 5 === 3) return `${at(i)} CONTEXT:  ${command}`
      return `${at(i)} INFO:  finished in ${i * 3} ms  command: ${command}`
    })
    const { events } = discoverTemplates(lines)
    const of = (pick: (line: string) => boolean): Set<string> =>
      new Set(lines.flatMap((line, i) => (pick(line) ? [events[i] as string] : [])))
    expect(of((l) => l.includes('command:')).size).toBe(1)
    expect(of((l) => l.includes('CONTEXT:')).size).toBe(1)
    expect(new Set(events).size).toBe(3)
  })

  it('round-trips every training message of logs with phrases closing the line', async () => {
    const config = await loadCompressorConfig(CONFIG)
    const line = fc
      .tuple(fc.nat(500), fc.constantFrom(...DESCRIPTIONS), fc.nat(STATEMENTS.length - 1))
      .map(([i, d, s]) => `${stamp(i)} systemd[1]: ${(STATEMENTS[s] as (d: string) => string)(d)}`)
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 2, maxLength: 40 }), (messages) =>
        expectDiscoveredRoundTrip(messages, config),
      ),
      { seed: 38, numRuns: 20 },
    )
  }, 120_000)
})
