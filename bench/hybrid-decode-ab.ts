/**
 * Two builds' hybrids decoding, side by side in one process, timed as `npm run bench` section 1 times the
 * decode goal's row (a check of a change, not a goal's figure): per Loghub-format system, the L3 config a
 * user writes (bench/lib/user-setup.ts, kept in `--work DIR`) loaded by each build's `loadCompressor`;
 * build A's frames of the held-out lines (checked equal to B's, and both builds' round trips checked, before
 * anything is timed), then `decompressSync` and `decompress` of both builds on the same frames and
 * zstd-napi's zstd_dict L3 decode of its own payloads with the same dictionary, timed with
 * bench/lib/timing.ts `compareShuffled` (12 passes, the contenders in a new seeded order each, chunks of 256,
 * warm-up per pass), as section 1 times its decode contenders (the level-19 ones left out here).
 * Printed per system: p50, mean and p99 of each build's `decompressSync` and of zstd_dict, each build's
 * ratio to zstd_dict (the goal's quantity: mean and p99 <= 1.00x), and B/A; the geometric means; the load.
 * Then, per system, the calls whose message is the first view on a new buffer (the call that took a new
 * output slab: its `.buffer` differs from the call before's), counted and timed per build from a second
 * interleaved run (A and B in turns of 256 calls on the same frames, each call timed alone).
 *
 *   npx tsx bench/hybrid-decode-ab.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--calls N] <loghub system folder | folder of them>...
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

/** What section 1 also times: the promise API of the same compressor, and zstd's decode. */
type Hybrid = SyncHybrid & { decompress(f: Uint8Array): Promise<Uint8Array> }
type Zstd = { encode(m: Uint8Array): unknown; decode(p: Uint8Array): unknown }

async function main(): Promise<void> {
  const r: ZstdRatios & { p50: number[] } = { am: [], bm: [], ap: [], bp: [], p50: [] }
  const header = [
    '| system | A p50 | B p50 | zstd p50 | A mean | B mean | zstd mean | A p99 | B p99 | zstd p99 | A/zstd mean | B/zstd mean | A/zstd p99 | B/zstd p99 | B/A p50 | B/A mean | B/A p99 | load |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  await forEachSystemBuildPair('hybrid-decode-ab.ts', header, async ({ system, heldOut: m, pair, calls }) => {
    const [hybridA, hybridB, zstd] = [pair.a as Hybrid, pair.b as Hybrid, pair.zstd as Zstd]
    // section 1's prepare: frames (both builds must make the same ones), every frame decoded by both
    const frames = m.map((line, i) => {
      const [fa, fb] = [hybridA.compressSync(line).bytes, hybridB.compressSync(line).bytes]
      if (Buffer.compare(fa, fb) !== 0) throw new Error(`${system.name} line ${i}: the builds' frames differ`)
      checkBuildRoundTrip(hybridA, fa, line, `${system.name} line ${i}: A`)
      checkBuildRoundTrip(hybridB, fa, line, `${system.name} line ${i}: B`)
      hybridA.compressSync(line)
      hybridB.compressSync(line)
      return fa
    })
    const payloads = m.map((line) => new Uint8Array(zstd.encode(line) as Uint8Array))
    const [ta, , tb, , tz] = await compareShuffled(
      [
        { name: 'A sync', run: (i) => hybridA.decompressSync(frames[i] as Uint8Array) },
        { name: 'A async', isAsync: true, run: (i) => hybridA.decompress(frames[i] as Uint8Array) },
        { name: 'B sync', run: (i) => hybridB.decompressSync(frames[i] as Uint8Array) },
        { name: 'B async', isAsync: true, run: (i) => hybridB.decompress(frames[i] as Uint8Array) },
        { name: 'zstd_dict L3', run: (i) => zstd.decode(payloads[i] as Uint8Array) },
      ],
      { messageCount: m.length, callsPerContender: calls },
    )
    const [sa, sb, sz] = addZstdRatios(r, ta, tb, tz)
    r.p50.push(sb.p50Us / sa.p50Us)
    slabRows.push(`| ${system.name} | ${newBufferCalls(hybridA, hybridB, frames)} | ${load()} |`)
    const f = (v: number): string => v.toFixed(2)
    console.log(
      `| ${system.name} | ${f(sa.p50Us)} | ${f(sb.p50Us)} | ${f(sz.p50Us)} | ${f(sa.meanUs)} | ${f(sb.meanUs)} | ${f(sz.meanUs)} | ${f(sa.p99Us)} | ${f(sb.p99Us)} | ${f(sz.p99Us)} | ${x(sa.meanUs / sz.meanUs)} | ${x(sb.meanUs / sz.meanUs)} | ${x(sa.p99Us / sz.p99Us)} | ${x(sb.p99Us / sz.p99Us)} | ${x(sb.p50Us / sa.p50Us)} | ${x(sb.meanUs / sa.meanUs)} | ${x(sb.p99Us / sa.p99Us)} | ${load()} |`,
    )
  })
  const g = (v: number[]): string => x(geomean(v))
  console.log(
    `| geometric mean | | | | | | | | | | ${g(r.am)} | ${g(r.bm)} | ${g(r.ap)} | ${g(r.bp)} | ${g(r.p50)} | ${x(geomean(r.bm) / geomean(r.am))} | ${x(geomean(r.bp) / geomean(r.ap))} | |`,
  )
  console.log('')
  console.log(
    'Template frames whose message took a new buffer (the first view on it), per build, of 20,000 calls each, interleaved:',
  )
  console.log('')
  console.log(
    '| system | A: calls, median µs, p90 | B: calls, median µs, p90 | A other calls: median, p99 | B other calls: median, p99 | load |',
  )
  console.log('|---|---|---|---|---|---:|')
  for (const row of slabRows) console.log(row)
  printEndLoad()
}

