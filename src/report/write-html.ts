/**
 * Writes report.html alone, whole (output-file.ts: a flushed temporary renamed over the old file,
 * symlinks never followed), for library users who render a page from results they hold. `run` does
 * not use it: writeReport stages report.html with the rest of the report and switches it in with one rename.
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
