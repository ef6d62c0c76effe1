/**
 * The hybrid end to end on JSON messages, as a user meets it (round s38-jspeed, trial D1 of stop 38:
 * section 1 of bench/speed.ts measures only Loghub lines). Per JSONL corpus named on the command line
 * (`text` field): `aura-bench discover` on the first half of the messages, the config a user writes
 * (`fallback: zstd_dict`, 64 KB dictionary from that half, level 3, every other key at its default;
 * bench/lib/json-setup.ts), loaded with `loadCompressor`; `compressSync` (the learning compressor, as an
 * application holds it) timed against zstd-napi's zstd_dict L3 with the same dictionary on the second
 * half, interleaved (bench/lib/timing.ts `compareShuffled`). No goal: issue 13's goals are over Loghub
 * systems; these rows say what JSON costs.
 *
 *   npx tsx bench/speed-json.ts [--quick] [--calls N] <messages.jsonl>...
 *   npm run bench -- --json <messages.jsonl> [--json ...] <loghub folders>...   (the same section)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type JsonSetup, setUpJsonAsUser } from './lib/json-setup.ts'
import { describeMachine } from './lib/machine.ts'
import { positionalArgs } from './lib/loghub-args.ts'
import { count, geomean, renderTable, times, us } from './lib/table.ts'
import { compareShuffled, SHUFFLED_PASSES } from './lib/timing.ts'
import { callsFrom } from './speed.ts'

const sumBytes = (frames: readonly Uint8Array[]): number => frames.reduce((sum, f) => sum + f.length, 0)

interface JsonRow {
  cells: string[]
  meanRatio: number
  p50Ratio: number
  p99Ratio: number
}

/** Methods of the frames `compressSync` sends, most used first: `binary_semantic 1,200, json_residue 300`. */
function methodTally(methods: readonly string[]): string {
  const tally = new Map<string, number>()
  for (const m of methods) tally.set(m, (tally.get(m) ?? 0) + 1)
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${count(n)}`)
    .join(', ')
}

async function measure(setup: JsonSetup, calls: number): Promise<JsonRow> {
  const m = setup.heldOut
  // the frames a user's compressor sends in order (its learning included), each decoded back
  const results = m.map((x) => setup.hybrid.compressSync(x))
  results.forEach((r, i) => {
    if (Buffer.compare(setup.hybrid.decompressSync(r.bytes), m[i] as Uint8Array) !== 0)
      throw new Error(`${setup.file}: hybrid round trip differs at held-out message ${i}`)
  })
  const zstd = m.map((x) => setup.zstd.encode(x) as Uint8Array)
  const [h, z] = await compareShuffled(
    [
      { name: 'hybrid', run: (i) => setup.hybrid.compressSync(m[i] as Uint8Array) },
      { name: 'zstd', run: (i) => setup.zstd.encode(m[i] as Uint8Array) },
    ],
    { messageCount: m.length, callsPerContender: calls },
  )
  if (h === undefined || z === undefined) throw new Error('not timed')
  const hybridBytes = sumBytes(results.map((r) => r.bytes))
  return {
    cells: [
      setup.name,
      `${count(m.length)} (mean ${(sumBytes(m) / m.length).toFixed(0)} B)`,
      count(setup.store.templates.length),
      setup.store.jsonResidue === undefined ? 'no' : 'yes',
      `${us(h.meanUs)} / ${us(h.p50Us)} / ${us(h.p99Us)}`,
      `${us(z.meanUs)} / ${us(z.p50Us)} / ${us(z.p99Us)}`,
      `${times(h.meanUs / z.meanUs)} / ${times(h.p50Us / z.p50Us)} / ${times(h.p99Us / z.p99Us)}`,
      `${times(sumBytes(m) / hybridBytes)} / ${times(sumBytes(m) / sumBytes(zstd))}`,
      methodTally(results.map((r) => r.method)),
    ],
    meanRatio: h.meanUs / z.meanUs,
    p50Ratio: h.p50Us / z.p50Us,
    p99Ratio: h.p99Us / z.p99Us,
  }
}

/** The section: one row per JSONL corpus (see the file comment); Markdown. */
export async function jsonEndToEndSection(files: readonly string[], calls: number): Promise<string> {
  if (files.length === 0)
    return '### 5. JSON messages end to end (extra rows, no goal)\n\nSkipped: no `--json <messages.jsonl>` given.'
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'aura-speed-json-'))
  try {
    const rows: JsonRow[] = []
    for (const file of files) rows.push(await measure(await setUpJsonAsUser(file, workDir), calls))
    const g = (f: (r: JsonRow) => number): string => times(geomean(rows.map(f)))
    return [
      '### 5. JSON messages end to end: hybrid L3 (sync) vs zstd_dict L3 alone (extra rows, no goal)',
      '',
      `Per JSONL corpus: \`aura-bench discover --format jsonl\` on the first half of the messages (ordered split); the config a user writes (\`fallback: zstd_dict\`, \`zstd_dict_training_corpus\` = that half, 64 KB, level 3, every other key at its default), loaded with \`loadCompressor\`; \`compressSync\` against zstd-napi's zstd_dict L3 with the same dictionary bytes (payload only), on the second half: ${count(calls)} calls per contender, interleaved in chunks of 256, ${SHUFFLED_PASSES} passes in a new seeded order each. Issue 13's goal rows above are over Loghub systems only; these rows are what a JSON user pays. Ratio = original bytes / sent bytes of the frames the compressor sends in order (its learning included).`,
      '',
      renderTable(
        [
          'corpus',
          'held-out messages',
          'templates',
          'jsonResidue model',
          'hybrid encode mean / p50 / p99 µs',
          'zstd_dict encode mean / p50 / p99 µs',
          'hybrid / zstd_dict mean / p50 / p99',
          'ratio hybrid / zstd_dict',
          'frames sent',
        ],
        rows.map((r) => r.cells),
      ),
      '',
      `Geometric mean over the ${rows.length} JSON corpora of hybrid / zstd_dict encode time: mean **${g((r) => r.meanRatio)}**, p50 **${g((r) => r.p50Ratio)}**, p99 **${g((r) => r.p99Ratio)}** (no goal; the Loghub rows' goal is <= 1.00x).`,
    ].join('\n')
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2)
  const files = positionalArgs(argv, ['--calls'])
  if (files.length === 0) {
    console.error('usage: npx tsx bench/speed-json.ts [--quick] [--calls N] <messages.jsonl>...')
    process.exit(2)
  }
  console.log(describeMachine())
  console.log('')
  console.log(await jsonEndToEndSection(files, callsFrom(argv)))
  console.log('')
  console.log(`- load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
}
