/**
 * Round 38 (s38-small): replay builds a `discover:` entry's store synchronously between its reads, where no
 * signal handler runs, so a Ctrl-C waited for every build (compare's were fixed in round 37). replaySuite now
 * holds the CLI's endOnSignal over each build of the configs (a signal ends the process at once; no socket is
 * open then) and releases it before any connection is replayed.
 */
import { expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { loadSuite } from '../suite/index.ts'
import { replaySuite } from './replay-suite.ts'

const { write } = createTempTree('aura-replay-derived-signal-')

it('holds endOnSignal while the configs are built (the probe and the replay), released before replaying', async () => {
  write(
    'corpora/app.log',
    Array.from({ length: 200 }, (_, i) => `job ${i * 7} ${['started', 'stopped'][i % 2]} on node${i % 5}`).join('\n'),
  )
  write('configs/mine.yaml', 'fallback: zstd\n')
  const suite = await loadSuite(
    write(
      'suites/s.yaml',
      `name: s
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered } }
configs:
  - { name: mine, path: ../configs/mine.yaml, discover: { split: train } }
`,
    ),
  )
  const events: string[] = []
  let held = 0
  const report = await replaySuite(
    suite,
    { maxConnections: 2, maxMessages: 50, memoryConnections: 1 },
    (line) => events.push(held > 0 ? `replayed while held: ${line}` : 'replayed'),
    {
      endOnSignal: () => {
        held += 1
        events.push('hold')
        return () => {
          held -= 1
          events.push('release')
        }
      },
    },
  )
  expect(report.corpora[0]?.configs.find((c) => c.config === 'hybrid mine')?.messages).toBeGreaterThan(0)
  // the memory probe's build, then the replay's: each held and released before any connection is replayed
  expect(events.slice(0, 4)).toEqual(['hold', 'release', 'hold', 'release'])
  expect(events.slice(4).every((e) => e === 'replayed')).toBe(true)
  expect(events.length).toBeGreaterThan(4)
}, 120_000)
