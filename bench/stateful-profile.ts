/**
 * Where the cm sender's encode time goes (stop 33, s33-state): the HELD-OUT half of each corpus (as
 * `compare` splits it; dictionary of `--dict-kib` from the training half; connections in compare's
 * order, Loghub as one connection) encoded `--rounds` times by the BUILT sender (`--dist DIR`,
 * default dist: its JavaScript keeps the source's lines and comments) under V8's sampling profiler
 * (node:inspector, one sample per `--interval-us`). Printed per corpus:
 * - how the positions were coded (run model, the match's expected byte, 8 modelled bits), counted by a
 *   second model replaying the same connections (encodeMessageWith: the same events as the sender);
 * - the share of the sender's samples by function (self time; V8 attributes a function inlined into
 *   another to the caller, so codeByte's share is mostly the per-bit loop inlined into it);
 * - the per-bit loop's samples (modelled-byte.js, where not inlined) by stage, the stages found by the
 *   comments that open them in the built file (a comment missing: exit 1, the bench is out of date).
 * CPU only; the machine's load is printed, and shares under load are still shares of one process's samples.
 *
 *   npx tsx bench/stateful-profile.ts <messages.jsonl | System_2k.log>... [--dist dist] [--rounds 2] [--interval-us 100] [--dict-kib 1024]
 */
import { readFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { resolve } from 'node:path'
import { loadHeldOutWithDictionary, loadText, readBenchArgs } from './stateful-args.ts'
import { groupByConnection } from '../src/compare/group-connections.ts'

const { corpora, option } = readBenchArgs(
  'tsx bench/stateful-profile.ts <corpus>... [--dist dist] [--rounds 2] [--interval-us 100] [--dict-kib 1024]',
)
const dist = resolve(option('dist', 'dist'))
const rounds = Number(option('rounds', '2'))
const intervalUs = Number(option('interval-us', '100'))
type Stream = typeof import('../src/stateful/model-stream.ts')
type Models = typeof import('../src/stateful/context-model.ts')
type Matches = typeof import('../src/stateful/match-model.ts')
type Coder = typeof import('../src/stateful/binary-coder.ts')
const stream: Stream = await import(`${dist}/stateful/model-stream.js`)
const models: Models = await import(`${dist}/stateful/context-model.js`)
const matches: Matches = await import(`${dist}/stateful/match-model.js`)
const coder: Coder = await import(`${dist}/stateful/binary-coder.js`)

/** The per-bit loop's stages: each opens at the first line (after the previous stage's) holding its marker. */
const STAGES: ReadonlyArray<readonly [string, string]> = [
  ['byte setup: hashes, match and number bytes', 'export function codeModelledByte'],
  ['bit: table indices, order states read', '// the top bits of imul'],
  ['bit: stretched inputs (order 0, 7 state maps)', "// each order's input"],
  ['bit: match and number inputs', '// the match and number inputs'],
  ['bit: two dot products', '// sums of integer products'],
  ['bit: clamp and average', '// clamped to -2047..2047'],
  ['bit: probability map, squash, the coder call', '// the probability map'],
  ['learn: order 0', '// learn the bit'],
  ['learn: 7 state maps, 7 next states, match/number tables', '// each state map entry'],
  ['learn: two mixer rows', "// the two rows' dot products"],
  ['learn: probability map, next partial byte', 'const apmEntry'],
]
const loopFile = `${dist}/stateful/modelled-byte.js`
const loopLines = readFileSync(loopFile, 'utf8').split('\n')
const stageStarts: number[] = []
for (const [name, marker] of STAGES) {
  const from = stageStarts.at(-1) ?? 0
  const at = loopLines.findIndex((line, i) => i >= from && line.includes(marker))
  if (at < 0) {
    process.stderr.write(`stateful-profile: ${loopFile} has no "${marker}" (stage "${name}"): update STAGES\n`)
    process.exit(1)
  }
  stageStarts.push(at)
}
const stageOf = (line: number): number => {
  let stage = 0
  for (let s = 0; s < stageStarts.length; s++) if (line - 1 >= (stageStarts[s] as number)) stage = s
  return stage
}

const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
process.stdout.write(
  `HELD-OUT halves; built sender ${dist}; ${rounds} rounds; sampling every ${intervalUs} µs; load ${loadText()} (shared machine)\n`,
)
const sizes = stream.cmSizes({ windowLog: 15, hashLog: 12 })
for (const path of corpora) {
  const { heldOut, dictionary } = await loadHeldOutWithDictionary(path, Number(option('dict-kib', '1024')) * 1024)
  const connections = groupByConnection(heldOut, 0)
  // positions by kind: a second model replaying the connections with the sender's events
  const shared = matches.createSharedDictionary(dictionary)
  const primed = new models.ContextModel(sizes, shared)
  primed.prime()
  const kinds = { run: 0, expected: 0, modelled: 0 }
  for (const connection of connections) {
    const model = primed.clone()
    const sink = new coder.BinaryEncoder()
    for (const message of connection) {
      stream.encodeMessageWith(model, sink, message.bytes, (_, kind) => {
        kinds[kind] += 1
      })
      sink.finish()
    }
  }
  const factory = stream.createModelStreamFactory(dictionary, sizes)
  // warm-up, unprofiled: one throwaway connection over the first messages
  const warm = factory.encoder()
  for (const message of connections.flat().slice(0, 40)) warm(message.bytes)
  await session.post('Profiler.start')
  const started = process.cpuUsage()
  let bytes = 0
  for (let round = 0; round < rounds; round++)
    for (const connection of connections) {
      const encode = factory.encoder()
      for (const message of connection) {
        encode(message.bytes)
        bytes += message.bytes.length
      }
    }
  const cpu = process.cpuUsage(started)
  const { profile } = await session.post('Profiler.stop')
  const byFunction = new Map<string, number>()
  const stageTicks = new Float64Array(STAGES.length)
  let total = 0
  const selfTicks = new Map<number, number>()
  for (const id of profile.samples ?? []) selfTicks.set(id, (selfTicks.get(id) ?? 0) + 1)
  for (const node of profile.nodes) {
    const ticks = selfTicks.get(node.id) ?? 0
    if (ticks === 0) continue
    const url = node.callFrame.url
    const inSender = url.includes('/stateful/')
    const name = inSender
      ? `${node.callFrame.functionName || '(anonymous)'} (${url.split('/').at(-1)})`
      : '(outside src/stateful: GC, program, bench)'
    byFunction.set(name, (byFunction.get(name) ?? 0) + ticks)
    total += ticks
    if (url.endsWith('/stateful/modelled-byte.js'))
      for (const tick of node.positionTicks ?? []) {
        const stage = stageOf(tick.line)
        stageTicks[stage] = (stageTicks[stage] as number) + tick.ticks
      }
  }
  const positions = kinds.run + kinds.expected + kinds.modelled
  const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`
  process.stdout.write(
    `${path.split('/').at(-2)}: ${heldOut.length} msgs in ${connections.length} conns, ${bytes / rounds} B a round; CPU ${((cpu.user + cpu.system) / bytes).toFixed(3)} µs/B (${total} samples); positions: modelled ${pct(kinds.modelled, positions)}, expected byte ${pct(kinds.expected, positions)}, run ${pct(kinds.run, positions)}; load ${loadText()}\n`,
  )
  for (const [name, ticks] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12))
    process.stdout.write(`  ${pct(ticks, total).padStart(6)}  ${name}\n`)
  const loopTotal = stageTicks.reduce((s, t) => s + t, 0)
  process.stdout.write(`  per-bit loop by stage (${loopTotal} samples of modelled-byte.js not inlined):\n`)
  STAGES.forEach(([name], s) =>
    process.stdout.write(`    ${pct(stageTicks[s] as number, loopTotal).padStart(6)}  ${name}\n`),
  )
}
session.disconnect()
