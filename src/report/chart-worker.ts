/**
 * A chart renderer on a worker thread, started before measuring so that loading vega and vega-lite
 * (about a third of a second) overlaps the measurement on another core instead of following it. SVGs
 * drawn here are byte-identical to the in-process renderer's: the thread runs the same render-chart.ts;
 * PNGs are rasterised on the calling thread. If the thread cannot start or dies, rendering falls back to the in-process renderer.
 */
import { Worker } from 'node:worker_threads'
import { AuraError } from '../core/index.ts'
import type { VegaLiteSpec } from './chart-base.ts'
import type { ChartRenderer } from './render-chart.ts'
import type { ChartJob, ChartReply, ChartRequest } from './chart-worker-thread.ts'

/** A renderer backed by a worker thread; `close()` ends the thread (call it when the report is written). */
interface ChartWorker extends ChartRenderer {
  close(): Promise<void>
}

// Compiled (dist/): the thread starts from plain JavaScript. From source (tests, tsx): the .mjs entry
// registers tsx in the thread first, then imports the TypeScript module.
const COMPILED = import.meta.url.endsWith('.js')
const ENTRY = new URL(COMPILED ? './chart-worker-thread.js' : './chart-worker-entry.mjs', import.meta.url)
const MODULE = new URL('./chart-worker-thread.ts', import.meta.url).href

type Pending = { resolve: (reply: ChartReply) => void; reject: (error: Error) => void }

/** Starts the thread now (it begins loading vega at once) and returns a renderer that uses it. */
export function startChartWorker(): ChartWorker {
  const worker = new Worker(ENTRY, { workerData: { module: MODULE }, execArgv: [] })
  // the thread never keeps the process alive on its own: a command that forgets close() still ends
  worker.unref()
  const pending = new Map<number, Pending>()
  let nextId = 0
  let broken: Error | undefined
  let fallback: Promise<ChartRenderer> | undefined
  const failAll = (error: Error): void => {
    broken ??= error
    for (const waiter of pending.values()) waiter.reject(error)
    pending.clear()
  }
  worker.on('message', (reply: ChartReply) => {
    const waiter = pending.get(reply.id)
    pending.delete(reply.id)
    waiter?.resolve(reply)
  })
  worker.on('error', failAll)
  worker.on('exit', (code) => failAll(new Error(`the chart thread exited (code ${code})`)))

  const inProcess = (): Promise<ChartRenderer> =>
    (fallback ??= import('./render-chart.ts').then((m) => m.defaultChartRenderer))
  // PNGs are rasterised on the calling thread, which waits idle for the charts after measuring: it turns
  // chart k into a PNG while the thread draws chart k+1's SVG. resvg loads and warms when the first SVG
  // is asked for, so that too overlaps the thread's work.
  let rasteriser: Promise<(svg: string) => Uint8Array> | undefined
  const loadRasteriser = (): Promise<(svg: string) => Uint8Array> =>
    (rasteriser ??= import('./render-png.ts').then((m) => {
      try {
        m.warmUpPng()
      } catch {
        // only a warm-up: a real chart that fails says why itself
      }
      return (svg: string) => m.renderSvgToPng(svg)
    }))
  const ask = (job: ChartJob): Promise<ChartReply | undefined> => {
    if (broken !== undefined) return Promise.resolve(undefined)
    const id = nextId++
    return new Promise<ChartReply>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      worker.ref()
      worker.postMessage({ ...job, id } satisfies ChartRequest)
    })
      .catch(() => undefined)
      .finally(() => {
        if (pending.size === 0) worker.unref()
      })
  }
  const unwrap = (reply: ChartReply): ChartReply & { ok: true } => {
    if (reply.ok) return reply
    // the renderer throws only E_INTERNAL (a spec that does not compile is our bug)
    throw new AuraError('E_INTERNAL', `${reply.code}: ${reply.message}`)
  }

  return {
    async svg(spec: VegaLiteSpec, warnings: string[]): Promise<string> {
      const asked = ask({ spec })
      void loadRasteriser().catch(() => undefined)
      const reply = await asked
      if (reply === undefined) return (await inProcess()).svg(spec, warnings)
      const done = unwrap(reply)
      warnings.push(...done.warnings)
      return done.svg
    },
    async png(svg: string): Promise<Uint8Array> {
      return (await loadRasteriser())(svg)
    },
    async close(): Promise<void> {
      broken ??= new Error('closed')
      await worker.terminate()
    },
  }
}
