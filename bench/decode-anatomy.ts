/**
 * What the slowest calls of the hybrid's end-to-end decode are (issue 13's decode p99; a diagnosis, not a
 * goal's figure): per Loghub-format system, the L3 and L19 configs bench/speed.ts writes (store discovered
 * from the first half, kept in `--work DIR`), loaded with `loadCompressor`, frames made as section 1's
 * `prepare` makes them (and every frame decoded once, as its round-trip check does), then the five decode
 * contenders of section 1 timed as it times them (12 shuffled passes, chunks of 256, warm-up per pass).
 * Each hybrid L3 `decompressSync` call is kept with its frame's kind (fallback frame, or binary_semantic and
 * its template id), its line and a GC pause overlapping it (PerformanceObserver 'gc'). Printed per system:
 * the kinds of the calls above the p99 (and p98) and of all calls, the templates and lines most often above
 * the p98 with each line's median time (a line slow every time is slow work; slow once in twenty, noise),
 * and the bytes allocated per call (heap growth over calls with no GC between, `--expose-gc`).
 *
 *   node --expose-gc --import tsx bench/decode-anatomy.ts --work DIR [--calls N] [--dump FILE] <loghub system folder | folder of them>...
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { parseFrame } from '../src/codecs/index.ts'
import type { TemplateStore } from '../src/templates/index.ts'
import {
  allocationPerCall,
  anatomyArgs,
  type RecordedCall as Call,
  flushGcEntries,
  pct,
  timeRecordedAsSection1,
  watchGcPauses,
} from './lib/recorded-timing.ts'
import { loghubSystemsFrom } from './lib/loghub-args.ts'
import { cachedDiscoveredStore, cachedUserContenders } from './lib/user-setup.ts'

const gcWatch = watchGcPauses()
const gcs = gcWatch.pauses

function tally(calls: readonly Call[], key: (c: Call) => string): Map<string, number> {
  const m = new Map<string, number>()
  for (const c of calls) m.set(key(c), (m.get(key(c)) ?? 0) + 1)
  return m
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1] ?? 0
}

/** A frame's kind: its method, and for a template frame the template id and its slot types. */
function frameKind(frame: Uint8Array, store: TemplateStore): { cls: string; template: string } {
  const parsed = parseFrame(frame, 'tagged')
  if (parsed.method !== 'binary_semantic') return { cls: `${parsed.method} frame`, template: parsed.method }
  const template = store.byId.get(parsed.templateId)
  const types = template?.slots.map((s) => s.type + ('other' in s && s.other !== undefined ? `/${s.other}` : '')) ?? []
  return { cls: 'binary_semantic frame', template: `t${parsed.templateId} [${types.join(',')}]` }
}

