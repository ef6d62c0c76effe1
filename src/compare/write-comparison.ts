/**
 * The comparison writer (the only file of this layer that writes): comparison.json, report.md and
 * charts/*.svg|png, published as one report by the report layer's output folder, so an interrupted
 * write leaves the previous comparison as it was.
 */
import { mkdir, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  loadChartRenderer,
  reportNames,
  writeFileDurably,
  writeOutputFolder,
  type ChartRenderer,
  type OutputFolder,
} from '../report/index.ts'
import { createComparisonCharts } from './charts.ts'
import { renderComparisonMarkdown } from './report-markdown.ts'
import type { Comparison } from './types.ts'

/** Options of writeComparison. */
interface WriteComparisonOptions {
  /** render charts; default true */
  charts?: boolean
  /** PNGs beside the SVGs (report.md links the PNGs); default true */
  png?: boolean
  /** chart renderer; default vega + resvg */
  renderer?: ChartRenderer
  /** the output folder, already opened (checked and locked) by the caller; default: opened here */
  output?: OutputFolder
  /** when another aura-bench holds the folder: wait for it; default false (E_OUTPUT_LOCKED) */
  wait?: boolean
  /** report.md sections after the gate's (the baseline comparison) */
  sections?: readonly string[]
}

/** What was written: paths relative to `dir`, and one line per chart the renderer warned about (never vega's own text). */
interface WrittenComparison {
  dir: string
  files: string[]
  chartWarnings: string[]
}

/**
 * The PNGs are drawn from the SVG with its width and height scaled by this factor: the renderer
 * zooms 2x, so 0.75 gives 1.5 device pixels per chart pixel, sharp enough for text and about half
 * the bytes of 2x (a comparison has two wide charts per corpus, and examples are committed).
 */
const PNG_SIZE_FACTOR = 0.75

const roundNumbers = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value) ? Number(value.toPrecision(5)) : value

/**
 * comparison.json text: numbers kept to 5 significant digits (the measurements are not more
 * precise), indented, with each entry on one line so a corpus of 80 entries stays readable and small.
 */
export function toComparisonJson(comparison: Comparison): string {
  const entryLines = new Map<string, string>()
  const placeholders = {
    ...comparison,
    corpora: comparison.corpora.map((c, i) => ({
      ...c,
      entries: c.entries.map((entry, j) => {
        const key = `@entry-${i}-${j}@`
        entryLines.set(key, JSON.stringify(entry, roundNumbers))
        return key
      }),
    })),
  }
  const text = JSON.stringify(placeholders, roundNumbers, 2).replace(
    /"(@entry-\d+-\d+@)"/g,
    (_match, key: string) => entryLines.get(key) ?? 'null',
  )
  return `${text}\n`
}

/** Scales the width and height attributes of an SVG's root element (its viewBox keeps the drawing whole). */
function resizeSvg(svg: string, factor: number): string {
  return svg.replace(/<svg\b[^>]*>/, (root) =>
    root.replace(
      /\b(width|height)="([0-9.]+)"/g,
      (_match, name: string, value: string) => `${name}="${Number(value) * factor}"`,
    ),
  )
}

/**
 * Writes the comparison into `dir` (created when absent) as one report, the way writeReport does:
 * staged whole, switched in by one rename, nothing of the user's touched (report/output-folder.ts).
 */
export async function writeComparison(
  dir: string,
  comparison: Comparison,
  options: WriteComparisonOptions = {},
): Promise<WrittenComparison> {
  const withCharts = options.charts !== false
  const withPng = options.png !== false
  const names = reportNames(withCharts, 'comparison.json')
  return writeOutputFolder(
    dir,
    { slot: 'report', names, ...(options.wait === undefined ? {} : { wait: options.wait }) },
    async (staging) => {
      const chartWarnings: string[] = []
      const files: string[] = []
      if (withCharts) {
        await mkdir(join(staging, 'charts'))
        const renderer = options.renderer ?? (await loadChartRenderer())
        for (const chart of createComparisonCharts(comparison)) {
          // vega's own words (`Infinite extent for field "ratio"`) mean nothing to a user (s36-trial D11): which chart, and where the figures are
          const warned: string[] = []
          const svg = await renderer.svg(chart.spec, warned)
          if (warned.length > 0)
            chartWarnings.push(
              `charts/${chart.name}.svg may be drawn incompletely (the chart renderer warned ${warned.length === 1 ? 'once' : `${warned.length} times`}); every figure is in report.md's tables`,
            )
          await writeFileDurably(join(staging, 'charts', `${chart.name}.svg`), svg)
          files.push(`charts/${chart.name}.svg`)
          if (withPng) {
            await writeFileDurably(
              join(staging, 'charts', `${chart.name}.png`),
              await renderer.png(resizeSvg(svg, PNG_SIZE_FACTOR)),
            )
            files.push(`charts/${chart.name}.png`)
          }
        }
        if (files.length === 0) await rmdir(join(staging, 'charts'))
      }
      const markdown = renderComparisonMarkdown(comparison, {
        ...(withCharts ? { chartExtension: withPng ? 'png' : 'svg' } : {}),
        ...(options.sections === undefined ? {} : { sections: options.sections }),
      })
      await writeFileDurably(join(staging, 'report.md'), markdown)
      await writeFileDurably(join(staging, 'comparison.json'), toComparisonJson(comparison))
      return { dir, files: ['report.md', 'comparison.json', ...files], chartWarnings }
    },
    options.output,
  )
}
