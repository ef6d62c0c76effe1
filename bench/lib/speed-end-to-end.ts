/**
 * Section 1 of bench/speed.ts: the hybrid as a user runs it (store from `discover`, config with a
 * zstd_dict fallback, `compressSync`/`compress`) against zstd-napi with the same dictionary and level,
 * per system, with the goal rows of issue 13 computed from the run.
 */
import { checkGoal } from './goals.ts'
import { count, geomean, renderTable, times, us } from './table.ts'
import { compareShuffled, SHUFFLED_PASSES, type Contender, type TimingSummary } from './timing.ts'
import type { UserSetup } from './user-setup.ts'

const sumBytes = (frames: readonly Uint8Array[]): number => frames.reduce((sum, f) => sum + f.length, 0)

/** Frames of every held-out line by each contender, with the round trips checked before anything is timed. */
export interface Prepared {
  setup: UserSetup
  framesL3: Uint8Array[]
  framesL19: Uint8Array[]
  zstdL3: Uint8Array[]
  zstdL19: Uint8Array[]
  /** held-out lines whose L3 frame is binary_semantic */
  templateShare: number
}

export function prepare(setup: UserSetup): Prepared {
  const { heldOut } = setup
  const framesL3 = heldOut.map((m) => setup.hybridL3.compressSync(m).bytes)
  const framesL19 = heldOut.map((m) => setup.hybridL19.compressSync(m).bytes)
  // each payload in its own buffer, like the hybrid's frames (pooled outputs made zstd's decode 3-4% faster)
  const zstdL3 = heldOut.map((m) => new Uint8Array(setup.zstdL3.encode(m) as Uint8Array))
  const zstdL19 = heldOut.map((m) => new Uint8Array(setup.zstdL19.encode(m) as Uint8Array))
  let templates = 0
  heldOut.forEach((m, i) => {
    if (Buffer.compare(setup.hybridL3.decompressSync(framesL3[i] as Uint8Array), m) !== 0)
      throw new Error(`${setup.system.name}: L3 round trip differs at held-out line ${i}`)
    if (Buffer.compare(setup.hybridL19.decompressSync(framesL19[i] as Uint8Array), m) !== 0)
      throw new Error(`${setup.system.name}: L19 round trip differs at held-out line ${i}`)
    if (setup.hybridL3.compressSync(m).method === 'binary_semantic') templates += 1
  })
  return { setup, framesL3, framesL19, zstdL3, zstdL19, templateShare: templates / heldOut.length }
}

interface EndToEndRow {
  prepared: Prepared
  encode: TimingSummary[]
  decode: TimingSummary[]
}

const ENCODE_NAMES = ['hybrid L3 sync', 'hybrid L3 async', 'zstd_dict L3', 'hybrid L19 sync', 'zstd_dict L19'] as const

async function measureEndToEnd(p: Prepared, calls: number): Promise<EndToEndRow> {
  const { setup, framesL3, framesL19, zstdL3, zstdL19 } = p
  const m = setup.heldOut
  const options = { messageCount: m.length, callsPerContender: calls }
  const encode: Contender[] = [
    { name: ENCODE_NAMES[0], run: (i) => setup.hybridL3.compressSync(m[i] as Uint8Array) },
    { name: ENCODE_NAMES[1], isAsync: true, run: (i) => setup.hybridL3.compress(m[i] as Uint8Array) },
    { name: ENCODE_NAMES[2], run: (i) => setup.zstdL3.encode(m[i] as Uint8Array) },
    { name: ENCODE_NAMES[3], run: (i) => setup.hybridL19.compressSync(m[i] as Uint8Array) },
    { name: ENCODE_NAMES[4], run: (i) => setup.zstdL19.encode(m[i] as Uint8Array) },
  ]
  const decode: Contender[] = [
    { name: ENCODE_NAMES[0], run: (i) => setup.hybridL3.decompressSync(framesL3[i] as Uint8Array) },
    { name: ENCODE_NAMES[1], isAsync: true, run: (i) => setup.hybridL3.decompress(framesL3[i] as Uint8Array) },
    { name: ENCODE_NAMES[2], run: (i) => setup.zstdL3.decode(zstdL3[i] as Uint8Array) },
    { name: ENCODE_NAMES[3], run: (i) => setup.hybridL19.decompressSync(framesL19[i] as Uint8Array) },
    { name: ENCODE_NAMES[4], run: (i) => setup.zstdL19.decode(zstdL19[i] as Uint8Array) },
  ]
  return { prepared: p, encode: await compareShuffled(encode, options), decode: await compareShuffled(decode, options) }
}

type Stat = 'meanUs' | 'p50Us' | 'p99Us'
const STATS: readonly Stat[] = ['meanUs', 'p50Us', 'p99Us']

function endToEndTable(rows: readonly EndToEndRow[], phase: 'encode' | 'decode'): string {
  const headers = ['system', ...ENCODE_NAMES.flatMap((n) => [`${n} mean µs`, `p50`, `p99`])]
  return renderTable(
    headers,
    rows.map((row) => [
      row.prepared.setup.system.name,
      ...row[phase].flatMap((s) => [us(s.meanUs), us(s.p50Us), us(s.p99Us)]),
    ]),
  )
}

