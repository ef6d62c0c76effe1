import { describe, expect, it } from 'vitest'
import { verdictCaveats } from '../report/index.ts'
import type { Results, RunResult } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'
import { noGatedTargetWarning, unusedTemplateWarnings } from './gate-warnings.ts'

function run(config: string, corpus: string, state: RunResult['state']): RunResult {
  return {
    corpus,
    config,
    state,
    ...(state === 'failed' ? { error: { code: 'E_NO_TEMPLATES', message: 'no template found' } } : {}),
    metrics: {} as RunResult['metrics'],
    categories: {},
    expanding: [],
    mismatches: [],
    targets: [],
  }
}

const ratio = { metric: 'ratio', direction: 'min', pass: 3, gated: true } as Suite['targets'][number]
const configs = [{ name: 'brotli' }, { name: 'hybrid' }] as Suite['configs']

describe('the "no target gated" warning (s37-trial D3)', () => {
  it('says the gated config was never measured, and why, instead of advising to add gated targets', () => {
    const results = { suite: 's', runs: [run('brotli', 'webhooks', 'complete'), run('hybrid', 'webhooks', 'failed')] }
    const [warning] = noGatedTargetWarning(results, {
      targets: [ratio],
      gate: { configs: ['hybrid'], nearFails: false },
      configs,
    })
    expect(warning).toBe(
      'no target gated this run: the gated config "hybrid" was never measured: its runs failed (hybrid on webhooks: E_NO_TEMPLATES), so none of its gated targets was judged; the gate fails on that (see its reasons), and the figures of the configs that did run do not gate',
    )
    expect(warning).not.toContain('add gated targets')
    const caveats = verdictCaveats({ warnings: [warning as string] })
    expect(caveats).toEqual([
      {
        short: 'gated config not measured',
        long: 'No target gated this run: the gated config "hybrid" was never measured: its runs failed (hybrid on webhooks: E_NO_TEMPLATES) (see the gate\'s reasons).',
      },
    ])
  })

  it('says the suite stopped before the gated config when it did', () => {
    const results: Pick<Results, 'runs' | 'suite' | 'incomplete'> = {
      suite: 's',
      runs: [run('brotli', 'webhooks', 'complete')],
      incomplete: true,
    }
    expect(
      noGatedTargetWarning(results, { targets: [ratio], gate: { configs: ['hybrid'], nearFails: false }, configs }),
    ).toEqual([
      'no target gated this run: the gated config "hybrid" was never measured: the suite stopped before measuring the rest, so none of its gated targets was judged; the gate fails on that (see its reasons), and the figures of the configs that did run do not gate',
    ])
  })

  it('still advises gated targets when the gated config ran and none of the targets gates it', () => {
    const results = { suite: 's', runs: [run('brotli', 'webhooks', 'complete'), run('hybrid', 'webhooks', 'complete')] }
    const ungated = { ...ratio, gated: false }
    const [warning] = noGatedTargetWarning(results, {
      targets: [ungated],
      gate: { configs: ['hybrid'], nearFails: false },
      configs,
    })
    expect(warning).toContain('add gated targets')
  })
})

describe('the "templates used on 0%" warning (round 41, s41-trial D1)', () => {
  const sized = (
    config: string,
    templateHitRate: number,
    methods: RunResult['metrics']['methods'],
    sharedStateBytes: number,
    compressedBytes: number,
    p50?: number,
  ): RunResult => ({
    ...run(config, 'breq', 'complete'),
    metrics: {
      messages: 3124,
      templateHitRate,
      methods,
      sharedStateBytes,
      compressedBytes,
      ...(p50 === undefined ? {} : { latencyUs: { encode: { p50 } } }),
    } as RunResult['metrics'],
  })
  it('names the config whose store is never used and the one that sends the same frames without it', () => {
    const hybrid = sized('hybrid', 0, { zstd_dict: 3124 }, 100_137, 1_065_149, 200.4)
    const dict = sized('dict-only', 0, { zstd_dict: 3124 }, 65_536, 1_065_149, 11.2)
    expect(unusedTemplateWarnings({ runs: [hybrid, dict] })).toEqual([
      "templates used on 0.0% of breq's messages by config hybrid: it sends them as zstd_dict, as config dict-only does (bytes within 0.5%), at 17.9x its encode p50 (200.4 against 11.2 µs); the store costs encode time for no bytes on this corpus: leave it out of the config for this corpus (`aura-bench discover` says how many training messages its template frames win)",
    ])
  })
  it('says nothing where templates are used, the bytes differ, or no config without the store ran', () => {
    const dict = sized('dict-only', 0, { zstd_dict: 3124 }, 65_536, 1_065_149)
    expect(
      unusedTemplateWarnings({
        runs: [sized('h', 0.6, { zstd_dict: 1250, binary_semantic: 1874 }, 99_000, 900_000), dict],
      }),
    ).toEqual([])
    expect(unusedTemplateWarnings({ runs: [sized('h', 0, { zstd_dict: 3124 }, 99_000, 1_000_000), dict] })).toEqual([])
    expect(unusedTemplateWarnings({ runs: [sized('h', 0, { zstd_dict: 3124 }, 99_000, 1_065_149)] })).toEqual([])
  })
})
