import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Results, RunResult } from '../runner/index.ts'
import { checkResultsContract } from './contract.ts'
import type { ChartRenderer } from './render-chart.ts'
import { createFixtureResults } from './test-fixtures.ts'
import { STATE_FOLDER } from './output-folder.ts'
import { writeReport } from './write-report.ts'

/** A fast renderer that writes the chart title into the "SVG"; `failAt` makes the n-th chart throw. */
function fakeRenderer(failAt?: number): ChartRenderer {
  let calls = 0
  return {
    svg: async (spec) => {
      calls += 1
      if (calls === failAt) throw new Error('renderer crashed mid-write')
      return `<svg>${JSON.stringify((spec as { title?: { text?: string } }).title?.text)}</svg>`
    },
    png: async (svg) => new TextEncoder().encode(`png of ${svg}`),
  }
}

function withCorpus(results: Results, corpus: string, suite: string): Results {
  return { ...results, suite, runs: results.runs.map((r): RunResult => ({ ...r, corpus })) }
}

/** What a reader sees at the documented paths (links followed), the state folder left out. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (relative: string): Promise<void> => {
    for (const name of await readdir(join(dir, relative))) {
      const path = relative === '' ? name : `${relative}/${name}`
      if (path === STATE_FOLDER) continue
      const info = await stat(join(dir, path)).catch(() => undefined)
      if (info?.isDirectory() === true) await walk(path)
      else if (info?.isFile() === true) out[path] = await readFile(join(dir, path), 'utf8')
    }
  }
  await walk('')
  return out
}

describe('writeReport', () => {
  let dir: string
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'aura-report-')), 'reports', 'week1')
  })
  afterEach(async () => {
    await rm(join(dir, '..', '..'), { recursive: true, force: true })
  })

  it('writes results.json, report.md, report.html and charts, and links the charts from the report', async () => {
    const written = await writeReport(dir, createFixtureResults(), { renderer: fakeRenderer(), notes: 'n' })
    expect(written.files).toEqual([
      'results.json',
      'report.md',
      'report.html',
      'charts/methods-week1.svg',
      'charts/methods-week1.png',
      'charts/ratio-savings-week1.svg',
      'charts/ratio-savings-week1.png',
      'charts/latency-week1.svg',
      'charts/latency-week1.png',
      'charts/templates-week1.svg',
      'charts/templates-week1.png',
    ])
    expect(Object.keys(await snapshot(dir)).sort()).toEqual([...written.files].sort())
    expect(written.contractViolations).toEqual([])
    expect(checkResultsContract(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')))).toEqual([])
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain(
      '![Method distribution — week1](charts/methods-week1.png)',
    )
    const html = await readFile(join(dir, 'report.html'), 'utf8')
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).toContain('<title>aura-bench report: week1</title>')
    expect(html).not.toContain('id="history"')
  })

  it('puts the trends it is given in report.html, and with html: false removes the previous page', async () => {
    const trend = {
      title: 'ratio',
      spec: { mark: 'line', data: { values: [{ index: 0, config: 'emergency', value: 1.5 }] }, encoding: {} },
    }
    await writeReport(dir, createFixtureResults(), { renderer: fakeRenderer(), trends: [trend] })
    const html = await readFile(join(dir, 'report.html'), 'utf8')
    expect(html).toContain('<section id="history"><h2>History</h2>')
    expect(html).toContain('<figure id="trend-0" data-corpus=""><h3>ratio</h3>')
    const written = await writeReport(dir, createFixtureResults(), { renderer: fakeRenderer(), html: false })
    expect(written.files).not.toContain('report.html')
    expect(await readdir(dir)).not.toContain('report.html')
  })

  it('replaces every file of the previous run and removes its stale charts', async () => {
    await writeReport(dir, withCorpus(createFixtureResults(), 'alpha', 'first'), { renderer: fakeRenderer() })
    await writeReport(dir, withCorpus(createFixtureResults(), 'beta', 'second'), { renderer: fakeRenderer() })
    const files = await snapshot(dir)
    expect(
      Object.keys(files)
        .filter((f) => f.startsWith('charts/'))
        .sort(),
    ).toEqual(
      ['latency-beta', 'methods-beta', 'ratio-savings-beta', 'templates-beta']
        .flatMap((n) => [`charts/${n}.png`, `charts/${n}.svg`])
        .sort(),
    )
    expect(JSON.parse(files['results.json'] ?? '{}').suite).toBe('second')
    expect(files['report.md']).toContain('# aura-bench report: second')
    expect(files['report.md']).not.toContain('alpha')
    expect((await readdir(join(dir, STATE_FOLDER))).filter((e) => e !== 'report').length).toBe(1)
  })

  it('keeps the previous report intact when a write fails part-way, and leaves no staging folder', async () => {
    await writeReport(dir, withCorpus(createFixtureResults(), 'alpha', 'first'), { renderer: fakeRenderer() })
    const before = await snapshot(dir)
    await expect(
      writeReport(dir, withCorpus(createFixtureResults(), 'beta', 'second'), { renderer: fakeRenderer(3) }),
    ).rejects.toThrow('renderer crashed mid-write')
    expect(await snapshot(dir)).toEqual(before)
    expect((await readdir(dir)).sort()).toEqual([STATE_FOLDER, 'charts', 'report.html', 'report.md', 'results.json'])
    expect((await readdir(join(dir, STATE_FOLDER))).filter((e) => e.startsWith('staging-'))).toEqual([])
  })

  it('refuses, changing nothing, when the user put something of theirs at one of the report names', async () => {
    await writeReport(dir, withCorpus(createFixtureResults(), 'alpha', 'first'), { renderer: fakeRenderer() })
    await rm(join(dir, 'results.json'))
    await mkdir(join(dir, 'results.json', 'blocker'), { recursive: true })
    const before = await snapshot(dir)
    await expect(
      writeReport(dir, withCorpus(createFixtureResults(), 'beta', 'second'), { renderer: fakeRenderer() }),
    ).rejects.toMatchObject({ code: 'E_OUTPUT' })
    expect(await snapshot(dir)).toEqual(before)
    expect(before['report.md']).toContain('# aura-bench report: first')
  })

  it('removes what an interrupted write left behind and leaves files that are not its own', async () => {
    await mkdir(join(dir, STATE_FOLDER, 'staging-dead-writer', 'charts'), { recursive: true })
    await writeFile(join(dir, STATE_FOLDER, 'staging-dead-writer', 'report.md'), 'half')
    await mkdir(join(dir, STATE_FOLDER, 'report-orphan'))
    await symlink('report-orphan', join(dir, STATE_FOLDER, 'report.tmp-dead'))
    await writeFile(join(dir, STATE_FOLDER, 'lock'), '') // a killed writer's lock (damaged, so stale)
    await writeFile(join(dir, 'README.txt'), 'mine')
    await writeReport(dir, createFixtureResults(), { renderer: fakeRenderer() })
    expect((await readdir(dir)).sort()).toEqual([
      STATE_FOLDER,
      'README.txt',
      'charts',
      'report.html',
      'report.md',
      'results.json',
    ])
    const state = (await readdir(join(dir, STATE_FOLDER))).sort()
    expect(state).toHaveLength(2)
    expect(state[0]).toBe('report')
    expect(state[1]).toMatch(/^report-/)
  })

  it('without charts writes no charts folder and removes the previous one', async () => {
    await writeReport(dir, createFixtureResults(), { renderer: fakeRenderer() })
    const written = await writeReport(dir, createFixtureResults(), { charts: false })
    expect(written.files).toEqual(['results.json', 'report.md', 'report.html'])
    expect((await readdir(dir)).sort()).toEqual([STATE_FOLDER, 'report.html', 'report.md', 'results.json'])
    expect(await readFile(join(dir, 'report.md'), 'utf8')).not.toContain('## Charts')
  })

  it('renders real SVG and PNG charts with the default renderer', async () => {
    const results = createFixtureResults()
    results.runs = results.runs.slice(2) // one run without latency: two charts, fast
    const written = await writeReport(dir, results, { png: true })
    expect(written.files).toContain('charts/methods-week1.png')
    expect(written.chartWarnings).toEqual([])
    const png = await readFile(join(dir, 'charts', 'methods-week1.png'))
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG')
    expect(await readFile(join(dir, 'charts', 'methods-week1.svg'), 'utf8')).toContain('conservative_brio')
  })
})