/** Geometric mean over systems of contender a's stat / contender b's. */
function geoRatio(rows: readonly EndToEndRow[], phase: 'encode' | 'decode', a: number, b: number, stat: Stat): number {
  return geomean(
    rows.map(
      (row) => ((row[phase][a] as TimingSummary)[stat] as number) / ((row[phase][b] as TimingSummary)[stat] as number),
    ),
  )
}

function bytesTable(rows: readonly EndToEndRow[]): string {
  return renderTable(
    [
      'system',
      'held-out lines',
      'templates (discovered)',
      'lines sent as binary_semantic (L3)',
      'mean line B',
      'hybrid L3 B',
      'zstd_dict L3 B',
      'fewer bytes L3',
      'hybrid L19 B',
      'zstd_dict L19 B',
      'fewer bytes L19',
    ],
    rows.map(({ prepared: p }) => {
      const lines = sumBytes(p.setup.heldOut)
      return [
        p.setup.system.name,
        count(p.setup.heldOut.length),
        count(p.setup.store.templates.length),
        `${(100 * p.templateShare).toFixed(1)}%`,
        (lines / p.setup.heldOut.length).toFixed(1),
        count(sumBytes(p.framesL3)),
        count(sumBytes(p.zstdL3)),
        times(sumBytes(p.zstdL3) / sumBytes(p.framesL3)),
        count(sumBytes(p.framesL19)),
        count(sumBytes(p.zstdL19)),
        times(sumBytes(p.zstdL19) / sumBytes(p.framesL19)),
      ]
    }),
  )
}

function endToEndSummary(rows: readonly EndToEndRow[]): string {
  const lines: string[][] = []
  for (const [label, a, b] of [
    ['hybrid L3 sync / zstd_dict L3', 0, 2],
    ['hybrid L3 async / zstd_dict L3', 1, 2],
    ['hybrid L19 sync / zstd_dict L19', 3, 4],
  ] as const) {
    for (const phase of ['encode', 'decode'] as const) {
      const ratios = STATS.map((stat) => geoRatio(rows, phase, a, b, stat))
      const goal =
        a === 0
          ? checkGoal(
              `${label}, ${phase}: mean and p99 <= 1.00x (geometric mean over systems)`,
              `mean ${times(ratios[0] as number)}, p99 ${times(ratios[2] as number)}`,
              Math.max(ratios[0] as number, ratios[2] as number) <= 1,
            )
          : '(no goal)'
      lines.push([label, phase, ...ratios.map(times), goal])
    }
  }
  const bytesL3 = geomean(rows.map(({ prepared: p }) => sumBytes(p.zstdL3) / sumBytes(p.framesL3)))
  const bytesL19 = geomean(rows.map(({ prepared: p }) => sumBytes(p.zstdL19) / sumBytes(p.framesL19)))
  return [
    renderTable(
      ['time ratio (geometric mean over systems)', 'phase', 'mean', 'p50', 'p99', 'goal: mean and p99 <= 1.00x'],
      lines,
    ),
    '',
    `Bytes, geometric mean over systems of zstd_dict bytes / hybrid bytes: level 3 **${times(bytesL3)}** fewer (goal >= 1.25x: ${checkGoal('hybrid L3 sends >= 1.25x fewer bytes than zstd_dict L3', `${times(bytesL3)} fewer`, bytesL3 >= 1.25)}), level 19 ${times(bytesL19)} fewer.`,
  ].join('\n')
}

/** Section 1: the hybrid as a user runs it against zstd_dict alone. */
export async function endToEndSection(prepared: readonly Prepared[], calls: number): Promise<string> {
  const rows: EndToEndRow[] = []
  for (const p of prepared) rows.push(await measureEndToEnd(p, calls))
  return [
    '### 1. End to end: hybrid (discovered store + zstd_dict fallback) vs zstd_dict alone',
    '',
    `Per system: \`aura-bench discover\` on the first half of the log's whole lines (ordered split); config files with \`fallback: zstd_dict\`, \`zstd_dict_training_corpus\` = that half, 64 KB, level 3 or 19, every other key at its default (tagged frames, min_compression_size 30, binary_advantage_threshold 1.1), loaded with \`loadCompressor\`. zstd_dict alone = zstd-napi's codec with the same dictionary bytes and level (payload only: no tag byte). Timed on the second half of the lines: ${count(calls)} calls per contender per phase, interleaved in chunks of 256, ${SHUFFLED_PASSES} passes with the contenders in a new seeded order each. Hybrid decode is \`decompressSync\` / \`decompress\` of its own frames; zstd decode is the codec's decode of its payloads.`,
    '',
    '**Encode**, µs per line',
    '',
    endToEndTable(rows, 'encode'),
    '',
    '**Decode**, µs per line',
    '',
    endToEndTable(rows, 'decode'),
    '',
    '**Bytes**',
    '',
    bytesTable(rows),
    '',
    '**Summary (the goal rows)**',
    '',
    endToEndSummary(rows),
  ].join('\n')
}
