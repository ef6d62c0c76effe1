/**
 * The chart renderer: the only file that imports vega and vega-lite. Renders a Vega-Lite spec
 * headless to SVG (no canvas, no browser); render-png.ts turns the SVG into PNG.
 */
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { AuraError } from '../core/index.ts'
import type { VegaLiteSpec } from './chart-base.ts'

/** Turns chart specs into SVG and PNG; writeReport takes one so tests can substitute it. */
export interface ChartRenderer {
  /** renders one spec; vega's warnings are appended to `warnings` */
  svg(spec: VegaLiteSpec, warnings: string[]): Promise<string>
  png(svg: string): Promise<Uint8Array>
}

type LoggerLike = ReturnType<typeof vega.logger>

/** A vega logger that keeps warnings instead of printing them (computation never prints). */
function collectingLogger(messages: string[]): LoggerLike {
  let level = vega.Warn
  const keep =
    (kind: string) =>
    (...args: readonly unknown[]) => {
      messages.push(`${kind}: ${args.map(String).join(' ')}`)
      return logger
    }
  const logger = {
    level(next?: number) {
      if (next === undefined) return level
      level = next
      return logger
    },
    error: keep('error'),
    warn: keep('warn'),
    info: () => logger,
    debug: () => logger,
  } as unknown as LoggerLike
  return logger
}

/** Compiles a Vega-Lite spec to a Vega spec; throws E_INTERNAL naming the chart when it does not compile. */
export function compileChart(spec: VegaLiteSpec, warnings: string[] = []): vega.Spec {
  try {
    return compile(spec as unknown as TopLevelSpec, { logger: collectingLogger(warnings) }).spec as vega.Spec
  } catch (error) {
    throw new AuraError(
      'E_INTERNAL',
      `chart spec does not compile: ${error instanceof Error ? error.message : String(error)}`,
      {},
      { cause: error },
    )
  }
}

/** Renders a Vega-Lite spec to an SVG string headless (renderer `none`); warnings are collected, not printed. */
export async function renderChartSvg(spec: VegaLiteSpec, warnings: string[] = []): Promise<string> {
  const view = new vega.View(vega.parse(compileChart(spec, warnings)), {
    renderer: 'none',
    logger: collectingLogger(warnings),
  })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

/** The real renderer: vega headless SVG, resvg PNG. */
export const defaultChartRenderer: ChartRenderer = {
  svg: (spec, warnings) => renderChartSvg(spec, warnings),
  // loaded on first use: the chart thread only draws SVGs and never needs resvg
  png: async (svg) => (await import('./render-png.ts')).renderSvgToPng(svg),
}
