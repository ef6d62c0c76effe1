/**
 * Bytes two builds' learning hybrids send on a system's own held-out lines, alone and mixed with another
 * system's (a check of a change that can move frames, not a goal's figure; round s34-nomatch's note of refused
 * runs, src/hybrid/refusal-run.ts): per Loghub-format system, the L3 config a user writes (bench/lib/user-setup.ts,
 * kept in `--work DIR`) loaded by each build's `loadCompressor`, one fresh compressor per build and stream, every
 * line through `compressSync` in order. Streams: `mix 0`, the system's held-out half alone; `mix N`, each of its
 * held-out lines after N held-out lines of the next system (the store's lines one in N + 1: the stream where a
 * note of refused runs costs most). Printed per system and mix: lines, the system's own lines each build sends
 * as binary_semantic, frames that differ, each build's bytes and B/A; B's frames are checked to decode.
 *
 *   npx tsx bench/refusal-run-bytes.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--mix 0,10,50,100] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { buildPairArgs } from './lib/build-pair-bench.ts'
import { checkBuildRoundTrip, l3ConfigIn, loadBuildPair } from './lib/hybrid-nomatch-ab.ts'
import { loghubSystemsFrom } from './lib/loghub-args.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const argv = process.argv.slice(2)
const mixAt = argv.indexOf('--mix')
const mixes = (mixAt === -1 ? '0,10,50,100' : (argv[mixAt + 1] ?? '')).split(',').map(Number)
if (mixes.some((n) => !Number.isInteger(n) || n < 0)) {
  console.error('bench/refusal-run-bytes.ts: --mix takes whole numbers from 0 up, separated by commas (e.g. 0,10,100)')
  process.exit(2)
}
const rest = mixAt === -1 ? argv : [...argv.slice(0, mixAt), ...argv.slice(mixAt + 2)]
const { a, b, work, paths } = buildPairArgs(rest, 'refusal-run-bytes.ts')
const systems = loghubSystemsFrom(paths)
const loaded = []
for (const system of systems) loaded.push({ system, ...(await cachedDiscoveredStore(system, work)) })

console.log(`- load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2)}; A = ${a}, B = ${b}`)
for (const mix of mixes) {
  console.log('')
  console.log(mix === 0 ? '#### own held-out lines alone' : `#### one own line after every ${mix} of the next system's`)
  console.log('')
  console.log(
    '| system | lines | own lines | A binary_semantic | B binary_semantic | frames differing | A bytes | B bytes | B/A |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
  let [totalA, totalB] = [0, 0]
  for (const [k, { system, heldOut }] of loaded.entries()) {
    const other = (loaded[(k + 1) % loaded.length] as (typeof loaded)[number]).heldOut
    const lines: { m: Uint8Array; own: boolean }[] = []
    let o = 0
    for (const m of heldOut) {
      for (let j = 0; j < mix && other.length > 0; j++)
        lines.push({ m: other[o++ % other.length] as Uint8Array, own: false })
      lines.push({ m, own: true })
    }
    const { a: hybridA, b: hybridB } = await loadBuildPair(a, b, l3ConfigIn(system, work))
    let [bytesA, bytesB, differ, templatedA, templatedB] = [0, 0, 0, 0, 0]
    for (const [i, { m, own }] of lines.entries()) {
      const [x, y] = [hybridA.compressSync(m), hybridB.compressSync(m)]
      checkBuildRoundTrip(hybridB, y.bytes, m, `${system.name} config, line ${i}`)
      bytesA += x.bytes.length
      bytesB += y.bytes.length
      if (Buffer.compare(x.bytes, y.bytes) !== 0) differ++
      if (own && x.method === 'binary_semantic') templatedA++
      if (own && y.method === 'binary_semantic') templatedB++
    }
    totalA += bytesA
    totalB += bytesB
    console.log(
      `| ${system.name} | ${lines.length} | ${heldOut.length} | ${templatedA} | ${templatedB} | ${differ} | ${bytesA} | ${bytesB} | ${(bytesB / bytesA).toFixed(4)}x |`,
    )
  }
  console.log(`| all | | | | | | ${totalA} | ${totalB} | ${(totalB / totalA).toFixed(4)}x |`)
}
console.log('')
console.log(`- load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2)}`)
