/**
 * report.html in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core, no
 * browser download): it loads with no console error and no request, every chart draws marks, the
 * config filter works, and a screenshot is not blank. Without Chromium the browser test is skipped,
 * except under CI=true, where it fails: CI installs chromium (.ci/run).
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderHtml, scriptJson } from './html.ts'
import { loadHtmlAssets } from './html-assets.ts'
import { createFixtureResults } from './test-fixtures.ts'

const CHROMIUM = process.env['AURA_CHROMIUM'] ?? '/usr/bin/chromium'
const HAS_CHROMIUM = existsSync(CHROMIUM)

describe('report.html (pure)', () => {
  it('is one file that fetches nothing: the three vega builds and the specs inlined, verdict first', async () => {
    const html = renderHtml(createFixtureResults(), await loadHtmlAssets(), { gateConfigs: ['emergency'] })
    const markup = html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>')
    expect(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=/.exec(markup)?.[0]).toBeUndefined()
    // the page's content-security policy forbids every fetch, whatever a library might try
    expect(html).toContain("default-src 'none'")
    expect(html.length).toBeGreaterThan(500_000)
    expect(html.indexOf('id="verdict"')).toBeLessThan(html.indexOf('id="results"'))
    expect(html.indexOf('id="results"')).toBeLessThan(html.indexOf('id="charts"'))
    expect(markup).toContain('<th scope="row">current (not gated)</th>')
    expect(html.match(/<script>/g)?.length).toBe(4)
  })

  it('keeps names from inputs as data: no tag, script end or attribute break can come from them', async () => {
    const hostile = createFixtureResults()
    const run = hostile.runs[0]
    if (run === undefined) throw new Error('fixture has runs')
    run.config = '</script><script>alert(1)</script>"\u2028'
    const html = renderHtml(hostile, await loadHtmlAssets())
    expect(html).not.toContain('<script>alert(1)')
    expect(html.split('</script>').length - 1).toBe(5)
    expect(scriptJson({ name: '</script>' })).toBe('{"name":"\\u003c/script>"}')
  })
})

describe('report.html chart headings', () => {
  // s42-trial: each chart's title showed twice, the figure's <h3> and the chart's own
  it("says each chart's title once: in its heading, taken from the chart's own title, which the embedded spec drops", async () => {
    const html = renderHtml(createFixtureResults(), await loadHtmlAssets())
    const headings = [...html.matchAll(/<figure id="chart-\d+"[^>]*><h3>([^<]*)<\/h3>/g)].map((m) => m[1] ?? '')
    expect(headings).toContain('Latency per message (µs, log scale) — week1')
    expect(headings).toContain('Ratio (aggregate) and savings against targets — week1')
    const markup = html.replace(/<script[\s\S]*?<\/script>/g, '')
    for (const heading of headings) expect(markup.split(heading).length - 1, heading).toBe(1)
    const specs = JSON.parse(
      /<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '[]',
    ) as { title: string; spec: Record<string, unknown> }[]
    expect(specs.map((c) => c.title)).toEqual(headings)
    for (const c of specs) expect(c.spec['title'], c.title).toBeUndefined()
  })
})

describe('report.html says what was measured', () => {
  it('has an Inputs section with the corpus and config files when results carry inputs, escaped as data', async () => {
    const results = createFixtureResults()
    const assets = await loadHtmlAssets()
    expect(renderHtml(results, assets)).not.toContain('id="inputs"')
    results.inputs = {
      corpora: [{ name: 'logs', file: 'corpora/<b>.jsonl', format: 'jsonl', part: 'held-out 50%' }],
      configs: [{ name: 'current', file: 'configs/current.json', derived: 'store discovered from logs' }],
    }
    const html = renderHtml(results, assets)
    const section = /<section id="inputs">[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
    expect(section).toContain('<td>corpora/&#60;b&#62;.jsonl</td>')
    expect(section).toContain('<td>held-out 50%</td>')
    expect(section).toContain('<td>store discovered from logs</td>')
    expect(html.indexOf('id="charts"')).toBeLessThan(html.indexOf('id="inputs"'))
  })
})

describe.skipIf(!HAS_CHROMIUM && process.env['CI'] !== 'true')('report.html in headless Chromium', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'aura-html-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('loads with no console error or request, draws marks in every chart, filters by config, and is not blank', async () => {
    expect(HAS_CHROMIUM, `Chromium is needed at ${CHROMIUM} (CI installs the chromium package)`).toBe(true)
    const { chromium } = await import('playwright-core')
    // AURA_HTML_REPORT checks a report.html written by `aura-bench run` (e.g. the week1 example) instead of the fixture's
    const given = process.env['AURA_HTML_REPORT']
    const file = given === undefined ? path.join(dir, 'report.html') : path.resolve(given)
    // a History section too: one trend whose rows carry configs, as `run --history` draws them
    const trend = {
      title: 'ratio',
      spec: {
        data: {
          values: ['current', 'emergency'].flatMap((config, c) =>
            [0, 1, 2].map((index) => ({ index, config, value: 1.2 + c * 0.5 + index * 0.01 })),
          ),
        },
        mark: { type: 'line' as const, point: true },
        encoding: {
          x: { field: 'index', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          color: { field: 'config', type: 'nominal' },
        },
      },
    }
    if (given === undefined)
      await writeFile(
        file,
        renderHtml(createFixtureResults(), await loadHtmlAssets(), {
          gateConfigs: ['emergency'],
          latencySamples: 2000,
          trends: [trend],
        }),
      )
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const problems: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
      })
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`)
      })
      await page.goto(`file://${file}`)
      await page.waitForFunction('document.body.dataset.drawn !== undefined', undefined, { timeout: 60_000 })
      const drawn = async (): Promise<string> => String(await page.evaluate('document.body.dataset.drawn'))
      expect(await drawn()).not.toBe('error')
      const markCounts = async () =>
        page.$$eval('figure:not([hidden]) .chart', (charts) =>
          charts.map(
            (c) => c.querySelectorAll('svg .mark-rect path, svg .mark-symbol path, svg .mark-line path').length,
          ),
        )
      const marks = await markCounts()
      expect(marks.length).toBeGreaterThanOrEqual(given === undefined ? 6 : 5)
      if (given === undefined) expect(await page.$$eval('#history figure .chart svg', (svgs) => svgs.length)).toBe(1)
      for (const [i, count] of marks.entries()) expect(count, `chart ${i} draws no marks`).toBeGreaterThan(0)
      expect(await page.textContent('#verdict h2')).toMatch(given === undefined ? /PASS/ : /PASS|FAIL/)
      // filtering by config leaves one table row and fewer marks
      const before = await drawn()
      await page.selectOption('#filter-config', 'emergency')
      await page.waitForFunction(`document.body.dataset.drawn !== ${JSON.stringify(before)}`)
      expect(await page.$$eval('#verdict-table tbody tr:not([hidden])', (rows) => rows.length)).toBe(1)
      const filtered = await markCounts()
      expect(filtered.reduce((a, b) => a + b, 0)).toBeLessThan(marks.reduce((a, b) => a + b, 0))
      await page.selectOption('#filter-config', '')
      await page.waitForTimeout(200)
      const shot = await page.screenshot({ fullPage: true })
      const screenshotPath = process.env['AURA_HTML_SCREENSHOT']
      if (screenshotPath !== undefined) await writeFile(screenshotPath, shot)
      await page.setContent('<html><body style="background:white"></body></html>')
      const blank = await page.screenshot({ fullPage: true })
      // a drawn page compresses far worse than a white one of the same width
      expect(shot.length).toBeGreaterThan(blank.length * 10)
      expect(problems).toEqual([])
    } finally {
      await browser.close()
    }
  }, 120_000)
})
