/** cost --results comparison.json (round 38, s38-trial D5): a stateful config's CPU money, which `run` cannot give. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toComparisonJson } from '../compare/index.ts'
import { createStatefulFixtureComparison } from '../compare/test-fixtures.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

const { root: dir, write } = createTempTree('aura-cost-comparison-')

describe('cost --results comparison.json', () => {
  it("projects every entry, the stateful config's CPU money from compare's mean µs, against a codec as baseline", async () => {
    write('cmp/comparison.json', toComparisonJson(createStatefulFixtureComparison(7.5, 40)))
    const io = createFakeIo({ cwd: dir })
    const args = ['cost', '--results', 'cmp/comparison.json', '--messages-per-day', '1B', '--price-per-gb', '0.1']
    expect(await runCli([...args, '--price-per-cpu-hour', '0.04', '--baseline', 'zstd_napi L3', '--quiet'], io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'cmp', 'cost.json'), 'utf8'))
    const configs = json.projections[0].projection.configs
    expect(configs.map((c: { name: string }) => c.name)).toEqual(['zstd_napi L3', 'st'])
    const st = configs[1]
    expect(st.compressionRatio).toBeCloseTo(7.5, 1)
    expect(st.cpu.cpuUsPerMessage).toBeGreaterThan(0)
    expect(st.cpu.netSavedVsBaselinePerMonthUsd).toBeTypeOf('number')
    const md = await readFile(path.join(dir, 'cmp', 'cost.md'), 'utf8')
    expect(md).toContain('projected from a comparison.json')
    expect(md).toContain('| **st** | 7.50x |')
  })

  // s43-trial D2: a comparison.json did not record its suite's cost: section, so cost --results needed every flag
  it('projects with the cost: section the comparison recorded, CPU price included, without a flag', async () => {
    const comparison = {
      ...createStatefulFixtureComparison(7.5, 40),
      cost: { messagesPerDay: [1e9], pricePerGb: 0.1, pricePerCpuHour: 0.04 },
    }
    write('recorded/comparison.json', toComparisonJson(comparison))
    const io = createFakeIo({ cwd: dir })
    const args = ['cost', '--results', 'recorded/comparison.json', '--baseline', 'zstd_napi L3', '--quiet']
    expect(await runCli(args, io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'recorded', 'cost.json'), 'utf8'))
    const st = json.projections[0].projection.configs[1]
    expect(st.name).toBe('st')
    expect(st.cpu.cpuUsPerMessage).toBeGreaterThan(0)
    expect(st.cpu.netSavedVsBaselinePerMonthUsd).toBeTypeOf('number')
  })

  it('refuses a malformed recorded cost: section naming the field (s43-rev1 M1: it was exit 3)', async () => {
    const comparison = {
      ...createStatefulFixtureComparison(7.5, 40),
      cost: { messagesPerDay: 'lots', pricePerGb: 0.1 },
    }
    write('badcost/comparison.json', JSON.stringify(JSON.parse(toComparisonJson(comparison as never))))
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['cost', '--results', 'badcost/comparison.json', '--quiet'], io)).toBe(2)
    expect(io.err()).toContain('cost.messagesPerDay')
    expect(io.err()).toContain('badcost/comparison.json')
  })

  it('projects without a baseline, warning, when the recorded cost.baseline_config is none of the entries (s43-rev1 M2)', async () => {
    const comparison = {
      ...createStatefulFixtureComparison(7.5, 40),
      cost: { messagesPerDay: [1e9], pricePerGb: 0.1, baselineConfig: 'b5' },
    }
    write('nobase/comparison.json', toComparisonJson(comparison))
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['cost', '--results', 'nobase/comparison.json', '--quiet'], io)).toBe(0)
    const md = await readFile(path.join(dir, 'nobase', 'cost.md'), 'utf8')
    expect(md).toContain(
      "the suite's cost.baseline_config b5 recorded in nobase/comparison.json is none of its entries",
    )
  })

  type Entry = { spec: Record<string, unknown>; state?: unknown; latencyUs: Record<string, Record<string, unknown>> }
  const project = async (
    name: string,
    edit: (json: { corpora: { entries: Entry[] }[] }) => void,
    baseline = 'zstd_napi L3',
  ) => {
    const json = JSON.parse(toComparisonJson(createStatefulFixtureComparison(7.5, 40)))
    edit(json)
    write(`${name}/comparison.json`, JSON.stringify(json))
    const io = createFakeIo({ cwd: dir })
    const args = ['cost', '--results', `${name}/comparison.json`, '--messages-per-day', '1B', '--price-per-gb', '0.1']
    const code = await runCli([...args, '--price-per-cpu-hour', '0.04', '--baseline', baseline, '--quiet'], io)
    return { code, err: io.err() }
  }

  it('refuses an entry without a mean encode or decode µs, naming the field (it projected NaN money, exit 0)', async () => {
    for (const side of ['encode', 'decode']) {
      const { code, err } = await project(`nomean-${side}`, (json) => {
        delete json.corpora[0]?.entries[1]?.latencyUs[side]?.['mean']
      })
      expect(code).toBe(2)
      expect(err).toContain('E_SCHEMA')
      expect(err).toContain(`corpora[0].entries[1].latencyUs.${side}.mean`)
    }
  })

  it('refuses an entry without a label or a state, naming the field (it said "no complete run" or a usage error)', async () => {
    const label = await project('nolabel', (json) => {
      for (const entry of json.corpora[0]?.entries ?? []) delete entry.spec['label']
    })
    expect(label.code).toBe(2)
    expect(label.err).toContain('corpora[0].entries[0].spec.label')
    const state = await project('nostate', (json) => {
      for (const entry of json.corpora[0]?.entries ?? []) delete entry.state
    })
    expect(state.code).toBe(2)
    expect(state.err).toContain('corpora[0].entries[0].state')
  })

  it('refuses a suite config named like a codec label of the corpus, naming both entries (it gave two rows of one name)', async () => {
    const { code, err } = await project(
      'collide',
      (json) => {
        const stateful = json.corpora[0]?.entries[1]
        if (stateful !== undefined) stateful.spec['config'] = 'zstd_napi L3'
      },
      'zstd_napi L3',
    )
    expect(code).toBe(2)
    expect(err).toContain('E_SCHEMA')
    expect(err).toContain('corpora[0].entries[1].spec.config')
    expect(err).toContain('corpora[0].entries[0] (codec label "zstd_napi L3")')
  })

  it('names compare as the remedy for a baseline entry without latency, and cost.md says why its columns are left out', async () => {
    const { code, err } = await project('basenocpu', (json) => {
      const codec = json.corpora[0]?.entries[0] as Partial<Entry> | undefined
      if (codec !== undefined) delete codec.latencyUs
    })
    expect(code).toBe(0)
    expect(err).toContain('gw/zstd_napi L3 has no latency figures')
    expect(err).toContain('run the comparison again (aura-bench compare <suite.yaml>)')
    expect(err).not.toContain('aura-bench run')
    const md = await readFile(path.join(dir, 'basenocpu', 'cost.md'), 'utf8')
    expect(md).toContain('zstd_napi L3 has no CPU figures (no latency measured)')
  })
})
