/**
 * Two builds' hybrids end to end, side by side in one process, timed as `npm run bench` section 1 times
 * the goal's row (a check of a change, not a goal's figure): per Loghub-format system, the L3 config a user
 * writes (fallback zstd_dict level 3, 64 KB dictionary from the first half, the store `aura-bench discover`
 * makes from it; bench/lib/user-setup.ts, kept in `--work DIR`) loaded by each build's `loadCompressor`; each
 * build compresses the held-out lines twice first (section 1's `prepare`), then `compressSync` and
 * `compress` of both builds and zstd-napi's zstd_dict L3 with the same dictionary are timed with
 * bench/lib/timing.ts `compareShuffled` (12 passes, the contenders in a new seeded order each, chunks of
 * 256, warm-up per pass), as section 1 does with its five contenders (the level-19 ones left out here).
 * Printed per system: mean and p99 of each build's `compressSync` and of zstd_dict, each build's ratio to
 * zstd_dict (the goal's quantity: <= 1.00x), and B/A; the geometric means over systems; the load.
 * Each build decodes its own frames (checked); the frames that differ between builds are counted.
 *
 *   npx tsx bench/hybrid-e2e-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--calls N] <loghub system folder | folder of them>...
 */
import {
  addZstdRatios,
  forEachSystemBuildPair,
  load,
  printEndLoad,
  x,
  type ZstdRatios,
} from './lib/build-pair-bench.ts'
import { checkBuildRoundTrip, type SyncHybrid } from './lib/hybrid-nomatch-ab.ts'
import { geomean } from './lib/table.ts'
import { compareShuffled } from './lib/timing.ts'

/** What section 1 also times: the promise API of the same compressor. */
type Hybrid = SyncHybrid & { compress(m: Uint8Array): Promise<unknown> }

async function main(): Promise<void> {
  const ratios: ZstdRatios = { am: [], bm: [], ap: [], bp: [] }
  const header = [
    '| system | A mean | B mean | zstd mean | A p99 | B p99 | zstd p99 | A/zstd mean | B/zstd mean | A/zstd p99 | B/zstd p99 | B/A mean | B/A p99 | frames differing (bytes A -> B) | load |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ]
  await forEachSystemBuildPair('hybrid-e2e-ab.ts', header, async ({ system, heldOut: m, pair, calls }) => {
    const [hybridA, hybridB] = [pair.a as Hybrid, pair.b as Hybrid]
    // section 1's prepare: every line compressed twice (frames, then the round trip's method check)
    let [differing, bytesA, bytesB] = [0, 0, 0]
    for (let pass = 0; pass < 2; pass++)
      m.forEach((line, i) => {
        const [fa, fb] = [hybridA.compressSync(line).bytes, hybridB.compressSync(line).bytes]
        if (pass > 0) return
        checkBuildRoundTrip(hybridA, fa, line, `${system.name} line ${i}: A`)
        checkBuildRoundTrip(hybridB, fb, line, `${system.name} line ${i}: B`)
        bytesA += fa.length
        bytesB += fb.length
        if (Buffer.compare(fa, fb) !== 0) differing += 1
      })
    const [ta, , tb, , tz] = await compareShuffled(
      [
        { name: 'A sync', run: (i) => hybridA.compressSync(m[i] as Uint8Array) },
        { name: 'A async', isAsync: true, run: (i) => hybridA.compress(m[i] as Uint8Array) },
        { name: 'B sync', run: (i) => hybridB.compressSync(m[i] as Uint8Array) },
        { name: 'B async', isAsync: true, run: (i) => hybridB.compress(m[i] as Uint8Array) },
        { name: 'zstd_dict L3', run: (i) => pair.zstd.encode(m[i] as Uint8Array) },
      ],
      { messageCount: m.length, callsPerContender: calls },
    )
    const [sa, sb, sz] = addZstdRatios(ratios, ta, tb, tz)
    console.log(
      `| ${system.name} | ${sa.meanUs.toFixed(2)} | ${sb.meanUs.toFixed(2)} | ${sz.meanUs.toFixed(2)} | ${sa.p99Us.toFixed(2)} | ${sb.p99Us.toFixed(2)} | ${sz.p99Us.toFixed(2)} | ${x(sa.meanUs / sz.meanUs)} | ${x(sb.meanUs / sz.meanUs)} | ${x(sa.p99Us / sz.p99Us)} | ${x(sb.p99Us / sz.p99Us)} | ${x(sb.meanUs / sa.meanUs)} | ${x(sb.p99Us / sa.p99Us)} | ${differing} (${bytesA} -> ${bytesB}) | ${load()} |`,
    )
  })
  const g = (v: number[]): string => x(geomean(v))
  console.log(
    `| geometric mean | | | | | | | ${g(ratios.am)} | ${g(ratios.bm)} | ${g(ratios.ap)} | ${g(ratios.bp)} | ${x(geomean(ratios.bm) / geomean(ratios.am))} | ${x(geomean(ratios.bp) / geomean(ratios.ap))} | | |`,
  )
  printEndLoad()
}

await main()
