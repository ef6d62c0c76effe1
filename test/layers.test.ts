// STYLE.md's layer table, checked by reading imports: a layer imports only the layers listed for it,
// and other folders only through their index.ts.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(import.meta.dirname, '..', 'src')

/** layer -> layers it may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  codecs: ['core'],
  templates: ['core'],
  hybrid: ['core', 'codecs', 'templates'],
  corpus: ['core'],
  suite: ['core'],
  runner: ['core', 'codecs', 'templates', 'hybrid', 'corpus', 'suite'],
  external: ['core', 'codecs', 'suite'],
  report: ['core', 'suite', 'runner'],
  gate: ['core', 'suite', 'runner', 'report'],
  compare: ['core', 'codecs', 'templates', 'hybrid', 'corpus', 'suite', 'runner', 'report'],
  cli: ['core', 'codecs', 'templates', 'hybrid', 'corpus', 'suite', 'runner', 'report', 'gate', 'compare', 'external'],
}

/** Layers whose imports from other layers may only be types (report reads the runner's result types). */
const TYPE_ONLY: Record<string, readonly string[]> = { report: ['runner'] }

interface ImportEdge {
  file: string
  layer: string
  target: string
  targetFile: string
  typeOnly: boolean
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

function importsOf(file: string): ImportEdge[] {
  const layer = path.relative(SRC, file).split(path.sep)[0] ?? ''
  const text = readFileSync(file, 'utf8')
  const edges: ImportEdge[] = []
  for (const match of text.matchAll(/^(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm)) {
    const targetFile = path.resolve(path.dirname(file), match[3] ?? '')
    const relative = path.relative(SRC, targetFile)
    const target = relative.includes(path.sep) ? (relative.split(path.sep)[0] ?? '') : '(root)'
    edges.push({ file: path.relative(SRC, file), layer, target, targetFile: relative, typeOnly: match[2] !== undefined })
  }
  return edges
}

const edges = sourceFiles(SRC)
  .filter((file) => path.relative(SRC, file).includes(path.sep))
  .flatMap(importsOf)
  .filter((edge) => edge.target !== edge.layer)

describe('layers', () => {
  it('every folder under src/ is a known layer', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)
    expect(folders.filter((f) => !(f in ALLOWED))).toEqual([])
  })

  it('a layer imports only the layers below it', () => {
    const bad = edges
      .filter((e) => !(ALLOWED[e.layer] ?? []).includes(e.target))
      .map((e) => `${e.file} -> ${e.targetFile}`)
    expect(bad).toEqual([])
  })

  it('type-only layer dependencies import only types', () => {
    const bad = edges.filter((e) => (TYPE_ONLY[e.layer] ?? []).includes(e.target) && !e.typeOnly).map((e) => `${e.file} -> ${e.targetFile}`)
    expect(bad).toEqual([])
  })

  it('other folders are entered through their index.ts', () => {
    const bad = edges
      .filter((e) => path.basename(e.targetFile) !== 'index.ts')
      .map((e) => `${e.file} -> ${e.targetFile}`)
    expect(bad).toEqual([])
  })
})
