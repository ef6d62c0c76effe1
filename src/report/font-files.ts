/**
 * The font files of one family, found once per process: resvg loading every system font for each PNG
 * costs 15-40 ms a chart, loading the chart font's own files a few. The PNGs are byte-identical
 * (checked on the week1 charts) because the charts use only that family. Undefined when the family's
 * files are not found in the usual folders: the renderer then loads the system fonts as before.
 */
import { type Dirent, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

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
export function familyFontFiles(family: string): readonly string[] | undefined {
  if (found.has(family)) return found.get(family)
  const stem = family.replace(/\s+/g, '')
  const pattern = new RegExp(`^${stem.replace(/[^\w]/g, '')}(-[A-Za-z]+)?\\.(ttf|otf)$`)
  const files: string[] = []
  for (const folder of FONT_FOLDERS) walk(folder, 0, (name) => pattern.test(name), files)
  const result = files.length === 0 ? undefined : files.sort()
  found.set(family, result)
  return result
}
