/**
 * Where the hybrid's encode time beyond its template path goes, at steady state (a check, not a goal's
 * figure): per Loghub-format system, the store `aura-bench discover` makes from the first half of the
 * lines (kept in `--work DIR`, bench/lib/user-setup.ts) and the zstd_dict level-3 config a user writes,
 * loaded with `loadCompressor`; the held-out half compressed WARM_PASSES times first (bench/speed.ts
 * compresses every line twice in `prepare`, then 2,000 warm-up calls per phase, before it times), then
 * timed line by line, interleaved in chunks of 256 with the contenders taking turns going first:
 *  - hybrid: `compressSync` of the loaded compressor (learning on, as shipped);
 *  - no fallback: the same config with min_compression_size past every line (the fallback never runs);
 *  - template: the template path alone (`encodeBytes`, as bench/speed.ts section 2, on every line);
 *  - zstd: zstd_dict L3 alone with the same dictionary.
 * Each line has a class from its sizes (template frame T, fallback frame F = 1 + zstd payload): no
 * template; short (under min_compression_size) or proven (T x 1.1 at most the fallback's floor: seed's
 * rule skips the fallback); comfortable (F >= 1.2 T: may be learned); margin (1.1 T <= F < 1.2 T: the
 * seed's rule sends T, never learned); loses (F < 1.1 T: fallback or uncompressed sent). Each timed call
 * of the hybrid is split by whether its fallback ran (candidateBytes has zstd_dict).
 *
 *   npx tsx bench/selection-breakdown.ts --work DIR <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { writeTemplateFrame } from '../src/codecs/index.ts'
import { createCodec } from '../src/codecs/index.ts'
import { createHybridCompressor, type HybridCompressor } from '../src/hybrid/index.ts'
import { loadCompressor, loadDictionary } from '../src/runner/load-compressor.ts'
import { loadCompressorConfig } from '../src/suite/index.ts'
import { createMatcher, createTemplateFrameEncoder } from '../src/templates/index.ts'
import { l3ConfigIn } from './lib/hybrid-nomatch-ab.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { describeMachine } from './lib/machine.ts'
import { count, renderTable, us } from './lib/table.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const WARM_PASSES = 4
const TIMED_PASSES = 20
const CHUNK = 256
const CLASSES = ['no template', 'short/proven', 'comfortable', 'margin', 'loses'] as const
type LineClass = (typeof CLASSES)[number]

const CONTENDERS = ['hybrid', 'noFallback', 'template', 'zstd'] as const
type ContenderName = (typeof CONTENDERS)[number]
/** Every timed call's µs, per contender, for one group of calls. */
interface Sums {
  calls: number
  ran: number
  samples: Record<ContenderName, number[]>
}
const emptySums = (): Sums => ({ calls: 0, ran: 0, samples: { hybrid: [], noFallback: [], template: [], zstd: [] } })
const sumOf = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0)
const p50Of = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1] ?? Number.NaN

