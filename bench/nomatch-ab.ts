/**
 * The no-match path of two builds' hybrids side by side (a check of a change, not a goal's figure), timed
 * the way bench/speed.ts section 3 times the goal: per Loghub-format system, its L3 config (as
 * bench/lib/user-setup.ts writes it, in the system's `--work` folder) loaded by each build's
 * `loadCompressor`, `compressSync` on the next system's held-out lines that build A does not send as
 * binary_semantic, against zstd_dict L3 alone with the same dictionary (the codec's `encode`), through
 * bench/lib/timing.ts's `compareShuffled` (per-call times, chunks of 256, 12 passes in shuffled orders).
 * Before timing, both builds compress the system's own held-out lines (the template path: the selection
 * sees template frames first, as in bench/speed.ts, whose sections 1-2 run before section 3), and their
 * frames and metadata on the timed lines are checked equal, with B's round trip. With `--own` that first
 * pass over the own lines is the check, on fresh compressors: a learning compressor's frames on a second
 * pass may differ by design (the note of refused runs, src/hybrid/refusal-run.ts), so the timed passes that
 * follow are not checked.
 * Also, per build, the process's CPU time of blocks of one pass over the lines (contenders taking turns,
 * medians after 10 blocks): preemption on a shared machine is not counted there.
 * With `--own`, the lines timed are the system's own held-out lines, all of them (bench/speed.ts section 1's
 * lines, through the L3 config): every message pays the selection's wrapper.
 *
 *   npx tsx bench/nomatch-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--calls N] [--own] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { checkSameFrames, l3ConfigIn, loadBuildPair } from './lib/hybrid-nomatch-ab.ts'
import { geomean } from './lib/table.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { compareShuffled, type TimingSummary } from './lib/timing.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const BLOCKS = 40
const WARMUP_BLOCKS = 10

const argv = process.argv.slice(2)
const flagValue = (flag: string): string | undefined => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined)
const [dirA, dirB, work] = [flagValue('--a'), flagValue('--b'), flagValue('--work')]
const calls = Number(flagValue('--calls') ?? 20_000)
const own = argv.includes('--own')
const paths = positionalArgs(
  argv.filter((arg) => arg !== '--own'),
  ['--a', '--b', '--work', '--calls'],
)
if (dirA === undefined || dirB === undefined || work === undefined || paths.length === 0 || !(calls > 0)) {
  console.error(
    'usage: npx tsx bench/nomatch-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--calls N] [--own] <loghub system folder | folder of them>...',
  )
  process.exit(2)
}
const median = (values: number[]): number => [...values].sort((x, y) => x - y)[values.length >> 1] as number
const x = (ratio: number): string => `${ratio.toFixed(3)}x`

console.log(`- load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2)}; A = ${dirA}, B = ${dirB}`)
console.log(
  `- lines: ${own ? "each system's own held-out lines, through its config" : "the next system's held-out lines A does not send as binary_semantic"}`,
)
console.log('')
console.log(
  '| lines / config | lines | zstd mean µs | A/zstd mean | B/zstd mean | A/zstd p50 | B/zstd p50 | B/A mean | B/A p50 | A/zstd CPU | B/zstd CPU |',
)
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
const systems = loghubSystemsFrom(paths)
const loaded = []
for (const system of systems) loaded.push({ system, ...(await cachedDiscoveredStore(system, work)) })
const all = {
  az: [] as number[],
  bz: [] as number[],
  azp: [] as number[],
  bzp: [] as number[],
  ac: [] as number[],
  bc: [] as number[],
}
for (const [k, { system, heldOut }] of loaded.entries()) {
  const next = loaded[(k + 1) % loaded.length] as (typeof loaded)[number]
  if (next === loaded[k]) break
  // the config beside the store cachedDiscoveredStore keeps in work/<system>/
  const { a, b, zstd } = await loadBuildPair(dirA, dirB, l3ConfigIn(system, work))
  // --own: the frames are checked on the first pass over the lines, by fresh compressors (the pass a user's
  // stream gets); a second pass may differ by design where the first ends with a run of refused lines (a
  // learning compressor's note, src/hybrid/refusal-run.ts: Linux's held-out half ends with 92)
  if (own) checkSameFrames(a, b, heldOut, { config: system.name, lines: system.name })
  else
    for (const line of heldOut) {
      a.compressSync(line)
      b.compressSync(line)
    }
  const lines = own ? heldOut : next.heldOut.filter((m) => a.compressSync(m).method !== 'binary_semantic')
  if (!own) checkSameFrames(a, b, lines, { config: system.name, lines: next.system.name })
  const runs = [
    { name: 'A', run: (i: number) => a.compressSync(lines[i] as Uint8Array) },
    { name: 'B', run: (i: number) => b.compressSync(lines[i] as Uint8Array) },
    { name: 'zstd', run: (i: number) => zstd.encode(lines[i] as Uint8Array) },
  ]
  const [tA, tB, tZ] = (await compareShuffled(runs, {
    messageCount: lines.length,
    callsPerContender: calls,
  })) as unknown as [TimingSummary, TimingSummary, TimingSummary]
  const cpu: number[][] = [[], [], []]
  for (let block = 0; block < BLOCKS; block++) {
    const turn = block % runs.length
    for (const r of [...runs.keys()].slice(turn).concat([...runs.keys()].slice(0, turn))) {
      const run = (runs[r] as (typeof runs)[number]).run
      const before = process.cpuUsage()
      for (let i = 0; i < lines.length; i++) run(i)
      const spent = process.cpuUsage(before)
      if (block >= WARMUP_BLOCKS) cpu[r]?.push(((spent.user + spent.system) * 1000) / lines.length)
    }
  }
  const [cA, cB, cZ] = cpu.map(median) as [number, number, number]
  const row = {
    az: tA.meanUs / tZ.meanUs,
    bz: tB.meanUs / tZ.meanUs,
    azp: tA.p50Us / tZ.p50Us,
    bzp: tB.p50Us / tZ.p50Us,
    ac: cA / cZ,
    bc: cB / cZ,
  }
  for (const key of Object.keys(all) as (keyof typeof all)[]) all[key].push(row[key])
  console.log(
    `| ${own ? system.name : next.system.name} lines, ${system.name} config | ${lines.length} | ${tZ.meanUs.toFixed(2)} | ${x(row.az)} | ${x(row.bz)} | ${x(row.azp)} | ${x(row.bzp)} | ${x(tB.meanUs / tA.meanUs)} | ${x(tB.p50Us / tA.p50Us)} | ${x(row.ac)} | ${x(row.bc)} |`,
  )
}
const g = (key: keyof typeof all): string => x(geomean(all[key]))
console.log(
  `| geometric mean | | | ${g('az')} | ${g('bz')} | ${g('azp')} | ${g('bzp')} | ${x(geomean(all.bz) / geomean(all.az))} | ${x(geomean(all.bzp) / geomean(all.azp))} | ${g('ac')} | ${g('bc')} |`,
)
console.log('')
console.log(`- load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2)}`)
