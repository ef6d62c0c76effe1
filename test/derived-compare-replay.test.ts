/**
 * A suite entry with `discover:` and `zstd_dict_training:` is measured by `compare` and `replay` with
 * the store and dictionary `run` derives for it (a fresh-eyes trial found both using the config
 * file's own, placeholder dictionary instead: 1.07x where `run` said 5.97x).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { runComparison } from '../src/compare/index.ts'
import { runSuite } from '../src/runner/index.ts'
import { loadSuite } from '../src/suite/index.ts'
import { replaySuite } from '../src/wire/index.ts'

const root = mkdtempSync(path.join(tmpdir(), 'aura-derived-compare-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function write(relative: string, text: string): string {
  const file = path.join(root, relative)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
  return file
}

it('compare and replay measure a derived entry with the store and dictionary run derives', async () => {
  const states = ['started', 'stopped', 'paused']
  write(
    'corpora/app.log',
    Array.from(
      { length: 400 },
      (_, i) =>
        `2026-01-0${1 + (i % 9)} 10:${String(i % 60).padStart(2, '0')} job ${i * 7} ${states[i % 3]} on node${i % 5} after ${i * 13} ms`,
    ).join('\n'),
  )
  // no dictionary source in the config: the suite entry gives it
  write('configs/mine.yaml', 'fallback: zstd_dict\n')
  // a placeholder dictionary source the suite entry replaces (what the trial's config carried)
  write('corpora/other.log', Array.from({ length: 50 }, (_, i) => `unrelated line ${i} of text`).join('\n'))
  write('configs/placeholder.yaml', 'fallback: zstd_dict\nzstd_dict_training_corpus: ../corpora/other.log\n')
  const suite = await loadSuite(
    write(
      'suites/s.yaml',
      `name: s
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
configs:
  - { name: mine, path: ../configs/mine.yaml, discover: { split: train }, zstd_dict_training: { split: train } }
  - { name: placeholder, path: ../configs/placeholder.yaml, discover: { split: train }, zstd_dict_training: { split: train } }
latency: { enabled: false }
`,
    ),
  )
  const { results } = await runSuite(suite)
  expect(results.runs.map((r) => r.config)).toEqual(['mine', 'placeholder'])
  const comparison = await runComparison(suite, { quick: true })
  const replay = await replaySuite(suite, { maxConnections: 1, maxMessages: 1000, memoryConnections: 1 })
  for (const run of results.runs) {
    expect(run.metrics.templateHitRate).toBeGreaterThan(0.9)
    const entry = comparison.corpora[0]?.entries.find((e) => e.spec.id === `hybrid:${run.config}`)
    expect(entry?.sizes?.compressedBytes).toBe(run.metrics.compressedBytes)
    const replayed = replay.corpora[0]?.configs.find((c) => c.config === `hybrid ${run.config}`)
    expect(replayed?.payloadBytes).toBe(run.metrics.compressedBytes)
    expect(replayed?.mismatches).toBe(0)
  }
}, 60_000)
