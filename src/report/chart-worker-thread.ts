/**
 * The chart thread (see chart-worker.ts): loads vega at once and draws one small chart to warm it
 * (the first calls cost about twice the later ones; the thread is idle while the run measures), then
 * answers SVG requests in order. The caller rasterises the PNGs meanwhile.
 */
import { parentPort } from 'node:worker_threads'
import type { VegaLiteSpec } from './chart-base.ts'

/** A request to the chart thread (PNGs are rasterised by the caller: chart-worker.ts). */
export type ChartJob = { spec: VegaLiteSpec }

/** A job with the id its reply carries. */
export type ChartRequest = ChartJob & { id: number }

/** The thread's answer: the SVG with vega's warnings, or the error's code and message. */
export type ChartReply =
  | { id: number; ok: true; svg: string; warnings: string[] }
  | { id: number; ok: false; code: string; message: string }

/** A chart with the parts the report's charts have (title, axes, legend, bars, text), drawn once to warm the renderer. */
const WARM_UP: VegaLiteSpec = {
  title: 'warm-up',
  background: 'white',
  data: {
    values: [
      { k: 'a', v: 1, c: 'x' },
      { k: 'b', v: 2, c: 'y' },
    ],
  },
  layer: [
    {
      mark: 'bar',
      encoding: {
        x: { field: 'k', type: 'nominal' },
        y: { field: 'v', type: 'quantitative' },
        color: { field: 'c', type: 'nominal' },
      },
    },
    {
      mark: { type: 'text', dy: -6 },
      encoding: {
        x: { field: 'k', type: 'nominal' },
        y: { field: 'v', type: 'quantitative' },
        text: { field: 'v', type: 'quantitative' },
      },
    },
  ],
}

const port = parentPort
if (port !== null) {
  const { defaultChartRenderer: renderer } = await import('./render-chart.ts')
  const warm = renderer.svg(WARM_UP, []).catch(() => undefined)
  port.on('message', (request: ChartRequest) => {
    void answer(request).then((reply) => port.postMessage(reply))
  })

  async function answer(request: ChartRequest): Promise<ChartReply> {
    await warm
    try {
      const warnings: string[] = []
      const svg = await renderer.svg(request.spec, warnings)
      return { id: request.id, ok: true, svg, warnings }
    } catch (error) {
      const code =
        typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'E_INTERNAL'
      return { id: request.id, ok: false, code, message: error instanceof Error ? error.message : String(error) }
    }
  }
}
