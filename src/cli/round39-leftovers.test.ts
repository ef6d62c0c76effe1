/**
 * Round 39 (s39-small), the user-facing leftovers of stop 38: one name for a pmd entry in compare and replay
 * (s38-trial D9, old replay.json names still read), GB/day at one precision, a comparison.json without latency
 * means read alike by cost, history and compare --baseline, and the comparison check living in src/compare.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkedComparison,
  currentPmdName,
  loadComparisonBaseline,
  pmdLabel,
  statefulResults,
  toComparisonJson,
} from '../compare/index.ts'
import { createStatefulFixtureComparison } from '../compare/test-fixtures.ts'
import { AuraError } from '../core/index.ts'
import { createTempTree } from '../core/test-temp-tree.ts'
import { formatGb } from '../report/cost-markdown.ts'
import { permessageDeflateWireConfig } from '../wire/configs.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

const { root: dir, write } = createTempTree('aura-round39-')

const TRAFFIC = ['--messages-per-day', '1B', '--price-per-gb', '0.1']

/** A replay.json row of one connection and 50 messages, byte-exact. */
const row = (config: string, wireBytes: number) => ({ config, connections: 1, messages: 50, mismatches: 0, wireBytes })

/** The fixture comparison as JSON with every entry's latency means deleted (a file that lost or never had them). */
function withoutMeans(): string {
  const json = JSON.parse(toComparisonJson(createStatefulFixtureComparison(7.5, 40)))
  for (const corpus of json.corpora)
    for (const entry of corpus.entries) for (const side of ['encode', 'decode']) delete entry.latencyUs?.[side]?.mean
  return JSON.stringify(json)
}

describe('a pmd entry has one name in compare and replay (s38-trial D9)', () => {
  it("replay's pmd config is named as compare's entry and current codec are", () => {
    const wire = permessageDeflateWireConfig({ level: 6, memLevel: 8, windowBits: 15, contextTakeover: true })
    expect(wire.name).toBe('pmd L6 takeover')
    expect(wire.name).toBe(pmdLabel(6, true))
    const noTakeover = permessageDeflateWireConfig({ level: 6, memLevel: 8, windowBits: 12, contextTakeover: false })
    expect(noTakeover.name).toBe('pmd L6 no takeover')
  })

  it("reads replay's old names (`pmd L6 w15 takeover`) as today's and leaves every other name alone", () => {
    expect(currentPmdName('pmd L6 w15 takeover')).toBe('pmd L6 takeover')
    expect(currentPmdName('pmd L9 w12 no takeover')).toBe('pmd L9 no takeover')
    for (const name of ['pmd L6 takeover', 'raw', 'hybrid pmd L6 w15 takeover', 'zstd_stream L3 w17'])
      expect(currentPmdName(name)).toBe(name)
  })

  it('projects a replay.json written before round 39 under either name of its pmd row', async () => {
    write(
      'old-replay.json',
      JSON.stringify({
        schemaVersion: 1,
        kind: 'replay',
        corpora: [
          {
            name: 'ws',
            configs: [row('raw', 9_000), row('pmd L6 w15 takeover', 3_000), row('hybrid s (stateful)', 1_500)],
          },
        ],
      }),
    )
    for (const [baseline, out] of [
      ['pmd L6 takeover', 'old-new-name'],
      ['pmd L6 w15 takeover', 'old-old-name'],
    ] as const) {
      const io = createFakeIo({ cwd: dir })
      expect(
        await runCli(['cost', '--replay', 'old-replay.json', ...TRAFFIC, '--baseline', baseline, '--out', out], io),
      ).toBe(0)
      expect(io.out()).toContain('Saved vs pmd L6 takeover')
      expect(io.out()).toContain('| **pmd L6 takeover** |')
      expect(io.out()).not.toContain('w15')
    }
  })
})

describe("cost's --baseline takes the name another report gives the same entry (s39-trial D9)", () => {
  write(
    'st-replay.json',
    JSON.stringify({
      schemaVersion: 1,
      kind: 'replay',
      corpora: [
        { name: 'ws', configs: [row('raw', 9_000), row('pmd L6 takeover', 3_000), row('hybrid st (stateful)', 1_500)] },
      ],
    }),
  )

  it("takes a suite config's own name for its replay row `hybrid st (stateful)`", async () => {
    const io = createFakeIo({ cwd: dir })
    const args = ['cost', '--replay', 'st-replay.json', ...TRAFFIC, '--baseline', 'st', '--out', 'st-replay']
    expect(await runCli(args, io)).toBe(0)
    expect(io.out()).toContain('Saved vs hybrid st (stateful)')
  })

  it("takes compare's `hybrid st (stateful)` for the config `st` of a comparison.json", async () => {
    write('st-cmp/comparison.json', toComparisonJson(createStatefulFixtureComparison(7.5, 40)))
    const io = createFakeIo({ cwd: dir })
    const args = ['cost', '--results', 'st-cmp/comparison.json', ...TRAFFIC, '--baseline', 'hybrid st (stateful)']
    expect(await runCli(args, io)).toBe(0)
    expect(io.out()).toContain('Saved vs st')
  })

  it('names the near config when the baseline is none of them', async () => {
    const io = createFakeIo({ cwd: dir })
    const args = ['cost', '--replay', 'st-replay.json', ...TRAFFIC, '--baseline', 'pmd L6 takover', '--out', 'st-typo']
    expect(await runCli(args, io)).toBe(2)
    expect(io.err()).toContain(
      'is not a config of st-replay.json (configs: raw, pmd L6 takeover, hybrid st (stateful)); did you mean "pmd L6 takeover"?',
    )
    expect(existsSync(path.join(dir, 'st-typo'))).toBe(false)
  })
})

