/** compare's gate (round 35): the suite's targets judged on the stateful config entries, as run judges its runs. */
import { describe, expect, it } from 'vitest'
import type { GateSpec, TargetSpec } from '../suite/index.ts'
import { judgeStatefulTargets, statefulRuns } from './stateful-gate.ts'
import { createFixtureCorpus, createFixtureEntry } from './test-fixtures.ts'
import type { CorpusComparison, EntryResult } from './types.ts'

/** A stateful config entry at a ratio and an encode p95 (p99 = 1.5 x p95). */
function statefulEntry(config: string, ratio: number, encodeP95Us = 40, extra: Partial<EntryResult> = {}): EntryResult {
  const entry = createFixtureEntry(`hybrid ${config}`, ratio, encodeP95Us, {
    id: `hybrid:${config}`,
    label: `hybrid ${config} (stateful)`,
    family: 'hybrid',
    codec: 'hybrid',
    kind: 'stateful',
    config,
  })
  return { ...entry, ...extra }
}

function corpus(name: string, entries: EntryResult[]): CorpusComparison {
  return { corpus: createFixtureCorpus(name), entries }
}

const target = (metric: TargetSpec['metric'], pass: number, extra: Partial<TargetSpec> = {}): TargetSpec => ({
  metric,
  pass,
  direction: metric.endsWith('Us') || metric === 'expansionRate' || metric === 'roundTripMismatches' ? 'max' : 'min',
  gated: true,
  ...extra,
})
const allConfigs: GateSpec = { nearFails: false }

