// `aura-bench history`: runs appended as JSON lines, trend charts per metric, and the exports
// github-action-benchmark (custom JSON) and Bencher (BMF) read; a bad history line is exit 2, named.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli, REPO, tempFolder, writeSuite } from './gate-support.ts'

let dir: string

beforeAll(async () => {
  dir = tempFolder('history')
  const suite = writeSuite(
    dir,
    'hist',
    [path.join(REPO, 'configs/emergency.yaml')],
    ['{ metric: ratio, pass: 1.5 }'],
    'latency: { enabled: false }',
  )
  expect((await cli(['run', suite, '--out', 'out', '--no-charts'], dir)).code).toBe(0)
})

/**
 * out/results.json as another run (another `startedAt`) written to `file`: since round 33 a run already
 * in a history (the same suite and startedAt, whatever the commit) is not added again (s33 D8).
 */
function laterRun(file: string, minutes: number): string {
  const results = JSON.parse(readFileSync(path.join(dir, 'out/results.json'), 'utf8')) as { startedAt: string }
  const startedAt = new Date(Date.parse(results.startedAt) + minutes * 60_000).toISOString()
  writeFileSync(path.join(dir, file), JSON.stringify({ ...results, startedAt }))
  return file
}

describe('aura-bench history', () => {
  it('appends a line per run with the commit and an accepted regression, draws trends and exports both formats', async () => {
    expect(
      (await cli(['history', 'h/hist.jsonl', '--add', 'out/results.json', '--commit', 'aaaaaaa1'], dir)).code,
    ).toBe(0)
    const second = await cli(
      [
        'history',
        'h/hist.jsonl',
        '--add',
        laterRun('later.json', 1),
        '--accept-regression',
        'smaller frames, slower encode: intended',
        '--charts',
        'h/charts',
        '--github-action-benchmark',
        'h/gab',
        '--bencher',
        'h/bmf.json',
      ],
      dir,
      { GITHUB_SHA: 'bbbbbbb2' },
    )
    expect(second.stderr).toBe('')
    expect(second.code).toBe(0)
    const lines = readFileSync(path.join(dir, 'h/hist.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => [l.commit, l.verdict, l.acceptedRegression])).toEqual([
      ['aaaaaaa1', 'pass', undefined],
      ['bbbbbbb2', 'pass', 'smaller frames, slower encode: intended'],
    ])
    expect(lines[1].runs[0]).toMatchObject({
      corpus: 'week1',
      config: 'emergency',
      metrics: { ratio: expect.any(Number) },
    })
    expect(readFileSync(path.join(dir, 'h/charts/trend-ratio.svg'), 'utf8')).toContain('<svg')
    expect(existsSync(path.join(dir, 'h/charts/trend-ratio.png'))).toBe(true)
    const bigger = JSON.parse(readFileSync(path.join(dir, 'h/gab-bigger.json'), 'utf8')) as Array<
      Record<string, unknown>
    >
    const smaller = JSON.parse(readFileSync(path.join(dir, 'h/gab-smaller.json'), 'utf8')) as Array<
      Record<string, unknown>
    >
    expect(bigger.find((b) => b['name'] === 'hist/week1/emergency/ratio')).toMatchObject({
      unit: 'x',
      value: lines[1].runs[0].metrics.ratio,
    })
    expect(smaller.map((s) => s['name'])).toContain('hist/week1/emergency/expansionRate')
    for (const item of [...bigger, ...smaller])
      expect(Object.keys(item).sort()).toEqual(['extra', 'name', 'unit', 'value'])
    const bmf = JSON.parse(readFileSync(path.join(dir, 'h/bmf.json'), 'utf8')) as Record<
      string,
      Record<string, { value: number }>
    >
    expect(bmf['hist/week1/emergency']?.['template-hit-rate']?.value).toBe(lines[1].runs[0].metrics.templateHitRate)
    for (const measures of Object.values(bmf))
      for (const [slug, m] of Object.entries(measures))
        expect([slug, typeof m.value]).toEqual([expect.stringMatching(/^[a-z0-9-]+$/), 'number'])
  })

  it('a line that is not JSON is E_JSON_SYNTAX (the catalog), one that is not a history entry E_SCHEMA: exit 2, file and line named', async () => {
    writeFileSync(path.join(dir, 'bad.jsonl'), '{"schemaVersion":1,"suite":"s","runs":[]}\nnot json\n')
    const run = await cli(['history', 'bad.jsonl', '--bencher', 'b.json'], dir)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/E_JSON_SYNTAX in bad\.jsonl:2/)
    writeFileSync(path.join(dir, 'bad.jsonl'), '{"schemaVersion":1,"suite":"s","runs":[]}\n{"x":1}\n')
    const entry = await cli(['history', 'bad.jsonl', '--bencher', 'b.json'], dir)
    expect(entry.code).toBe(2)
    expect(entry.stderr).toMatch(/E_SCHEMA in bad\.jsonl:2/)
  })

  it('refuses a run of another suite and an incomplete run: exit 2, file and field named, nothing written', async () => {
    const results = JSON.parse(readFileSync(path.join(dir, 'out/results.json'), 'utf8')) as Record<string, unknown>
    writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ ...results, suite: 's4' }))
    writeFileSync(
      path.join(dir, 'partway.json'),
      JSON.stringify({
        ...results,
        incomplete: true,
        gate: { status: 'fail', reasons: ['the suite stopped part-way'] },
      }),
    )
    expect((await cli(['history', 'one.jsonl', '--add', 'out/results.json'], dir)).code).toBe(0)
    const before = readFileSync(path.join(dir, 'one.jsonl'), 'utf8')
    const other = await cli(['history', 'one.jsonl', '--add', 'other.json', '--charts', 'one-charts'], dir)
    expect(other.code).toBe(2)
    expect(other.stderr).toMatch(/E_SCHEMA in other\.json: suite: .*suite `s4`.*holds suite `hist`/)
    const partway = await cli(['history', 'one.jsonl', '--add', 'partway.json', '--charts', 'one-charts'], dir)
    expect(partway.code).toBe(2)
    expect(partway.stderr).toMatch(/E_SCHEMA in partway\.json: incomplete: .*incomplete run of hist/)
    expect(readFileSync(path.join(dir, 'one.jsonl'), 'utf8')).toBe(before)
    expect(existsSync(path.join(dir, 'one-charts'))).toBe(false)
  })

  it('a history file inside a report folder (through a link too) is refused: the next run there deleted it', async () => {
    const { symlinkSync } = await import('node:fs')
    symlinkSync(path.join(dir, 'out/.aura-bench/report'), path.join(dir, 'current'))
    for (const file of ['current/h.jsonl', 'out/.aura-bench/h.jsonl']) {
      const run = await cli(['history', file, '--add', 'out/results.json'], dir)
      expect(run.code, file).toBe(2)
      expect(run.stderr).toMatch(/E_OUTPUT .*lies in aura-bench's state folder/)
    }
    expect(existsSync(path.join(dir, 'out/.aura-bench/report/h.jsonl'))).toBe(false)
  })
})