describe("cost's GB/day at one precision (s38-trial D9: `97.415` beside `163.3`)", () => {
  it('gives four significant digits from 1 GB up, three decimals below', () => {
    expect([97.415, 163.3, 4.31, 1433.33, 0.12].map(formatGb)).toEqual(['97.42', '163.3', '4.310', '1433', '0.120'])
  })
})

describe('a comparison.json without latency means', () => {
  it('is projected by cost without a CPU price (it was refused, though nothing reads the means then)', async () => {
    write('nomean/comparison.json', withoutMeans())
    const io = createFakeIo({ cwd: dir })
    expect(await runCli(['cost', '--results', 'nomean/comparison.json', ...TRAFFIC, '--quiet'], io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'nomean', 'cost.json'), 'utf8'))
    const configs = json.projections[0].projection.configs
    expect(configs.map((c: { name: string }) => c.name)).toEqual(['zstd_napi L3', 'st'])
    expect(configs[1].compressionRatio).toBeCloseTo(7.5, 1)
    expect(configs[1].cpu).toBeUndefined()
  })

  it('is refused by cost with a CPU price, naming the file and field, and the cost already written is kept', async () => {
    write('priced/comparison.json', withoutMeans())
    write('priced/cost.md', 'an earlier projection\n')
    const io = createFakeIo({ cwd: dir })
    const args = ['cost', '--results', 'priced/comparison.json', ...TRAFFIC, '--price-per-cpu-hour', '0.04']
    expect(await runCli(args, io)).toBe(2)
    expect(io.err()).toContain('error E_SCHEMA in priced/comparison.json: corpora[0].entries[0].latencyUs.encode.mean')
    expect(await readFile(path.join(dir, 'priced', 'cost.md'), 'utf8')).toBe('an earlier projection\n')
  })

  it('is added by history --add with the same line as with its means (history reads no mean)', async () => {
    write('hist-with/comparison.json', toComparisonJson(createStatefulFixtureComparison(7.5, 40)))
    write('hist-without/comparison.json', withoutMeans())
    const lines: unknown[] = []
    for (const which of ['with', 'without']) {
      const io = createFakeIo({ cwd: dir })
      expect(await runCli(['history', `h-${which}.jsonl`, '--add', `hist-${which}/comparison.json`], io)).toBe(0)
      lines.push(JSON.parse(await readFile(path.join(dir, `h-${which}.jsonl`), 'utf8')))
    }
    expect(lines[1]).toEqual(lines[0])
  })

  it('is a compare --baseline whose stateful runs differ from the full file in the means alone (no regression reads them)', async () => {
    write('base-without/comparison.json', withoutMeans())
    const loaded = await loadComparisonBaseline(
      path.join(dir, 'base-without/comparison.json'),
      'base-without/comparison.json',
    )
    const [run] = statefulResults(loaded.comparison).runs
    const [full] = statefulResults(createStatefulFixtureComparison(7.5, 40)).runs
    const withoutMean = (p: Record<string, unknown> | undefined) => {
      const { mean: _mean, ...rest } = p ?? {}
      return rest
    }
    expect(withoutMean(run?.metrics.latencyUs?.encode as never)).toEqual(
      withoutMean(full?.metrics.latencyUs?.encode as never),
    )
    expect(run?.metrics.ratio).toBe(full?.metrics.ratio)
  })
})

describe('checkedComparison lives in src/compare (cost imported it from src/cli/history-comparison.ts)', () => {
  it('returns a comparison and refuses a malformed one with E_SCHEMA naming the file and field', () => {
    const good = JSON.parse(toComparisonJson(createStatefulFixtureComparison(7.5, 40)))
    expect(checkedComparison(good, 'c.json', 'hint').suite).toBe(good.suite)
    const bad = { ...good, corpora: 'no' }
    let error: unknown
    try {
      checkedComparison(bad, 'c.json', 'the hint')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AuraError)
    expect((error as AuraError).code).toBe('E_SCHEMA')
    expect((error as AuraError).reason).toBe('c.json is not an aura-bench comparison.json: corpora must be a list')
    expect(existsSync(path.join(dir, 'c.json'))).toBe(false)
  })
})
