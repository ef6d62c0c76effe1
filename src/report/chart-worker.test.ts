import { describe, expect, it } from 'vitest'
import { createCharts } from './charts.ts'
import { startChartWorker } from './chart-worker.ts'
import { defaultChartRenderer } from './render-chart.ts'
import { createFixtureResults } from './test-fixtures.ts'

describe('chart worker thread', () => {
  it('draws the same SVG and PNG bytes as the in-process renderer', async () => {
    const worker = startChartWorker()
    try {
      for (const chart of createCharts(createFixtureResults()).slice(0, 2)) {
        const [inThread, inProcess] = [[] as string[], [] as string[]]
        const svg = await worker.svg(chart.spec, inThread)
        expect(svg).toBe(await defaultChartRenderer.svg(chart.spec, inProcess))
        expect(inThread).toEqual(inProcess)
        expect(Buffer.from(await worker.png(svg)).equals(Buffer.from(await defaultChartRenderer.png(svg)))).toBe(true)
      }
    } finally {
      await worker.close()
    }
  }, 60_000)

  it('falls back to the in-process renderer once the thread is gone', async () => {
    const worker = startChartWorker()
    await worker.close()
    const chart = createCharts(createFixtureResults())[0]
    if (chart === undefined) throw new Error('the fixture draws no chart')
    expect(await worker.svg(chart.spec, [])).toContain('<svg')
  }, 60_000)

  it('a spec that does not compile is E_INTERNAL, as in process', async () => {
    const worker = startChartWorker()
    try {
      await expect(worker.svg({ mark: 'no-such-mark' } as never, [])).rejects.toMatchObject({ code: 'E_INTERNAL' })
    } finally {
      await worker.close()
    }
  }, 60_000)
})
