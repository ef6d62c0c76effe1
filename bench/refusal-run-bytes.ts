/**
 * Bytes two builds' learning hybrids send on a system's own held-out lines, alone and mixed with another
 * system's (a check of a change that can move frames, not a goal's figure; round s34-nomatch's note of refused
 * runs, src/hybrid/refusal-run.ts): per Loghub-format system, the L3 config a user writes (bench/lib/user-setup.ts,
 * kept in `--work DIR`) loaded by each build's `loadCompressor`, one fresh compressor per build and stream, every
 * line through `compressSync` in order. Streams: `mix 0`, the system's held-out half alone; `mix N`, each of its
 * held-out lines after N held-out lines of the next system (the store's lines one in N + 1: the stream where a
 * note of refused runs costs most); `mix rN`, each after 0 to 2N of them, drawn evenly from a seeded generator
 * (a fixed N lines up with the note's one-in-SCREEN_EVERY schedule; a drawn one does not); `mix next`, the next
 * system's held-out lines alone (the no-match row's stream). Printed per system and mix: lines, the system's own
 * lines each build sends as binary_semantic, frames that differ, each build's bytes and B/A, and B's lines its
 * note kept from the screen (its build's RefusalRun.skips, counted); B's frames are checked to decode.
 *
 *   npx tsx bench/refusal-run-bytes.ts --a BUILD_DIR --b BUILD_DIR --work DIR [--mix 0,10,r100,next] <loghub system folder | folder of them>...
 */
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildPairArgs } from './lib/build-pair-bench.ts'
import { checkBuildRoundTrip, l3ConfigIn, loadBuildPair } from './lib/hybrid-nomatch-ab.ts'
import { createRandom } from '../src/core/index.ts'
import { loghubSystemsFrom } from './lib/loghub-args.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

/**
 * A stream: `N`, each own line after N of the next system's; `rN`, after a number of them drawn evenly from
 * 0 to 2N (mean N, seeded: both builds and every run see the same stream; a fixed N lines up with the note's
 * one-in-SCREEN_EVERY schedule, a drawn one does not); `next`, the next system's held-out lines alone (the
 * no-match row's stream, bench/speed.ts section 3).
 */
type Mix = { kind: 'every' | 'random'; n: number } | { kind: 'next' }
function parseMix(text: string): Mix | null {
  if (text === 'next') return { kind: 'next' }
  const random = text.startsWith('r')
  const n = Number(random ? text.slice(1) : text)
  if (!Number.isInteger(n) || n < (random ? 1 : 0)) return null
  return { kind: random ? 'random' : 'every', n }
}
const argv = process.argv.slice(2)
const mixAt = argv.indexOf('--mix')
const mixes = (mixAt === -1 ? '0,10,50,100' : (argv[mixAt + 1] ?? '')).split(',').map(parseMix)
if (mixes.some((mix) => mix === null)) {
  console.error(
    'bench/refusal-run-bytes.ts: --mix takes whole numbers from 0 up, rN (N from 1 up) or `next`, separated by commas (e.g. 0,10,r100,next)',
  )
  process.exit(2)
}
const rest = mixAt === -1 ? argv : [...argv.slice(0, mixAt), ...argv.slice(mixAt + 2)]
const { a, b, work, paths } = buildPairArgs(rest, 'refusal-run-bytes.ts')
const systems = loghubSystemsFrom(paths)
// B's lines the note kept from the screen: its build's RefusalRun.skips counted (the same module its compressor
// imports); a build without the note (main before round s34-nomatch) prints "-"
const notePath = path.resolve(b, 'hybrid/refusal-run.js')
const note = existsSync(notePath) ? await import(pathToFileURL(notePath).href) : null
let skippedB = 0
if (note !== null) {
  const skips = note.RefusalRun.prototype.skips as () => boolean
  note.RefusalRun.prototype.skips = function counted(this: unknown): boolean {
    const skipped = skips.call(this)
    if (skipped) skippedB++
    return skipped
  }
}
const notSkipped = (skipped: number, lines: number): string =>
  note === null ? '-' : `${skipped} (${((100 * skipped) / Math.max(1, lines)).toFixed(1)}%)`
const loaded = []
for (const system of systems) loaded.push({ system, ...(await cachedDiscoveredStore(system, work)) })

console.log(`- load average (1 min) at start: ${os.loadavg()[0]?.toFixed(2)}; A = ${a}, B = ${b}`)
if (note !== null) console.log(`- B's note: REFUSED_RUN ${note.REFUSED_RUN}, SCREEN_EVERY ${note.SCREEN_EVERY}`)
for (const mix of mixes as Mix[]) {
  console.log('')
  console.log(
    mix.kind === 'next'
      ? "#### the next system's held-out lines alone"
      : mix.n === 0
        ? '#### own held-out lines alone'
        : mix.kind === 'every'
          ? `#### one own line after every ${mix.n} of the next system's`
          : `#### one own line after 0 to ${2 * mix.n} of the next system's (drawn evenly, seeded; mean ${mix.n})`,
  )
  console.log('')
  console.log(
    '| system | lines | own lines | A binary_semantic | B binary_semantic | frames differing | A bytes | B bytes | B/A | B lines not screened |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  let [totalA, totalB, totalLines, totalSkipped] = [0, 0, 0, 0]
  for (const [k, { system, heldOut }] of loaded.entries()) {
    const other = (loaded[(k + 1) % loaded.length] as (typeof loaded)[number]).heldOut
    const lines: { m: Uint8Array; own: boolean }[] = []
    let o = 0
    // the project's seeded generator (mulberry32): the same gaps on every run
    const draw = createRandom(k + 1)
    if (mix.kind === 'next') for (const m of other) lines.push({ m, own: false })
    else
      for (const m of heldOut) {
        const gap = mix.kind === 'every' ? mix.n : Math.floor(draw() * (2 * mix.n + 1))
        for (let j = 0; j < gap && other.length > 0; j++)
          lines.push({ m: other[o++ % other.length] as Uint8Array, own: false })
        lines.push({ m, own: true })
      }
    const { a: hybridA, b: hybridB } = await loadBuildPair(a, b, l3ConfigIn(system, work))
    let [bytesA, bytesB, differ, templatedA, templatedB] = [0, 0, 0, 0, 0]
    skippedB = 0
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
    totalLines += lines.length
    totalSkipped += skippedB
    console.log(
      `| ${system.name} | ${lines.length} | ${lines.filter((line) => line.own).length} | ${templatedA} | ${templatedB} | ${differ} | ${bytesA} | ${bytesB} | ${(bytesB / bytesA).toFixed(4)}x | ${notSkipped(skippedB, lines.length)} |`,
    )
  }
  console.log(
    `| all | ${totalLines} | | | | | ${totalA} | ${totalB} | ${(totalB / totalA).toFixed(4)}x | ${notSkipped(totalSkipped, totalLines)} |`,
  )
}
console.log('')
console.log(`- load average (1 min) at the end: ${os.loadavg()[0]?.toFixed(2)}`)
