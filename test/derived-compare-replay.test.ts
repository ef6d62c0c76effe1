/**
 * A suite entry with `discover:` and `zstd_dict_training:` is measured by `compare` and `replay` with
 * the store and dictionary `run` derives for it (a fresh-eyes trial found both using the config
 * file's own, placeholder dictionary instead: 1.07x where `run` said 5.97x).
 */
import { expect, it } from 'vitest'
import { runComparison } from '../src/compare/index.ts'
import { runSuite } from '../src/runner/index.ts'
import { loadSuite } from '../src/suite/index.ts'
import { replaySuite } from '../src/wire/index.ts'
import { createTempTree } from '../src/core/test-temp-tree.ts'

const { write } = createTempTree('aura-derived-compare-')

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
  // trained on the held-out part: measured in-sample, and both say so as run does
  expect(comparison.warnings.some((w) => /in-sample/.test(w))).toBe(false)
  // its first 100 lines are another event than the rest: a store of the first 100 is not the whole file's
  write(
    'corpora/two-shapes.log',
    Array.from({ length: 400 }, (_, i) =>
      i < 100
        ? `cache ${i % 7} evicted ${i * 3} keys in ${i % 50} ms`
        : `user u${i % 13} logged in from 10.0.0.${i % 250}`,
    ).join('\n'),
  )
  const inSample = await loadSuite(
    write(
      'suites/in-sample.yaml',
      `name: in-sample
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
  - { name: app-100, path: ../corpora/two-shapes.log, format: txt, limit: 100, split: { train_fraction: 0.5, mode: ordered, use: test } }
  - { name: two-shapes, path: ../corpora/two-shapes.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
configs:
  - { name: mine, path: ../configs/mine.yaml, discover: { split: test }, zstd_dict_training: { split: train } }
latency: { enabled: false }
`,
    ),
  )
  const compared = await runComparison(inSample, { quick: true })
  expect(
    compared.warnings.filter((w) =>
      /config mine on corpus app: its template store is discovered from the messages it is measured on/.test(w),
    ),
  ).toHaveLength(1)
  const replayedInSample = await replaySuite(inSample, { maxConnections: 1, maxMessages: 1000, memoryConnections: 1 })
  expect(replayedInSample.warnings?.some((w) => /in-sample/.test(w))).toBe(true)
  // two corpora of one file that read other messages (a limit) do not share a discovered store
  const ran = await runSuite(inSample)
  const [, limited, whole] = ran.results.runs
  const alone = await runSuite({ ...inSample, corpora: inSample.corpora.slice(2) })
  expect(whole?.metrics.compressedBytes).toBe(alone.results.runs[0]?.metrics.compressedBytes)
  expect(whole?.metrics.templateHitRate).toBeGreaterThan(0.9)
  expect(whole?.metrics.messages).toBeGreaterThan(limited?.metrics.messages ?? 0)
  // round 40: replay's memory probe starts a child process per config (five here, each registering tsx from source):
  // 262 s alone at load 35 (14:44 UTC), over the 120 s this had
}, 400_000)
