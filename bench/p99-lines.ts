/**
 * How much of the hybrid's encode p99 is the cost of particular lines in a stream of other lines (a
 * diagnosis, not a goal's figure; issue 13's p99 row). Per Loghub-format system: the L3 config a user
 * writes (bench/lib/user-setup.ts, store discovered from the first half, kept in `--work DIR`), loaded with
 * `loadCompressor`, every held-out line compressed twice first (section 1's `prepare`); then the contenders
 * take turns in chunks of 256 calls over the held-out lines in order (section 1's chunking, the first
 * contender rotated each chunk), `--passes N` passes (default 20):
 *  - hybrid: `compressSync`, learning as shipped;
 *  - zstd: zstd_dict L3 alone with the same dictionary;
 *  - with `--template`, template: the store's frame encoder alone (`encodeBytes`, section 2's template path,
 *    every candidate weighed). It runs the template choice's general path on every line, which the learning
 *    hybrid runs only on re-checks and misses: in one process this makes that path's code hot for the hybrid
 *    too (V8 optimises a function after enough runs), so the hybrid's figures are then not section 1's.
 * `--prewarm N` (a favourable variant, not section 1): before timing, N passes of the compressor's
 * `withoutLearning()` (the full template choice on every line) over the held-out lines, so that the code
 * the learning hybrid seldom runs is optimised before it is timed; set against a run without it, what
 * that code's cold state costs the p99.
 * Each line's median over its passes is its cost "in sequence" (after the lines before it). Then each line
 * is run 12 times in a row by each contender and the median of the last 8 is its cost "repeated". Printed
 * per contender: the p50 and p99 of its calls, the p99 of its calls with each call replaced by its line's
 * median in sequence (what the p99 would be without the run-to-run noise: the lines' own cost), the p99 of
 * the repeated costs, and how many of the calls above the p99 are on lines whose cost in sequence is at
 * least twice their cost repeated; then the lines with the highest cost in sequence, with the hybrid's
 * outcome (T: a template frame weighed, F: the fallback ran, > the method sent).
 *
 *   npx tsx bench/p99-lines.ts --work DIR [--passes N] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { writeTemplateFrame } from '../src/codecs/index.ts'
import { createMatcher, createTemplateFrameEncoder } from '../src/templates/index.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { cachedDiscoveredStore, cachedUserContenders } from './lib/user-setup.ts'

const CHUNK = 256
const REPEATS = 12
const KEPT_REPEATS = 8
const TOP_LINES = 10
type Run = (i: number) => unknown

/** Nearest-rank percentile of `xs` (sorted here, a copy). */
function percentile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number
}

