/**
 * Round 37's review: `merge` keeps the busiest shard's latency load as a pair (its load beyond its own
 * threads), not the highest load of one part beside the most threads of another (which could hide a busy
 * shard from the busy-machine caveat), and refuses a partial whose `latencyLoad` is not such a pair with
 * E_SCHEMA at the field, exit 2 (it ended in exit 3 on `null`). Round 38: the busiest by load beyond `ownLoad`, and
 * an `ownLoad` that is not a load refused the same way (s38-fixr).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, REPO, tempFolder } from './gate-support.ts'

let work = ''

beforeAll(async () => {
  work = tempFolder('shard-latency-load')
  writeFileSync(
    path.join(work, 's.yaml'),
    [
      'name: s',
      'corpora:',
      `  - { path: ${JSON.stringify(path.join(REPO, 'corpora/week1/messages.jsonl'))}, name: week1 }`,
      `configs: [${JSON.stringify(path.join(REPO, 'configs/current.yaml'))}]`,
      'targets: [ { metric: roundTripMismatches, pass: 0 } ]',
      'latency: { samples: 20, warmup: 2 }',
      '',
    ].join('\n'),
  )
  for (const argv of [
    ['run', 's.yaml', '--shard', '1/2', '--out', 's1', '-q'],
    ['run', 's.yaml', '--shard', '2/2', '--out', 's2', '-q'],
  ]) {
    const run = await cli(argv, work)
    expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(0)
  }
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Writes shard `n`'s partial again with its first run's latencyLoad set to `load`. */
function withLoad(n: number, load: unknown): string {
  const file = path.join(work, `s${n}`, 'partial.json')
  const partial = JSON.parse(readFileSync(file, 'utf8'))
  partial.runs[0].latencyLoad = load
  const out = `p${n}.json`
  writeFileSync(path.join(work, out), JSON.stringify(partial))
  return out
}

describe('merge and the latency load of shards', () => {
  it("keeps the busiest part's pair whole: load 5 with 1 own thread beats load 1 with 4 on 2 CPUs", async () => {
    const a = withLoad(1, { loadAverage: 5, ownThreads: 1 })
    const b = withLoad(2, { loadAverage: 1, ownThreads: 4 })
    const merged = await cli(['merge', a, b, '--out', 'merged', '-q', '--no-charts', '--no-latency-gate'], work)
    expect(merged.code, merged.stderr).toBe(0)
    const results = JSON.parse(readFileSync(path.join(work, 'merged', 'results.json'), 'utf8'))
    expect(results.runs[0].latencyLoad).toEqual({ loadAverage: 5, ownThreads: 1 })
  })

  it('refuses a partial whose latencyLoad is not a load and a thread count, naming the field (exit 2, not 3)', async () => {
    for (const bad of [null, { loadAverage: 'high', ownThreads: 1 }, { loadAverage: 1, ownThreads: 0 }]) {
      const a = withLoad(1, bad)
      const merged = await cli(['merge', a, 's2/partial.json', '--out', 'bad', '-q', '--no-charts'], work)
      expect(merged.code, JSON.stringify(bad)).toBe(2)
      expect(merged.stderr).toContain('runs[0].latencyLoad')
    }
  })

  it('picks the busiest part by its load beyond ownLoad (round 38), not beyond its threads', async () => {
    // beyond ownLoad: 0.5 and 2.5, so the second part; beyond ownThreads it would be the first (4 and -1)
    const a = withLoad(1, { loadAverage: 5, ownThreads: 1, ownLoad: 4.5 })
    const b = withLoad(2, { loadAverage: 3, ownThreads: 4, ownLoad: 0.5 })
    const merged = await cli(['merge', a, b, '--out', 'merged-own', '-q', '--no-charts', '--no-latency-gate'], work)
    expect(merged.code, merged.stderr).toBe(0)
    const results = JSON.parse(readFileSync(path.join(work, 'merged-own', 'results.json'), 'utf8'))
    expect(results.runs[0].latencyLoad).toEqual({ loadAverage: 3, ownThreads: 4, ownLoad: 0.5 })
  })

  it('refuses a partial whose ownLoad is not a load (null, negative, a string): E_SCHEMA at the field, exit 2', async () => {
    for (const ownLoad of [null, -1, '1.1']) {
      const a = withLoad(1, { loadAverage: 2, ownThreads: 1, ownLoad })
      const merged = await cli(['merge', a, 's2/partial.json', '--out', 'bad-own', '-q', '--no-charts'], work)
      expect(merged.code, JSON.stringify(ownLoad)).toBe(2)
      expect(merged.stderr, JSON.stringify(ownLoad)).toContain('E_SCHEMA')
      expect(merged.stderr, JSON.stringify(ownLoad)).toContain('runs[0].latencyLoad')
    }
  })
})