describe('aura-bench history: round 32', () => {
  it('keeps every entry when several history --add run on one file at once (they take turns; none loses another)', async () => {
    const adds = await Promise.all(
      ['c1', 'c2', 'c3', 'c4', 'c5'].map((commit, i) =>
        cli(['history', 'conc/h.jsonl', '--add', laterRun(`conc-${commit}.json`, i + 1), '--commit', commit], dir),
      ),
    )
    expect(adds.map((run) => run.code)).toEqual([0, 0, 0, 0, 0])
    const commits = readFileSync(path.join(dir, 'conc/h.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).commit)
      .sort()
    expect(commits).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'])
    // the lock is gone once they are done
    expect(existsSync(path.join(dir, 'conc/.h.jsonl.aura-bench-lock'))).toBe(false)
  })

  it('says what the file holds and that there is nothing to do when no action is given (it printed nothing)', async () => {
    expect((await cli(['history', 'none/h.jsonl', '--add', 'out/results.json', '--commit', 'd1'], dir)).code).toBe(0)
    const before = readFileSync(path.join(dir, 'none/h.jsonl'), 'utf8')
    const bare = await cli(['history', 'none/h.jsonl'], dir)
    expect(bare.code).toBe(0)
    expect(bare.stdout).toMatch(
      /^history none\/h.jsonl: 1 entry of suite hist, newest d1 \(pass\); nothing to do: give --add/,
    )
    expect(readFileSync(path.join(dir, 'none/h.jsonl'), 'utf8')).toBe(before)
  })
})
