/**
 * The browser builds of vega, vega-lite and vega-embed, read from node_modules for report.html to
 * inline (one self-contained file, no network). Read only, never imported: the chart renderer
 * (render-chart.ts) stays the only place that loads vega into Node.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { AuraError } from '../core/index.ts'

/** The three scripts report.html inlines, in load order, with the versions they came from. */
export interface HtmlAssets {
  scripts: { name: string; version: string; source: string }[]
}

const BUILDS = [
  { name: 'vega', file: 'build/vega.min.js' },
  { name: 'vega-lite', file: 'build/vega-lite.min.js' },
  { name: 'vega-embed', file: 'build/vega-embed.min.js' },
] as const

/** The package folder of an installed package: up from its resolved entry to the package.json naming it. */
async function packageFolder(name: string): Promise<string> {
  const require = createRequire(import.meta.url)
  let folder = path.dirname(require.resolve(name))
  for (;;) {
    const manifest = await readFile(path.join(folder, 'package.json'), 'utf8').then(
      (text) => JSON.parse(text) as { name?: string; version?: string },
      () => undefined,
    )
    if (manifest?.name === name) return folder
    const parent = path.dirname(folder)
    if (parent === folder)
      throw new AuraError('E_INTERNAL', `cannot find the installed package ${name} for report.html`, {})
    folder = parent
  }
}

let cached: Promise<HtmlAssets> | undefined

/** Reads the three builds once per process. */
export function loadHtmlAssets(): Promise<HtmlAssets> {
  cached ??= Promise.all(
    BUILDS.map(async ({ name, file }) => {
      const folder = await packageFolder(name)
      const { version } = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')) as { version: string }
      return { name, version, source: await readFile(path.join(folder, file), 'utf8') }
    }),
  ).then((scripts) => ({ scripts }))
  return cached
}
