/**
 * Where a refused line's time goes (a split, not a goal's figure): per Loghub-format system, its L3
 * config (as bench/lib/user-setup.ts writes it, in `--work DIR`) loaded by one build's `loadCompressor`,
 * on the next system's held-out lines it does not send as binary_semantic (bench/speed.ts section 3).
 * Timed side by side on those lines, in blocks of one pass each, contenders taking turns going first,
 * CPU time of the process (process.cpuUsage: a shared machine's preemption is not counted):
 * - `zstd`: zstd_dict L3 alone (the codec's `encode`, as section 3 times it);
 * - `write`: the codec's `writeFrame` (compress into its scratch, no copy: what the hybrid calls);
 * - `edges`: the byte screen's step 1 alone; `screen`: steps 1-4; `scan`: `mayMatchBytes` (screen and anchor scan);
 * - `no store`: the hybrid's `compressSync` with the same config less its store (the wrapper alone);
 * - `hybrid`: the hybrid's `compressSync`.
 * Median ns per line of blocks after the first WARMUP_BLOCKS; the last columns are differences of medians.
 *
 *   npx tsx bench/nomatch-split.ts --build BUILD_DIR --work DIR <loghub system folder | folder of them>...
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loghubSystemsFrom } from './lib/loghub-args.ts'
import { loadNomatchBuild, median } from './lib/nomatch-build.ts'
import { cachedDiscoveredStore, configYaml } from './lib/user-setup.ts'
import { l3ConfigIn } from './lib/hybrid-nomatch-ab.ts'

const BLOCKS = 50
const WARMUP_BLOCKS = 10

interface SyncHybrid {
  compressSync(m: Uint8Array): { bytes: Uint8Array; method: string }
}

const { build, work, paths, runner, suite, codecs, templates, screens } = await loadNomatchBuild(
  process.argv.slice(2),
  'bench/nomatch-split.ts',
)

console.log(`- load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2)}; build = ${build}`)
console.log('')
const names = ['zstd', 'write', 'edges', 'screen', 'scan', 'no store', 'hybrid'] as const
console.log(
  `| lines / config | lines | ${names.map((n) => `${n} ns`).join(' | ')} | no store - zstd | hybrid - no store | hybrid / zstd |`,
)
console.log(`|---|---:|${names.map(() => '---:|').join('')}---:|---:|---:|`)
const systems = loghubSystemsFrom(paths)
const loaded = []
for (const system of systems) loaded.push({ system, ...(await cachedDiscoveredStore(system, work)) })
for (const [k, { system, store: _store, storePath }] of loaded.entries()) {
  const next = loaded[(k + 1) % loaded.length] as (typeof loaded)[number]
  const dir = path.dirname(storePath)
  const configPath = l3ConfigIn(system, work)
  const bareConfigPath = path.join(dir, 'hybrid-l3-no-store.yaml')
  writeFileSync(
    bareConfigPath,
    configYaml(`${system.name}-zstd-dict-l3-no-store`, 3)
      .split('\n')
      .filter((line) => !line.startsWith('template_store_path'))
      .join('\n'),
  )
  const hybrid = (await runner.loadCompressor(configPath)) as SyncHybrid
  const bare = (await runner.loadCompressor(bareConfigPath)) as SyncHybrid
  const dictionary = await runner.loadDictionary(await suite.loadCompressorConfig(configPath))
  const codec = await codecs.createCodec({ name: 'zstd_dict', level: 3, dictionary })
  const store = await templates.loadTemplateStore(storePath)
  const matcher = templates.createMatcher(store)
  const edges = screens.createEdgeScreen(store.templates)
  const screen = screens.createByteScreen(store.templates)
  const lines = next.heldOut.filter((m) => hybrid.compressSync(m).method !== 'binary_semantic')
  const runs: Record<(typeof names)[number], (m: Uint8Array) => unknown> = {
    zstd: (m) => codec.encode(m),
    write: (m) => codec.writeFrame(m, 0xf5),
    edges: (m) => edges(m),
    screen: (m) => screen(m),
    scan: (m) => matcher.mayMatchBytes(m),
    'no store': (m) => bare.compressSync(m),
    hybrid: (m) => hybrid.compressSync(m),
  }
  const blocks = new Map<string, number[]>(names.map((n) => [n, []]))
  for (let block = 0; block < BLOCKS; block++) {
    const turn = block % names.length
    for (const name of [...names.slice(turn), ...names.slice(0, turn)]) {
      const run = runs[name]
      const before = process.cpuUsage()
      for (let i = 0; i < lines.length; i++) run(lines[i] as Uint8Array)
      const spent = process.cpuUsage(before)
      if (block >= WARMUP_BLOCKS) blocks.get(name)?.push(((spent.user + spent.system) * 1000) / lines.length)
    }
  }
  const m = Object.fromEntries(names.map((n) => [n, median(blocks.get(n) ?? [])])) as Record<string, number>
  const ns = (x: number): string => x.toFixed(0)
  console.log(
    `| ${next.system.name} lines, ${system.name} config | ${lines.length} | ${names.map((n) => ns(m[n] as number)).join(' | ')} | ${ns((m['no store'] as number) - (m.zstd as number))} | ${ns((m.hybrid as number) - (m['no store'] as number))} | ${((m.hybrid as number) / (m.zstd as number)).toFixed(2)}x |`,
  )
}
console.log('')
console.log(`- load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2)}`)
