// SIGINT and SIGTERM sent to the CLI's process (what Ctrl-C, a CI cancel or a timeout does) at several
// moments: the process exits 130 / 143 with one line saying so, the previous report is left as it
// was, and no process it started (an external compressor, one that hangs included) outlives it.
// Runs the compiled CLI (dist/, built by `npm test`'s pretest) as a user's shell would.
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasCommand, REPO, tempFolder } from '../gate-support.ts'

const MAIN = path.join(REPO, 'dist/cli/main.js')
const hasPython = hasCommand('python3')

/** A suite that keeps the CLI busy for several seconds: worker threads, then a Python compressor, then one that hangs. */
function writeBusySuite(dir: string): string {
  const script = path.join(dir, 'compressor.py')
  copyFileSync(path.join(REPO, 'test/external/compressor.py'), script)
  const lines = Array.from({ length: 40_000 }, (_, i) => `2026-12-05 04:${String(i % 60).padStart(2, '0')} INFO request ${i} served /api/v1/items/${(i * 7919) % 1000} in ${i % 97} ms`)
  writeFileSync(path.join(dir, 'lines.txt'), `${lines.join('\n')}\n`)
  writeFileSync(path.join(dir, 'hybrid.yaml'), 'name: hybrid\nfallback: deflate\n')
  writeFileSync(path.join(dir, 'python.yaml'), `name: python\nexternal_command: ["python3", ${JSON.stringify(script)}]\n`)
  writeFileSync(path.join(dir, 'hang.yaml'), `name: hang\nexternal_command: ["python3", ${JSON.stringify(script)}, "--hang-after", "100"]\nexternal_timeout_ms: 60000\n`)
  const suite = path.join(dir, 'busy.yaml')
  writeFileSync(
    suite,
    ['name: busy', 'workers: 2', 'corpora: [{ path: lines.txt }]', 'configs: [hybrid.yaml, python.yaml, hang.yaml]', 'targets: [{ metric: roundTripMismatches, pass: 0 }]', 'latency: { samples: 200, warmup: 10, time_ms: 300 }', ''].join('\n'),
  )
  return suite
}

/** Processes whose command line mentions the folder (the CLI itself, its Python children). */
function processesIn(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir) && !line.includes('ps -eo'))
}

async function interrupt(suite: string, out: string, signal: 'SIGINT' | 'SIGTERM', delayMs: number) {
  const child = spawn(process.execPath, [MAIN, 'run', suite, '--out', out], { cwd: path.dirname(suite), stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  // the delay counts from the CLI's first line (`suite busy: ...`): before it, node itself is still starting
  await new Promise((resolve) => child.stdout.once('data', resolve))
  child.stdout.resume()
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  child.kill(signal)
  const code = await exited
  return { code, stderr }
}

describe.skipIf(!hasPython)('the CLI on SIGINT and SIGTERM', () => {
  it('exists compiled (npm test builds it first)', () => {
    expect(existsSync(MAIN), `${MAIN} is missing: run npm run build`).toBe(true)
  })

  const cases = [0, 700, 2000].flatMap((delayMs) => (['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, delayMs] as const))
  it.each(cases)('%s %i ms after the first line: exit 128+n, one line, previous report intact, no process left', async (signal, delayMs) => {
    const dir = tempFolder('signals')
    const suite = writeBusySuite(dir)
    const out = path.join(dir, 'out')
    mkdirSync(out)
    writeFileSync(path.join(out, 'results.json'), '{"previous": true}\n')
    writeFileSync(path.join(out, 'report.md'), '# the previous report\n')

    const { code, stderr } = await interrupt(suite, out, signal, delayMs)
    expect(code).toBe(signal === 'SIGINT' ? 130 : 143)
    expect(stderr.split('\n').filter((line) => /interrupted/.test(line))).toHaveLength(1)
    expect(stderr).not.toMatch(/^ {4}at /m)
    expect(readFileSync(path.join(out, 'results.json'), 'utf8')).toBe('{"previous": true}\n')
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toBe('# the previous report\n')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(processesIn(dir)).toEqual([])
  })
})
