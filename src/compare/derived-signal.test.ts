/**
 * Round 37: a config's `discover:` step in compare computes synchronously between its reads, where no pace
 * runs, so a Ctrl-C waited for the whole discovery. compare now holds the CLI's endOnSignal over it (a signal
 * ends the process at once, nothing written) and lets a signal pending when it ends stop the comparison.
 */
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { loadSuite } from '../suite/index.ts'
import { ComparisonAborted, runComparison } from './run-comparison.ts'

const { write } = createTempTree('aura-derived-signal-')

async function suite() {
  write(
    'corpora/app.log',
    Array.from({ length: 200 }, (_, i) => `job ${i * 7} ${['started', 'stopped'][i % 2]} on node${i % 5}`).join('\n'),
  )
  write('configs/mine.yaml', 'fallback: zstd\n')
  return loadSuite(
    write(
      'suites/s.yaml',
      `name: s
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
configs:
  - { name: mine, path: ../configs/mine.yaml, discover: { split: train } }
compare: { brotli: [], brotli_native: [], zstd: [], zstd_napi: [3], zstd_dict: [], deflate: [], permessage_deflate: [], zstd_stream: [] }
latency: { enabled: false }
`,
    ),
  )
}

describe("compare's discover: step and signals", () => {
  it('holds endOnSignal while the store is discovered, and releases it before measuring', async () => {
    const events: string[] = []
    const comparison = await runComparison(await suite(), {
      quick: true,
      endOnSignal: () => {
        events.push('hold')
        return () => events.push('release')
      },
      onEvent: (event) => {
        if (event.kind === 'corpus-start') events.push('measure')
      },
    })
    expect(events).toEqual(['hold', 'release', 'measure'])
    expect(comparison.corpora[0]?.entries.some((e) => e.spec.id === 'hybrid:mine')).toBe(true)
  })

  it('a signal that came during discovery stops the comparison before it measures', async () => {
    const controller = new AbortController()
    const measured: string[] = []
    const comparing = runComparison(await suite(), {
      quick: true,
      signal: controller.signal,
      // the signal is delivered as the listeners come back
      endOnSignal: () => () => controller.abort(),
      onEvent: (event) => measured.push(event.kind),
    })
    await expect(comparing).rejects.toBeInstanceOf(ComparisonAborted)
    expect(measured).not.toContain('corpus-start')
  })
})
