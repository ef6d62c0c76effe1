/**
 * SVG to PNG with resvg: the only file that imports @resvg/resvg-js (it does not load vega, so a
 * thread that only rasterises stays light).
 */
import { Resvg } from '@resvg/resvg-js'
import { CHART_FONT } from './charts.ts'
import { familyFontFiles } from './font-files.ts'

/** PNG rendering options: scale factor (default 2 for sharp text) and font family (default CHART_FONT). */
export interface PngOptions {
  scale?: number
  fontFamily?: string
}

/** Renders SVG to PNG bytes with resvg: the chart font's own files when they are found, else every system font. */
export function renderSvgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const family = options.fontFamily ?? CHART_FONT
  const files = familyFontFiles(family)
  const resvg = new Resvg(svg, {
    font: {
      ...(files === undefined ? { loadSystemFonts: true } : { loadSystemFonts: false, fontFiles: [...files] }),
      defaultFontFamily: family,
      sansSerifFamily: family,
    },
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
    logLevel: 'off',
  })
  return new Uint8Array(resvg.render().asPng())
}

/** A chart-sized SVG with text: rasterising it once pays resvg's first-call costs (about as much again as a chart). */
const WARM_UP_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#4c78a8"/><text x="4" y="24" font-size="12">warm-up 0.5x</text></svg>`

/** Rasterises a small SVG once so that the first real chart does not pay resvg's first-call costs. */
export function warmUpPng(): void {
  renderSvgToPng(WARM_UP_SVG)
}
