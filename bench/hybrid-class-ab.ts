/**
 * Two builds' hybrids per class of call, side by side (a check of a change, not a goal's figure; round s38-p99):
 * per Loghub-format system, the L3 config a user writes (bench/lib/user-setup.ts, kept in `--work DIR`) loaded by
 * each build's `loadCompressor`, and zstd_dict L3 with the same dictionary; each build compresses the held-out
 * lines twice first; then PASSES passes in section 1's order (chunks of 256 calls of one contender, the three
 * contenders' order rotated each pass). Each held-out line is classed by build A's result (`T`: a template frame
 * weighed, `F`: the fallback ran, `>b/z/u`: the method sent); per class the median over its lines of each
 * line's median call, for A, B and zstd_dict, and B/A. A line's median over the passes sheds the calls another
 * process preempted, so a class's figure moves with what the build does on those lines, not with the load; run
 * it in both orders (the build timed second reads a few % lower).
 *
 *   npx tsx bench/hybrid-class-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--passes N] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { pathToFileURL } from 'node:url'
import type { HybridCompressor } from '../src/hybrid/index.ts'
import { loghubSystemsFrom } from './lib/loghub-args.ts'
import { cachedUserContenders, readLogLines, userConfigsIn } from './lib/user-setup.ts'

const USAGE =
  'usage: npx tsx bench/hybrid-class-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--passes N] <loghub system folder | folder of them>...'

function parseArgs(argv: string[]): { a: string; b: string; work: string; passes: number; dirs: string[] } {
  const flags = new Map<string, string>()
  const dirs: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg.startsWith('--')) {
      const value = argv[i + 1]
      if (value === undefined) usage(`${arg} needs a value`)
      flags.set(arg, value as string)
      i++
    } else dirs.push(arg)
  }
  const [a, b, work] = [flags.get('--a'), flags.get('--b'), flags.get('--work')]
  const passes = Number(flags.get('--passes') ?? 24)
  if (a === undefined || b === undefined || work === undefined || dirs.length === 0) usage('missing arguments')
  if (!Number.isInteger(passes) || passes < 1) usage('--passes must be a whole number of at least 1')
  return { a: a as string, b: b as string, work: work as string, passes, dirs }
}

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`)
  process.exit(2)
}

function quantile(values: readonly number[], p: number): number {
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))] as number
}
const median = (values: readonly number[]): number => quantile(values, 0.5)

async function loadBuild(dist: string, config: string): Promise<HybridCompressor> {
  const build = (await import(pathToFileURL(`${dist}/index.js`).href)) as {
    loadCompressor(path: string): Promise<HybridCompressor>
  }
  return build.loadCompressor(config)
}

/** The class of a result: template frame weighed, fallback run, method sent. */
function classOf(result: ReturnType<HybridCompressor['compressSync']>): string {
  const sizes = result.metadata.candidateBytes
  return `${sizes.binary_semantic === undefined ? '-' : 'T'}${sizes.zstd_dict === undefined ? '-' : 'F'}>${result.method[0]}`
}

/** The contenders' orders, one per pass in turn: each goes first, second and third, after each of the others. */
const ORDERS = [
  [0, 1, 2],
  [1, 0, 2],
  [2, 0, 1],
  [2, 1, 0],
  [0, 2, 1],
  [1, 2, 0],
] as const

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  console.log(`${new Date().toISOString()}; load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2)}`)
  console.log(`A = ${args.a}, B = ${args.b}; ${args.passes} passes in chunks of 256, the contenders' order rotated`)
  const encoder = new TextEncoder()
  for (const system of loghubSystemsFrom(args.dirs)) {
    const contenders = await cachedUserContenders(system, args.work)
    const config = userConfigsIn(system, args.work).l3
    const [a, b] = [await loadBuild(args.a, config), await loadBuild(args.b, config)]
    const lines = readLogLines(system.logPath)
    const heldOut = lines.slice(lines.length >> 1).map((line) => encoder.encode(line))
    for (let pass = 0; pass < 2; pass++)
      for (const message of heldOut) {
        a.compressSync(message)
        b.compressSync(message)
      }
    const classes = heldOut.map((message) => classOf(a.compressSync(message)))
    const runs = [
      (m: Uint8Array) => a.compressSync(m),
      (m: Uint8Array) => b.compressSync(m),
      (m: Uint8Array) => contenders.zstdL3.encode(m),
    ]
    const times = runs.map(() => heldOut.map((): number[] => []))
    for (let pass = 0; pass < args.passes; pass++) {
      for (let start = 0; start < heldOut.length; start += 256)
        for (const k of ORDERS[pass % ORDERS.length] as readonly number[]) {
          const run = runs[k] as (m: Uint8Array) => unknown
          const perLine = times[k] as number[][]
          for (let j = start; j < Math.min(heldOut.length, start + 256); j++) {
            const t0 = process.hrtime.bigint()
            run(heldOut[j] as Uint8Array)
            ;(perLine[j] as number[]).push(Number(process.hrtime.bigint() - t0) / 1000)
          }
        }
    }
    console.log(`\n## ${system.name}: ${heldOut.length} lines; load ${os.loadavg()[0]?.toFixed(2)}\n`)
    console.log('| class | lines | A µs | B µs | zstd_dict µs | B/A |')
    console.log('|---|---:|---:|---:|---:|---:|')
    for (const name of [...new Set(classes)].sort()) {
      const members = classes.flatMap((c, i) => (c === name ? [i] : []))
      const of = (k: number): number => median(members.map((i) => median((times[k] as number[][])[i] as number[])))
      const [ta, tb, tz] = [of(0), of(1), of(2)]
      console.log(
        `| ${name} | ${members.length} | ${ta.toFixed(2)} | ${tb.toFixed(2)} | ${tz.toFixed(2)} | ${(tb / ta).toFixed(3)}x |`,
      )
    }
  }
  console.log(`\n- load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2)}`)
}

await main()
