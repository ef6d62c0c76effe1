/**
 * The hybrid of two builds on a system's own held-out lines (a check of a change, not a goal's
 * figure): per system, its L3 config (as bench/lib/user-setup.ts writes it, in the system's `--work`
 * folder) loaded by each build's `loadCompressor`, and `compressSync` timed on every held-out line of
 * that system, in order, against zstd_dict L3 alone with the same dictionary, interleaved in chunks
 * of 256 with the contenders taking turns going first. Before timing, each build compresses the lines
 * WARM_PASSES times (bench/speed.ts compresses each line twice in `prepare` and then 2,000 warm-up
 * calls per phase), so both are timed at the steady state of their learned short-cut; the frames of
 * the pass after that are compared (they may differ where a build's short-cut skips another
 * comparison: counted, with the bytes of both) and each build's round trip checked.
 */
import type { LoghubSystem } from './loghub-args.ts'
import { checkBuildRoundTrip, l3ConfigIn, loadBuildPair, type SyncHybrid } from './hybrid-nomatch-ab.ts'
import { geomean } from './table.ts'
import { chunkMedianRatio, timeRotatingChunks } from './timing.ts'

const CALLS = 20_000
const CHUNK = 256
const WARM_PASSES = 4

const mean = (xs: Float64Array): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)
const quantile = (xs: Float64Array, q: number): number =>
  Float64Array.from(xs).sort()[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN

/** Frames differing between the builds, and each build's bytes, on one pass over the lines. */
function compareFrames(a: SyncHybrid, b: SyncHybrid, lines: readonly Uint8Array[], where: string) {
  let [differing, bytesA, bytesB] = [0, 0, 0]
  for (const m of lines) {
    const [fa, fb] = [a.compressSync(m).bytes, b.compressSync(m).bytes]
    bytesA += fa.length
    bytesB += fb.length
    if (Buffer.compare(fa, fb) !== 0) differing += 1
    checkBuildRoundTrip(a, fa, m, `${where}: A`)
    checkBuildRoundTrip(b, fb, m, `${where}: B`)
  }
  return { differing, bytesA, bytesB }
}

/** Prints the section's table (markdown). */
export async function printHybridMatched(
  a: string,
  b: string,
  work: string,
  loaded: readonly { system: LoghubSystem; heldOut: Uint8Array[] }[],
): Promise<void> {
  console.log('')
  console.log(
    `Hybrid on each system's own held-out lines: \`compressSync\` (fallback zstd_dict L3) after ${WARM_PASSES} warm passes, vs zstd_dict L3 alone; µs per call; chunk median: the median over the ${Math.ceil(CALLS / CHUNK)} chunks of 256 calls of B's chunk mean / A's`,
  )
  console.log('')
  console.log(
    '| system | lines | A mean | B mean | zstd mean | B/A mean | B/A chunk median | A p50 | B p50 | B/A p50 | A p99 | B p99 | B/A p99 | A/zstd mean | B/zstd mean | frames differing (bytes A -> B) |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|')
  const ratios = {
    mean: [] as number[],
    chunk: [] as number[],
    p50: [] as number[],
    p99: [] as number[],
    az: [] as number[],
    bz: [] as number[],
  }
  for (const { system, heldOut: lines } of loaded) {
    const { a: hybridA, b: hybridB, zstd } = await loadBuildPair(a, b, l3ConfigIn(system, work))
    for (let pass = 0; pass < WARM_PASSES; pass++)
      for (const m of lines) {
        hybridA.compressSync(m)
        hybridB.compressSync(m)
        zstd.encode(m)
      }
    const frames = compareFrames(hybridA, hybridB, lines, system.name)
    const runs = [
      (m: Uint8Array) => hybridA.compressSync(m),
      (m: Uint8Array) => hybridB.compressSync(m),
      (m: Uint8Array) => zstd.encode(m),
    ]
    const [tA, tB, tZ] = timeRotatingChunks(runs, lines, CALLS, CHUNK) as [Float64Array, Float64Array, Float64Array]
    const [mA, mB, mZ] = [mean(tA), mean(tB), mean(tZ)]
    const [p50A, p50B, p99A, p99B] = [quantile(tA, 0.5), quantile(tB, 0.5), quantile(tA, 0.99), quantile(tB, 0.99)]
    ratios.mean.push(mB / mA)
    const chunk = chunkMedianRatio(tA, tB)
    ratios.chunk.push(chunk)
    ratios.p50.push(p50B / p50A)
    ratios.p99.push(p99B / p99A)
    ratios.az.push(mA / mZ)
    ratios.bz.push(mB / mZ)
    console.log(
      `| ${system.name} | ${lines.length} | ${mA.toFixed(2)} | ${mB.toFixed(2)} | ${mZ.toFixed(2)} | ${(mB / mA).toFixed(3)}x | ${chunk.toFixed(3)}x | ${p50A.toFixed(2)} | ${p50B.toFixed(2)} | ${(p50B / p50A).toFixed(3)}x | ${p99A.toFixed(2)} | ${p99B.toFixed(2)} | ${(p99B / p99A).toFixed(3)}x | ${(mA / mZ).toFixed(2)}x | ${(mB / mZ).toFixed(2)}x | ${frames.differing} (${frames.bytesA} -> ${frames.bytesB}) |`,
    )
  }
  const g = (xs: number[]): string => geomean(xs).toFixed(3)
  console.log(
    `| geometric mean of the ratios | | | | | ${g(ratios.mean)}x | ${g(ratios.chunk)}x | | | ${g(ratios.p50)}x | | | ${g(ratios.p99)}x | ${geomean(ratios.az).toFixed(2)}x | ${geomean(ratios.bz).toFixed(2)}x | |`,
  )
}
