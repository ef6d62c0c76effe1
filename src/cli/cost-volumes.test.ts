/**
 * `cost --volume CORPUS=N` and the total per config across corpora (round 40, s39-trial D5): each corpus at its own
 * messages per day, one total per scenario; an unknown corpus is E_USAGE naming the flag with the near name.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toResultsJson } from '../report/index.ts'
import { createFixtureResults } from '../report/test-fixtures.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

let dir: string
const createIo = () => createFakeIo({ cwd: dir, env: {} })

const row = (config: string, wireBytes: number) => ({ config, connections: 1, messages: 50, mismatches: 0, wireBytes })

/** Two corpora of one fixture run each, `week1` and `nginx` (the same runs under two names). */
async function writeTwoCorpusResults(): Promise<string> {
  const results = createFixtureResults()
  const nginx = results.runs.map((run) => ({ ...run, corpus: 'nginx' }))
  await writeFile(path.join(dir, 'two.json'), toResultsJson({ ...results, runs: [...results.runs, ...nginx] }))
  return 'two.json'
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aura-cost-volume-'))
  await writeFile(
    path.join(dir, 'replay.json'),
    JSON.stringify({
      schemaVersion: 1,
      kind: 'replay',
      corpora: [
        { name: 'llm', configs: [row('raw', 10_000), row('pmd', 2_500)] },
        { name: 'market', configs: [row('raw', 5_000), row('pmd', 1_000)] },
      ],
    }),
  )
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

type Projection = {
  corpus: string
  projection: {
    messagesPerDay: number
    configs: { name: string; sent: { gbPerDay: number; costPerMonthUsd: number } }[]
  }
}
type Total = {
  corpora: { corpus: string; messagesPerDay: number }[]
  configs: { name: string; gbPerDay: number; costPerMonthUsd: number; savedVsBaselinePerMonthUsd?: number }[]
}

describe('cost --volume CORPUS=N', () => {
  it('projects each corpus at its own volume and totals each config across corpora (Markdown and JSON)', async () => {
    const io = createIo()
    const args = [
      'cost',
      '--replay',
      'replay.json',
      '--volume',
      'llm=2B',
      '--volume',
      'market=50M',
      '--price-per-gb',
      '0.1',
    ]
    expect(await runCli([...args, '--baseline', 'raw', '--out', 'vol'], io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'vol', 'cost.json'), 'utf8'))
    const byCorpus = Object.fromEntries(
      (json.projections as Projection[]).map((p) => [p.corpus, p.projection.messagesPerDay]),
    )
    expect(byCorpus).toEqual({ llm: 2e9, market: 5e7 })
    expect(json.totals).toHaveLength(1)
    const total = json.totals[0] as Total
    expect(total.corpora).toEqual([
      { corpus: 'llm', messagesPerDay: 2e9 },
      { corpus: 'market', messagesPerDay: 5e7 },
    ])
    const pmd = total.configs.find((c) => c.name === 'pmd')
    const parts = (json.projections as Projection[]).map(
      (p) => p.projection.configs.find((c) => c.name === 'pmd')?.sent as { gbPerDay: number; costPerMonthUsd: number },
    )
    const sum = (pick: (p: { gbPerDay: number; costPerMonthUsd: number }) => number) =>
      parts.reduce((a, p) => a + pick(p), 0)
    expect(parts).toHaveLength(2)
    expect(pmd?.gbPerDay).toBeCloseTo(
      sum((p) => p.gbPerDay),
      9,
    )
    expect(pmd?.costPerMonthUsd).toBeCloseTo(
      sum((p) => p.costPerMonthUsd),
      9,
    )
    // 2B x 50 B (pmd's 2,500 wire bytes over 50 messages) + 50M x 20 B = 101 GB/day
    expect(pmd?.gbPerDay).toBeCloseTo(101, 9)
    expect(pmd?.savedVsBaselinePerMonthUsd).toBeGreaterThan(0)
    expect(io.out()).toContain('## llm: 2,000,000,000 messages/day')
    expect(io.out()).toContain('## market: 50,000,000 messages/day')
    expect(io.out()).toContain('## Total across 2 corpora: 0 bytes of transport overhead per message')
    expect(io.out()).toContain('(llm 2,000,000,000 messages/day, market 50,000,000 messages/day)')
    expect(io.out()).toMatch(/\| \*\*pmd\*\* \| 101\.0 \|/)
  })

  // s41-trial D4: the per-corpus sections had `Net saved vs <baseline>`, the total did not
  it('totals the net saved against the baseline config when its CPU was measured', async () => {
    const io = createIo()
    const args = ['cost', '--results', await writeTwoCorpusResults(), '--volume', 'week1=1B', '--volume', 'nginx=1B']
    const flags = ['--price-per-gb', '0.09', '--baseline', 'current', '--price-per-cpu-hour', '0.04', '--out', 'netvs']
    expect(await runCli([...args, ...flags], io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'netvs', 'cost.json'), 'utf8'))
    type Net = { name: string; cpu?: { netSavedVsBaselinePerMonthUsd?: number } }
    const parts = (json.projections as { projection: { configs: Net[] } }[]).map(
      (p) => p.projection.configs.find((c) => c.name === 'emergency')?.cpu?.netSavedVsBaselinePerMonthUsd as number,
    )
    expect(parts).toHaveLength(2)
    const total = (json.totals[0].configs as (Net & { netSavedVsBaselinePerMonthUsd?: number })[]).find(
      (c) => c.name === 'emergency',
    )
    expect(total?.netSavedVsBaselinePerMonthUsd).toBeCloseTo((parts[0] ?? 0) + (parts[1] ?? 0), 6)
    const totalSection = io.out().slice(io.out().indexOf('## Total across 2 corpora'))
    expect(totalSection).toContain('| Net saved vs current $/month |')
  })

  it('keeps --messages-per-day for the corpora it does not name, each of its scenarios totalled', async () => {
    const io = createIo()
    const args = ['cost', '--results', await writeTwoCorpusResults(), '--messages-per-day', '100M', '1B']
    expect(await runCli([...args, '--volume', 'nginx=5B', '--price-per-gb', '0.1', '--out', 'mixed'], io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'mixed', 'cost.json'), 'utf8'))
    const volumes = (json.projections as Projection[]).map((p) => `${p.corpus} ${p.projection.messagesPerDay}`)
    expect(volumes).toEqual(['week1 100000000', 'week1 1000000000', 'nginx 5000000000', 'nginx 5000000000'])
    expect((json.totals as Total[]).map((t) => t.corpora.map((c) => c.messagesPerDay))).toEqual([
      [1e8, 5e9],
      [1e9, 5e9],
    ])
  })

  it('without --volume, several corpora still get a total at the one volume (the old flag unchanged)', async () => {
    const io = createIo()
    const args = [
      'cost',
      '--results',
      await writeTwoCorpusResults(),
      '--messages-per-day',
      '1B',
      '--price-per-gb',
      '0.1',
    ]
    expect(await runCli([...args, '--out', 'plain'], io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'plain', 'cost.json'), 'utf8'))
    expect((json.projections as Projection[]).map((p) => p.projection.messagesPerDay)).toEqual([1e9, 1e9])
    const names = (json.projections as Projection[])[0]?.projection.configs.map((c) => c.name)
    expect((json.totals as Total[])[0]?.configs.map((c) => c.name)).toEqual(names)
    expect(names?.length).toBeGreaterThan(1)
  })

  it('writes no totals for one corpus (cost.json as before)', async () => {
    await writeFile(path.join(dir, 'one.json'), toResultsJson(createFixtureResults()))
    const io = createIo()
    const args = ['cost', '--results', 'one.json', '--messages-per-day', '1B', '--price-per-gb', '0.1', '--out', 'one']
    expect(await runCli(args, io)).toBe(0)
    const json = JSON.parse(await readFile(path.join(dir, 'one', 'cost.json'), 'utf8'))
    expect(json.totals).toBeUndefined()
    expect(io.out()).not.toContain('## Total across')
  })

  it('refuses an unknown corpus with a did-you-mean naming the flag, nothing written', async () => {
    const io = createIo()
    const args = ['cost', '--replay', 'replay.json', '--volume', 'markt=1B', '--messages-per-day', '1B']
    expect(await runCli([...args, '--price-per-gb', '0.1', '--out', 'typo'], io)).toBe(2)
    expect(io.err()).toContain(
      'error E_USAGE in --volume: --volume markt=...: markt is not a corpus of replay.json (corpora: llm, market); did you mean --volume market=...?',
    )
    expect(existsSync(path.join(dir, 'typo'))).toBe(false)
  })

  it('refuses a corpus left without traffic when no --messages-per-day covers it, and a malformed value', async () => {
    const io = createIo()
    const args = ['cost', '--replay', 'replay.json', '--volume', 'llm=1B', '--price-per-gb', '0.1', '--out', 'gap']
    expect(await runCli(args, io)).toBe(2)
    expect(io.err()).toContain('--volume gives no messages per day for corpus market of replay.json')
    expect(io.err()).toContain('add --volume market=N, or --messages-per-day N')
    for (const bad of ['llm', 'llm=0', '=1B', 'llm=lots']) {
      const badIo = createIo()
      expect(await runCli(['cost', '--replay', 'replay.json', '--volume', bad, '--price-per-gb', '0.1'], badIo)).toBe(2)
      expect(badIo.err()).toContain(`--volume takes CORPUS=N with N a positive count (100M, 1B, 2.5k), got "${bad}"`)
    }
    expect(existsSync(path.join(dir, 'gap'))).toBe(false)
  })
})
