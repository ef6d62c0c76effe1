/** compare's gate with a baseline (round 35): the previous comparison.json loaded, checked and compared as run's baseline is. */
import { describe, expect, it } from 'vitest'
import {
  createFixtureComparison,
  createFixtureCorpus,
  createStatefulFixtureComparison,
} from '../compare/test-fixtures.ts'
import { loadComparisonBaseline, toComparisonJson, type Comparison, type EntryResult } from '../compare/index.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import type { Suite, TargetSpec } from '../suite/index.ts'
import {
  finishCompareGate,
  finishCompareGateKeeping,
  prepareCompareGate,
  readCompareGateFlags,
  renderCompareGate,
} from './compare-gate.ts'

const { root: dir, write } = createTempTree('aura-compare-gate-')

/** A comparison with one stateful config entry `st` at `ratio` (1.5 x p95 = p99) on corpus gw. */
function comparisonAt(ratio: number, encodeP95Us = 40): Comparison {
  return createStatefulFixtureComparison(ratio, encodeP95Us)
}

const ratioTarget: TargetSpec = { metric: 'ratio', pass: 2, direction: 'min', gated: true }
const suite = { targets: [ratioTarget], gate: { nearFails: false } } satisfies Pick<Suite, 'targets' | 'gate'>
const flags = { allowMissingBaseline: false, gateLatency: true }
/** The comparison as comparison.json holds it, loaded back as a baseline. */
async function baselineOf(comparison: Comparison, name: string) {
  return loadComparisonBaseline(write(name, toComparisonJson(comparison)), name)
}

