/**
 * Whether `aura-bench run` exits 130 / 143 on a signal, or is killed by one (round 32: SIGABRT from a
 * worker thread terminated mid-message), over many tries: the busy suite of test/slow/cli-signals.test.ts
 * (40,000 lines, `workers: 2`, a hybrid config, a Python external compressor, one that hangs; written
 * into a temporary folder, no corpus read), the signal DELAYS ms after the CLI's first stdout line, as
 * that test sends it (a comma list; `LO-HI` is a delay drawn from that range, the same for every build
 * within a try: seeded, so a second invocation draws the same delays). Each MAIN (`dist/bin/main.js` of a build, in a folder that also holds its
 * package.json) is tried in turn for every try, delay and signal, so builds given together share the
 * machine's load. Prints each try that did not exit 128+n with its stderr, then the tally per build and
 * the load average.
 *
 *   npx tsx bench/run-signal.ts TRIES DELAYS SIGNALS MAIN [MAIN...]
 *   e.g. npx tsx bench/run-signal.ts 30 0,700,2000 SIGINT,SIGTERM .tmp/before/dist/bin/main.js .tmp/after/dist/bin/main.js
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { writeBusySuite } from '../test/harness/busy-suite.ts'

const [tries, delays, signals, ...given] = process.argv.slice(2)
const mains = given.map((main) => path.resolve(main))
if (tries === undefined || delays === undefined || signals === undefined || mains.length === 0) {
  console.error('usage: npx tsx bench/run-signal.ts TRIES DELAYS SIGNALS MAIN [MAIN...]')
  process.exit(2)
}
/** mulberry32: the same delays on every invocation */
let seed = 32
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
function delayOf(spec: string): number {
  const [lo, hi] = spec.split('-').map(Number) as [number, number | undefined]
  return hi === undefined ? lo : Math.round(lo + random() * (hi - lo))
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

interface Outcome {
  code: number | null
  signal: string | null
  stderr: string
}

function interrupt(main: string, suite: string, signal: NodeJS.Signals, delayMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main, 'run', suite, '--out', path.join(path.dirname(suite), 'out')], {
      cwd: path.dirname(suite),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.once('data', () => {
      child.stdout.resume()
      setTimeout(() => child.kill(signal), delayMs)
    })
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr }))
  })
}

console.log(`load at start ${load()}`)
const tally = new Map<string, number>()
for (let i = 0; i < Number(tries); i++)
  for (const spec of delays.split(','))
    for (const signal of signals.split(',') as NodeJS.Signals[]) {
      const delay = delayOf(spec)
      for (const main of mains) {
        const dir = mkdtempSync(path.join(tmpdir(), 'aura-run-signal-'))
        const outcome = await interrupt(main, writeBusySuite(dir), signal, delay)
        rmSync(dir, { recursive: true, force: true })
        const build = path.relative(process.cwd(), main)
        const expected = signal === 'SIGINT' ? 130 : 143
        const key = `${build}: ${outcome.code === expected ? `exit ${expected}` : `code ${outcome.code} signal ${outcome.signal}`}`
        tally.set(key, (tally.get(key) ?? 0) + 1)
        if (outcome.code !== expected)
          console.log(
            `try ${i} ${build} ${signal} +${delay} ms: code ${outcome.code} signal ${outcome.signal}, load ${load()}\n${outcome.stderr}`,
          )
      }
    }
for (const [key, count] of [...tally].sort()) console.log(`${key}: ${count}`)
console.log(`load at end ${load()}`)
