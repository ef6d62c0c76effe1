/**
 * A driver for profiling the template path (not a goal's figure): per Loghub-format system named on
 * the command line, a store discovered from the first half of its lines (as bench/speed.ts does,
 * kept in `--work DIR` so a second run reuses it), then the held-out lines a template encodes are
 * matched and encoded (and their frames decoded) in a tight loop. Prints the mean µs per call.
 * `--phase split` instead times each call of the encode path cut after each step (byte screen and
 * anchor scan; + UTF-8 decode; + matchSpecific; + the chooser; the whole encodeBytes), interleaved
 * per line, and prints the p50 of each per system: where the template path's time goes.
 * `--phase stages` splits the encode by stage (byte screen; anchor scan; UTF-8 decode; match: the
 * compiled split of a line's only candidate, else matchSpecific; slot writers: that split's body, else
 * every specific match's body, which is more than the encode writes; the rest: the chooser, the frame's
 * header and assembly, its allocation, the calls between), each stage timed over all held-out lines in
 * a loop (no timer call per line, whose cost is that of a small stage), stages interleaved by round;
 * prints the mean ns per line of the round least disturbed by other processes (the smallest).
 *
 *   node --cpu-prof --import tsx bench/profile-template-path.ts --work /tmp/stores [--phase encode|decode|nomatch|split|stages] [--rounds N] DIR...
 */
import os from 'node:os'
import { parseFrame, writeTemplateFrame } from '../src/codecs/index.ts'
import { tryDecodeUtf8 } from '../src/core/index.ts'
import { createMatcher, createTemplateFrameEncoder, decodeBinarySemantic } from '../src/templates/index.ts'
import { TemplateChooser } from '../src/templates/template-encoder.ts'
import { createByteScreen } from '../src/templates/byte-screen.ts'
import { type CompiledTemplate, compiledTemplateOf } from '../src/templates/template-compiled.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

const argv = process.argv.slice(2)
const flagValue = (flag: string): string | undefined => {
  const at = argv.indexOf(flag)
  return at === -1 ? undefined : argv[at + 1]
}
const paths = positionalArgs(argv, ['--work', '--phase', '--rounds'])
const work = flagValue('--work')
if (paths.length === 0 || work === undefined) {
  console.error(
    'usage: node --import tsx bench/profile-template-path.ts --work DIR [--phase encode|decode|nomatch|split|stages] [--rounds N] <loghub system folder | folder of them>...',
  )
  process.exit(2)
}
const phase = flagValue('--phase') ?? 'encode'
const rounds = Number(flagValue('--rounds') ?? 200)

const systems = loghubSystemsFrom(paths)
const loaded = []
for (const system of systems) loaded.push({ system, ...(await cachedDiscoveredStore(system, work)) })

/** p50 µs of each cut of the encode path (see the file comment), every cut timed on each line in turn. */
function splitPhases(store: Parameters<typeof createMatcher>[0], hits: readonly Uint8Array[]): number[] {
  const matcher = createMatcher(store)
  const prefixes = new Map<number, number>()
  const prefixBytes = (id: number): number => {
    let size = prefixes.get(id)
    if (size === undefined) prefixes.set(id, (size = writeTemplateFrame(id, new Uint8Array(0)).length))
    return size
  }
  const frameEncoder = createTemplateFrameEncoder(matcher, (id) => writeTemplateFrame(id, new Uint8Array(0)))
  const chooser = new TemplateChooser()
  const matchOf = (m: Uint8Array) => {
    matcher.mayMatchBytes(m)
    const text = tryDecodeUtf8(m) as string
    return { text, matches: matcher.matchSpecific(text, m, prefixBytes) }
  }
  const cuts: ((m: Uint8Array) => unknown)[] = [
    (m) => matcher.mayMatchBytes(m),
    (m) => matcher.mayMatchBytes(m) && tryDecodeUtf8(m),
    matchOf,
    (m) => {
      const { text, matches } = matchOf(m)
      return chooser.choose(text, matches, prefixBytes)
    },
    (m) => frameEncoder.encodeBytes(m),
  ]
  const times = cuts.map(() => new Float64Array(rounds * hits.length))
  for (const m of hits) for (const cut of cuts) cut(m)
  let call = 0
  for (let r = 0; r < rounds; r++)
    for (const m of hits) {
      cuts.forEach((cut, j) => {
        const t0 = process.hrtime.bigint()
        cut(m)
        ;(times[j] as Float64Array)[call] = Number(process.hrtime.bigint() - t0) / 1000
      })
      call++
    }
  return times.map((t) => t.sort()[t.length >> 1] as number)
}

