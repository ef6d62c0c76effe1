/**
 * What the two-build end-to-end benches (bench/hybrid-e2e-ab.ts, bench/hybrid-decode-ab.ts) share: their
 * command line, the load lines around the table, and the walk over the systems that gives each system's
 * held-out lines (`cachedDiscoveredStore`) and its L3 config loaded by both builds (`loadBuildPair`).
 */
import os from 'node:os'
import { type DictionaryCodec, loadBuildPair, type SyncHybrid } from './hybrid-nomatch-ab.ts'
import { type LoghubSystem, loghubSystemsFrom, positionalArgs } from './loghub-args.ts'
import type { TimingSummary } from './timing.ts'
import { cachedDiscoveredStore, l3ConfigIn } from './user-setup.ts'

/** The 1-minute load average, as the tables print it. */
export const load = (): string => (os.loadavg()[0] ?? 0).toFixed(2)
/** A ratio as the tables print it. */
export const x = (v: number): string => `${v.toFixed(2)}x`

/**
 * The command line of a two-build end-to-end bench (hybrid-e2e-ab.ts, hybrid-decode-ab.ts): `--a`, `--b`,
 * `--work`, `[--calls N]` (default 20,000) and Loghub system folders; the usage line and exit 2 otherwise.
 */
export function buildPairArgs(
  argv: readonly string[],
  script: string,
): { a: string; b: string; work: string; calls: number; paths: string[] } {
  const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
  const [a, b, work] = [flag('--a'), flag('--b'), flag('--work')]
  const calls = Number(flag('--calls') ?? 20_000)
  const paths = positionalArgs([...argv], ['--a', '--b', '--work', '--calls'])
  if (a === undefined || b === undefined || work === undefined || paths.length === 0 || !(calls > 0)) {
    console.error(
      `usage: npx tsx bench/${script} --a BUILD_DIR --b BUILD_DIR --work DIR [--calls N] <loghub system folder | folder of them>...`,
    )
    process.exit(2)
  }
  return { a, b, work, calls, paths }
}

/** One system of the walk: its held-out lines and both builds' hybrids (with build A's zstd_dict L3) on its L3 config. */
export interface SystemBuildPair {
  system: LoghubSystem
  heldOut: Uint8Array[]
  pair: { a: SyncHybrid; b: SyncHybrid; zstd: DictionaryCodec }
  calls: number
}

/**
 * Reads the command line (`buildPairArgs`), prints the load at the start and the table's `header` lines,
 * then calls `perSystem` for each Loghub system in order.
 */
export async function forEachSystemBuildPair(
  script: string,
  header: readonly string[],
  perSystem: (s: SystemBuildPair) => Promise<void>,
): Promise<void> {
  const { a, b, work, calls, paths } = buildPairArgs(process.argv.slice(2), script)
  console.log(`- load average (1 min) at start: ${load()}; A = ${a}, B = ${b}; ${calls} calls per contender`)
  console.log('')
  for (const line of header) console.log(line)
  for (const system of loghubSystemsFrom(paths)) {
    const { heldOut } = await cachedDiscoveredStore(system, work)
    const pair = await loadBuildPair(a, b, l3ConfigIn(system, work))
    await perSystem({ system, heldOut, pair, calls })
  }
}

/** The last lines of the bench: a blank line and the load at the end. */
export function printEndLoad(): void {
  console.log('')
  console.log(`- load average (1 min) at the end: ${load()}`)
}

/** Each build's mean and p99 over zstd_dict's, one entry per system (for the geometric means). */
export interface ZstdRatios {
  am: number[]
  bm: number[]
  ap: number[]
  bp: number[]
}

/** Throws unless the three were timed; adds their ratios to `ratios` and returns them. */
export function addZstdRatios(
  ratios: ZstdRatios,
  sa: TimingSummary | undefined,
  sb: TimingSummary | undefined,
  sz: TimingSummary | undefined,
): [TimingSummary, TimingSummary, TimingSummary] {
  if (sa === undefined || sb === undefined || sz === undefined) throw new Error('not timed')
  ratios.am.push(sa.meanUs / sz.meanUs)
  ratios.bm.push(sb.meanUs / sz.meanUs)
  ratios.ap.push(sa.p99Us / sz.p99Us)
  ratios.bp.push(sb.p99Us / sz.p99Us)
  return [sa, sb, sz]
}