const slabRows: string[] = []

/** A binary_semantic frame's tag: 0x80-0xBF (two-byte header) or 0xF9 (varint id). */
const isTemplateFrame = (frame: Uint8Array): boolean => ((frame[0] as number) & 0xc0) === 0x80 || frame[0] === 0xf9

/** Per build: the calls whose output is the first on its buffer, and the others, timed A, B in turns of 256. */
function newBufferCalls(a: SyncHybrid, b: SyncHybrid, frames: readonly Uint8Array[]): string {
  const builds = [a, b].map((hybrid) => ({
    hybrid,
    last: undefined as ArrayBufferLike | undefined,
    fresh: [] as number[],
    other: [] as number[],
  }))
  for (let start = 0; start < 20_000; start += 256)
    for (const build of builds)
      for (let call = start; call < start + 256; call++) {
        const frame = frames[call % frames.length] as Uint8Array
        const t0 = process.hrtime.bigint()
        const out = build.hybrid.decompressSync(frame)
        const us = Number(process.hrtime.bigint() - t0) / 1000
        // template frames only (a fallback's or an uncompressed frame's message has a buffer of its own)
        if (!isTemplateFrame(frame)) continue
        ;(out.buffer !== build.last && out.byteOffset === 0 ? build.fresh : build.other).push(us)
        build.last = out.buffer
      }
  const q = (xs: number[], p: number): string => {
    const s = [...xs].sort((u, v) => u - v)
    return (s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0).toFixed(2)
  }
  const [ba, bb] = builds as [(typeof builds)[0], (typeof builds)[0]]
  return `${ba.fresh.length}, ${q(ba.fresh, 0.5)}, ${q(ba.fresh, 0.9)} | ${bb.fresh.length}, ${q(bb.fresh, 0.5)}, ${q(bb.fresh, 0.9)} | ${q(ba.other, 0.5)}, ${q(ba.other, 0.99)} | ${q(bb.other, 0.5)}, ${q(bb.other, 0.99)}`
}

await main()
