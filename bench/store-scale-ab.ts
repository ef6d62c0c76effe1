/**
 * The store-size bench (bench/store-scale.ts) for two builds side by side in one process (a check of a
 * change, not a goal's figure): the same stores (the 20 ground-truth templates of Apache and HDFS, and
 * 1,020 and 5,020 diverse or near-duplicate ones, bench/lib/stores.ts), each parsed by each build, and
 * the same 4,000 messages encoded by each build's frame encoder (createTemplateFrameEncoder, as the
 * hybrid does). Per large store, four contenders: each build with the 20-template store and with the
 * large one (a server holds one store: the other large stores are not timed in between). Blocks of one
 * pass over the messages each, contenders taking turns going first; time is the process's CPU time
 * (process.cpuUsage), so a shared machine's preemption is not counted. Medians per message of blocks
 * after the first WARMUP_BLOCKS. Before timing, both builds' frames are checked equal on every message.
 *
 *   npx tsx bench/store-scale-ab.ts --a BUILD_DIR --b BUILD_DIR <loghub system folder | folder of them>...
 */
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { readContentCsv, readTemplatesCsv, toByteMessages } from './lib/fixtures.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { loadExpandedStore } from './lib/corpora.ts'
import { createDiverseStore, createNearDuplicateStore } from './lib/stores.ts'
import { geomean } from './lib/table.ts'
import type { TemplateStore } from '../src/templates/index.ts'

const BLOCKS = 40
const WARMUP_BLOCKS = 10
const SMALL_SYSTEMS = ['Apache', 'HDFS']

interface Build {
  parseTemplateStore(json: unknown, source: string): unknown
  createMatcher(store: unknown): { match(text: string): unknown[] }
  createTemplateFrameEncoder(
    matcher: unknown,
    prefix: (id: number) => Uint8Array,
  ): { encodeBytes(b: Uint8Array): { frame: Uint8Array } | undefined }
}

const argv = process.argv.slice(2)
const flagValue = (flag: string): string | undefined => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined)
const [dirA, dirB] = [flagValue('--a'), flagValue('--b')]
const paths = positionalArgs(argv, ['--a', '--b'])
if (dirA === undefined || dirB === undefined || paths.length === 0) {
  console.error(
    'usage: npx tsx bench/store-scale-ab.ts --a BUILD_DIR --b BUILD_DIR <loghub system folder | folder of them>...',
  )
  process.exit(2)
}
const load = async (dir: string, module: string) => import(pathToFileURL(path.resolve(dir, module, 'index.js')).href)
const builds = [
  { dir: dirA, templates: (await load(dirA, 'templates')) as Build, codecs: await load(dirA, 'codecs') },
  { dir: dirB, templates: (await load(dirB, 'templates')) as Build, codecs: await load(dirB, 'codecs') },
]
const median = (values: number[]): number => [...values].sort((x, y) => x - y)[values.length >> 1] as number

const systems = loghubSystemsFrom(paths).filter((s) => s.structuredPath !== undefined && s.templatesPath !== undefined)
const preferred = systems.filter((s) => SMALL_SYSTEMS.includes(s.name))
const small = preferred.length === SMALL_SYSTEMS.length ? preferred : systems.slice(0, 2)
if (small.length < 2) {
  console.error('store-scale-ab: needs two Loghub systems with their ground-truth CSVs')
  process.exit(2)
}
const smallPatterns = small.flatMap((s) => readTemplatesCsv(s.templatesPath as string))
const otherPatterns = [
  ...systems.filter((s) => !small.includes(s)).flatMap((s) => readTemplatesCsv(s.templatesPath as string)),
  ...(await loadExpandedStore()).templates.map((t) => t.pattern),
]
const storeJson = (name: string, store: TemplateStore) => ({
  format: 'aura-template-store',
  version: 1,
  name,
  templates: store.templates.map((t) => ({ id: t.id, pattern: t.pattern })),
})
const patternsOnly = (name: string, patterns: readonly string[]) => ({
  format: 'aura-template-store',
  version: 1,
  name,
  templates: [...new Set(patterns)].map((pattern, i) => ({ id: i + 1, pattern })),
})
const cases: [string, unknown][] = [
  ['1020 diverse', storeJson('d1', createDiverseStore(smallPatterns, otherPatterns, 1020))],
  [
    '1020 near-duplicates',
    storeJson('n1', createNearDuplicateStore(smallPatterns, [...smallPatterns, ...otherPatterns], 1020)),
  ],
  ['5020 diverse', storeJson('d5', createDiverseStore(smallPatterns, otherPatterns, 5020))],
  [
    '5020 near-duplicates',
    storeJson('n5', createNearDuplicateStore(smallPatterns, [...smallPatterns, ...otherPatterns], 5020)),
  ],
]
const smallJson = patternsOnly('small-20', smallPatterns)
const smallMatcher = builds[0]?.templates.createMatcher(builds[0].templates.parseTemplateStore(smallJson, '<small>'))
const messages = toByteMessages(
  small
    .flatMap((s) => readContentCsv(s.structuredPath as string))
    .filter((t) => (smallMatcher?.match(t).length ?? 0) > 0),
)
const encoderOf = (build: (typeof builds)[number], json: unknown) => {
  const store = build.templates.parseTemplateStore(json, '<bench>')
  const encoder = build.templates.createTemplateFrameEncoder(build.templates.createMatcher(store), (id) =>
    build.codecs.writeTemplateFrame(id, new Uint8Array(0)),
  )
  return (bytes: Uint8Array) => encoder.encodeBytes(bytes)?.frame
}

console.log(
  `- load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2)}; A = ${dirA}, B = ${dirB}; ${messages.length} messages`,
)
console.log('')
console.log(
  '| store | A 20-store ns | A large ns | A large/20 | B 20-store ns | B large ns | B large/20 | B/A large (median of paired blocks) |',
)
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
const paired: number[] = []
for (const [name, json] of cases) {
  const runs = builds.flatMap((build) => [encoderOf(build, smallJson), encoderOf(build, json)])
  for (const [i, m] of messages.entries()) {
    const [a, b] = [runs[1]?.(m), runs[3]?.(m)]
    if (a === undefined || b === undefined || Buffer.compare(a, b) !== 0)
      throw new Error(`${name}: the builds' frames differ at message ${i}`)
  }
  const cpu: number[][] = runs.map(() => [])
  const ratios: number[] = []
  for (let block = 0; block < BLOCKS; block++) {
    const spent: number[] = []
    for (let j = 0; j < runs.length; j++) {
      const r = (block + j) % runs.length
      const run = runs[r] as (m: Uint8Array) => unknown
      const before = process.cpuUsage()
      for (const m of messages) run(m)
      const used = process.cpuUsage(before)
      spent[r] = ((used.user + used.system) * 1000) / messages.length
    }
    if (block < WARMUP_BLOCKS) continue
    spent.forEach((ns, r) => cpu[r]?.push(ns))
    ratios.push((spent[3] as number) / (spent[1] as number))
  }
  const [a20, aLarge, b20, bLarge] = cpu.map(median) as [number, number, number, number]
  paired.push(median(ratios))
  console.log(
    `| ${name} | ${a20.toFixed(0)} | ${aLarge.toFixed(0)} | ${(aLarge / a20).toFixed(2)}x | ${b20.toFixed(0)} | ${bLarge.toFixed(0)} | ${(bLarge / b20).toFixed(2)}x | ${median(ratios).toFixed(3)}x |`,
  )
}
console.log(`| geometric mean | | | | | | | ${geomean(paired).toFixed(3)}x |`)
console.log('')
console.log(`- load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2)}`)
