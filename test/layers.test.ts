// STYLE.md's layer table, checked by reading imports: a layer imports only the layers listed for it,
// and other folders only through their index.ts; each third-party library is loaded in one place.
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
  stateful: ['core', 'codecs'],
  wire: ['core', 'codecs', 'templates', 'hybrid', 'stateful', 'corpus', 'suite', 'runner', 'compare'],
  corpus: ['core'],
  suite: ['core'],
  runner: ['core', 'codecs', 'templates', 'hybrid', 'stateful', 'corpus', 'suite'],
  external: ['core', 'codecs', 'suite'],
  report: ['core', 'suite', 'runner'],
  gate: ['core', 'suite', 'runner', 'report'],
  compare: ['core', 'codecs', 'templates', 'hybrid', 'stateful', 'corpus', 'suite', 'runner', 'report'],
  shard: ['core', 'suite', 'runner'],
  cli: [
    'core',
    'codecs',
    'templates',
    'hybrid',
    'stateful',
    'wire',
    'corpus',
    'suite',
    'runner',
    'report',
    'gate',
    'compare',
    'external',
    'shard',
  ],
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

/** Static imports and re-exports (any quotes, side-effect imports too), dynamic `import()` and `typeof import()`. */
const STATIC_IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]/gm
const DYNAMIC_IMPORT = /\b(typeof\s+)?import\(\s*['"]([^'"]+)['"]\s*\)/g
/** `require(x)`, `require.resolve(x)`, `createRequire(...)(x)`: x a literal, a template literal or a const of the file. */
const REQUIRE_CALL = /(?:\brequire|createRequire\([^)]*\))(?:\.resolve)?\(\s*([^)]+?)\s*\)/g

