/** `history --charts DIR`: the trend charts drawn in memory, and the folder checked to hold only history's own trend files. */
import { lstat, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import { createTrendChart, historyMetrics, type HistoryEntry } from '../gate/index.ts'
import { checkOutputFile, loadChartRenderer, resolveExisting, STATE_FOLDER } from '../report/index.ts'

/** Every trend chart of the history, drawn in memory: file name -> SVG text or PNG bytes. */
export async function drawTrends(
  entries: readonly HistoryEntry[],
): Promise<{ files: Array<[string, string | Uint8Array]>; warnings: string[] }> {
  const renderer = await loadChartRenderer()
  const files: Array<[string, string | Uint8Array]> = []
  const warnings: string[] = []
  for (const metric of historyMetrics(entries)) {
    const spec = createTrendChart(entries, metric)
    if (spec === undefined) continue
    const svg = await renderer.svg(spec, warnings)
    files.push([`trend-${metric}.svg`, svg], [`trend-${metric}.png`, await renderer.png(svg)])
  }
  return { files, warnings }
}

/** Left in a --charts folder by `history`: its trend-<metric> files there are aura-bench's to replace. */
export const TREND_MARKER = '.aura-bench-trends'
export const TREND_MARKER_TEXT =
  'Trend charts written by `aura-bench history --charts`: the trend-<metric>.svg and .png files here are replaced by the next one.\n'

/**
 * The trend files history is about to write may replace only its own: those of a folder holding its
 * marker, or a metric's pair whose SVG is a trend chart by its content (what a release before the
 * marker wrote). Any other trend-<metric>.svg or .png already there is the user's, and history stops
 * before writing anything, the history file included (E_OUTPUT, exit 2).
 */
export async function checkTrendFolder(folder: string, shown: string, metrics: readonly string[]): Promise<void> {
  // a report's charts link leads into its state folder, which the next run replaces whole
  const real = await resolveExisting(folder)
  if (real.split(path.sep).includes(STATE_FOLDER))
    throw new AuraError(
      'E_OUTPUT',
      `${shown} resolves into ${real}, inside a report folder's ${STATE_FOLDER} state folder: the next run there replaces it, trend charts included`,
      { file: folder, field: '--charts' },
      { hint: 'choose a --charts folder of its own, e.g. history-charts/' },
    )
  const info = await stat(folder).catch(() => undefined)
  if (info !== undefined && !info.isDirectory())
    throw new AuraError(
      'E_OUTPUT',
      `${shown} is a file, not a folder: --charts names the folder history draws its trend charts into [ENOTDIR]`,
      { file: folder, field: '--charts' },
      { hint: 'choose a folder for --charts (it is created when absent)' },
    )
  await checkOutputFile(path.join(folder, TREND_MARKER), '--charts')
  const there = async (name: string) => (await lstat(path.join(folder, name)).catch(() => undefined)) !== undefined
  if (await there(TREND_MARKER)) return
  const taken: string[] = []
  for (const metric of metrics) {
    const names = [`trend-${metric}.svg`, `trend-${metric}.png`]
    const present: string[] = []
    for (const name of names) if (await there(name)) present.push(name)
    if (present.length > 0 && !(await isTrendChartSvg(path.join(folder, names[0] as string)))) taken.push(...present)
  }
  if (taken.length > 0)
    throw new AuraError(
      'E_OUTPUT',
      `${shown} holds ${taken.join(', ')}, which history --charts did not write there (no ${TREND_MARKER} beside them); it replaces only its own trend files`,
      { file: folder, field: '--charts' },
      { hint: 'choose another --charts folder, or move those files away' },
    )
}

/** True for a regular file, at most 16 MiB, holding a trend chart this command draws (its axis and title words). */
async function isTrendChartSvg(file: string): Promise<boolean> {
  const info = await lstat(file).catch(() => undefined)
  if (info === undefined || !info.isFile() || info.size > 16 * 1024 * 1024) return false
  const text = await readFile(file, 'utf8').catch(() => '')
  return text.includes('<svg') && text.includes(' across runs (') && text.includes('run (oldest first)')
}
