/**
 * How soon `aura-bench discover` ends on a signal sent while it computes (round 31): spawns the CLI's
 * file MAIN (`dist/bin/main.js` of a build, or an installed package's) on CORPUS with `--out` a copy of
 * STORE, sends SIGNAL DELAY_MS after its first stdout line (`discover: N messages from ...`, printed
 * once the corpus is read), and prints the seconds from the signal to the exit, the exit code or
 * signal, whether the store is unchanged and the `interrupted` lines. Run two builds one after the
 * other, and again in the other order; the load average is printed with every figure.
 *
 *   npx tsx bench/discover-signal.ts MAIN CORPUS STORE [DELAY_MS=3000] [SIGNAL=SIGTERM]
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'

const [main, corpus, store, delay = '3000', signal = 'SIGTERM'] = process.argv.slice(2)
if (main === undefined || corpus === undefined || store === undefined) {
  console.error('usage: npx tsx bench/discover-signal.ts MAIN CORPUS STORE [DELAY_MS] [SIGNAL]')
  process.exit(2)
}
const dir = mkdtempSync(path.join(tmpdir(), 'discover-signal-'))
const out = path.join(dir, 'store.json')
copyFileSync(store, out)
const before = readFileSync(out, 'utf8')
const child = spawn(process.execPath, [main, 'discover', corpus, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] })
let stderr = ''
child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
const exited = new Promise<[number | null, string | null]>((resolve) =>
  child.on('exit', (code, sig) => resolve([code, sig])),
)
// a CLI that exits before its first line (a bad corpus, a build error) ends the bench, not hangs it
const started = await Promise.race([
  new Promise<'printed'>((resolve) => child.stdout.once('data', () => resolve('printed'))),
  exited.then(() => 'exited' as const),
])
if (started === 'exited') {
  process.stderr.write(`${main} exited before its first line:\n${stderr}`)
  process.exit(1)
}
child.stdout.resume()
await new Promise((resolve) => setTimeout(resolve, Number(delay)))
const start = performance.now()
child.kill(signal as NodeJS.Signals)
const [code, sig] = await exited
const seconds = ((performance.now() - start) / 1000).toFixed(2)
const said = stderr.split('\n').filter((line) => /interrupted/.test(line))
console.log(
  `${main}: ${signal} at first line +${delay} ms -> exit after ${seconds} s, code ${code} signal ${sig}, store unchanged ${readFileSync(out, 'utf8') === before}, lines ${JSON.stringify(said)}, load ${(loadavg()[0] ?? 0).toFixed(1)}`,
)
rmSync(dir, { recursive: true, force: true })