describe('judgeStatefulTargets', () => {
  const comparison = {
    corpora: [
      corpus('gw', [
        createFixtureEntry('zstd_napi L3', 1.3, 5),
        // a per-message hybrid (run judges it) and pmd (no config): never judged here
        createFixtureEntry('hybrid plain', 1.5, 9, {
          id: 'hybrid:plain',
          family: 'hybrid',
          codec: 'hybrid',
          config: 'plain',
        }),
        createFixtureEntry('permessage_deflate L6', 5, 70, {
          family: 'permessage_deflate',
          codec: 'permessage_deflate',
        }),
        statefulEntry('st', 12),
      ]),
      corpus('logs', [statefulEntry('st', 3)]),
    ],
  }

  it('reads only the stateful config entries as runs, with their figures', () => {
    const runs = statefulRuns(comparison)
    expect(runs.map((r) => `${r.corpus} x ${r.config}`)).toEqual(['gw x st', 'logs x st'])
    expect(runs[0]?.metrics.ratio).toBe(12)
    expect(runs[0]?.metrics.latencyUs?.encode.p99).toBe(60)
    expect(Number.isNaN(runs[0]?.metrics.templateHitRate)).toBe(true)
  })

  it('passes when every gated target passes, and fails naming the corpus and config that miss', () => {
    const pass = judgeStatefulTargets(comparison, { targets: [target('ratio', 2)], gate: allConfigs }, true)
    expect(pass?.gate.status).toBe('pass')
    expect(pass?.gate.reasons).toEqual([])
    expect(pass?.gate.judged.map((j) => [j.corpus, j.config, j.targets[0]?.status])).toEqual([
      ['gw', 'st', 'pass'],
      ['logs', 'st', 'pass'],
    ])
    const fail = judgeStatefulTargets(comparison, { targets: [target('ratio', 5)], gate: allConfigs }, true)
    expect(fail?.gate.status).toBe('fail')
    expect(fail?.gate.reasons).toEqual([
      'Config "st" on corpus "logs": Compression ratio (aggregate) (ratio) is 3.00x, below the target ≥ 5x',
    ])
  })

  it('judges latency percentiles, savings and the NEAR band as run does', () => {
    const judged = judgeStatefulTargets(
      comparison,
      {
        targets: [target('encodeP99Us', 50), target('savings', 0.9, { near: 0.6 }), target('ratio', 13, { near: 10 })],
        gate: { nearFails: false },
      },
      true,
    )
    const gw = judged?.gate.judged.find((j) => j.corpus === 'gw')
    expect(gw?.targets.map((t) => [t.metric, t.value, t.status])).toEqual([
      ['encodeP99Us', 60, 'fail'],
      ['savings', 1 - 1 / 12, 'pass'],
      ['ratio', 12, 'near'],
    ])
    expect(judged?.gate.status).toBe('fail')
    expect(judged?.gate.reasons[0]).toMatch(/Config "st" on corpus "gw": Encode p99 \(encodeP99Us\) is 60(\.0)? µs/)
    // NEAR passes unless the gate counts it
    const nearOnly = { targets: [target('ratio', 13, { near: 2 })], gate: { nearFails: false } }
    expect(judgeStatefulTargets(comparison, nearOnly, true)?.gate.status).toBe('pass')
    expect(judgeStatefulTargets(comparison, { ...nearOnly, gate: { nearFails: true } }, true)?.gate.status).toBe('fail')
  })

  it('reports but does not gate an ungated target, or a config the gate does not list', () => {
    const ungated = judgeStatefulTargets(
      comparison,
      { targets: [target('ratio', 100, { gated: false })], gate: allConfigs },
      true,
    )
    expect(ungated?.gate.status).toBe('pass')
    expect(ungated?.gate.judged[0]?.targets[0]).toMatchObject({ status: 'fail', gated: false })
    const elsewhere = judgeStatefulTargets(
      comparison,
      { targets: [target('ratio', 100)], gate: { configs: ['plain'], nearFails: false } },
      true,
    )
    expect(elsewhere?.gate.status).toBe('pass')
    expect(elsewhere?.gate.reasons).toEqual([])
  })

  it('is undefined when no target reaches a stateful config (the comparison stays as before)', () => {
    expect(judgeStatefulTargets(comparison, { targets: [], gate: allConfigs }, true)).toBeUndefined()
    const perMessageOnly = { targets: [target('ratio', 100, { configs: ['plain'] })], gate: allConfigs }
    expect(judgeStatefulTargets(comparison, perMessageOnly, true)).toBeUndefined()
  })

  it('fails a gated latency target that was not measured, and a failed or mismatching entry', () => {
    const { latencyUs: _latency, ...noLatency } = statefulEntry('st', 12)
    const broken = {
      corpora: [
        corpus('gw', [noLatency]),
        corpus('bad', [statefulEntry('st', 12, 40, { roundTrip: { checked: 1000, mismatches: 2 } })]),
      ],
    }
    const judged = judgeStatefulTargets(broken, { targets: [target('encodeP95Us', 1000)], gate: allConfigs }, true)
    expect(judged?.gate.status).toBe('fail')
    expect(judged?.gate.reasons).toEqual([
      expect.stringMatching(/^Config "st" on corpus "gw": Encode p95 \(encodeP95Us\) was not measured/),
      'Config "st" on corpus "bad": 2 of 1000 messages did not round-trip byte-exact',
    ])
    expect(judged?.warnings[0]).toMatch(/not measured; a gated target that is not measured fails the gate/)
  })

  it('fails a gated stateful config of the suite that no entry has, as run fails a gated config no run has', () => {
    const names = ['st', 'st2']
    const ratio = [target('ratio', 2)]
    const listed = judgeStatefulTargets(
      comparison,
      { targets: ratio, gate: { configs: names, nearFails: false } },
      true,
      names,
    )
    expect(listed?.gate.status).toBe('fail')
    expect(listed?.gate.reasons).toEqual(['The gate names config "st2" but no run has it'])
    // no stateful entry at all (compare.hybrids: false): a gate, failing, not "no gate and exit 0"
    const none = { corpora: [corpus('gw', [createFixtureEntry('zstd_napi L3', 1.3, 5)])] }
    const missing = judgeStatefulTargets(
      none,
      { targets: [target('ratio', 1000)], gate: { configs: ['st'], nearFails: false } },
      true,
      ['st'],
    )
    expect(missing?.gate).toMatchObject({ status: 'fail', reasons: ['The gate names config "st" but no run has it'] })
    const unlisted = judgeStatefulTargets(none, { targets: [target('ratio', 1000)], gate: allConfigs }, true, ['st'])
    expect(unlisted?.gate.status).toBe('fail')
    expect(unlisted?.gate.reasons).toEqual([
      expect.stringMatching(/^The targets reach config "st" \(mode: stateful\) but no entry has it/),
    ])
    // listed but reached by no target (targets aimed at a per-message config): nothing to judge, no gate
    const aimed = {
      targets: [target('ratio', 1000, { configs: ['plain'] })],
      gate: { configs: ['st'], nearFails: false },
    }
    expect(judgeStatefulTargets(comparison, aimed, true, ['st'])).toBeUndefined()
    // a gated stateful config measured but reached by no target is not "missing"
    const partly = {
      targets: [target('ratio', 2, { configs: ['st'] })],
      gate: { configs: ['st', 'st3'], nearFails: false },
    }
    const both = { corpora: [corpus('gw', [statefulEntry('st', 12), statefulEntry('st3', 12)])] }
    expect(judgeStatefulTargets(both, partly, true, ['st', 'st3'])?.gate).toMatchObject({ status: 'pass', reasons: [] })
  })

  it('says when a target was judged on a budget-cut sample', () => {
    const cut = statefulEntry('st', 12)
    const sampled = {
      corpora: [corpus('gw', [{ ...cut, sizes: { ...cut.sizes, messages: 400, coverage: 'sample' as const } }])],
    }
    const judged = judgeStatefulTargets(sampled, { targets: [target('ratio', 2)], gate: allConfigs }, true)
    expect(judged?.gate.judged[0]).toMatchObject({ messages: 400, heldOutMessages: 1000 })
    expect(judged?.warnings).toEqual([expect.stringContaining('judged on 400 of 1000 held-out messages')])
  })

  it('marks a failing verdict on a budget-cut sample in the gate reason itself (s37-trial D4)', () => {
    const cut = statefulEntry('st', 12)
    const sizes = { ...cut.sizes, messages: 400, coverage: 'sample' as const, connections: 10, heldOutConnections: 44 }
    const sampled = { corpora: [corpus('gw', [{ ...cut, sizes }])] }
    const judged = judgeStatefulTargets(sampled, { targets: [target('ratio', 20)], gate: allConfigs }, true)
    expect(judged?.gate.status).toBe('fail')
    expect(judged?.gate.reasons).toEqual([
      expect.stringMatching(
        /^Config "st" on corpus "gw": .* below the target ≥ 20x \(on a sample: 400 of 1,000 held-out messages \(40%\), 10 of 44 connections, as the size budget cut the replay; raise compare.size_budget_ms to judge every message\)$/,
      ),
    ])
  })
})
