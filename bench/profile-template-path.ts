/**
 * A driver for profiling the template path (not a goal's figure): per Loghub-format system named on
 * the command line, a store discovered from the first half of its lines (as bench/speed.ts does,
 * kept in `--work DIR` so a second run reuses it), then the held-out lines a template encodes are
 * matched and encoded (and their frames decoded) in a tight loop. Prints the mean µs per call.
 *
 *   node --cpu-prof --import tsx bench/profile-template-path.ts --work /tmp/stores [--phase encode|decode|nomatch] [--rounds N] DIR...
 */
import { parseFrame, writeTemplateFrame } from '../src/codecs/index.ts'
import { createMatcher, createTemplateFrameEncoder, decodeBinarySemantic } from '../src/templates/index.ts'
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
    'usage: node --import tsx bench/profile-template-path.ts --work DIR [--phase encode|decode|nomatch] [--rounds N] <loghub system folder | folder of them>...',
  )
  process.exit(2)
}
const phase = flagValue('--phase') ?? 'encode'
const rounds = Number(flagValue('--rounds') ?? 200)

const systems = loghubSystemsFrom(paths)
const loaded = []
for (const system of systems) loaded.push({ system, ...(await cachedDiscoveredStore(system, work)) })

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
