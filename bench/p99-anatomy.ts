/**
 * What the slowest calls of the hybrid's end-to-end encode are (issue 13's p99; a diagnosis, not a goal's
 * figure): per Loghub-format system, its L3 and L19 configs as bench/speed.ts writes them (store discovered
 * from the first half, kept in `--work DIR`), loaded with `loadCompressor`, compressed as section 1's
 * `prepare` does (two passes over the held-out lines), then timed as section 1 times its encode contenders
 * (hybrid L3 sync and async, zstd_dict L3, hybrid L19 sync, zstd_dict L19; 12 shuffled passes, chunks of
 * 256, warm-up per pass). Each hybrid L3 sync call is classified from the learners it called (patched
 * prototypes, counting only) and its metadata: the learned choice's re-check, miss or first sight (full
 * choice), the selection short-cut's re-check, the fallback run, a GC pause overlapping the call
 * (PerformanceObserver 'gc'), and the line. Printed per system: the classes of the calls above the p99
 * (and above p98) and of all calls, the lines that appear most among them, and the bytes allocated per
 * call (heap growth over calls with no GC between, `--expose-gc`).
 *
 *   node --expose-gc --import tsx bench/p99-anatomy.ts --work DIR [--calls N] <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { writeFileSync } from 'node:fs'
import { SelectionLearner } from '../src/hybrid/selection-learning.ts'
import { ChoiceLearner } from '../src/templates/index.ts'
import { loghubSystemsFrom } from './lib/loghub-args.ts'
import {
  allocationPerCall,
  anatomyArgs,
  type RecordedCall as Call,
  flushGcEntries,
  pct,
  timeRecordedAsSection1,
  watchGcPauses,
} from './lib/recorded-timing.ts'
import { cachedDiscoveredStore, cachedUserContenders } from './lib/user-setup.ts'

// --- what a call did, set by the patched learners ---------------------------------------------------
const flags = {
  recheckLost: 0,
  fitsRefused: 0,
  choiceAsked: 0,
  choiceRecheck: 0,
  choiceTried: 0,
  choiceMiss: 0,
  choiceRecord: 0,
  selRecheck: 0,
}
function resetFlags(): void {
  flags.recheckLost = 0
  flags.fitsRefused = 0
  flags.choiceAsked = 0
  flags.choiceRecheck = 0
  flags.choiceTried = 0
  flags.choiceMiss = 0
  flags.choiceRecord = 0
  flags.selRecheck = 0
}
const choiceProto = ChoiceLearner.prototype as unknown as Record<string, (...args: unknown[]) => unknown>
const learned = choiceProto['learned'] as (...args: unknown[]) => unknown
choiceProto['learned'] = function (this: unknown, ...args: unknown[]) {
  const situation = learned.apply(this, args) as { recheckDue: boolean } | undefined
  flags.choiceAsked += 1
  if (situation !== undefined) {
    if (situation.recheckDue) flags.choiceRecheck += 1
    else flags.choiceTried += 1
  }
  return situation
}
const missed = choiceProto['missed'] as (...args: unknown[]) => unknown
choiceProto['missed'] = function (this: unknown, ...args: unknown[]) {
  flags.choiceMiss += 1
  return missed.apply(this, args)
}
const fits = choiceProto['fits'] as (...args: unknown[]) => unknown
choiceProto['fits'] = function (this: unknown, ...args: unknown[]) {
  const result = fits.apply(this, args)
  if (result === false) flags.fitsRefused += 1
  return result
}
const record = choiceProto['record'] as (...args: unknown[]) => unknown
choiceProto['record'] = function (this: unknown, ...args: unknown[]) {
  if (flags.choiceRecheck > 0 && args[4] !== (args[1] as { id: number }).id) flags.recheckLost += 1
  flags.choiceRecord += 1
  return record.apply(this, args)
}
const selProto = SelectionLearner.prototype as unknown as Record<string, (...args: unknown[]) => unknown>
const skips = selProto['skipsFallback'] as (...args: unknown[]) => unknown
selProto['skipsFallback'] = function (this: { states: Map<number, { recheckDue: boolean }> }, ...args: unknown[]) {
  const before = this.states.get(args[0] as number)?.recheckDue ?? false
  const result = skips.apply(this, args)
  if (!before && this.states.get(args[0] as number)?.recheckDue === true) flags.selRecheck += 1
  return result
}

// --- GC pauses ---------------------------------------------------------------------------------------
const gcWatch = watchGcPauses()
const gcs = gcWatch.pauses

function classify(result: { method: string; metadata: { candidateBytes: Record<string, number> } }): string {
  const parts: string[] = []
  if (flags.choiceRecheck > 0) parts.push(flags.recheckLost > 0 ? 'choice re-check (lost)' : 'choice re-check')
  else if (flags.choiceRecord > 0 && flags.choiceMiss > 0)
    parts.push(flags.fitsRefused > 0 ? 'choice miss (wider than learned)' : 'choice miss (undecided or no value)')
  else if (flags.choiceRecord > 0) parts.push('choice unlearned (full)')
  else if (flags.choiceTried > 0) parts.push('choice learned')
  if (flags.selRecheck > 0) parts.push('selection re-check')
  const ran = result.metadata.candidateBytes['zstd_dict'] !== undefined
  const binary = result.metadata.candidateBytes['binary_semantic'] !== undefined
  parts.push(binary ? (ran ? 'template+fallback' : 'template only') : ran ? 'no template, fallback' : 'no template')
  return parts.join(', ')
}

function tally(calls: readonly Call[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const c of calls) m.set(c.cls, (m.get(c.cls) ?? 0) + 1)
  return m
}

async function main(): Promise<void> {
  const { work, calls, dumpTo, paths } = anatomyArgs('p99-anatomy.ts')
  const dump: Record<string, Call[]> = {}
  for (const system of loghubSystemsFrom(paths)) {
    const { heldOut } = await cachedDiscoveredStore(system, work)
    const { hybridL3, hybridL19, zstdL3, zstdL19 } = await cachedUserContenders(system, work)
    // as section 1's prepare: each line compressed twice by each hybrid before timing
    for (let k = 0; k < 2; k++) for (const m of heldOut) hybridL3.compressSync(m)
    for (let k = 0; k < 1; k++) for (const m of heldOut) hybridL19.compressSync(m)
    const m = heldOut
    await flushGcEntries()
    gcs.length = 0
    const tRun0 = performance.now()
    const timed = await timeRecordedAsSection1(
      [
        { name: 'hybrid L3 sync', record: true, run: (i) => hybridL3.compressSync(m[i] as Uint8Array) },
        { name: 'hybrid L3 async', isAsync: true, run: (i) => hybridL3.compress(m[i] as Uint8Array) },
        { name: 'zstd_dict L3', run: (i) => zstdL3.encode(m[i] as Uint8Array) },
        { name: 'hybrid L19 sync', run: (i) => hybridL19.compressSync(m[i] as Uint8Array) },
        { name: 'zstd_dict L19', run: (i) => zstdL19.encode(m[i] as Uint8Array) },
      ],
      m.length,
      calls,
      (_line, result) => classify(result as Parameters<typeof classify>[0]),
      resetFlags,
    )
    const runMs = performance.now() - tRun0
    await flushGcEntries()
    const plain = hybridL3.withoutLearning()
    // GC overlapping a call
    let g = 0
    const byStart = [...timed].sort((a, b) => a.start - b.start)
    for (const c of byStart) {
      while (g < gcs.length && (gcs[g] as { end: number }).end < c.start) g++
      const gc = gcs[g]
      if (gc !== undefined && gc.start <= c.start + c.us / 1000) c.cls += ', GC'
    }
    const sorted = [...timed].sort((a, b) => a.us - b.us)
    const at = (q: number): number => (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as Call).us
    const p99 = at(0.99)
    const p98 = at(0.98)
    const above99 = timed.filter((c) => c.us > p99)
    const above98 = timed.filter((c) => c.us > p98)
    const all = tally(timed)
    const t99 = tally(above99)
    const t98 = tally(above98)
    const mean = timed.reduce((s, c) => s + c.us, 0) / timed.length
    console.log('')
    console.log(
      `## ${system.name}: ${m.length} lines; hybrid L3 sync p50 ${at(0.5).toFixed(2)} µs, p98 ${p98.toFixed(2)}, p99 ${p99.toFixed(2)}, mean ${mean.toFixed(2)}; GC pauses during timing ${gcs.length} (${gcs.reduce((s, x) => s + x.end - x.start, 0).toFixed(1)} ms of ${runMs.toFixed(0)} ms); load ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
    )
    console.log('')
    console.log('| class | all calls | share | above p98 | above p99 | mean µs of the class |')
    console.log('|---|---:|---:|---:|---:|---:|')
    const keys = [...all.keys()].sort(
      (a, b) => (t98.get(b) ?? 0) - (t98.get(a) ?? 0) || (all.get(b) ?? 0) - (all.get(a) ?? 0),
    )
    for (const k of keys) {
      const members = timed.filter((c) => c.cls === k)
      const mu = members.reduce((s, c) => s + c.us, 0) / members.length
      console.log(
        `| ${k} | ${all.get(k)} | ${pct(all.get(k) ?? 0, timed.length)} | ${t98.get(k) ?? 0} | ${t99.get(k) ?? 0} | ${mu.toFixed(2)} |`,
      )
    }
    // lines most often above p99
    const perLine = new Map<number, { n: number; above: number }>()
    for (const c of timed) {
      const e = perLine.get(c.line) ?? { n: 0, above: 0 }
      e.n += 1
      if (c.us > p98) e.above += 1
      perLine.set(c.line, e)
    }
    const top = [...perLine.entries()].sort((a, b) => b[1].above - a[1].above).slice(0, 8)
    console.log('')
    console.log(
      `lines most often above p98 (line: above/times, bytes): ${top.map(([line, e]) => `${line}: ${e.above}/${e.n}, ${(m[line] as Uint8Array).length} B`).join('; ')}`,
    )
    const distinct = [...perLine.values()].filter((e) => e.above > 0).length
    console.log(`distinct lines above p98: ${distinct}`)
    console.log(
      `allocation, hybrid L3 sync: ${allocationPerCall((i) => hybridL3.compressSync(m[i] as Uint8Array), m.length, 20_000)}; zstd_dict L3: ${allocationPerCall((i) => zstdL3.encode(m[i] as Uint8Array), m.length, 20_000)}; hybrid withoutLearning: ${allocationPerCall((i) => plain.compressSync(m[i] as Uint8Array), m.length, 20_000)}`,
    )
    dump[system.name] = timed
  }
  if (dumpTo !== undefined) writeFileSync(dumpTo, JSON.stringify(dump))
  console.log(`- load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
  gcWatch.stop()
}

await main()
