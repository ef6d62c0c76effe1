/**
 * The report writer: results.json, report.md, report.html and charts/*.svg|png, published as one report through
 * output-folder.ts (which, with output-file.ts and output-lock.ts, is the report layer's file-system code).
 */
import { mkdir, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Results } from '../runner/index.ts'
import { createCharts } from './charts.ts'
import { renderHtml, type HtmlTrend } from './html.ts'
import { loadHtmlAssets } from './html-assets.ts'
import { checkResultsContract } from './contract.ts'
import { writeFileDurably } from './output-file.ts'
import { writeOutputFolder, type OutputFolder } from './output-folder.ts'
import { renderMarkdown, type ChartLink, type MarkdownOptions } from './markdown.ts'
import type { ChartRenderer } from './render-chart.ts'
import { toResultsJson } from './results-json.ts'

/** Report options: the Markdown options (charts are added by the writer) plus chart rendering. */
interface WriteReportOptions extends Omit<MarkdownOptions, 'charts'> {
  /** render charts; default true */
  charts?: boolean
  /** write report.html (the verdict and live charts in one self-contained page); default true */
  html?: boolean
  /** trend charts across earlier runs for report.html's History section */
  trends?: readonly HtmlTrend[]
  /** also render PNGs beside the SVGs (report.md links the PNGs); default true */
  png?: boolean
  /** chart renderer; default vega + resvg (tests pass a fake or a failing one) */
  renderer?: ChartRenderer
  /** the output folder, already opened (checked and locked) by the caller; default: opened here */
  output?: OutputFolder
  /** when another aura-bench holds the folder: wait for it (true) or fail with E_OUTPUT_LOCKED; default false */
  wait?: boolean
}

/** What was written. */
interface WrittenReport {
  dir: string
  /** paths relative to `dir` */
  files: string[]
  /** results.json contract violations (a bug upstream); the report is written anyway so it can be read */
  contractViolations: string[]
  /** vega's warnings while rendering charts */
  chartWarnings: string[]
}

const CHARTS_DIR = 'charts'

/** Loads the vega + resvg renderer on first use, so commands that draw no chart never load vega. */
export async function loadChartRenderer(): Promise<ChartRenderer> {
  return (await import('./render-chart.ts')).defaultChartRenderer
}

/** Renders every chart into `stagingCharts`; returns the links for report.md and the files written. */
async function stageCharts(
  results: Results,
  stagingCharts: string,
  options: WriteReportOptions,
  warnings: string[],
): Promise<{ links: ChartLink[]; files: string[] }> {
  const links: ChartLink[] = []
  const files: string[] = []
  if (options.charts === false) return { links, files }
  const renderer = options.renderer ?? (await loadChartRenderer())
  const charts = createCharts(results)
  // every SVG asked for at once: a renderer on a thread draws the next while this one rasterises a PNG
  const svgs = charts.map((chart) => {
    const own: string[] = []
    return renderer.svg(chart.spec, own).then((svg) => ({ svg, own }))
  })
  // settled here so a failure surfaces in chart order below, never as an unhandled rejection
  for (const pending of svgs) pending.catch(() => undefined)
  for (const [index, chart] of charts.entries()) {
    const { svg, own } = await (svgs[index] as (typeof svgs)[number])
    warnings.push(...own)
    await writeFileDurably(join(stagingCharts, `${chart.name}.svg`), svg)
    files.push(`${CHARTS_DIR}/${chart.name}.svg`)
    if (options.png !== false) {
      await writeFileDurably(join(stagingCharts, `${chart.name}.png`), await renderer.png(svg))
      files.push(`${CHARTS_DIR}/${chart.name}.png`)
    }
    links.push({ title: chart.title, path: `${CHARTS_DIR}/${chart.name}.${options.png === false ? 'svg' : 'png'}` })
  }
  return { links, files }
}

/** The top-level names a report publishes (see output-folder.ts). */
export function reportNames(
  charts: boolean,
  data: 'results.json' | 'comparison.json' = 'results.json',
  html = false,
): string[] {
  return [data, 'report.md', ...(html ? ['report.html'] : []), ...(charts ? [CHARTS_DIR] : [])]
}

/**
 * Writes results.json, report.md and charts into `dir` (created when absent) as one report: written
 * whole into a staging folder, then switched in by one rename (output-folder.ts), so `dir` always
 * holds the previous report or this one, and nothing in `dir` that aura-bench did not write is
 * touched. `options.output` is the folder the CLI opened (checked and locked) before measuring.
 */
export async function writeReport(
  dir: string,
  results: Results,
  options: WriteReportOptions = {},
): Promise<WrittenReport> {
  const {
    charts: _unused,
    png: _png,
    renderer: _renderer,
    output,
    wait: _wait,
    html: _html,
    trends,
    ...markdownOptions
  } = options
  const html = options.html !== false
  return writeOutputFolder(
    dir,
    {
      slot: 'report',
      names: reportNames(options.charts !== false, 'results.json', html),
      ...(options.wait === undefined ? {} : { wait: options.wait }),
    },
    async (staging) => {
      const chartWarnings: string[] = []
      const json = toResultsJson(results)
      let charts: { links: ChartLink[]; files: string[] } = { links: [], files: [] }
      if (options.charts !== false) {
        await mkdir(join(staging, CHARTS_DIR))
        charts = await stageCharts(results, join(staging, CHARTS_DIR), options, chartWarnings)
        if (charts.files.length === 0) await rmdir(join(staging, CHARTS_DIR))
      }
      await writeFileDurably(
        join(staging, 'report.md'),
        renderMarkdown(results, { ...markdownOptions, charts: charts.links }),
      )
      if (html) {
        const page = renderHtml(results, await loadHtmlAssets(), {
          ...(markdownOptions.gateConfigs === undefined ? {} : { gateConfigs: markdownOptions.gateConfigs }),
          ...(markdownOptions.latencySamples === undefined ? {} : { latencySamples: markdownOptions.latencySamples }),
          ...(trends === undefined ? {} : { trends }),
        })
        await writeFileDurably(join(staging, 'report.html'), page)
      }
      await writeFileDurably(join(staging, 'results.json'), json)
      const contractViolations = checkResultsContract(JSON.parse(json))
      return {
        dir,
        files: ['results.json', 'report.md', ...(html ? ['report.html'] : []), ...charts.files],
        contractViolations,
        chartWarnings,
      }
    },
    output,
  )
}
