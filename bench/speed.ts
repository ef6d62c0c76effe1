/**
 * Compressor speed as a user meets it, side by side in one process on the same held-out lines:
 * per Loghub-format system named on the command line, a store discovered by `aura-bench discover`
 * from the first half of the lines (whole lines), config files as a user writes them (fallback
 * zstd_dict, 64 KB dictionary from that half, level 3 and 19), loaded with `loadCompressor`, and
 * timed through `compressSync`/`decompressSync` and the async `compress`/`decompress` against
 * zstd-napi with the same dictionary at the same level (bench/lib/user-setup.ts).
 *
 *   npx tsx bench/speed.ts [--quick] [--calls N] <loghub system folder | folder of them>...
 *
 * Sections: 1 end to end (the goals' rows), 2 the template path alone, 3 lines no template
 * matches, 4 (labelled, not a goal's figure) the old ground-truth Content-only template path.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeTemplateFrame } from '../src/codecs/index.ts'
import {
  createMatcher,
  createTemplateFrameEncoder,
  decodeBinarySemantic,
  type TemplateStore,
} from '../src/templates/index.ts'
import { parseFrame } from '../src/codecs/index.ts'
import { createPatternStore, readContentCsv, readTemplatesCsv, toByteMessages } from './lib/fixtures.ts'
import { loghubSystemsFrom, positionalArgs, type LoghubSystem } from './lib/loghub-args.ts'
import { describeMachine } from './lib/machine.ts'
import { checkGoal } from './lib/goals.ts'
import { count, renderTable, times, us } from './lib/table.ts'
import { compareShuffled, SHUFFLED_PASSES, type Contender, type TimingSummary } from './lib/timing.ts'
import { setUpAsUser, type UserSetup } from './lib/user-setup.ts'

/** The columns of the template-path tables (section 2, and the favourable variant of section 4). */
const TEMPLATE_PATH_COLUMNS = [
  'system',
  'set',
  'lines',
  'encode p50 µs',
  'encode p99 µs',
  'encode mean µs',
  'decode p50 µs',
  'decode p99 µs',
  'decode mean µs',
]

/** Options of the speed benchmark. */
export interface SpeedOptions {
  /** timed calls per contender and phase; default 20,000 (`--quick`: 4,000) */
  calls: number
}

const geomean = (values: readonly number[]): number =>
  Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / Math.max(1, values.length))
const sumBytes = (frames: readonly Uint8Array[]): number => frames.reduce((sum, f) => sum + f.length, 0)

/** Frames of every held-out line by each contender, with the round trips checked before anything is timed. */
interface Prepared {
  setup: UserSetup
  framesL3: Uint8Array[]
  framesL19: Uint8Array[]
  zstdL3: Uint8Array[]
  zstdL19: Uint8Array[]
  /** held-out lines whose L3 frame is binary_semantic */
  templateShare: number
}