async function main(): Promise<void> {
  const { work, calls, dumpTo, paths } = anatomyArgs('decode-anatomy.ts')
  const dump: Record<string, Call[]> = {}
  for (const system of loghubSystemsFrom(paths)) {
    const { heldOut: m, store } = await cachedDiscoveredStore(system, work)
    const { hybridL3, hybridL19, zstdL3, zstdL19 } = await cachedUserContenders(system, work)
    // section 1's prepare: frames, zstd payloads in buffers of their own, every frame decoded once
    const framesL3 = m.map((line) => hybridL3.compressSync(line).bytes)
    const framesL19 = m.map((line) => hybridL19.compressSync(line).bytes)
    const zL3 = m.map((line) => new Uint8Array(zstdL3.encode(line) as Uint8Array))
    const zL19 = m.map((line) => new Uint8Array(zstdL19.encode(line) as Uint8Array))
    m.forEach((line, i) => {
      if (Buffer.compare(hybridL3.decompressSync(framesL3[i] as Uint8Array), line) !== 0)
        throw new Error(`${system.name}: L3 round trip differs at ${i}`)
      hybridL19.decompressSync(framesL19[i] as Uint8Array)
      hybridL3.compressSync(line)
    })
    const kinds = framesL3.map((f) => frameKind(f, store))
    await flushGcEntries()
    gcs.length = 0
    const tRun0 = performance.now()
    const timed = await timeRecordedAsSection1(
      [
        { name: 'hybrid L3 sync', record: true, run: (i) => hybridL3.decompressSync(framesL3[i] as Uint8Array) },
        {
          name: 'hybrid L3 async',
          isAsync: true,
          run: (i) => hybridL3.decompress(framesL3[i] as Uint8Array),
        },
        { name: 'zstd_dict L3', run: (i) => zstdL3.decode(zL3[i] as Uint8Array) },
        { name: 'hybrid L19 sync', run: (i) => hybridL19.decompressSync(framesL19[i] as Uint8Array) },
        { name: 'zstd_dict L19', run: (i) => zstdL19.decode(zL19[i] as Uint8Array) },
      ],
      m.length,
      calls,
      (i) => (kinds[i] as { cls: string }).cls,
    )
    const runMs = performance.now() - tRun0
    await flushGcEntries()
    let g = 0
    for (const c of [...timed].sort((a, b) => a.start - b.start)) {
      while (g < gcs.length && (gcs[g] as { end: number }).end < c.start) g++
      const gc = gcs[g]
      if (gc !== undefined && gc.start <= c.start + c.us / 1000) c.cls += ', GC'
    }
    const sorted = [...timed].sort((a, b) => a.us - b.us)
    const at = (q: number): number => (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as Call).us
    const [p50, p98, p99] = [at(0.5), at(0.98), at(0.99)]
    const above99 = timed.filter((c) => c.us > p99)
    const above98 = timed.filter((c) => c.us > p98)
    const byCls = (c: Call): string => c.cls
    const [all, t98, t99] = [tally(timed, byCls), tally(above98, byCls), tally(above99, byCls)]
    const mean = timed.reduce((s, c) => s + c.us, 0) / timed.length
    console.log('')
    console.log(
      `## ${system.name}: ${m.length} lines; hybrid L3 decompressSync p50 ${p50.toFixed(2)} µs, p98 ${p98.toFixed(2)}, p99 ${p99.toFixed(2)}, mean ${mean.toFixed(2)}; GC pauses during timing ${gcs.length} (${gcs.reduce((s, x) => s + x.end - x.start, 0).toFixed(1)} ms of ${runMs.toFixed(0)} ms); load ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
    )
    console.log('')
    console.log('| frame | all calls | share | above p98 | above p99 | mean µs | median µs |')
    console.log('|---|---:|---:|---:|---:|---:|---:|')
    for (const k of [...all.keys()].sort((a, b) => (all.get(b) ?? 0) - (all.get(a) ?? 0))) {
      const us = timed.filter((c) => c.cls === k).map((c) => c.us)
      console.log(
        `| ${k} | ${all.get(k)} | ${pct(all.get(k) ?? 0, timed.length)} | ${t98.get(k) ?? 0} | ${t99.get(k) ?? 0} | ${(us.reduce((s, x) => s + x, 0) / us.length).toFixed(2)} | ${median(us).toFixed(2)} |`,
      )
    }
    // per line: times above p98, and its median (slow every time = its work; now and then = noise)
    const perLine = new Map<number, number[]>()
    for (const c of timed) perLine.set(c.line, [...(perLine.get(c.line) ?? []), c.us])
    const lineMedian = new Map([...perLine].map(([line, us]) => [line, median(us)]))
    const aboveOf = (us: number[]): number => us.filter((x) => x > p98).length
    // lines whose median is above the p99: slow every time they are decoded
    const slowLines = [...lineMedian].filter(([, med]) => med > p99)
    const slowCalls = slowLines.reduce((s, [line]) => s + (perLine.get(line) as number[]).length, 0)
    console.log('')
    console.log(
      `lines whose median is above the p99: ${slowLines.length} (${pct(slowCalls, timed.length)} of calls); above the p98: ${[...lineMedian].filter(([, med]) => med > p98).length}`,
    )
    const top = [...perLine].sort((a, b) => aboveOf(b[1]) - aboveOf(a[1])).slice(0, 10)
    console.log('lines most often above p98 (line: above/times, median µs, line bytes, frame bytes, frame):')
    for (const [line, us] of top)
      console.log(
        `  ${line}: ${aboveOf(us)}/${us.length}, ${(lineMedian.get(line) as number).toFixed(2)} µs, ${(m[line] as Uint8Array).length} B, ${(framesL3[line] as Uint8Array).length} B, ${(kinds[line] as { template: string }).template}`,
      )
    const byTemplate = tally(above98, (c) => (kinds[c.line] as { template: string }).template)
    const allByTemplate = tally(timed, (c) => (kinds[c.line] as { template: string }).template)
    console.log(
      `templates above p98 (above / all calls): ${[...byTemplate]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([t, n]) => `${t}: ${n}/${allByTemplate.get(t)}`)
        .join('; ')}`,
    )
    console.log(
      `distinct lines above p98: ${[...perLine.values()].filter((us) => aboveOf(us) > 0).length}; calls above p98 on lines above it at most twice: ${[...perLine.values()].filter((us) => aboveOf(us) > 0 && aboveOf(us) <= 2).reduce((s, us) => s + aboveOf(us), 0)}`,
    )
    console.log(
      `allocation, hybrid L3 decompressSync: ${allocationPerCall((i) => hybridL3.decompressSync(framesL3[i] as Uint8Array), m.length, 20_000)}; zstd_dict L3 decode: ${allocationPerCall((i) => zstdL3.decode(zL3[i] as Uint8Array), m.length, 20_000)}`,
    )
    dump[system.name] = timed
  }
  if (dumpTo !== undefined) writeFileSync(dumpTo, JSON.stringify(dump))
  console.log(`- load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
  gcWatch.stop()
}

await main()