async function systemRows(
  system: ReturnType<typeof loghubSystemsFrom>[number],
  work: string,
): Promise<{ rows: string[][]; summary: string[] }> {
  const { store, heldOut } = await cachedDiscoveredStore(system, work)
  const configPath = l3ConfigIn(system, work)
  const config = await loadCompressorConfig(configPath)
  const dictionary = await loadDictionary(config)
  if (dictionary === null) throw new Error(`${configPath}: no dictionary`)
  const hybrid = await loadCompressor(configPath)
  const resources = { store, matcher: createMatcher(store), dictionary }
  const noFallback: HybridCompressor = await createHybridCompressor(
    { ...config, minCompressionSizeBytes: Number.POSITIVE_INFINITY },
    resources,
  )
  const always = await createHybridCompressor(config, resources, { learnSelection: false })
  const encoder = createTemplateFrameEncoder(createMatcher(store), (id) => writeTemplateFrame(id, new Uint8Array(0)))
  const zstd = await createCodec({ name: 'zstd_dict', level: 3, dictionary })
  const classes: LineClass[] = heldOut.map((m) => {
    const t = encoder.encodeBytes(m)
    if (t === undefined) return 'no template'
    if (always.compressSync(m).metadata.candidateBytes.zstd_dict === undefined) return 'short/proven'
    const f = 1 + (zstd.encode(m) as Uint8Array).length
    const tb = t.frame.length
    return f >= 1.2 * tb ? 'comfortable' : f >= 1.1 * tb ? 'margin' : 'loses'
  })
  for (let pass = 0; pass < WARM_PASSES; pass++)
    for (const m of heldOut) {
      hybrid.compressSync(m)
      noFallback.compressSync(m)
      encoder.encodeBytes(m)
      zstd.encode(m)
    }
  // per class, per fallback ran (1) or not (0)
  const sums = new Map<string, Sums>()
  const sumsOf = (key: string): Sums => {
    let s = sums.get(key)
    if (s === undefined) sums.set(key, (s = emptySums()))
    return s
  }
  const hybridRan = new Uint8Array(heldOut.length)
  const lineTimes = {
    hybrid: new Float64Array(heldOut.length),
    noFallback: new Float64Array(heldOut.length),
    template: new Float64Array(heldOut.length),
    zstd: new Float64Array(heldOut.length),
  }
  const runs: [keyof typeof lineTimes, (m: Uint8Array, i: number) => void][] = [
    [
      'hybrid',
      (m, i) => {
        hybridRan[i] = hybrid.compressSync(m).metadata.candidateBytes.zstd_dict === undefined ? 0 : 1
      },
    ],
    ['noFallback', (m) => noFallback.compressSync(m)],
    ['template', (m) => encoder.encodeBytes(m)],
    ['zstd', (m) => zstd.encode(m)],
  ]
  let turn = 0
  for (let pass = 0; pass < TIMED_PASSES; pass++) {
    for (let start = 0; start < heldOut.length; start += CHUNK) {
      const order = [...runs.slice(turn % runs.length), ...runs.slice(0, turn % runs.length)]
      turn += 1
      const end = Math.min(heldOut.length, start + CHUNK)
      for (const [key, run] of order) {
        const out = lineTimes[key]
        for (let i = start; i < end; i++) {
          const t0 = process.hrtime.bigint()
          run(heldOut[i] as Uint8Array, i)
          out[i] = Number(process.hrtime.bigint() - t0) / 1000
        }
      }
      for (let i = start; i < end; i++) {
        for (const key of [`${classes[i]}|${hybridRan[i]}`, 'all']) {
          const s = sumsOf(key)
          s.calls += 1
          s.ran += hybridRan[i] as number
          for (const c of CONTENDERS) s.samples[c].push(lineTimes[c][i] as number)
        }
      }
    }
  }
  const all = sumsOf('all')
  const mean = (s: Sums, c: ContenderName): number => sumOf(s.samples[c]) / s.calls
  const both = (s: Sums, c: ContenderName): string => `${us(mean(s, c))} / ${us(p50Of(s.samples[c]))}`
  const rows: string[][] = []
  for (const cls of CLASSES)
    for (const ran of [1, 0]) {
      const s = sums.get(`${cls}|${ran}`)
      if (s === undefined) continue
      rows.push([
        system.name,
        cls,
        ran === 1 ? 'ran' : 'skipped',
        `${((100 * s.calls) / all.calls).toFixed(1)}%`,
        ...CONTENDERS.map((c) => both(s, c)),
        us((sumOf(s.samples.hybrid) - sumOf(s.samples.template)) / all.calls),
      ])
    }
  const summary = [
    system.name,
    count(heldOut.length),
    `${((100 * all.ran) / all.calls).toFixed(1)}%`,
    ...CONTENDERS.map((c) => both(all, c)),
    us(mean(all, 'noFallback') - mean(all, 'template')),
    us(mean(all, 'hybrid') - mean(all, 'noFallback')),
  ]
  return { rows, summary }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const work = argv.includes('--work') ? argv[argv.indexOf('--work') + 1] : undefined
  const paths = positionalArgs(argv, ['--work'])
  if (work === undefined || paths.length === 0) {
    console.error('usage: npx tsx bench/selection-breakdown.ts --work DIR <loghub system folder | folder of them>...')
    process.exit(2)
  }
  console.log(describeMachine())
  const rows: string[][] = []
  const summaries: string[][] = []
  for (const system of loghubSystemsFrom(paths)) {
    const r = await systemRows(system, work)
    rows.push(...r.rows)
    summaries.push(r.summary)
  }
  console.log('')
  console.log(
    `Steady state (${WARM_PASSES} warm passes, ${TIMED_PASSES} timed passes over the held-out half), mean / p50 µs per call:`,
  )
  console.log('')
  console.log(
    renderTable(
      [
        'system',
        'held-out lines',
        'fallback ran',
        'hybrid',
        'hybrid, no fallback',
        'template path',
        'zstd_dict L3',
        'wrapper (no fallback - template), mean',
        'fallback share (hybrid - no fallback), mean',
      ],
      summaries,
    ),
  )
  console.log('')
  console.log(
    'By line class and whether the hybrid ran the fallback: share of calls, mean / p50 µs per call of each contender on those calls, and their share of (hybrid - template) per held-out call:',
  )
  console.log('')
  console.log(
    renderTable(
      [
        'system',
        'class',
        'fallback',
        'calls',
        'hybrid',
        'no fallback',
        'template',
        'zstd',
        'hybrid - template, per held-out call',
      ],
      rows,
    ),
  )
  console.log('')
  console.log(`- load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
}

await main()
