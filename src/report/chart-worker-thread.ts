/** The chart thread (see chart-worker.ts): loads the renderer at once, then answers one request at a time. */
import { parentPort } from 'node:worker_threads'
import type { VegaLiteSpec } from './charts.ts'

/** A request to the chart thread. */
export type ChartJob = { kind: 'svg'; spec: VegaLiteSpec } | { kind: 'png'; svg: string }

/** A job with the id its reply carries. */
export type ChartRequest = ChartJob & { id: number }

/** The thread's answer: the SVG (with vega's warnings) or PNG, or the error's code and message. */
export type ChartReply = { id: number; ok: true; svg: string; png: Uint8Array; warnings: string[] } | { id: number; ok: false; code: string; message: string }

const port = parentPort
if (port !== null) {
  const { defaultChartRenderer: renderer } = await import('./render-chart.ts')
  port.on('message', (request: ChartRequest) => {
    void answer(request).then((reply) => port.postMessage(reply))
  })

  async function answer(request: ChartRequest): Promise<ChartReply> {
    try {
      if (request.kind === 'svg') {
        const warnings: string[] = []
        const svg = await renderer.svg(request.spec, warnings)
        return { id: request.id, ok: true, svg, png: new Uint8Array(0), warnings }
      }
      return { id: request.id, ok: true, svg: '', png: await renderer.png(request.svg), warnings: [] }
    } catch (error) {
      const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'E_INTERNAL'
      return { id: request.id, ok: false, code, message: error instanceof Error ? error.message : String(error) }
    }
  }
}
