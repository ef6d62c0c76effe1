import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { defaultCompareSpec, loadSuite } from '../suite/index.ts'
import { withSuiteCurrent } from './suite-current.ts'

const { write } = createTempTree('aura-suite-current-')
write('corpora/m.txt', 'hello\n')
write('configs/brotli-q5.yaml', 'name: brotli-q5\nfallback: brotli\nbrotli_quality: 5\nbrotli_library: node:zlib\n')
write('configs/zstd.yaml', 'name: zstd-l3\nfallback: zstd\nzstd_level: 3\n')
write('configs/hybrid.yaml', 'name: hybrid\nfallback: zstd_dict\n')
write('configs/brotli-disc.yaml', 'name: brotli-disc\nfallback: brotli\nbrotli_quality: 5\nbrotli_library: node:zlib\n')
write('configs/zstd-dict-trained.yaml', 'name: zstd-trained\nfallback: zstd\nzstd_level: 3\n')

async function suiteWith(baseline: string, compare = ''): Promise<Awaited<ReturnType<typeof loadSuite>>> {
  return loadSuite(
    write(
      `suites/${baseline}${compare === '' ? '' : '-set'}.yaml`,
      `name: s\ncorpora: [../corpora/m.txt]\nconfigs:\n  - ../configs/brotli-q5.yaml\n  - ../configs/zstd.yaml\n  - { path: ../configs/hybrid.yaml, zstd_dict_training: { split: all } }\n  - { path: ../configs/brotli-disc.yaml, discover: { split: all } }\n  - { path: ../configs/zstd-dict-trained.yaml, zstd_dict_training: { split: all } }\ncost: { messages_per_day: [1000], price_per_gb: 0.1, baseline_config: ${baseline} }\n${compare}`,
    ),
  )
}

describe("compare's current codec when the suite sets none (s37-trial D5)", () => {
  it("is the codec of the suite's cost.baseline_config, measured even when outside the family's levels", async () => {
    const suite = await suiteWith('brotli-q5', 'compare: { brotli_native: [1, 11] }\n')
    const { spec, note } = await withSuiteCurrent(suite.compare ?? defaultCompareSpec(), suite)
    expect(spec.current).toEqual({ codec: 'brotli_native', level: 5 })
    expect(spec.brotliNativeQualities).toEqual([1, 5, 11])
    // the suite's own codec is not "the default": the summary must not head its column so (merge of s37-fixl and s37-fixa)
    expect(spec.currentIsDefault).toBeUndefined()
    expect(note).toBe(
      "compare.current is not set: the current codec is brotli_native 5, the codec of the suite's cost.baseline_config brotli-q5 (brotli-q5.yaml); set compare.current to compare with another",
    )
  })

  it('stays brotli 11, said, when the baseline config is not one plain codec; a suite that sets compare.current keeps it', async () => {
    const hybrid = await suiteWith('hybrid')
    const kept = await withSuiteCurrent(hybrid.compare ?? defaultCompareSpec(), hybrid)
    expect(kept.spec.current).toEqual({ codec: 'brotli', level: 11 })
    expect(kept.spec.currentIsDefault).toBe(true)
    expect(kept.note).toMatch(/^compare.current is not set, and the suite's cost.baseline_config hybrid .* brotli 11/)
    const set = await suiteWith('zstd-l3', 'compare: { brotli: [9, 11], current: { codec: brotli, level: 9 } }\n')
    expect(await withSuiteCurrent(set.compare ?? defaultCompareSpec(), set)).toEqual({ spec: set.compare })
  })

  // s42-trial D5: a named level its family's list lacked was not measured, and the summary had nothing to compare with
  it("measures compare.current's level when its family's list lacks it, and says so", async () => {
    const brotli = await suiteWith('zstd-l3', 'compare: { brotli: [5], current: { codec: brotli, level: 7 } }\n')
    const measured = await withSuiteCurrent(brotli.compare ?? defaultCompareSpec(), brotli)
    expect(measured.spec.brotliQualities).toEqual([5, 7])
    expect(measured.spec.current).toEqual({ codec: 'brotli', level: 7 })
    expect(measured.note).toBe(
      "compare.current is brotli 7, which compare.brotli's list [5] does not hold: it is measured too, so the summary compares against it",
    )
    const pmd = await suiteWith(
      'zstd-l3',
      'compare: { permessage_deflate: { levels: [6] }, current: { codec: permessage_deflate, level: 9 } }\n',
    )
    const both = await withSuiteCurrent(pmd.compare ?? defaultCompareSpec(), pmd)
    expect(both.spec.permessageDeflate.levels).toEqual([6, 9])
    expect(both.note).toMatch(
      /^compare.current is permessage_deflate level 9, which compare.permessage_deflate.levels \[6\] does not list/,
    )
  })

  it('adds a missing level in order and leaves a list that holds it as it is, for a codec family and permessage_deflate alike', async () => {
    const listed = await suiteWith('zstd-l3', 'compare: { zstd: [1, 9], current: { codec: zstd, level: 9 } }\n')
    expect(await withSuiteCurrent(listed.compare ?? defaultCompareSpec(), listed)).toEqual({ spec: listed.compare })
    const between = await suiteWith('zstd-l3', 'compare: { zstd: [1, 9], current: { codec: zstd, level: 3 } }\n')
    expect((await withSuiteCurrent(between.compare ?? defaultCompareSpec(), between)).spec.zstdLevels).toEqual([
      1, 3, 9,
    ])
    const pmd =
      'compare: { permessage_deflate: { levels: [1, 9] }, current: { codec: permessage_deflate, level: LEVEL } }\n'
    const held = await suiteWith('zstd-l3', pmd.replace('LEVEL', '9'))
    expect(await withSuiteCurrent(held.compare ?? defaultCompareSpec(), held)).toEqual({ spec: held.compare })
    const added = await suiteWith('zstd-l3', pmd.replace('LEVEL', '6'))
    const spec = (await withSuiteCurrent(added.compare ?? defaultCompareSpec(), added)).spec
    expect(spec.permessageDeflate.levels).toEqual([1, 6, 9])
  })

  it('stays brotli 11 when the suite entry adds templates or a dictionary to a plain-codec config file (s37-fixs M1)', async () => {
    for (const name of ['brotli-disc', 'zstd-trained']) {
      const suite = await suiteWith(name)
      const kept = await withSuiteCurrent(suite.compare ?? defaultCompareSpec(), suite)
      expect(kept.spec.current).toEqual({ codec: 'brotli', level: 11 })
      expect(kept.spec.currentIsDefault).toBe(true)
      expect(kept.note).toMatch(
        new RegExp(`^compare.current is not set, and the suite's cost.baseline_config ${name} .* brotli 11`),
      )
    }
  })
})
