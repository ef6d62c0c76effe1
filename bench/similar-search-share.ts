/**
 * What the similar-edit search (src/templates/slot-similar.ts) costs on the template path's held-out
 * lines, and how much of it a bound could skip (a diagnostic of s34-sim, not a goal's figure): per
 * Loghub-format system, a store discovered from the first half of its lines (kept in `--work DIR`, as
 * bench/template-path-ab.ts), its frame encoder run once over the held-out lines in order; counted: the
 * similar-edit encode calls (an open enum's unlisted value), the searches they run (the others repeat the
 * previous value and reuse its answer), the searches no edit wins, and those the affix bound proves
 * (no shape of the text's length, and the least affix head + 3 + the text's units beyond the longest
 * value sharing its first or last unit is not under the escape). Then each set of searches replayed,
 * warm, in a loop (a microbenchmark: ns per held-out line, the most a skip could save; what the bound
 * itself costs in place is for bench/template-path-ab.ts to show).
 *
 *   npx tsx bench/similar-search-share.ts --work DIR <loghub system folder | folder of them>...
 */
import os from 'node:os'
import { createSimilarEdits } from '../src/templates/slot-similar.ts'
import { createMatcher, createTemplateFrameEncoder } from '../src/templates/index.ts'
import { writeTemplateFrame } from '../src/codecs/index.ts'
import { varintSizeBytes } from '../src/core/index.ts'
import { loghubSystemsFrom, positionalArgs } from './lib/loghub-args.ts'
import { cachedDiscoveredStore } from './lib/user-setup.ts'

/** The fields of slot-similar.ts's ValueEdits this diagnostic reads (private there). */
interface Internals {
  readonly n: number
  readonly values: readonly string[]
  readonly bestHead: number
  readonly shapes: { readonly lengths: { has(length: number): boolean } }
  search(text: string, start: number, end: number, escapeBytes: number): void
  encode(text: string, start: number, end: number, escapeBytes: number, out: unknown): boolean
}

interface Search {
  edits: Internals
  text: string
  start: number
  end: number
  escapeBytes: number
  won: boolean
}

function provedByBound(s: Search): boolean {
  const { edits, text, start, end, escapeBytes } = s
  const length = end - start
  if (edits.shapes.lengths.has(length)) return false
  let reach = -1
  for (const value of edits.values)
    if (value !== '' && (value[0] === text[start] || value[value.length - 1] === text[end - 1]))
      reach = Math.max(reach, value.length)
  return reach === -1 || varintSizeBytes(2 * edits.n + 1) + 3 + length - Math.min(length, reach) >= escapeBytes
}

function nsPerPass(searches: readonly Search[], f: (s: Search) => void): number {
  if (searches.length === 0) return 0
  const passes = Math.ceil(200_000 / searches.length)
  for (let p = 0; p < passes; p++) for (const s of searches) f(s)
  const start = process.hrtime.bigint()
  for (let p = 0; p < passes; p++) for (const s of searches) f(s)
  return Number(process.hrtime.bigint() - start) / passes
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const work = argv.includes('--work') ? argv[argv.indexOf('--work') + 1] : undefined
  const paths = positionalArgs(argv, ['--work'])
  if (work === undefined || paths.length === 0) {
    console.error('usage: npx tsx bench/similar-search-share.ts --work DIR <loghub system folder | folder of them>...')
    process.exit(2)
  }
  const proto = Object.getPrototypeOf(createSimilarEdits(['a'])) as Internals
  const [search, encode] = [proto.search, proto.encode]
  let calls = 0
  let searches: Search[] = []
  proto.encode = function (this: Internals, text, start, end, escapeBytes, out) {
    calls++
    return encode.call(this, text, start, end, escapeBytes, out)
  }
  proto.search = function (this: Internals, text, start, end, escapeBytes) {
    search.call(this, text, start, end, escapeBytes)
    searches.push({ edits: this, text, start, end, escapeBytes, won: this.bestHead !== -1 })
  }
  console.log(`- load average (1 min) at start: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
  console.log(
    '\n| system | lines | edit calls | searches | no edit | bound proves | all searches ns/line | no-edit ns/line | bound-proved ns/line |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const system of loghubSystemsFrom(paths)) {
    const { store, heldOut } = await cachedDiscoveredStore(system, work)
    ;[calls, searches] = [0, []]
    const encoder = createTemplateFrameEncoder(createMatcher(store), (id: number) =>
      writeTemplateFrame(id, new Uint8Array(0)),
    )
    for (const message of heldOut) encoder.encodeBytes(message)
    const all = searches
    const lost = all.filter((s) => !s.won)
    const proved = all.filter(provedByBound)
    if (proved.some((s) => s.won)) throw new Error(`${system.name}: the bound proves a search an edit wins`)
    const replay = (s: Search): void => search.call(s.edits, s.text, s.start, s.end, s.escapeBytes)
    const perLine = (ns: number): string => (ns / heldOut.length).toFixed(1)
    console.log(
      `| ${system.name} | ${heldOut.length} | ${calls} | ${all.length} | ${lost.length} | ${proved.length} | ${perLine(nsPerPass(all, replay))} | ${perLine(nsPerPass(lost, replay))} | ${perLine(nsPerPass(proved, replay))} |`,
    )
  }
  console.log(`\n- load average (1 min) at the end: ${(os.loadavg()[0] ?? 0).toFixed(2)}`)
}

await main()
