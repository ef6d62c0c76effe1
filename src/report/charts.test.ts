import { describe, expect, it } from 'vitest'
import type { RunResult } from '../runner/index.ts'
import { createCharts, createLatencyChart, createMethodChart, createTemplateChart, slugify } from './charts.ts'
import { compileChart, renderChartSvg, renderSvgToPng } from './render-chart.ts'
import { createFixtureResults } from './test-fixtures.ts'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

describe('chart specs', () => {
  const results = createFixtureResults()

  it('creates one chart of each kind per corpus with stable names', () => {
    expect(createCharts(results).map((c) => c.name)).toEqual(['methods-week1', 'ratio-savings-week1', 'latency-week1', 'templates-week1'])
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
    const methods = createMethodChart('week1', results.runs) as { data: { values: { config: string; method: string; messages: number }[] } }
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
    const wide = createLatencyChart('week1', results.runs) as { spec: { encoding: { y: { scale: { type: string } } } } }
    expect(wide.spec.encoding.y.scale.type).toBe('log') // 0.8 µs to 240 µs
    const emergencyOnly = createLatencyChart('week1', results.runs.slice(1, 2)) as { spec: { encoding: { y: { scale: { type: string } } } } }
    expect(emergencyOnly.spec.encoding.y.scale.type).toBe('linear') // 0.8 µs to 7.2 µs
    expect(createLatencyChart('week1', results.runs.slice(2))).toBeUndefined()
    expect(createTemplateChart('week1', [])).toBeUndefined()
  })

  it('renders a chart headless to SVG with its text, and the SVG to PNG', async () => {
    const spec = createMethodChart('week1', results.runs.slice(0, 2))
    const warnings: string[] = []
    const svg = await renderChartSvg(spec, warnings)
    expect(svg.startsWith('<svg')).toBe(true)
    for (const text of ['Method distribution — week1', 'emergency', 'binary_semantic', 'Share of messages']) expect(svg).toContain(text)
    expect(warnings).toEqual([])
    const png = renderSvgToPng(svg, { scale: 1 })
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
  })
})
