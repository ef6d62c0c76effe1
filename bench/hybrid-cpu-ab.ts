/**
 * Two builds' hybrids end to end by CPU time, side by side in one process (a check of a change, not a goal's
 * figure; round s43-p99): per Loghub-format system, the L3 config a user writes loaded by each build's
 * `loadCompressor` (bench/lib/build-pair-bench.ts, as bench/hybrid-e2e-ab.ts), each build compressing the
 * held-out lines twice first; then `--calls` / lines passes (default 100,000 calls: 100 passes of 1,000 lines),
 * each pass running both builds' `compressSync` and zstd-napi's zstd_dict L3 in chunks of 256 lines, the three
 * taking turns going first. Each chunk is timed by the process's CPU time (`process.cpuUsage`, user + system),
 * not the wall clock: on a machine shared by many processes a wall-clock mean is mostly the time the process
 * waited, where CPU time keeps what it did (cache misses from the others stay in). Printed per system: the
 * median over passes of each contender's mean µs a line, the ratios, and the lower quartile; the load.
 * Only means: a chunk's CPU time says nothing of one call's (p99: bench/hybrid-e2e-ab.ts at a quiet hour).
 *
 *   npx tsx bench/hybrid-cpu-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--calls N] <loghub system folder | folder of them>...
 */
import { forEachSystemBuildPair, load, printEndLoad, x } from './lib/build-pair-bench.ts'
import { checkBuildRoundTrip } from './lib/hybrid-nomatch-ab.ts'

const CHUNK = 256

const sorted = (xs: readonly number[]): number[] => [...xs].sort((p, q) => p - q)
const median = (xs: readonly number[]): number => sorted(xs)[xs.length >> 1] as number
const lowerQuartile = (xs: readonly number[]): number => sorted(xs)[xs.length >> 2] as number

async function main(): Promise<void> {
  const header = [
    '| system | passes | A µs | B µs | zstd µs | A/zstd | B/zstd | B/A | B/A, lower-quartile passes | load |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  await forEachSystemBuildPair('hybrid-cpu-ab.ts', header, async ({ system, heldOut: m, pair, calls }) => {
    for (let pass = 0; pass < 2; pass++)
      m.forEach((line, i) => {
        const [fa, fb] = [pair.a.compressSync(line).bytes, pair.b.compressSync(line).bytes]
        if (pass > 0) return
        checkBuildRoundTrip(pair.a, fa, line, `${system.name} line ${i}: A`)
        checkBuildRoundTrip(pair.b, fb, line, `${system.name} line ${i}: B`)
      })
    const run: ((line: Uint8Array) => unknown)[] = [
      (line) => pair.a.compressSync(line),
      (line) => pair.b.compressSync(line),
      (line) => pair.zstd.encode(line),
    ]
    const passes = Math.max(1, Math.round(calls / m.length))
    const perPass: number[][] = [[], [], []]
    for (let pass = 0; pass < passes; pass++) {
      const cpuMs = [0, 0, 0]
      for (let start = 0, chunk = 0; start < m.length; start += CHUNK, chunk++) {
        const end = Math.min(m.length, start + CHUNK)
        for (let turn = 0; turn < 3; turn++) {
          const k = (pass + chunk + turn) % 3
          const f = run[k] as (line: Uint8Array) => unknown
          const before = process.cpuUsage()
          for (let i = start; i < end; i++) f(m[i] as Uint8Array)
          const used = process.cpuUsage(before)
          cpuMs[k] = (cpuMs[k] as number) + (used.user + used.system) / 1000
        }
      }
      for (let k = 0; k < 3; k++) (perPass[k] as number[]).push(((cpuMs[k] as number) * 1000) / m.length)
    }
    const [a, b, z] = perPass.map(median) as [number, number, number]
    const [qa, qb] = [lowerQuartile(perPass[0] as number[]), lowerQuartile(perPass[1] as number[])]
    console.log(
      `| ${system.name} | ${passes} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${z.toFixed(2)} | ${x(a / z)} | ${x(b / z)} | ${(b / a).toFixed(3)}x | ${(qb / qa).toFixed(3)}x | ${load()} |`,
    )
  })
  printEndLoad()
}

await main()