const f = (v: number): string => v.toFixed(2)

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
  const work = flag('--work')
  const passes = Number(flag('--passes') ?? 20)
  const prewarm = Number(flag('--prewarm') ?? 0)
  const withTemplate = argv.includes('--template')
  const paths = positionalArgs(
    argv.filter((a) => a !== '--template'),
    ['--work', '--passes', '--prewarm'],
  )
  if (work === undefined || paths.length === 0 || !(passes >= 3) || !(prewarm >= 0)) {
    console.error(
      'usage: npx tsx bench/p99-lines.ts --work DIR [--passes N (3 or more)] [--prewarm N] [--template] <loghub system folder | folder of them>...',
    )
    process.exit(2)
  }
  console.log(
    `- load average (1 min) at start: ${f(os.loadavg()[0] ?? 0)}; ${passes} passes; prewarm ${prewarm}; template contender ${withTemplate}`,
  )
  for (const system of loghubSystemsFrom(paths)) {
    const { store, heldOut: m } = await cachedDiscoveredStore(system, work)
    const { hybridL3, zstdL3 } = await cachedUserContenders(system, work)
    const encoder = createTemplateFrameEncoder(createMatcher(store), (id) => writeTemplateFrame(id, new Uint8Array(0)))
    const n = m.length
    const outcome: string[] = []
    for (let pass = 0; pass < 2; pass++)
      m.forEach((line, i) => {
        const { method, metadata } = hybridL3.compressSync(line)
        const sizes = metadata.candidateBytes
        outcome[i] =
          `${sizes.binary_semantic === undefined ? '-' : 'T'}${sizes.zstd_dict === undefined ? '-' : 'F'}>${method}`
      })
    const plain = hybridL3.withoutLearning()
    for (let pass = 0; pass < prewarm; pass++) for (const line of m) plain.compressSync(line)
    const contenders: [string, Run][] = [
      ['hybrid', (i) => hybridL3.compressSync(m[i] as Uint8Array)],
      ['zstd', (i) => zstdL3.encode(m[i] as Uint8Array)],
    ]
    if (withTemplate) contenders.push(['template', (i) => encoder.encodeBytes(m[i] as Uint8Array)])
    for (const [, run] of contenders) for (let i = 0; i < n; i++) run(i)
    const times = contenders.map(() => Array.from({ length: n }, () => [] as number[]))
    let turn = 0
    for (let pass = 0; pass < passes; pass++)
      for (let start = 0; start < n; start += CHUNK, turn++)
        for (let k = 0; k < contenders.length; k++) {
          const c = (k + turn) % contenders.length
          const [, run] = contenders[c] as [string, Run]
          const perLine = times[c] as number[][]
          for (let i = start; i < Math.min(n, start + CHUNK); i++) {
            const t0 = process.hrtime.bigint()
            run(i)
            ;(perLine[i] as number[]).push(Number(process.hrtime.bigint() - t0) / 1000)
          }
        }
    const repeated = contenders.map(([, run]) =>
      m.map((_, i) => {
        const ts: number[] = []
        for (let r = 0; r < REPEATS; r++) {
          const t0 = process.hrtime.bigint()
          run(i)
          ts.push(Number(process.hrtime.bigint() - t0) / 1000)
        }
        return percentile(ts.slice(REPEATS - KEPT_REPEATS), 0.5)
      }),
    )
    const inSequence = times.map((perLine) => perLine.map((ts) => percentile(ts, 0.5)))
    console.log('')
    console.log(`## ${system.name}: ${n} lines; load ${f(os.loadavg()[0] ?? 0)}`)
    console.log('')
    console.log(
      '| contender | p50 µs | p99 µs | p99 of line costs in sequence | p99 of line costs repeated | calls above p99 on lines 2x slower in sequence than repeated |',
    )
    console.log('|---|---:|---:|---:|---:|---:|')
    contenders.forEach(([name], c) => {
      const perLine = times[c] as number[][]
      const all = perLine.flat()
      const p99 = percentile(all, 0.99)
      const seq = inSequence[c] as number[]
      const rep = repeated[c] as number[]
      const asLines = perLine.flatMap((ts, i) => ts.map(() => seq[i] as number))
      let above = 0
      let onSlowLines = 0
      perLine.forEach((ts, i) => {
        for (const t of ts)
          if (t > p99) {
            above++
            if ((seq[i] as number) >= 2 * (rep[i] as number)) onSlowLines++
          }
      })
      console.log(
        `| ${name} | ${f(percentile(all, 0.5))} | ${f(p99)} | ${f(percentile(asLines, 0.99))} | ${f(percentile(rep, 0.99))} | ${onSlowLines} of ${above} |`,
      )
    })
    const hybridSeq = inSequence[0] as number[]
    const top = [...hybridSeq.keys()].sort((a, b) => (hybridSeq[b] as number) - (hybridSeq[a] as number))
    const costs = (i: number): string =>
      contenders
        .map((_, c) => `${f((inSequence[c] as number[])[i] as number)} / ${f((repeated[c] as number[])[i] as number)}`)
        .join(', ')
    console.log('')
    console.log(
      `lines with the highest hybrid cost in sequence (line outcome bytes: ${contenders.map(([name]) => name).join(', ')} in sequence / repeated, µs): ${top
        .slice(0, TOP_LINES)
        .map((i) => `${i} ${outcome[i]} ${(m[i] as Uint8Array).length} B: ${costs(i)}`)
        .join('; ')}`,
    )
  }
  console.log('')
  console.log(`- load average (1 min) at the end: ${f(os.loadavg()[0] ?? 0)}`)
}

await main()