function prepare(setup: UserSetup): Prepared {
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
const _STAT_LABEL: Record<Stat, string> = { meanUs: 'mean', p50Us: 'p50', p99Us: 'p99' }

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
async function endToEndSection(prepared: readonly Prepared[], calls: number): Promise<string> {
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

/** Section 2: bytes -> template frame and frame -> bytes alone, on the held-out lines a discovered template encodes. */
async function templatePathSection(prepared: readonly Prepared[], calls: number): Promise<string> {
  const rows: string[][] = []
  const p50s = { encode: [] as number[], decode: [] as number[] }
  for (const p of prepared) {
    const row = await timeTemplatePath(
      p.setup.system.name,
      p.setup.store,
      p.setup.heldOut,
      calls,
      'discovered store, whole lines',
    )
    if (row === undefined) continue
    rows.push(row.cells)
    p50s.encode.push(row.encodeP50)
    p50s.decode.push(row.decodeP50)
  }
  const enc = geomean(p50s.encode)
  const dec = geomean(p50s.decode)
  return [
    '### 2. Template path alone (no fallback, no selection)',
    '',
    `The held-out lines that a template of the discovered store encodes. Encode: UTF-8 bytes in, tagged frame out (\`encodeBytes\`: anchor index on the bytes, UTF-8 decode, match, slot encoding, header), as the hybrid's template side does; decode: frame in, bytes out (\`decodeBinarySemantic\`). ${count(calls)} calls each, interleaved.`,
    '',
    renderTable(TEMPLATE_PATH_COLUMNS, rows),
    '',
    `Geometric mean of the p50s (the median line): encode **${us(enc)} µs** (goal <= 2 µs: ${checkGoal('template path alone, encode <= 2 µs per median line (geometric mean of the p50s)', `${us(enc)} µs`, enc <= 2)}), decode **${us(dec)} µs** (goal <= 1 µs: ${checkGoal('template path alone, decode <= 1 µs per median line', `${us(dec)} µs`, dec <= 1)}).`,
  ].join('\n')
}

async function timeTemplatePath(
  name: string,
  store: TemplateStore,
  messages: readonly Uint8Array[],
  calls: number,
  set: string,
): Promise<{ cells: string[]; encodeP50: number; decodeP50: number } | undefined> {
  const encoder = createTemplateFrameEncoder(createMatcher(store), (id) => writeTemplateFrame(id, new Uint8Array(0)))
  const hits: Uint8Array[] = []
  const frames: Uint8Array[] = []
  for (const m of messages) {
    const encoded = encoder.encodeBytes(m)
    if (encoded === undefined) continue
    hits.push(m)
    frames.push(encoded.frame)
  }
  if (hits.length === 0) return undefined
  const decode = (frame: Uint8Array): Uint8Array => {
    const parsed = parseFrame(frame, 'tagged')
    if (parsed.method !== 'binary_semantic') throw new Error('not a template frame')
    return decodeBinarySemantic(store, parsed.templateId, parsed.payload)
  }
  frames.forEach((f, i) => {
    if (Buffer.compare(decode(f), hits[i] as Uint8Array) !== 0) throw new Error(`${name}: template round trip differs`)
  })
  const options = { messageCount: hits.length, callsPerContender: calls }
  const [enc] = await compareShuffled(
    [{ name: 'encode', run: (i) => encoder.encodeBytes(hits[i] as Uint8Array) }],
    options,
  )
  const [dec] = await compareShuffled([{ name: 'decode', run: (i) => decode(frames[i] as Uint8Array) }], options)
  if (enc === undefined || dec === undefined) throw new Error('not timed')
  return {
    cells: [
      name,
      set,
      count(hits.length),
      us(enc.p50Us),
      us(enc.p99Us),
      us(enc.meanUs),
      us(dec.p50Us),
      us(dec.p99Us),
      us(dec.meanUs),
    ],
    encodeP50: enc.p50Us,
    decodeP50: dec.p50Us,
  }
}

/** Section 3: lines no template encodes (another system's held-out lines, through this system's config): the hybrid against its fallback alone. */
async function noMatchSection(prepared: readonly Prepared[], calls: number): Promise<string> {
  const rows: string[][] = []
  const ratios = { enc: [] as number[], dec: [] as number[] }
  for (let k = 0; k < prepared.length && prepared.length > 1; k++) {
    const { setup } = prepared[k] as Prepared
    const other = (prepared[(k + 1) % prepared.length] as Prepared).setup
    const m = other.heldOut.filter((line) => setup.hybridL3.compressSync(line).method !== 'binary_semantic')
    if (m.length === 0) continue
    const frames = m.map((line) => setup.hybridL3.compressSync(line).bytes)
    const payloads = m.map((x) => new Uint8Array(setup.zstdL3.encode(x) as Uint8Array))
    const options = { messageCount: m.length, callsPerContender: calls }
    const [hEnc, zEnc] = await compareShuffled(
      [
        { name: 'hybrid', run: (i) => setup.hybridL3.compressSync(m[i] as Uint8Array) },
        { name: 'zstd', run: (i) => setup.zstdL3.encode(m[i] as Uint8Array) },
      ],
      options,
    )
    const [hDec, zDec] = await compareShuffled(
      [
        { name: 'hybrid', run: (i) => setup.hybridL3.decompressSync(frames[i] as Uint8Array) },
        { name: 'zstd', run: (i) => setup.zstdL3.decode(payloads[i] as Uint8Array) },
      ],
      options,
    )
    if (hEnc === undefined || zEnc === undefined || hDec === undefined || zDec === undefined)
      throw new Error('not timed')
    ratios.enc.push(hEnc.meanUs / zEnc.meanUs)
    ratios.dec.push(hDec.meanUs / zDec.meanUs)
    rows.push([
      `${other.system.name} lines, ${setup.system.name} config`,
      count(m.length),
      us(hEnc.meanUs),
      us(zEnc.meanUs),
      times(hEnc.meanUs / zEnc.meanUs),
      times(hEnc.p50Us / zEnc.p50Us),
      us(hDec.meanUs),
      us(zDec.meanUs),
      times(hDec.meanUs / zDec.meanUs),
      times(hDec.p50Us / zDec.p50Us),
    ])
  }
  if (rows.length === 0) return '### 3. Lines no template encodes\n\nSkipped: needs at least two systems.'
  const enc = geomean(ratios.enc)
  const dec = geomean(ratios.dec)
  return [
    '### 3. Lines no template encodes: hybrid L3 (sync) vs zstd_dict L3 alone',
    '',
    `Each system's hybrid L3 and zstd_dict L3 on the next system's held-out lines that it does not send as binary_semantic (its templates do not match them): a stream its store does not know. ${count(calls)} calls each, interleaved.`,
    '',
    renderTable(
      [
        'lines / config',
        'lines',
        'hybrid encode mean µs',
        'zstd encode mean µs',
        'ratio mean',
        'ratio p50',
        'hybrid decode mean µs',
        'zstd decode mean µs',
        'ratio mean',
        'ratio p50',
      ],
      rows,
    ),
    '',
    `Geometric mean of the mean-time ratios: encode **${times(enc)}**, decode **${times(dec)}** (goal <= 1.05x: ${checkGoal('no template matches: hybrid <= 1.05x zstd_dict alone (geometric mean of mean-time ratios, encode and decode)', `encode ${times(enc)}, decode ${times(dec)}`, Math.max(enc, dec) <= 1.05)}).`,
  ].join('\n')
}

/** Section 4 (labelled, not a goal's figure): the old row, Loghub's ground-truth templates on the Content field only. */
async function groundTruthSection(systems: readonly LoghubSystem[], calls: number): Promise<string> {
  const rows: string[][] = []
  for (const system of systems) {
    if (system.structuredPath === undefined || system.templatesPath === undefined) continue
    const content = readContentCsv(system.structuredPath)
    const store = createPatternStore(`ground-truth-${system.name}`, readTemplatesCsv(system.templatesPath))
    const row = await timeTemplatePath(
      system.name,
      store,
      toByteMessages(content.slice(content.length >> 1)),
      calls,
      'ground truth, Content field',
    )
    if (row !== undefined) rows.push(row.cells)
  }
  if (rows.length === 0)
    return '### 4. Ground-truth Content-only template path\n\nSkipped: no *_structured.csv / *_templates.csv beside the logs.'
  return [
    '### 4. Favourable variant, not a goal figure: ground-truth templates on the Content field only',
    '',
    "What docs/speed.md used to report as the template path: Loghub's hand-made templates (`<*>` -> `{n}`) and only the `Content` column (no header), second half of the lines. Shown for comparison with older figures; a user has neither the ground truth nor header-free lines.",
    '',
    renderTable(TEMPLATE_PATH_COLUMNS, rows),
  ].join('\n')
}

/** Sets every system up as a user would, then runs the sections; returns Markdown. */
export async function runSpeedBench(corpusPaths: readonly string[], options: SpeedOptions): Promise<string> {
  const systems = loghubSystemsFrom(corpusPaths)
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'aura-speed-'))
  try {
    const prepared: Prepared[] = []
    const setupLines: string[] = []
    for (const system of systems) {
      const setup = await setUpAsUser(system, workDir)
      prepared.push(prepare(setup))
      setupLines.push(
        `- ${system.name}: ${system.logPath}; ${count(setup.trainLines)} training lines -> ${count(setup.store.templates.length)} templates (discover ${(setup.discoverMs / 1000).toFixed(1)} s), dictionary ${count(setup.dictionaryBytes)} B; ${count(setup.heldOut.length)} held-out lines`,
      )
    }
    return [
      '**Systems**',
      '',
      ...setupLines,
      '',
      await endToEndSection(prepared, options.calls),
      '',
      await templatePathSection(prepared, options.calls),
      '',
      await noMatchSection(prepared, options.calls),
      '',
      await groundTruthSection(systems, options.calls),
      '',
      `- load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)} (a shared machine: other jobs ran at the same time)`,
    ].join('\n')
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

/** calls per contender from --calls N / --quick. */
export function callsFrom(argv: readonly string[]): number {
  const at = argv.indexOf('--calls')
  if (at !== -1) return Number(argv[at + 1])
  return argv.includes('--quick') ? 4000 : 20_000
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2)
  const paths = positionalArgs(argv, ['--calls'])
  if (paths.length === 0) {
    console.error('usage: npx tsx bench/speed.ts [--quick] [--calls N] <loghub system folder | folder of them>...')
    process.exit(2)
  }
  console.log(describeMachine())
  console.log('')
  console.log(await runSpeedBench(paths, { calls: callsFrom(argv) }))
}
