/**
 * SVG to PNG with resvg: the only file that imports @resvg/resvg-js (it does not load vega, so a
 * thread that only rasterises stays light).
 */
import { Resvg } from '@resvg/resvg-js'
import { CHART_FONT } from './chart-base.ts'
import { type Dirent, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

/** PNG rendering options: scale factor (default 2 for sharp text) and font family (default CHART_FONT). */
interface PngOptions {
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

/*
 * The font files of one family, found once per process: resvg loading every system font for each PNG
 * costs 15-40 ms a chart, loading the chart font's own files a few. The PNGs are byte-identical
 * (checked on the week1 charts) because the charts use only that family. Undefined when the family's
 * files are not found in the usual folders: the renderer then loads the system fonts as before.
 */
const FONT_FOLDERS = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  path.join(homedir(), '.local/share/fonts'),
  path.join(homedir(), '.fonts'),
]
const MAX_DEPTH = 4

const found = new Map<string, readonly string[] | undefined>()

function walk(folder: string, depth: number, accept: (name: string) => boolean, into: string[]): void {
  let entries: Dirent[]
  try {
    entries = readdirSync(folder, { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory() && depth < MAX_DEPTH) walk(full, depth + 1, accept, into)
    else if (entry.isFile() && accept(entry.name)) into.push(full)
  }
}

/** `DejaVu Sans` -> DejaVuSans.ttf, DejaVuSans-Bold.ttf, DejaVuSans-Oblique.ttf... (not Condensed, Mono or Serif). */
function familyFontFiles(family: string): readonly string[] | undefined {
  if (found.has(family)) return found.get(family)
  const stem = family.replace(/\s+/g, '')
  const pattern = new RegExp(`^${stem.replace(/[^\w]/g, '')}(-[A-Za-z]+)?\\.(ttf|otf)$`)
  const files: string[] = []
  for (const folder of FONT_FOLDERS) walk(folder, 0, (name) => pattern.test(name), files)
  const result = files.length === 0 ? undefined : files.sort()
  found.set(family, result)
  return result
}
