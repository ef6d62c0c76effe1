/**
 * The report writer, the only part of the report layer that touches the file system. Writes
 * results.json, report.md and charts/*.svg|png so that a folder always holds one run's report.
 */
import { randomUUID } from 'node:crypto'
import { copyFile, link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Results } from '../runner/index.ts'
import { createCharts } from './charts.ts'
import { checkResultsContract } from './contract.ts'
import { renderMarkdown, type ChartLink, type MarkdownOptions } from './markdown.ts'
import type { ChartRenderer } from './render-chart.ts'
import { toResultsJson } from './results-json.ts'

/** Report options: the Markdown options (charts are added by the writer) plus chart rendering. */
export interface WriteReportOptions extends Omit<MarkdownOptions, 'charts'> {
  /** render charts; default true */
  charts?: boolean
  /** also render PNGs beside the SVGs (report.md links the PNGs); default true */
  png?: boolean
  /** chart renderer; default vega + resvg (tests pass a fake or a failing one) */
  renderer?: ChartRenderer
}

/** What was written. */
export interface WrittenReport {
  dir: string
  /** paths relative to `dir` */
  files: string[]
  /** results.json contract violations (a bug upstream); the report is written anyway so it can be read */
  contractViolations: string[]
  /** vega's warnings while rendering charts */
  chartWarnings: string[]
}

/** Prefix of the staging folders inside the report folder; leftovers of interrupted writes are removed. */
export const STAGING_PREFIX = '.staging-'
const CHARTS_DIR = 'charts'

/** Loads the vega + resvg renderer on first use, so commands that draw no chart never load vega. */
export async function loadChartRenderer(): Promise<ChartRenderer> {
  return (await import('./render-chart.ts')).defaultChartRenderer
}

/** Writes a file and flushes it to disk, so that a rename into place afterwards never exposes half a file. */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/** Renders every chart into `stagingCharts`; returns the links for report.md and the files written. */
async function stageCharts(results: Results, stagingCharts: string, options: WriteReportOptions, warnings: string[]): Promise<{ links: ChartLink[]; files: string[] }> {
  const links: ChartLink[] = []
  const files: string[] = []
  if (options.charts === false) return { links, files }
  const renderer = options.renderer ?? (await loadChartRenderer())
  for (const chart of createCharts(results)) {
    const svg = await renderer.svg(chart.spec, warnings)
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

/** One reversible step of the commit. */
interface Step {
  run(): Promise<void>
  undo(): Promise<void>
}

function move(from: string, to: string): Step {
  return { run: () => rename(from, to), undo: () => rename(to, from) }
}

/** Replaces a file atomically (rename over it) after keeping a backup of the old one for the undo. */
function replaceFile(staged: string, target: string, backup: string, hadOld: boolean): Step {
  return {
    run: async () => {
      if (hadOld) await link(target, backup).catch(() => copyFile(target, backup))
      await rename(staged, target)
    },
    undo: () => (hadOld ? rename(backup, target) : rm(target, { force: true })),
  }
}

/**
 * Swaps the staged report into `dir`. Steps:
 * 1. move the previous charts folder into staging (deleted with it), then the new one in;
 * 2. replace report.md, then results.json, each by one rename over the old file (never absent);
 *    results.json goes last, so a reader that waits for it finds a whole report;
 * 3. on a failure, undo the steps done so far in reverse, so the previous report stays.
 */
async function commit(dir: string, staging: string, withCharts: boolean): Promise<void> {
  const steps: Step[] = []
  if (await exists(join(dir, CHARTS_DIR))) steps.push(move(join(dir, CHARTS_DIR), join(staging, `previous-${CHARTS_DIR}`)))
  if (withCharts) steps.push(move(join(staging, CHARTS_DIR), join(dir, CHARTS_DIR)))
  for (const name of ['report.md', 'results.json']) {
    steps.push(replaceFile(join(staging, name), join(dir, name), join(staging, `previous-${name}`), await exists(join(dir, name))))
  }
  const done: Step[] = []
  try {
    for (const step of steps) {
      await step.run()
      done.push(step)
    }
  } catch (error) {
    for (const step of done.reverse()) await step.undo().catch(() => undefined)
    throw error
  }
}

/** Removes staging folders that interrupted writes left behind (one writer per folder at a time). */
async function removeLeftovers(dir: string): Promise<void> {
  const entries = await readdir(dir)
  await Promise.all(entries.filter((e) => e.startsWith(STAGING_PREFIX)).map((e) => rm(join(dir, e), { recursive: true, force: true })))
}

/**
 * Writes results.json, report.md and charts into `dir` (created when absent). Everything is first
 * written into a fresh staging folder inside `dir`, then moved in by rename (same file system), old
 * charts folder included, so a finished write leaves exactly this run's files and an interrupted one
 * (rendering, writing) leaves the previous report as it was.
 */
export async function writeReport(dir: string, results: Results, options: WriteReportOptions = {}): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true })
  await removeLeftovers(dir)
  const staging = join(dir, `${STAGING_PREFIX}${randomUUID()}`)
  await mkdir(join(staging, CHARTS_DIR), { recursive: true })
  try {
    const chartWarnings: string[] = []
    const json = toResultsJson(results)
    const charts = await stageCharts(results, join(staging, CHARTS_DIR), options, chartWarnings)
    const { charts: _unused, png: _png, renderer: _renderer, ...markdownOptions } = options
    await writeFileDurably(join(staging, 'report.md'), renderMarkdown(results, { ...markdownOptions, charts: charts.links }))
    await writeFileDurably(join(staging, 'results.json'), json)
    await commit(dir, staging, charts.files.length > 0)
    const contractViolations = checkResultsContract(JSON.parse(json))
    return { dir, files: ['results.json', 'report.md', ...charts.files], contractViolations, chartWarnings }
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}
