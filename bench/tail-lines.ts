/**
 * Which calls make the hybrid's slowest 1% of encode calls (issue 13's p99; a diagnosis, not a goal's figure),
 * counted so that the answer does not depend on the machine's load. Per Loghub-format system: the L3 config a
 * user writes (store discovered from the first half, kept in `--work DIR`) loaded with `loadCompressor`,
 * compressed twice first (section 1's `prepare`); then PASSES passes over the held-out lines in order, in
 * chunks of 256 lines, each chunk timed by the hybrid's `compressSync` and by zstd_dict L3 alone on the same
 * lines (one order per pass, the two swapped each pass, so that each chunk follows the other contender's), as
 * section 1 gives each contender 256 calls in a row. Each hybrid call
 * is classified by what it ran (patched learners, counting only): the learned choice's re-check, miss (a
 * winner tried alone could not send, the full choice ran) or full choice, the fallback short-cut's re-check,
 * the re-weighing of a frame sent alone, and what the metadata says (template only, template+fallback, no
 * template+fallback). Each call is then given the median of its (line, class) pair (a preempted call lands
 * in no median), and the slowest 1% of calls by that figure are tallied by class and by line; zstd_dict's
 * calls likewise by their line's median. Printed per system: the two estimated p99s, the raw ones, the
 * classes of the slowest 1%, and its lines.
 *
 *   npx tsx bench/tail-lines.ts --work DIR [--passes N] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { SelectionLearner } from '../src/hybrid/selection-learning.ts'
import { ChoiceLearner } from '../src/templates/index.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { cachedDiscoveredStore, cachedUserContenders } from './lib/user-setup.ts'

const argv = process.argv.slice(2)
const option = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
const load = (): string => (os.loadavg()[0] ?? 0).toFixed(2)

const flags = { choiceRecheck: 0, choiceMiss: 0, choiceRecord: 0, selRecheck: 0, reweigh: 0 }
type Patched = Record<string, (...args: unknown[]) => unknown>
function patch(proto: Patched, name: string, after: (result: unknown, self: unknown, args: unknown[]) => void): void {
  const original = proto[name] as (...args: unknown[]) => unknown
  proto[name] = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args)
    after(result, this, args)
    return result
  }
}
const choiceProto = ChoiceLearner.prototype as unknown as Patched
patch(choiceProto, 'learned', (s) => {
  if ((s as { recheckDue?: boolean } | undefined)?.recheckDue === true) flags.choiceRecheck += 1
})
patch(choiceProto, 'missed', () => {
  flags.choiceMiss += 1
})
patch(choiceProto, 'record', () => {
  flags.choiceRecord += 1
})
const selProto = SelectionLearner.prototype as unknown as Patched
{
  const original = selProto['skipsFallback'] as (...args: unknown[]) => unknown
  selProto['skipsFallback'] = function (this: { states: Map<number, { recheckDue: boolean }> }, ...args: unknown[]) {
    const before = this.states.get(args[0] as number)?.recheckDue ?? false
    const result = original.apply(this, args)
    if (!before && this.states.get(args[0] as number)?.recheckDue === true) flags.selRecheck += 1
    return result
  }
}
patch(selProto, 'recordReweigh', () => {
  flags.reweigh += 1
})
function resetFlags(): void {
  flags.choiceRecheck = 0
  flags.choiceMiss = 0
  flags.choiceRecord = 0
  flags.selRecheck = 0
  flags.reweigh = 0
}

function classify(sizes: Record<string, number | undefined>): string {
  const parts: string[] = []
  if (flags.choiceRecheck > 0) parts.push('choice re-check')
  else if (flags.choiceMiss > 0) parts.push('choice miss')
  else if (flags.choiceRecord > 0) parts.push('full choice')
  if (flags.selRecheck > 0) parts.push('selection re-check')
  if (flags.reweigh > 0) parts.push('re-weighed')
  const ran = sizes['zstd_dict'] !== undefined
  const binary = sizes['binary_semantic'] !== undefined
  parts.push(binary ? (ran ? 'template+fallback' : 'template only') : ran ? 'no template, fallback' : 'no template')
  return parts.join(', ')
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1] as number
const at = (sorted: Float64Array, q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number

async function main(): Promise<void> {
  const work = option('--work')
  if (work === undefined) throw new Error('tail-lines.ts: --work DIR is required')
  const passes = Number(option('--passes') ?? 20)
  const chunk = 256
  console.log(
    `- load average (1 min) at start: ${load()}; ${passes} passes over the held-out lines, chunks of ${chunk}`,
  )
  const summary: string[] = []
  for (const system of loghubSystemsFrom(positionalArgs(argv, ['--work', '--passes']))) {
    const { heldOut: m } = await cachedDiscoveredStore(system, work)
    const { hybridL3, zstdL3 } = await cachedUserContenders(system, work)
    for (let k = 0; k < 2; k++) for (const line of m) hybridL3.compressSync(line)
    const n = m.length
    const calls = n * passes
    const hUs = new Float64Array(calls)
    const zUs = new Float64Array(calls)
    const cls: string[] = new Array(calls)
    // position of each call in its contender's chunk (the chunks start at a new line each pass, as
    // compareShuffled's passes do, so that no line is always the first of a chunk)
    const hPos = new Uint16Array(calls)
    let lastPassBytes = 0
    for (let pass = 0; pass < passes; pass++) {
      const shift = (pass * 97) % chunk
      for (let s = -shift; s < n; s += chunk) {
        const start = Math.max(0, s)
        const end = Math.min(n, s + chunk)
        // one order per pass (the hybrid first on odd passes): each chunk follows the other contender's, as in
        // bench/speed.ts section 1's passes (review s36-review1: alternating who went first per chunk put half
        // the hybrid's chunks after its own)
        for (let turn = 0; turn < 2; turn++) {
          const hybridNow = (turn === 0) === (pass % 2 === 1)
          for (let i = start; i < end; i++) {
            const line = m[i] as Uint8Array
            const call = pass * n + i
            // from 0 at each chunk's first call (the first chunk of a pass is the shorter one)
            hPos[call] = i - start
            if (hybridNow) {
              resetFlags()
              const t0 = process.hrtime.bigint()
              const r = hybridL3.compressSync(line)
              if (pass === passes - 1) lastPassBytes += r.bytes.length
              hUs[call] = Number(process.hrtime.bigint() - t0) / 1000
              cls[call] = classify(r.metadata.candidateBytes as Record<string, number | undefined>)
            } else {
              const t0 = process.hrtime.bigint()
              zstdL3.encode(line)
              zUs[call] = Number(process.hrtime.bigint() - t0) / 1000
            }
          }
        }
      }
    }
    // each call's figure: the median of its (line, class) pair's calls; zstd's: its line's median
    const byPair = new Map<string, number[]>()
    const zByLine: number[][] = Array.from({ length: n }, () => [])
    for (let call = 0; call < calls; call++) {
      const key = `${call % n}|${cls[call]}`
      const list = byPair.get(key) ?? []
      list.push(hUs[call] as number)
      byPair.set(key, list)
      ;(zByLine[call % n] as number[]).push(zUs[call] as number)
    }
    const pairMedian = new Map([...byPair].map(([k, v]) => [k, median(v)]))
    const zLineMedian = zByLine.map((v) => median(v))
    const hEst = Float64Array.from({ length: calls }, (_, call) => pairMedian.get(`${call % n}|${cls[call]}`) as number)
    const zEst = Float64Array.from({ length: calls }, (_, call) => zLineMedian[call % n] as number)
    const sortedH = Float64Array.from(hEst).sort()
    const sortedZ = Float64Array.from(zEst).sort()
    const hP99 = at(sortedH, 0.99)
    const zP99 = at(sortedZ, 0.99)
    const rawH = Float64Array.from(hUs).sort()
    const rawZ = Float64Array.from(zUs).sort()
    const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length
    // the slowest 1% by the estimate (ties at the boundary broken by the call's own time)
    const order = Array.from({ length: calls }, (_, k) => k).sort(
      (a, b) => (hEst[b] as number) - (hEst[a] as number) || (hUs[b] as number) - (hUs[a] as number),
    )
    const top = order.slice(0, Math.ceil(calls / 100))
    const byClass = new Map<string, { calls: number; us: number[] }>()
    const byLine = new Map<number, { calls: number; cls: Set<string> }>()
    const allByClass = new Map<string, number>()
    for (let call = 0; call < calls; call++)
      allByClass.set(cls[call] as string, (allByClass.get(cls[call] as string) ?? 0) + 1)
    for (const call of top) {
      const c = cls[call] as string
      const e = byClass.get(c) ?? { calls: 0, us: [] }
      e.calls += 1
      e.us.push(hEst[call] as number)
      byClass.set(c, e)
      const line = call % n
      const l = byLine.get(line) ?? { calls: 0, cls: new Set<string>() }
      l.calls += 1
      l.cls.add(c)
      byLine.set(line, l)
    }
    console.log('')
    console.log(
      `## ${system.name}: ${n} lines x ${passes}; hybrid L3 sync est. p99 ${hP99.toFixed(2)} µs (raw ${at(rawH, 0.99).toFixed(2)}), mean ${mean(hUs).toFixed(2)}; zstd_dict L3 est. p99 ${zP99.toFixed(2)} (raw ${at(rawZ, 0.99).toFixed(2)}), mean ${mean(zUs).toFixed(2)}; hybrid bytes in the last pass ${lastPassBytes}; load ${load()}`,
    )
    console.log('')
    console.log('| class | all calls | in the slowest 1% | median µs there |')
    console.log('|---|---:|---:|---:|')
    for (const [c, e] of [...byClass].sort((a, b) => b[1].calls - a[1].calls))
      console.log(`| ${c} | ${allByClass.get(c)} | ${e.calls} | ${median(e.us).toFixed(2)} |`)
    const lines = [...byLine].sort((a, b) => b[1].calls - a[1].calls).slice(0, 12)
    console.log('')
    console.log(
      `slowest 1%: ${byLine.size} distinct lines; most: ${lines.map(([line, e]) => `${line} (${(m[line] as Uint8Array).length} B, ${e.calls} calls, ${[...e.cls].join(' / ')}; zstd ${(zLineMedian[line] as number).toFixed(1)} µs)`).join('; ')}`,
    )
    // the first calls of a chunk (after the other contender's chunk) against the rest: each call's time over its line's median
    const lineMedian = Array.from({ length: n }, () => [] as number[])
    for (let call = 0; call < calls; call++) (lineMedian[call % n] as number[]).push(hUs[call] as number)
    const lm = lineMedian.map((v) => median(v))
    const zlm = zLineMedian
    const byPos = (from: number, to: number, us: Float64Array, med: number[]): string => {
      const r: number[] = []
      for (let call = 0; call < calls; call++)
        if ((hPos[call] as number) >= from && (hPos[call] as number) < to)
          r.push((us[call] as number) / (med[call % n] as number))
      return r.length === 0 ? '-' : median(r).toFixed(2)
    }
    console.log(
      `time / line median by position in the chunk: hybrid 0: ${byPos(0, 1, hUs, lm)}, 1: ${byPos(1, 2, hUs, lm)}, 2: ${byPos(2, 3, hUs, lm)}, 3-7: ${byPos(3, 8, hUs, lm)}, 8-255: ${byPos(8, 256, hUs, lm)}; zstd 0: ${byPos(0, 1, zUs, zlm)}, 1: ${byPos(1, 2, zUs, zlm)}, 2: ${byPos(2, 3, zUs, zlm)}, 3-7: ${byPos(3, 8, zUs, zlm)}, 8-255: ${byPos(8, 256, zUs, zlm)}`,
    )
    summary.push(`${system.name} ${(hP99 / zP99).toFixed(2)}x`)
  }
  console.log('')
  console.log(`est. p99 hybrid / zstd_dict L3: ${summary.join(', ')}`)
  console.log(`- load average (1 min) at the end: ${load()}`)
}

await main()