describe('finishCompareGate', () => {
  it('judges ratio and savings from the byte counts: a few bytes worse in 10 MB is a regression, not "unchanged"', async () => {
    const sized = (compressedBytes: number): Comparison => {
      const comparison = comparisonAt(12)
      const entry = comparison.corpora[0]?.entries[1] as EntryResult
      const originalBytes = 10_000_000
      entry.sizes = {
        ...entry.sizes,
        originalBytes,
        compressedBytes,
        ratio: originalBytes / compressedBytes,
        meanRatio: 12,
        savings: 1 - compressedBytes / originalBytes,
      }
      return comparison
    }
    // 809,950 -> 809,980 bytes: 12.346x either way at comparison.json's 5 digits
    const baseline = await baselineOf(sized(809_950), 'exact.json')
    const judged = finishCompareGate(sized(809_980), suite, { flags, statefulConfigs: ['st'], baseline })
    const sizes = judged.comparison.baseline?.runs[0]?.metrics.filter((m) => ['ratio', 'savings'].includes(m.metric))
    expect(sizes?.map((m) => [m.metric, m.verdict])).toEqual([
      ['ratio', 'fail'],
      ['savings', 'fail'],
    ])
    expect(judged.comparison.gate?.status).toBe('fail')
    // the same bytes: unchanged
    expect(
      finishCompareGate(sized(809_950), suite, { flags, statefulConfigs: ['st'], baseline }).comparison.gate?.status,
    ).toBe('pass')
  })

  it('a failure finishing the gate keeps the measured comparison, with a failed gate saying why, and the error', async () => {
    const baseline = await baselineOf(comparisonAt(3), 'kept.json')
    // a baseline the loader would refuse, handed over directly: finishing it throws
    const broken = { ...baseline, comparison: { ...baseline.comparison, environment: {} } } as typeof baseline
    expect(() =>
      finishCompareGate(comparisonAt(3), suite, { flags, statefulConfigs: ['st'], baseline: broken }),
    ).toThrow(TypeError)
    const kept = finishCompareGateKeeping(comparisonAt(3), suite, { flags, statefulConfigs: ['st'], baseline: broken })
    expect(kept.error).toBeInstanceOf(TypeError)
    expect(kept.comparison.corpora).toEqual(comparisonAt(3).corpora)
    expect(kept.comparison.gate).toMatchObject({
      status: 'fail',
      reasons: [expect.stringMatching(/^The gate could not be finished \(an internal error, a bug in aura-bench\): /)],
    })
    expect(finishCompareGateKeeping(comparisonAt(3), suite, { flags, statefulConfigs: ['st'] }).error).toBeUndefined()
  })

  it('without a baseline: the targets alone, and no gate at all when none reaches a stateful config', () => {
    const judged = finishCompareGate(comparisonAt(3), suite, { flags, statefulConfigs: ['st'] })
    expect(judged.comparison.gate?.status).toBe('pass')
    expect(judged.comparison.baseline).toBeUndefined()
    expect(judged.sections).toEqual([])
    const none = finishCompareGate(
      comparisonAt(3),
      { targets: [], gate: { nearFails: false } },
      { flags, statefulConfigs: ['st'] },
    )
    expect(none.comparison).toEqual(comparisonAt(3))
  })

  it('an unchanged entry passes against its own comparison.json (figures read at its 5 digits)', async () => {
    // 2.123456789: written as 2.1235, so a comparison of the unrounded figure would call it worse
    const baseline = await baselineOf(comparisonAt(2.123456789), 'same.json')
    const judged = finishCompareGate(comparisonAt(2.123456789), suite, { flags, statefulConfigs: ['st'], baseline })
    expect(judged.comparison.baseline?.verdict).toBe('pass')
    expect(judged.comparison.gate?.status).toBe('pass')
    expect(judged.sections[0]).toMatch(/^## Baseline Comparison: /)
  })

  it('a smaller ratio than the baseline fails the gate in run’s words; --accept-regression records it instead', async () => {
    const baseline = await baselineOf(comparisonAt(4), 'before.json')
    const judged = finishCompareGate(comparisonAt(3), suite, { flags, statefulConfigs: ['st'], baseline })
    expect(judged.comparison.gate?.status).toBe('fail')
    // ratio, mean ratio and savings all worsened: one reason each, as run gives them
    expect(judged.comparison.gate?.reasons).toEqual([
      expect.stringMatching(
        /^Config "st" on corpus "gw": regression in Compression ratio \(aggregate\) \(ratio\) against the baseline before\.json: 4\.00x → 3\.00x/,
      ),
      expect.stringContaining('regression in Mean per-message ratio (meanRatio)'),
      expect.stringContaining('regression in Bandwidth savings (savings)'),
    ])
    const run = judged.comparison.baseline?.runs[0]
    expect(run).toMatchObject({ corpus: 'gw', config: 'st', verdict: 'fail' })
    // the per-message entries are not compared: run's baseline covers them
    expect(judged.comparison.baseline?.runs).toHaveLength(1)
    const accepted = finishCompareGate(comparisonAt(3), suite, {
      flags: { ...flags, acceptRegression: 'smaller dictionary, intended' },
      baseline,
      statefulConfigs: ['st'],
    })
    expect(accepted.comparison.gate?.status).toBe('pass')
    expect(accepted.comparison.baseline?.acceptedRegression?.reason).toBe('smaller dictionary, intended')
  })

  it('a baseline with no target still gates on regressions', async () => {
    const baseline = await baselineOf(comparisonAt(4), 'no-target.json')
    const judged = finishCompareGate(
      comparisonAt(3),
      { targets: [], gate: { nearFails: false } },
      { flags, statefulConfigs: ['st'], baseline },
    )
    expect(judged.comparison.gate).toMatchObject({ status: 'fail', judged: [] })
  })
})

describe('compare --baseline refused before measuring (E_BASELINE, exit 2)', () => {
  const fullSuite = {
    name: 'gw',
    corpora: [{ name: 'gw' }],
    configs: [{ name: 'st' }],
    targets: [],
    gate: { nearFails: false },
  } as unknown as Suite
  const prepare = (baseline: string, out = 'out') =>
    prepareCompareGate(readCompareGateFlags({ baseline }, { cwd: dir }), fullSuite, `${dir}/${out}`, [
      'report.md',
      'comparison.json',
    ])

  it('names a missing file, a folder, broken JSON, a results.json and a file of another shape', async () => {
    await expect(prepare('missing.json')).rejects.toMatchObject({
      code: 'E_BASELINE',
      reason: 'baseline not found: missing.json',
      location: { file: 'missing.json', field: '--baseline' },
    })
    write('folder/x', '')
    await expect(prepare('folder')).rejects.toMatchObject({ message: expect.stringContaining('is a folder') })
    write('broken.json', '{"kind": "compare", ')
    await expect(prepare('broken.json')).rejects.toMatchObject({
      message: expect.stringContaining('is not valid JSON'),
    })
    write('results.json', JSON.stringify({ schemaVersion: 1, suite: 'gw', runs: [], gate: { status: 'pass' } }))
    await expect(prepare('results.json')).rejects.toMatchObject({
      message: expect.stringContaining("is a run's results.json (results.json, written by"),
    })
    write(
      'shape.json',
      JSON.stringify({
        kind: 'compare',
        suite: 'gw',
        startedAt: 'x',
        environment: createFixtureComparison().environment,
        corpora: [{ corpus: { name: 'gw' } }],
      }),
    )
    await expect(prepare('shape.json')).rejects.toMatchObject({
      message: expect.stringContaining('corpora[0].entries must be a list'),
      location: { file: 'shape.json', field: 'corpora[0].entries' },
    })
  })

  it('refuses, before measuring, a comparison.json without the start or environment fields the gate reads', async () => {
    const good = JSON.parse(toComparisonJson(comparisonAt(3))) as Record<string, unknown>
    const { startedAt: _started, ...unstarted } = good
    for (const [name, json, field] of [
      ['env-empty.json', { ...good, environment: {} }, 'environment.node'],
      ['env-libraries.json', { ...good, environment: { libraries: {} } }, 'environment.node'],
      [
        'env-cpus.json',
        { ...good, environment: { ...createFixtureComparison().environment, cpus: '4' } },
        'environment.cpus',
      ],
      [
        'env-lib.json',
        { ...good, environment: { ...createFixtureComparison().environment, libraries: { zstd: 1 } } },
        'environment.libraries.zstd',
      ],
      ['unstarted.json', unstarted, 'startedAt'],
    ] as const) {
      write(name, JSON.stringify(json))
      await expect(prepare(name)).rejects.toMatchObject({
        code: 'E_BASELINE',
        message: expect.stringContaining(`baseline ${name} is not an aura-bench comparison.json: ${field} must be`),
        location: { file: name, field },
      })
    }
  })

  it('refuses a baseline with no stateful entry of the suite, and one this compare would overwrite', async () => {
    write(
      'other.json',
      toComparisonJson({
        ...comparisonAt(3),
        corpora: [{ ...comparisonAt(3).corpora[0]!, corpus: createFixtureCorpus('elsewhere') }],
      }),
    )
    await expect(prepare('other.json')).rejects.toMatchObject({
      message: expect.stringContaining('has no stateful config entry of any corpus x config of suite gw'),
      location: { file: 'other.json', field: '--baseline' },
    })
    write('out/comparison.json', toComparisonJson(comparisonAt(3)))
    await expect(prepare('out/comparison.json')).rejects.toMatchObject({
      code: 'E_BASELINE',
      reason: '--out would overwrite the baseline out/comparison.json',
    })
    write('good.json', toComparisonJson(comparisonAt(3)))
    expect((await prepare('good.json')).baseline?.path).toBe('good.json')
  })

  it('--allow-missing-baseline turns a missing one into a warning; --accept-regression needs a baseline', async () => {
    const prepared = await prepareCompareGate(
      readCompareGateFlags({ baseline: 'absent.json', 'allow-missing-baseline': true }, { cwd: dir }),
      fullSuite,
      `${dir}/out2`,
      ['comparison.json'],
    )
    expect(prepared.missingBaseline).toBe('absent.json')
    expect(() => readCompareGateFlags({ 'accept-regression': 'why' }, { cwd: dir })).toThrow(/give --baseline too/)
  })
})

describe('renderCompareGate', () => {
  it('says beside a PASS too that the verdict rests on a budget-cut sample (s37-trial D4)', () => {
    const target = { gated: true, status: 'pass' } as NonNullable<
      Comparison['gate']
    >['judged'][number]['targets'][number]
    const judged = { corpus: 'gw', config: 'st', entry: 'hybrid:st', targets: [target] }
    const gate = (messages: number) => ({
      status: 'pass' as const,
      reasons: [],
      latencyGated: true,
      judged: [{ ...judged, messages, heldOutMessages: 3462 }],
    })
    expect(renderCompareGate({ ...comparisonAt(12), gate: gate(663) })).toContain(
      'gate: PASS\n  on a sample: config "st" on corpus "gw" was judged on 663 of 3,462 held-out messages (the size budget cut the replay); raise compare.size_budget_ms to judge every message\n',
    )
    expect(renderCompareGate({ ...comparisonAt(12), gate: gate(3462) })).not.toContain('on a sample')
  })
})
