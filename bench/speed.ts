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
import { count, geomean, renderTable, times, us } from './lib/table.ts'
import { compareShuffled } from './lib/timing.ts'
import { endToEndSection, type Prepared, prepare } from './lib/speed-end-to-end.ts'
import { setUpAsUser } from './lib/user-setup.ts'

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
