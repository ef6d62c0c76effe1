/**
 * The no-match path of two builds' hybrids (a check of a change, not a goal's figure): per system, its
 * L3 config (as bench/lib/user-setup.ts writes it, in the system's `--work` folder) loaded by each
 * build's `loadCompressor`, and `compressSync` timed on the next system's held-out lines that build A
 * does not send as binary_semantic (as bench/speed.ts section 3), against zstd_dict L3 alone with the
 * same dictionary, interleaved. Frames and metadata are checked equal between the builds, and B's
 * round trip, before anything is timed.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LoghubSystem } from './loghub-args.ts'
import { l3ConfigIn } from './user-setup.ts'
import { geomean } from './table.ts'
import { chunkMedianRatio, timeRotatingChunks } from './timing.ts'

/** Kept importable from here, where the no-match benches import it (it lives beside the user's other config files). */
export { l3ConfigIn }

/** What both builds' hybrids are driven through: the sync calls of the package's compressor. */
export interface SyncHybrid {
  compressSync(m: Uint8Array): { bytes: Uint8Array; method: string; metadata: unknown }
  decompressSync(f: Uint8Array): Uint8Array
}

/** Build A's zstd_dict L3 codec alone, with the config's dictionary: the no-match path's floor. */
export interface DictionaryCodec {
  encode(m: Uint8Array): unknown
}

const CALLS = 20_000
const CHUNK = 256
const WARMUP = 2000

/** One config loaded by both builds' `loadCompressor`, and build A's zstd_dict L3 with the config's dictionary. */
export async function loadBuildPair(
  buildA: string,
  buildB: string,
  configPath: string,
): Promise<{ a: SyncHybrid; b: SyncHybrid; zstd: DictionaryCodec }> {
  const load = (dir: string, module: string) => import(pathToFileURL(path.resolve(dir, module)).href)
  const [runnerA, runnerB, suiteA, codecsA] = [
    await load(buildA, 'runner/load-compressor.js'),
    await load(buildB, 'runner/load-compressor.js'),
    await load(buildA, 'suite/index.js'),
    await load(buildA, 'codecs/index.js'),
  ]
  const dictionary = await runnerA.loadDictionary(await suiteA.loadCompressorConfig(configPath))
  return {
    a: (await runnerA.loadCompressor(configPath)) as SyncHybrid,
    b: (await runnerB.loadCompressor(configPath)) as SyncHybrid,
    zstd: (await codecsA.createCodec({ name: 'zstd_dict', level: 3, dictionary })) as DictionaryCodec,
  }
}

/** Throws unless both builds give the same frame and metadata for every line, and B's frames decode to the line. */
export function checkSameFrames(
  a: SyncHybrid,
  b: SyncHybrid,
  lines: readonly Uint8Array[],
  where: { config: string; lines: string },
): void {
  for (const [i, m] of lines.entries()) {
    const [fa, fb] = [a.compressSync(m), b.compressSync(m)]
    if (Buffer.compare(fa.bytes, fb.bytes) !== 0 || JSON.stringify(fa.metadata) !== JSON.stringify(fb.metadata))
      throw new Error(`${where.config} config: the builds' frames or metadata differ at line ${i} of ${where.lines}`)
    if (Buffer.compare(b.decompressSync(fb.bytes), m) !== 0)
      throw new Error(`${where.config} config: B's round trip fails at line ${i} of ${where.lines}`)
  }
}

/** Throws unless `frame` (from `build`) decodes to `m`. */
export function checkBuildRoundTrip(build: SyncHybrid, frame: Uint8Array, m: Uint8Array, where: string): void {
  if (Buffer.compare(build.decompressSync(frame), m) !== 0) throw new Error(`${where}: round trip fails`)
}

const mean = (xs: Float64Array): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)
const p50 = (xs: Float64Array): number => Float64Array.from(xs).sort()[xs.length >> 1] ?? Number.NaN

/** Prints the section's table (markdown) for systems in order, each with the next system's lines. */
export async function printHybridNoMatch(
  a: string,
  b: string,
  work: string,
  loaded: readonly { system: LoghubSystem; heldOut: Uint8Array[] }[],
): Promise<void> {
  if (loaded.length < 2) return
  console.log('')
  console.log(
    "Hybrid no-match path: `compressSync` (fallback zstd_dict L3) on the next system's lines, vs zstd_dict L3 alone; chunk median: the median over the chunks of 256 calls of one contender's chunk mean / the other's",
  )
  console.log('')
  console.log(
    '| lines / config | lines | A mean | B mean | zstd mean | B/A mean | B/A chunk median | A/zstd chunk median | B/zstd chunk median | A/zstd mean | B/zstd mean | A/zstd p50 | B/zstd p50 |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  const ratios = {
    ba: [] as number[],
    az: [] as number[],
    bz: [] as number[],
    cba: [] as number[],
    caz: [] as number[],
    cbz: [] as number[],
  }
  for (const [k, { system }] of loaded.entries()) {
    const next = loaded[(k + 1) % loaded.length] as (typeof loaded)[number]
    const { a: hybridA, b: hybridB, zstd } = await loadBuildPair(a, b, l3ConfigIn(system, work))
    const lines = next.heldOut.filter((m) => hybridA.compressSync(m).method !== 'binary_semantic')
    if (lines.length === 0) continue
    checkSameFrames(hybridA, hybridB, lines, { config: system.name, lines: next.system.name })
    const runs = [
      (m: Uint8Array) => hybridA.compressSync(m),
      (m: Uint8Array) => hybridB.compressSync(m),
      (m: Uint8Array) => zstd.encode(m),
    ]
    for (let w = 0; w < WARMUP; w++) for (const run of runs) run(lines[w % lines.length] as Uint8Array)
    const [tA, tB, tZ] = timeRotatingChunks(runs, lines, CALLS, CHUNK) as [Float64Array, Float64Array, Float64Array]
    const [mA, mB, mZ] = [mean(tA), mean(tB), mean(tZ)]
    ratios.ba.push(mB / mA)
    ratios.az.push(mA / mZ)
    ratios.bz.push(mB / mZ)
    const [cba, caz, cbz] = [chunkMedianRatio(tA, tB), chunkMedianRatio(tZ, tA), chunkMedianRatio(tZ, tB)]
    ratios.cba.push(cba)
    ratios.caz.push(caz)
    ratios.cbz.push(cbz)
    console.log(
      `| ${next.system.name} lines, ${system.name} config | ${lines.length} | ${mA.toFixed(2)} | ${mB.toFixed(2)} | ${mZ.toFixed(2)} | ${(mB / mA).toFixed(2)}x | ${cba.toFixed(3)}x | ${caz.toFixed(3)}x | ${cbz.toFixed(3)}x | ${(mA / mZ).toFixed(2)}x | ${(mB / mZ).toFixed(2)}x | ${(p50(tA) / p50(tZ)).toFixed(2)}x | ${(p50(tB) / p50(tZ)).toFixed(2)}x |`,
    )
  }
  console.log(
    `| geometric mean of the ratios | | | | | ${geomean(ratios.ba).toFixed(2)}x | ${geomean(ratios.cba).toFixed(3)}x | ${geomean(ratios.caz).toFixed(3)}x | ${geomean(ratios.cbz).toFixed(3)}x | ${geomean(ratios.az).toFixed(2)}x | ${geomean(ratios.bz).toFixed(2)}x | | |`,
  )
}
