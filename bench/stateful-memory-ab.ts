/**
 * compare's memory probe, repeated (s41-state): the RSS growth per connection of the stateful config and of
 * permessage-deflate L6, each reading in a child process of its own exactly as `compare` takes it
 * (`probeInChildProcess` of a built dist: one connection opened and closed, 100 held open, each sent a window's
 * worth of held-out messages, a reading after two full collections before and after), `--runs` times, the
 * builds alternating (`--base DIST`: a second build, e.g. the start of a stop's, in the opposite order every
 * other run). Printed: every reading, then per build and entry the median, min and max; the load.
 * A single compare reads one sample of this spread: the readings vary by tens of KiB per connection from run to
 * run (docs/rounds/s41-state.md: holes left in the C allocator, and V8's worker threads' allocator arenas).
 *
 *   npx tsx bench/stateful-memory-ab.ts <messages.jsonl | System_2k.log> [--dist dist] [--base OTHER_DIST] [--runs 8] [--config FILE]
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadHeldOutWithDictionary, loadText, PMD_L6, readBenchArgs } from './stateful-args.ts'
import { statefulOptionsFromConfig } from '../src/stateful/index.ts'
import { loadCompressorConfig } from '../src/suite/config-file.ts'
import type { ProbeCodecSpec, ProbeGrowth, ProbeRequest } from '../src/compare/memory-probe-child.ts'

const { args, corpora, option } = readBenchArgs(
  'tsx bench/stateful-memory-ab.ts <corpus> [--dist dist] [--base OTHER_DIST] [--runs 8] [--config FILE]',
)
const runs = Number(option('runs', '8'))
const builds = [option('dist', 'dist'), ...(args.includes('--base') ? [option('base', '')] : [])].map((d) => resolve(d))
type Probe = (request: ProbeRequest, label: string) => Promise<ProbeGrowth>
const probes: Probe[] = await Promise.all(
  builds.map(
    async (dist) =>
      (await import(pathToFileURL(resolve(dist, 'compare/memory-probe-child.js')).href)).probeInChildProcess as Probe,
  ),
)
const config = await loadCompressorConfig(option('config', 'configs/stateful/stateful.yaml'))
const { heldOut, dictionary } = await loadHeldOutWithDictionary(corpora[0] as string, config.zstdDictSizeBytes)
const options = statefulOptionsFromConfig(config, dictionary)
if (options.codec !== 'cm') throw new Error('this bench probes the cm codec: the config names another')
/** compare's warm-up: held-out messages end to end, cut at the window (connection-memory.ts takeBytes) */
function takeBytes(size: number): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0, at = 0; at < size; i++) {
    const part = (heldOut[i % heldOut.length] as { bytes: Uint8Array }).bytes.subarray(0, size - at)
    out.set(part, at)
    at += part.length
  }
  return out
}
const entries: { name: string; codec: ProbeCodecSpec; windowBytes: number }[] = [
  { name: config.name, codec: { kind: 'hybrid', options }, windowBytes: 2 ** Math.min(20, options.windowLog) },
  { name: 'pmd L6', codec: { kind: 'permessage_deflate', ...PMD_L6 }, windowBytes: 2 ** PMD_L6.windowBits },
]
process.stdout.write(
  `${new Date().toISOString()}: compare's memory probe, ${runs} runs; builds ${builds.join(', ')}; load ${loadText()} (shared machine)\n`,
)
const readings = new Map<string, number[]>()
for (let run = 0; run < runs; run++) {
  const order = run % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => builds.length - 1 - i)
  for (const b of order)
    for (const entry of entries) {
      const request = { codec: entry.codec, warm: takeBytes(entry.windowBytes), connections: 100 }
      const growth = await (probes[b] as Probe)(request, entry.name)
      const key = `${builds[b]} ${entry.name}`
      readings.set(key, [...(readings.get(key) ?? []), growth.rssBytes / 1024])
      process.stdout.write(
        `${key}: RSS ${(growth.rssBytes / 1024).toFixed(1)} KiB, retained by JS ${(growth.retainedBytes / 1024).toFixed(1)} KiB per connection\n`,
      )
    }
}
for (const [key, values] of readings) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length / 2
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
  process.stdout.write(
    `${key}: ${values.length} readings, median ${(median ?? 0).toFixed(1)}, min ${(sorted[0] ?? 0).toFixed(1)}, max ${(sorted.at(-1) ?? 0).toFixed(1)} KiB per connection\n`,
  )
}
process.stdout.write(`${new Date().toISOString()}: load ${loadText()}\n`)