/** The module a require argument names, resolving `NAME` and `${NAME}/rest` through `const NAME = '...'` of the same file. */
function requiredModule(argument: string, text: string): string | undefined {
  const constant = (name: string): string | undefined =>
    new RegExp(`\\bconst ${name}\\s*=\\s*'([^']+)'`).exec(text)?.[1]
  const literal = /^['"]([^'"]+)['"]$/.exec(argument)
  if (literal !== null) return literal[1]
  const template = /^`\$\{(\w+)\}([^`]*)`$/.exec(argument)
  if (template !== null)
    return constant(template[1] ?? '') === undefined ? undefined : `${constant(template[1] ?? '')}${template[2]}`
  return /^\w+$/.test(argument) ? constant(argument) : undefined
}

/** Every module a file loads, with whether only its types are used. */
function specifiersOf(text: string): { specifier: string; typeOnly: boolean }[] {
  const out: { specifier: string; typeOnly: boolean }[] = []
  for (const m of text.matchAll(STATIC_IMPORT)) out.push({ specifier: m[3] ?? '', typeOnly: m[2] !== undefined })
  for (const m of text.matchAll(DYNAMIC_IMPORT)) out.push({ specifier: m[2] ?? '', typeOnly: m[1] !== undefined })
  for (const m of text.matchAll(REQUIRE_CALL)) {
    const specifier = requiredModule(m[1] ?? '', text)
    if (specifier !== undefined) out.push({ specifier, typeOnly: false })
  }
  return out
}

/** The npm package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for ours and node's. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return undefined
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/**
 * Where each third-party library may be loaded (STYLE.md: brotli-wasm in the brotli codec, tinybench in
 * the latency module, vega in the chart renderer, yaml and zod in suite loading). A folder ends in `/`.
 * Type-only imports count too: they tie a file to the library's API.
 */
const LIBRARY_PLACES: Record<string, readonly string[]> = {
  'brotli-wasm': ['codecs/brotli.ts'],
  '@mongodb-js/zstd': ['codecs/zstd.ts'],
  'zstd-napi': ['codecs/zstd-napi-binding.ts'],
  tinybench: ['runner/latency.ts'],
  'hdr-histogram-js': ['runner/latency-sketch.ts'],
  ws: ['wire/socket-replay.ts'],
  vega: ['report/render-chart.ts'],
  'vega-lite': ['report/render-chart.ts'],
  '@resvg/resvg-js': ['report/render-png.ts'],
  yaml: ['suite/yaml-schema.ts'],
  zod: ['suite/'],
  commander: ['cli/program.ts'],
}

function importsOf(file: string): ImportEdge[] {
  const layer = path.relative(SRC, file).split(path.sep)[0] ?? ''
  const text = readFileSync(file, 'utf8')
  const edges: ImportEdge[] = []
  for (const { specifier, typeOnly } of specifiersOf(text)) {
    if (!specifier.startsWith('.')) continue
    const targetFile = path.resolve(path.dirname(file), specifier)
    const relative = path.relative(SRC, targetFile)
    const target = relative.includes(path.sep) ? (relative.split(path.sep)[0] ?? '') : '(root)'
    edges.push({ file: path.relative(SRC, file), layer, target, targetFile: relative, typeOnly })
  }
  return edges
}

const edges = sourceFiles(SRC)
  .filter((file) => path.relative(SRC, file).includes(path.sep))
  .flatMap(importsOf)
  .filter((edge) => edge.target !== edge.layer)

describe('layers', () => {
  it('every folder under src/ is a known layer', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
    expect(folders.filter((f) => !(f in ALLOWED))).toEqual([])
  })

  it('a layer imports only the layers below it', () => {
    const bad = edges
      .filter((e) => !(ALLOWED[e.layer] ?? []).includes(e.target))
      .map((e) => `${e.file} -> ${e.targetFile}`)
    expect(bad).toEqual([])
  })

  it('type-only layer dependencies import only types', () => {
    const bad = edges
      .filter((e) => (TYPE_ONLY[e.layer] ?? []).includes(e.target) && !e.typeOnly)
      .map((e) => `${e.file} -> ${e.targetFile}`)
    expect(bad).toEqual([])
  })

  it('other folders are entered through their index.ts', () => {
    const bad = edges
      .filter((e) => path.basename(e.targetFile) !== 'index.ts')
      .map((e) => `${e.file} -> ${e.targetFile}`)
    expect(bad).toEqual([])
  })

  it('each third-party library is loaded only in its place', () => {
    // test helpers beside the code (test-support.ts, test-fixtures.ts) are test code: they may use vitest
    const shipped = sourceFiles(SRC).filter((file) => !path.basename(file).startsWith('test-'))
    const bad = shipped.flatMap((file) => {
      const relative = path.relative(SRC, file).split(path.sep).join('/')
      return specifiersOf(readFileSync(file, 'utf8')).flatMap(({ specifier }) => {
        const name = packageOf(specifier)
        if (name === undefined) return []
        const places = LIBRARY_PLACES[name]
        if (places === undefined) return [`${relative} -> ${name} (a library with no place in LIBRARY_PLACES)`]
        return places.some((place) => (place.endsWith('/') ? relative.startsWith(place) : relative === place))
          ? []
          : [`${relative} -> ${name}`]
      })
    })
    expect(bad).toEqual([])
  })

  it('the import reader sees every form this project uses', () => {
    const text = [
      "import { a } from './a.ts'",
      'import type { B } from "../b/index.ts"',
      "export * from './c.ts'",
      "type Z = typeof import('zstd-napi/binding.js')",
      "const LIBRARY = 'brotli-wasm'",
      'const x = createRequire(import.meta.url)(LIBRARY)',
      'const y = require(`${LIBRARY}/package.json`)',
      "const z = createRequire(import.meta.url).resolve('tinybench')",
      "const w = await import('./lazy.ts')",
    ].join('\n')
    expect(
      specifiersOf(text)
        .map((s) => `${s.specifier}${s.typeOnly ? ' (type)' : ''}`)
        .sort(),
    ).toEqual(
      [
        '../b/index.ts (type)',
        './a.ts',
        './c.ts',
        './lazy.ts',
        'brotli-wasm',
        'brotli-wasm/package.json',
        'tinybench',
        'zstd-napi/binding.js (type)',
      ].sort(),
    )
  })

  it('only the CLI touches process, apart from read-only probes named here', () => {
    // STYLE.md: only the CLI touches `process` (argv, env, exit, streams, cwd). These read a constant or a clock:
    const PROBES: Record<string, string> = {
      'codecs/identity.ts': 'versions.node, the library version the identity codec reports',
      'codecs/zlib-decode.ts': 'versions.zlib, the library version node:zlib codecs report',
      'runner/environment.ts': 'the Node version recorded in results.json',
      'compare/codec-compressor.ts': 'hrtime, the per-message clock of the comparison size pass',
      'compare/measure-stateful-entry.ts': 'hrtime, the per-message clock of stateful replays',
      'compare/connection-memory.ts': 'memoryUsage.rss, the default (injectable) memory probe',
      'stateful/zstd-memory-check.ts':
        "memoryUsage.rss around one stateful zstd connection opened before a run (s40-trial D2's warning)",
      'compare/memory-probe-serve.ts':
        "a memory probe's child process (compare's since round 39, replay's since round 40): its IPC channel (send, 'message', 'disconnect') and exit when its parent is gone",
      'report/output-lock.ts':
        'pid and kill(pid, 0): an output lock names its holder and checks that a holder is alive',
      'external/json-lines-process.ts':
        "kill(-pid): an external command's whole process group is killed with it, so its children do not outlive the run",
      'wire/socket-replay.ts':
        'hrtime, the per-message clock of the wire replay, and memoryUsage.rss over open connections',
    }
    const touching = sourceFiles(SRC).flatMap((file) => {
      const relative = path.relative(SRC, file).split(path.sep).join('/')
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        .replace(/`[^`]*`|'[^'\n]*'/g, (m) => (m.includes('node:process') ? m : "''"))
      return /\bprocess\.|['"]node:process['"]|\bglobalThis\.process\b/.test(code) ? [relative] : []
    })
    expect(touching.filter((file) => !file.startsWith('cli/') && !(file in PROBES))).toEqual([])
    // and the list holds no file that no longer needs it
    expect(Object.keys(PROBES).filter((file) => !touching.includes(file))).toEqual([])
  })
})
