/**
 * Writes report.html beside report.md, whole (output-file.ts: a flushed temporary renamed over the
 * old file, symlinks never followed), so a reader never sees half a page. It is not yet part of the
 * report's one-rename switch (output-folder.ts): that needs `report.html` among the report slot's names,
 * so `run` does not call it yet (a file beside the switched report could be one run older than it).
 */
import path from 'node:path'
import type { Results } from '../runner/index.ts'
import { renderHtml, type HtmlOptions } from './html.ts'
import { loadHtmlAssets } from './html-assets.ts'
import { writeOutputFile } from './output-file.ts'

/** File name of the HTML report inside a report folder. */
export const HTML_REPORT = 'report.html'

/** Writes `dir/report.html`; returns its path. */
export async function writeHtmlReport(dir: string, results: Results, options: HtmlOptions = {}): Promise<string> {
  const target = path.join(dir, HTML_REPORT)
  await writeOutputFile(target, renderHtml(results, await loadHtmlAssets(), options))
  return target
}
