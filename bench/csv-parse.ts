/**
 * parseCsvRows (src/core/csv.ts, slicing) against the character-by-character reader it replaced
 * (bench/lib/csv-reference.ts), side by side in one process on real CSV files, interleaved each round.
 *
 *   node --expose-gc --import tsx bench/csv-parse.ts [--mb 20] [--rounds 6] FILE.csv [FILE.csv ...]
 *
 * The files are read as UTF-8 and concatenated (each ending in a line break) as many times as it takes
 * to reach --mb MB of text, the way a large `*_structured.csv` reaches the reader. Per reader and round:
 * wall time of one parse; bytes allocated during it (V8's sampling heap profiler with objects the GC
 * collected kept in the profile, so garbage counts too; a sampled estimate, 32 KiB interval); the
 * heap still held by the rows after a full GC.
 */
import { readFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseCsvRows } from '../src/core/csv.ts'
import { parseCsvRowsCharByChar } from './lib/csv-reference.ts'

interface ProfileNode {
  selfSize: number
  children: ProfileNode[]
}

function parseArgs(argv: readonly string[]): { files: string[]; mb: number; rounds: number } {
  const files: string[] = []
  let mb = 20
  let rounds = 6
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--mb') mb = Number(argv[++i])
    else if (a === '--rounds') rounds = Number(argv[++i])
    else files.push(a)
  }
  if (files.length === 0 || !(mb > 0) || !(rounds > 0)) {
    console.error('usage: node --expose-gc --import tsx bench/csv-parse.ts [--mb 20] [--rounds 6] FILE.csv ...')
    process.exit(2)
  }
  return { files, mb, rounds }
}

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) {
  console.error('run with node --expose-gc')
  process.exit(2)
}

const session = new Session()
session.connect()
function post<T>(method: string, params?: object): T {
  let out: T | undefined
  let err: Error | null = null
  session.post(method, params ?? {}, (e, r) => {
    err = e
    out = r as T
  })
  if (err) throw err
  return out as T
}
function sumSelf(node: ProfileNode): number {
  let s = node.selfSize
  for (const c of node.children) s += sumSelf(c)
  return s
}

const { files, mb, rounds } = parseArgs(process.argv.slice(2))
const parts = files.map((f) => {
  const t = readFileSync(f, 'utf8')
  return t.endsWith('\n') ? t : `${t}\n`
})
const one = parts.join('')
const copies = Math.max(1, Math.ceil((mb * 1e6) / one.length))
// a flat string, as readFileSync gives the reader (not a rope of concatenations)
const text = Buffer.from(one.repeat(copies), 'utf8').toString('utf8')

const readers = [
  { name: 'old char-by-char', parse: parseCsvRowsCharByChar },
  { name: 'new slicing', parse: parseCsvRows },
]
function sameRows(): { same: boolean; rows: number } {
  const a = parseCsvRowsCharByChar(text)
  const b = parseCsvRows(text)
  return {
    same: a.length === b.length && a.every((r, i) => JSON.stringify(r) === JSON.stringify(b[i])),
    rows: a.length,
  }
}
const check = sameRows()
console.log(
  `${files.length} file(s) x ${copies} copies = ${(text.length / 1e6).toFixed(1)} M chars, ${check.rows} rows; same rows: ${check.same}`,
)
if (!check.same) process.exit(1)

const tick = () => new Promise((res) => setImmediate(res))
/** one parse, measured; the rows die when this returns, so the next measurement starts clean */
async function measure(parse: (t: string) => string[][]) {
  gc?.()
  await tick()
  const heapBefore = process.memoryUsage().heapUsed
  post('HeapProfiler.startSampling', {
    samplingInterval: 32768,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  const t0 = performance.now()
  const rows = parse(text)
  const ms = performance.now() - t0
  const { profile } = post<{ profile: { head: ProfileNode } }>('HeapProfiler.stopSampling')
  gc?.()
  const held = process.memoryUsage().heapUsed - heapBefore
  return { ms, allocated: sumSelf(profile.head), held, rows: rows.length }
}

const mib = (n: number) => (n / 1048576).toFixed(1)
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 === 1 ? readers : [...readers].reverse()
  for (const r of order) {
    const m = await measure(r.parse)
    const load = os.loadavg().map((l) => l.toFixed(2))
    console.log(
      `round ${round} ${r.name.padEnd(16)} ${m.ms.toFixed(0).padStart(6)} ms  allocated ~${mib(m.allocated).padStart(6)} MiB  held after gc ${mib(m.held).padStart(6)} MiB  rows ${m.rows}  load ${load.join(' ')}`,
    )
  }
}
session.disconnect()
