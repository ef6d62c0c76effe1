/**
 * Two checks of the no-match path's bench (bench/speed.ts section 3), no goal figure: per Loghub-format
 * system, its L3 config (as bench/lib/user-setup.ts writes it, in `--work DIR`) loaded by one build's
 * `loadCompressor`, on the next system's held-out lines it does not send as binary_semantic.
 * - The byte screen's work on those lines: how many pass its step 1 (edges), how many the matcher lets
 *   through (`mayMatchBytes`), and how many native memchr calls (Buffer's indexOf, which the screen's
 *   steps 2-4 call) a line costs, with the store's required literals and step 4's distinct ones.
 * - The floor's fairness: the codec's `encode` (what section 3 calls "zstd_dict L3 alone") against
 *   zstd-napi's own `Compressor.compress` (what a user of zstd-napi calls) with the same dictionary at
 *   level 3, bytes checked equal; process CPU time of blocks of one pass each, taking turns, median
 *   after 10 blocks.
 *
 *   npx tsx bench/nomatch-checks.ts --build BUILD_DIR --work DIR <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { Compressor } from 'zstd-napi'
import { l3ConfigIn } from './lib/hybrid-nomatch-ab.ts'
import { loghubSystemsFrom } from './lib/loghub-args.ts'
import { loadNomatchBuild, median } from './lib/nomatch-build.ts'
import { geomean } from './lib/table.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

// counts the screen's native calls: the build captures Buffer.prototype.indexOf when it is loaded, below
let memchrCalls = 0
const bufferIndexOf = Buffer.prototype.indexOf
Buffer.prototype.indexOf = function counted(this: Buffer, ...args: Parameters<Buffer['indexOf']>): number {
  memchrCalls++
  return bufferIndexOf.apply(this, args)
}

const BLOCKS = 50
const WARMUP_BLOCKS = 10

const { build, work, paths, runner, suite, codecs, templates, screens } = await loadNomatchBuild(
  process.argv.slice(2),
  'bench/nomatch-checks.ts',
)
const latin1 = (r: { bytes: Uint8Array }): string => JSON.stringify(Buffer.from(r.bytes).toString('latin1'))

console.log(`- load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2)}; build = ${build}`)
console.log('')
console.log(
  '| lines / config | lines | pass edges | matcher lets through | memchr calls a line | required literals | step 4: distinct literals | codec encode ns | zstd-napi compress ns | zstd-napi / codec |',
)
console.log('|---|---:|---:|---:|---:|---|---|---:|---:|---:|')
const loaded = []
for (const system of loghubSystemsFrom(paths)) loaded.push({ system, ...(await cachedDiscoveredStore(system, work)) })
const ratios: number[] = []
for (const [k, { system, storePath }] of loaded.entries()) {
  const next = loaded[(k + 1) % loaded.length] as (typeof loaded)[number]
  if (next === loaded[k]) break
  const configPath = l3ConfigIn(system, work)
  const hybrid = await runner.loadCompressor(configPath)
  const lines: Uint8Array[] = next.heldOut.filter(
    (m: Uint8Array) => hybrid.compressSync(m).method !== 'binary_semantic',
  )
  const store = await templates.loadTemplateStore(storePath)
  const matcher = templates.createMatcher(store)
  const edges = screens.createEdgeScreen(store.templates)
  const required = screens.requiredChecks(store.templates)
  const passEdges = lines.filter((m) => edges(m)).length
  memchrCalls = 0
  const through = lines.filter((m) => matcher.mayMatchBytes(m)).length
  const perLine = memchrCalls / Math.max(1, lines.length)
  const dictionary = await runner.loadDictionary(await suite.loadCompressorConfig(configPath))
  const codec = await codecs.createCodec({ name: 'zstd_dict', level: 3, dictionary })
  const napi = new Compressor()
  napi.setParameters({ compressionLevel: 3 })
  napi.loadDictionary(Buffer.from(dictionary))
  for (const [i, m] of lines.entries())
    if (Buffer.compare(Buffer.from(codec.encode(m)), napi.compress(m)) !== 0)
      throw new Error(`${system.name} config: the codec and zstd-napi differ at line ${i} of ${next.system.name}`)
  const runs = [(m: Uint8Array) => codec.encode(m), (m: Uint8Array) => napi.compress(m)]
  const cpu: number[][] = [[], []]
  for (let block = 0; block < BLOCKS; block++) {
    for (let j = 0; j < runs.length; j++) {
      const r = (block + j) % runs.length
      const run = runs[r] as (m: Uint8Array) => unknown
      const before = process.cpuUsage()
      for (const m of lines) run(m)
      const spent = process.cpuUsage(before)
      if (block >= WARMUP_BLOCKS) cpu[r]?.push(((spent.user + spent.system) * 1000) / lines.length)
    }
  }
  const [ours, theirs] = cpu.map(median) as [number, number]
  ratios.push(theirs / ours)
  console.log(
    `| ${next.system.name} lines, ${system.name} config | ${lines.length} | ${passEdges} | ${through} | ${perLine.toFixed(1)} | ${required.all.map(latin1).join(' ')} | ${required.distinct.length === 0 ? '-' : required.distinct.map(latin1).join(' ')} | ${ours.toFixed(0)} | ${theirs.toFixed(0)} | ${(theirs / ours).toFixed(3)}x |`,
  )
}
console.log(`| geometric mean | | | | | | | | | ${geomean(ratios).toFixed(3)}x |`)
console.log('')
console.log(`- load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2)}`)
