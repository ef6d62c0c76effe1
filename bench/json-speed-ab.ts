/**
 * Two builds' hybrids on JSON messages, side by side in one process (round s38-jspeed, trial D1 of
 * stop 38; a check of a change, not a goal's figure): per JSONL corpus, the user's setup of
 * bench/speed-json.ts (store from `aura-bench discover` on the first half, config with `fallback:
 * zstd_dict`, 64 KB dictionary of that half, level 3; bench/lib/json-setup.ts) loaded by each build's
 * `loadCompressor`, or with `--config FILE --format txt|jsonl` a config a user already has and the
 * messages of the corpus named (all of them). Each build compresses the messages in order once (its
 * learning included; its frames decoded back and checked), then `compressSync` of both builds and
 * zstd-napi's zstd_dict L3 with the same dictionary are timed with `compareShuffled` (12 passes, the
 * contenders in a new seeded order each, chunks of 256). Printed: mean / p50 / p99 of each, B/A, each
 * build's ratio of original to sent bytes, and the frames that differ; the load at start and end.
 *
 *   npx tsx bench/json-speed-ab.ts --a BUILD_DIR --b BUILD_DIR [--calls N] <messages.jsonl>...
 *   npx tsx bench/json-speed-ab.ts --a BUILD_DIR --b BUILD_DIR --config FILE [--format txt|jsonl] [--calls N] <corpus>
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadCorpus } from '../src/corpus/index.ts'
import { load, x } from './lib/build-pair-bench.ts'
import { loadBuildPair, type SyncHybrid } from './lib/hybrid-nomatch-ab.ts'
import { jsonCorpusName, setUpJsonAsUser } from './lib/json-setup.ts'
import { us } from './lib/table.ts'
import { compareShuffled } from './lib/timing.ts'

const { values, positionals } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    calls: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string' },
  },
  allowPositionals: true,
})
const calls = Number(values.calls ?? 20_000)
const badConfigArgs =
  (values.config !== undefined && positionals.length !== 1) ||
  (values.format !== undefined && (values.config === undefined || !['txt', 'jsonl'].includes(values.format)))
if (values.a === undefined || values.b === undefined || positionals.length === 0 || !(calls > 0) || badConfigArgs) {
  console.error(
    'usage: npx tsx bench/json-speed-ab.ts --a BUILD_DIR --b BUILD_DIR [--calls N] [--config FILE [--format txt|jsonl] <one corpus>] <messages.jsonl>...',
  )
  process.exit(2)
}
const [buildA, buildB] = [values.a, values.b]
const sum = (frames: readonly Uint8Array[]): number => frames.reduce((n, f) => n + f.length, 0)

type Result = { bytes: Uint8Array; method: string }

/** Frames of every message in order (the compressor's learning included), each decoded back and checked. */
function framesOf(hybrid: SyncHybrid, messages: readonly Uint8Array[], where: string): Result[] {
  return messages.map((m, i) => {
    const r = hybrid.compressSync(m) as Result
    if (Buffer.compare(hybrid.decompressSync(r.bytes) as Uint8Array, m) !== 0)
      throw new Error(`${where}: round trip differs at message ${i}`)
    return r
  })
}

async function row(name: string, configPath: string, messages: Uint8Array[]): Promise<void> {
  const pair = await loadBuildPair(buildA, buildB, configPath)
  const fa = framesOf(pair.a, messages, `${name} A`)
  const fb = framesOf(pair.b, messages, `${name} B`)
  const differing = fa.filter((f, i) => Buffer.compare(f.bytes, (fb[i] as Result).bytes) !== 0).length
  const original = sum(messages)
  const [a, b, z] = await compareShuffled(
    [
      { name: 'A', run: (i) => pair.a.compressSync(messages[i] as Uint8Array) },
      { name: 'B', run: (i) => pair.b.compressSync(messages[i] as Uint8Array) },
      { name: 'zstd', run: (i) => pair.zstd.encode(messages[i] as Uint8Array) },
    ],
    { messageCount: messages.length, callsPerContender: calls },
  )
  if (a === undefined || b === undefined || z === undefined) throw new Error('not timed')
  const residueA = fa.filter((f) => f.method === 'json_residue').length
  const residueB = fb.filter((f) => f.method === 'json_residue').length
  console.log(
    `| ${name} | ${messages.length} | ${us(a.meanUs)} / ${us(a.p50Us)} / ${us(a.p99Us)} | ${us(b.meanUs)} / ${us(b.p50Us)} / ${us(b.p99Us)} | ${us(z.meanUs)} / ${us(z.p50Us)} / ${us(z.p99Us)} | ${x(b.meanUs / a.meanUs)} / ${x(b.p50Us / a.p50Us)} / ${x(b.p99Us / a.p99Us)} | ${x(a.meanUs / z.meanUs)} / ${x(b.meanUs / z.meanUs)} | ${x(original / sum(fa.map((f) => f.bytes)))} / ${x(original / sum(fb.map((f) => f.bytes)))} (${sum(fa.map((f) => f.bytes))} / ${sum(fb.map((f) => f.bytes))} B) | ${residueA} / ${residueB} | ${differing} | ${load()} |`,
  )
}

console.log(`- load average (1 min) at start: ${load()}; A = ${buildA}, B = ${buildB}; ${calls} calls per contender`)
console.log('')
console.log(
  '| corpus | messages | A mean / p50 / p99 µs | B mean / p50 / p99 µs | zstd_dict mean / p50 / p99 µs | B/A mean / p50 / p99 | A/zstd, B/zstd mean | ratio A / B (bytes sent) | json_residue frames A / B | frames differing | load |',
)
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
if (values.config !== undefined) {
  const format = values.format === 'txt' ? 'txt' : 'jsonl'
  const file = positionals[0] as string
  const messages = (await loadCorpus({ path: file, format })).map((m) => m.bytes)
  await row(path.basename(file), path.resolve(values.config), messages)
} else {
  const work = mkdtempSync(path.join(os.tmpdir(), 'aura-json-ab-'))
  try {
    for (const file of positionals) {
      const setup = await setUpJsonAsUser(file, work)
      await row(jsonCorpusName(file), setup.configPath, setup.heldOut)
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
console.log('')
console.log(`- load average (1 min) at the end: ${load()}`)