if (phase === 'split') {
  console.log(
    `load average (1 min) at start: ${(os.loadavg()[0] ?? 0).toFixed(2)}; p50 µs per call, each cut includes the ones before it`,
  )
  console.log(
    '| system | lines | screen + anchor scan | + UTF-8 decode | + matchSpecific | + chooser | whole encodeBytes |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  const logs: number[][] = []
  for (const { system, store, heldOut } of loaded) {
    const probe = createTemplateFrameEncoder(createMatcher(store), (id) => writeTemplateFrame(id, new Uint8Array(0)))
    const hits = heldOut.filter((m) => probe.encodeBytes(m) !== undefined)
    const p50s = splitPhases(store, hits)
    logs.push(p50s.map(Math.log))
    console.log(`| ${system.name} | ${hits.length} | ${p50s.map((v) => v.toFixed(2)).join(' | ')} |`)
  }
  const means = (logs[0] ?? []).map((_, j) =>
    Math.exp(logs.reduce((sum, row) => sum + (row[j] as number), 0) / logs.length),
  )
  console.log(`| geometric mean of the p50s | | ${means.map((v) => v.toFixed(2)).join(' | ')} |`)
  console.log(`load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
  process.exit(0)
}

/** Mean ns per line of each stage (see the file comment), the smallest over `rounds` rounds, and the share of lines with one candidate. */
function stageMeans(store: Parameters<typeof createMatcher>[0], hits: readonly Uint8Array[]): number[] {
  const matcher = createMatcher(store)
  const frameEncoder = createTemplateFrameEncoder(matcher, (id) => writeTemplateFrame(id, new Uint8Array(0)))
  const screen = createByteScreen(store.templates)
  const texts = hits.map((m) => tryDecodeUtf8(m) as string)
  const headerSizes = new Map<number, number>()
  const headerBytes = (id: number): number => {
    let size = headerSizes.get(id)
    if (size === undefined) headerSizes.set(id, (size = writeTemplateFrame(id, new Uint8Array(0)).length))
    return size
  }
  // a line's only candidate, compiled (the encoder splits and writes it so), or undefined: several
  const lone = hits.map((m, i): CompiledTemplate | undefined => {
    matcher.mayMatchBytes(m)
    const selected = matcher.selection(texts[i] as string, m)
    return selected.length === 1 ? compiledTemplateOf((selected[0] as (typeof selected)[number]).template) : undefined
  })
  const scratch = new Uint8Array(1 << 16)
  let sink = 0
  const matchLine = (i: number, write: boolean): void => {
    const [m, text, compiled] = [hits[i] as Uint8Array, texts[i] as string, lone[i]]
    matcher.mayMatchBytes(m)
    if (compiled !== undefined) {
      sink += compiled.split(text)
      if (write) sink += compiled.writeBody(text, scratch, 0)
      return
    }
    for (const match of matcher.matchSpecific(text, m, headerBytes))
      sink += write ? compiledTemplateOf(match.template).writeSpans(text, match.spans, scratch, 0) : 1
  }
  const stages: ((i: number) => void)[] = [
    (i) => {
      sink += screen(hits[i] as Uint8Array) ? 1 : 0
    },
    (i) => {
      sink += matcher.mayMatchBytes(hits[i] as Uint8Array) ? 1 : 0
    },
    (i) => {
      sink += (tryDecodeUtf8(hits[i] as Uint8Array) as string).length
    },
    (i) => matchLine(i, false),
    (i) => matchLine(i, true),
    (i) => {
      sink += frameEncoder.encodeBytes(hits[i] as Uint8Array)?.templateId ?? 0
    },
  ]
  const best = stages.map(() => Infinity)
  for (let r = 0; r < rounds; r++)
    stages.forEach((stage, j) => {
      const t0 = process.hrtime.bigint()
      for (let i = 0; i < hits.length; i++) stage(i)
      best[j] = Math.min(best[j] as number, Number(process.hrtime.bigint() - t0) / hits.length)
    })
  if (sink === -1) console.log(sink)
  const [screened, selected, decoded, matched, written, whole] = best as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const single = lone.filter((compiled) => compiled !== undefined).length / hits.length
  return [
    single,
    screened,
    selected - screened,
    decoded,
    matched - selected,
    written - matched,
    whole - written - decoded,
    whole,
  ]
}

if (phase === 'stages') {
  console.log(
    `load average (1 min) at start: ${(os.loadavg()[0] ?? 0).toFixed(2)}; mean ns per held-out line, the smallest of ${rounds} rounds`,
  )
  console.log(
    '| system | lines | one candidate | byte screen | anchor scan | UTF-8 decode | match | slot writers | rest: chooser, frame assembly, allocation | whole encodeBytes |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const { system, store, heldOut } of loaded) {
    const probe = createTemplateFrameEncoder(createMatcher(store), (id) => writeTemplateFrame(id, new Uint8Array(0)))
    const hits = heldOut.filter((m) => probe.encodeBytes(m) !== undefined)
    const [single, ...ns] = stageMeans(store, hits) as [number, ...number[]]
    console.log(
      `| ${system.name} | ${hits.length} | ${(single * 100).toFixed(0)}% | ${ns.map((v) => v.toFixed(0)).join(' | ')} |`,
    )
  }
  console.log(`load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
  process.exit(0)
}

let total = 0
for (const [k, { system, store, heldOut }] of loaded.entries()) {
  const frameEncoder = createTemplateFrameEncoder(createMatcher(store), (id) =>
    writeTemplateFrame(id, new Uint8Array(0)),
  )
  const source = phase === 'nomatch' ? (loaded[(k + 1) % loaded.length] as (typeof loaded)[number]).heldOut : heldOut
  const hits = source.filter((m) => (frameEncoder.encodeBytes(m) === undefined) === (phase === 'nomatch'))
  const frames = hits.map((m) => frameEncoder.encodeBytes(m)?.frame)
  const t0 = performance.now()
  let calls = 0
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < hits.length; i++) {
      if (phase === 'decode') {
        const parsed = parseFrame(frames[i] as Uint8Array, 'tagged')
        if (parsed.method === 'binary_semantic') decodeBinarySemantic(store, parsed.templateId, parsed.payload)
      } else frameEncoder.encodeBytes(hits[i] as Uint8Array)
      calls++
    }
  }
  const us = ((performance.now() - t0) * 1000) / Math.max(1, calls)
  total += us
  console.log(`${system.name}: ${hits.length} lines, ${phase} ${us.toFixed(2)} µs/call`)
}
console.log(`mean over systems: ${(total / loaded.length).toFixed(2)} µs/call`)
