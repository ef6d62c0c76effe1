/**
 * The byte screen and anchor scan (`matcher.mayMatchBytes`) of two builds side by side in one process
 * (a check of a change, not a goal's figure): each build is the output of `tsc -p tsconfig.build.json
 * --outDir DIR`; per Loghub-format system, the store discovered from the first half of its lines
 * (bench/lib/user-setup.ts, kept in `--work DIR`), on the held-out lines build A's frame encoder
 * encodes (the store's own lines; checked first: B refuses none that A passes and encodes), or with
 * `--mix N` one line of the next system's (that A does not encode) after every N of them, or with
 * `--foreign` those other lines alone. 30 blocks per build of 15 passes over the lines, builds taking
 * turns going first; time is the process's CPU time (process.cpuUsage), so a shared machine's
 * preemption is not counted. Median per line of blocks 11-30, and the median of the ratios of blocks
 * timed one after the other.
 *
 *   npx tsx bench/screen-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--mix N | --foreign] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const BLOCKS = 30
const WARMUP_BLOCKS = 10
const PASSES = 15

interface Build {
  loadTemplateStore(path: string): Promise<unknown>
  createMatcher(store: unknown): { mayMatchBytes(bytes: Uint8Array): boolean }
  createTemplateFrameEncoder(
    matcher: unknown,
    prefix: (id: number) => Uint8Array,
  ): { encodeBytes(b: Uint8Array): unknown }
}

const argv = process.argv.slice(2)
const flagValue = (flag: string): string | undefined => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined)
const [dirA, dirB, work, mixText] = [flagValue('--a'), flagValue('--b'), flagValue('--work'), flagValue('--mix')]
const foreignOnly = argv.includes('--foreign')
const paths = positionalArgs(
  argv.filter((arg) => arg !== '--foreign'),
  ['--a', '--b', '--work', '--mix'],
)
const mix = mixText === undefined ? 0 : Number(mixText)
if (dirA === undefined || dirB === undefined || work === undefined || paths.length === 0 || !(mix >= 0)) {
  console.error(
    'usage: npx tsx bench/screen-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--mix N | --foreign] <loghub system folder | folder of them>...',
  )
  process.exit(2)
}
const load = async (dir: string, module: string) => import(pathToFileURL(path.resolve(dir, module, 'index.js')).href)
const [templatesA, templatesB, codecsA] = [
  (await load(dirA, 'templates')) as Build,
  (await load(dirB, 'templates')) as Build,
  await load(dirA, 'codecs'),
]
const median = (values: number[]): number => [...values].sort((x, y) => x - y)[values.length >> 1] as number

console.log(`- load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2)}; A = ${dirA}, B = ${dirB}`)
console.log(
  `- lines: ${foreignOnly ? "the next system's, which A does not encode" : 'held-out lines A encodes'}${mix > 0 ? `, one of the next system's after every ${mix}` : ''}`,
)
console.log('')
console.log('| system | lines | A ns/line | B ns/line | B/A (median of paired blocks) |')
console.log('|---|---:|---:|---:|---:|')
const systems = loghubSystemsFrom(paths)
const ratios: number[] = []
for (const [k, system] of systems.entries()) {
  const { storePath, heldOut } = await cachedDiscoveredStore(system, work)
  const [storeA, storeB] = [
    await templatesA.loadTemplateStore(storePath),
    await templatesB.loadTemplateStore(storePath),
  ]
  const matchers = [templatesA.createMatcher(storeA), templatesB.createMatcher(storeB)]
  const encoder = templatesA.createTemplateFrameEncoder(templatesA.createMatcher(storeA), (id) =>
    codecsA.writeTemplateFrame(id, new Uint8Array(0)),
  )
  const own = heldOut.filter((line) => encoder.encodeBytes(line) !== undefined)
  const next = systems[(k + 1) % systems.length]
  const others =
    (foreignOnly || mix > 0) && next !== undefined && next !== system
      ? (await cachedDiscoveredStore(next, work)).heldOut.filter((line) => encoder.encodeBytes(line) === undefined)
      : []
  const lines = foreignOnly
    ? others
    : mix > 0 && others.length > 0
      ? own.flatMap((line, i) => (i % mix === mix - 1 ? [line, others[i % others.length] as Uint8Array] : [line]))
      : own
  for (const line of own)
    if (!(matchers[1]?.mayMatchBytes(line) ?? false)) throw new Error(`${system.name}: B refuses a line A encodes`)
  const blocks: [number[], number[]] = [[], []]
  let passed = 0
  for (let block = 0; block < BLOCKS; block++)
    for (const side of block % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
      const matcher = matchers[side] as { mayMatchBytes(bytes: Uint8Array): boolean }
      const before = process.cpuUsage()
      for (let pass = 0; pass < PASSES; pass++)
        for (let i = 0; i < lines.length; i++) if (matcher.mayMatchBytes(lines[i] as Uint8Array)) passed += 1
      const spent = process.cpuUsage(before)
      blocks[side].push(((spent.user + spent.system) * 1000) / (PASSES * lines.length))
    }
  const [a, b] = [blocks[0].slice(WARMUP_BLOCKS), blocks[1].slice(WARMUP_BLOCKS)]
  const ratio = median(a.map((x, i) => (b[i] as number) / x))
  ratios.push(ratio)
  console.log(
    `| ${system.name} | ${lines.length} | ${median(a).toFixed(0)} | ${median(b).toFixed(0)} | ${ratio.toFixed(2)}x |`,
  )
  if (passed < 0) console.log(passed)
}
const geomean = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length)
console.log(`| geometric mean | | | | ${geomean.toFixed(2)}x |`)
console.log('')
console.log(`- load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2)}`)
