import { expect, it, vi } from 'vitest'
import { loadSuite } from '../suite/index.ts'
import { runSuite } from './run-suite.ts'
import { createTempTree } from '../core/test-temp-tree.ts'

const calls = vi.hoisted(() => ({ discover: 0 }))
vi.mock('../templates/index.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../templates/index.ts')>()
  return {
    ...actual,
    discoverTemplates: (...args: Parameters<typeof actual.discoverTemplates>) => {
      calls.discover++
      return actual.discoverTemplates(...args)
    },
  }
})

const { write } = createTempTree('aura-discover-once-')

it('discovers once per corpus and split, shared by every config entry that asks for it', async () => {
  write(
    'corpora/app.log',
    Array.from({ length: 200 }, (_, i) => `job ${i * 7} ${i % 2 ? 'started' : 'stopped'} on node${i % 5}`).join('\n'),
  )
  write('configs/a.yaml', 'fallback: deflate\nmin_compression_size: 0\nframing: text-passthrough\n')
  write('configs/b.yaml', 'fallback: brotli\nmin_compression_size: 0\nframing: text-passthrough\n')
  const suite = await loadSuite(
    write(
      'suites/s.yaml',
      `name: s
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
configs:
  - { name: one, path: ../configs/a.yaml, discover: { split: train } }
  - { name: two, path: ../configs/b.yaml, discover: { split: train } }
  - { name: three, path: ../configs/a.yaml, discover: { split: train, min_support: 3 } }
latency: { enabled: false }
`,
    ),
  )
  const { results, stoppedBy } = await runSuite(suite)
  expect(stoppedBy).toBeUndefined()
  // one and two share a discovery; three asks for other limits
  expect(calls.discover).toBe(2)
  expect(results.runs.map((r) => r.config)).toEqual(['one', 'two', 'three'])
  expect(results.runs.every((r) => r.metrics.roundTrip.mismatches === 0 && r.metrics.templateHitRate > 0.9)).toBe(true)
})
