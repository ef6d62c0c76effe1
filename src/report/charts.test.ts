import { describe, expect, it } from 'vitest'
import type { RunResult } from '../runner/index.ts'
import { chartText, slugify } from './chart-base.ts'
import { createLatencyChart } from './chart-latency.ts'
import { createCharts, createMethodChart, createTemplateChart } from './charts.ts'
import { compileChart, renderChartSvg } from './render-chart.ts'
import { renderSvgToPng } from './render-png.ts'
import { createFixtureResults } from './test-fixtures.ts'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

describe('chart specs', () => {
  const results = createFixtureResults()

  it('creates one chart of each kind per corpus with stable names', () => {
    expect(createCharts(results).map((c) => c.name)).toEqual([
      'methods-week1',
      'ratio-savings-week1',
      'latency-week1',
      'templates-week1',
    ])
    const twoCorpora = createFixtureResults()
    twoCorpora.runs.push({ ...(twoCorpora.runs[0] as RunResult), corpus: 'Week 1!' })
    expect(createCharts(twoCorpora).map((c) => c.name)).toContain('methods-week-1')
    expect(slugify('Loghub / HDFS_2k')).toBe('loghub-hdfs-2k')
  })

  it('compiles every spec with vega-lite without warnings', () => {
    for (const chart of createCharts(results)) {
      const warnings: string[] = []
      const vegaSpec = compileChart(chart.spec, warnings)
      expect(vegaSpec.marks?.length, chart.name).toBeGreaterThan(0)
      expect(warnings, chart.name).toEqual([])
    }
  })

  it('carries the data it charts: method counts, target rules, status colours', () => {
    const methods = createMethodChart('week1', results.runs) as {
      data: { values: { config: string; method: string; messages: number }[] }
    }
    expect(methods.data.values.filter((v) => v.config === 'emergency')).toEqual([
      { config: 'emergency', method: 'binary_semantic', messages: 18, order: 0 },
      { config: 'emergency', method: 'brotli', messages: 5, order: 1 },
      { config: 'emergency', method: 'uncompressed', messages: 2, order: 6 },
    ])
    const ratio = JSON.stringify(createCharts(results)[1]?.spec)
    expect(ratio).toContain('"label":"target ≥ 1.5x"')
    expect(ratio).toContain('"label":"target ≥ 33%"')
    expect(ratio).toContain('"domain":["pass","fail"]')
  })

  it('uses a log latency axis only when percentiles spread widely, and skips latency when none was measured', () => {
    type Latency = { hconcat: { layer: { encoding: { y: { scale: { type: string } } } }[] }[] }
    const scaleOf = (spec: unknown) => (spec as Latency).hconcat[0]?.layer[0]?.encoding.y.scale.type
    expect(scaleOf(createLatencyChart('week1', results.runs))).toBe('log') // 0.8 µs to 240 µs
    // the p95 target at 2,000 µs is drawn, so it counts towards the spread
    expect(
      scaleOf(
        createLatencyChart(
          'week1',
          results.runs.slice(1, 2).map((r) => ({ ...r, targets: [] })),
        ),
      ),
    ).toBe('linear') // 0.8 µs to 7.2 µs
    expect(createLatencyChart('week1', results.runs.slice(2))).toBeUndefined()
    expect(createTemplateChart('week1', [])).toBeUndefined()
  })

  it('renders a chart headless to SVG with its text, and the SVG to PNG', async () => {
    const spec = createMethodChart('week1', results.runs.slice(0, 2))
    const warnings: string[] = []
    const svg = await renderChartSvg(spec, warnings)
    expect(svg.startsWith('<svg')).toBe(true)
    for (const text of ['Method distribution — week1', 'emergency', 'binary_semantic', 'Share of messages'])
      expect(svg).toContain(text)
    expect(warnings).toEqual([])
    const png = renderSvgToPng(svg, { scale: 1 })
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
  })

  it('draws latency targets as rules with their labels, and greys configs the gate does not judge', () => {
    const latency = JSON.stringify(createLatencyChart('week1', results.runs))
    expect(latency).toContain('"label":"p95 target ≤ 2,000 µs"')
    const ungated = createFixtureResults()
    for (const r of ungated.runs) r.targets = r.targets.map((t) => ({ ...t, gated: r.config === 'emergency' }))
    const ratio = JSON.stringify(createCharts(ungated)[1]?.spec)
    expect(ratio).toContain('"status":"not gated"')
    expect(ratio).toContain('#a0a0a0')
    expect(ratio).not.toMatch(/"config":"current","value":[\d.]+,"status":"fail"/)
  })

  it('draws no template chart when no config sent a message as a template', () => {
    const noStore = createFixtureResults()
    for (const r of noStore.runs) for (const m of Object.values(r.categories)) m.templateHitRate = 0
    expect(createTemplateChart('week1', noStore.runs)).toBeUndefined()
    expect(createCharts(noStore).map((c) => c.name)).not.toContain('templates-week1')
  })
})

describe('names from inputs in charts (issue 19, item 4)', () => {
  it('renders every chart, SVG and PNG, when names hold control characters or are prototype keys', async () => {
    const names = [
      'constructor',
      'toString',
      'hasOwnProperty',
      '__proto__',
      'nul\u0000x',
      'soh\u0001x',
      'esc\u001b[31mred',
      'two\nlines',
      'lone\ud800',
      'c1\u009bx',
      '<b>&"',
    ]
    const hostile = createFixtureResults()
    hostile.runs.forEach((r, i) => {
      r.config = names[i % names.length] as string
      const first = Object.values(r.categories)[0]
      if (first !== undefined) r.categories = Object.fromEntries(names.map((n) => [n, first]))
    })
    hostile.runs.push({
      ...(hostile.runs[0] as RunResult),
      corpus: 'corpus\u0000\u001b]0;title\u0007',
      config: 'valueOf',
    })
    const renderer = { svg: renderChartSvg, png: (svg: string) => renderSvgToPng(svg, { scale: 1 }) }
    for (const chart of createCharts(hostile)) {
      const svg = await renderer.svg(chart.spec, [])
      // eslint-disable-next-line no-control-regex
      expect(svg, chart.name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
      expect([...renderer.png(svg).subarray(0, 8)], chart.name).toEqual(PNG_SIGNATURE)
    }
    expect(chartText('esc\u001b[31m')).toBe('esc\\x1b[31m')
    expect(chartText('constructor')).not.toBe('constructor')
    expect(chartText('constructor').replace('\u2060', '')).toBe('constructor')
  }, 60_000)
})
