/**
 * replay's memory probe and its replay each get a compressor of their own: a per-message hybrid learns
 * from the messages it compresses (its learned short-cut), so a compressor shared with the probe would
 * be replayed after 64 KiB per probe connection of warm-up traffic on the first corpus only.
 */
import path from 'node:path'
import { expect, it, vi } from 'vitest'
import { loadSuite } from '../suite/index.ts'
import { replaySuite } from './replay-suite.ts'
import { createTempTree } from '../core/test-temp-tree.ts'

/** Every hybrid compressor built, with the messages each was asked to compress. */
const built = vi.hoisted(() => ({ compressed: [] as number[] }))
vi.mock('../hybrid/index.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../hybrid/index.ts')>()
  return {
    ...actual,
    createHybridCompressor: async (...args: Parameters<typeof actual.createHybridCompressor>) => {
      const compressor = await actual.createHybridCompressor(...args)
      const index = built.compressed.push(0) - 1
      return {
        ...compressor,
        compress: (message: Uint8Array | string) => {
          built.compressed[index] = (built.compressed[index] ?? 0) + 1
          return compressor.compress(message)
        },
      }
    },
  }
})

const { write } = createTempTree('aura-replay-fresh-')
const REPO = path.resolve(import.meta.dirname, '..', '..')

it('the replayed hybrid compressed the replayed messages only, none of the memory probe’s', async () => {
  const suite = await loadSuite(
    write(
      's.yaml',
      [
        'name: s',
        `corpora: [ { path: ${JSON.stringify(path.join(REPO, 'corpora/week1/messages.jsonl'))}, name: week1 } ]`,
        `configs: [ ${JSON.stringify(path.join(REPO, 'configs/recommended.yaml'))} ]`,
        '',
      ].join('\n'),
    ),
  )
  const report = await replaySuite(suite, { maxConnections: 20, maxMessages: 5000, memoryConnections: 2 })
  const replayed = report.corpora[0]?.configs.find((c) => c.config.startsWith('hybrid '))
  expect(replayed?.messages).toBeGreaterThan(0)
  expect(report.memory.find((m) => m.config.startsWith('hybrid '))?.connections).toBe(2)
  // round 40: the probe's compressor is built in its child process (its warm-up traffic never reaches this one);
  // the replay's compressed exactly what it replayed
  expect(built.compressed).toEqual([replayed?.messages])
}, 120_000)
