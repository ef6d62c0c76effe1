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
})
