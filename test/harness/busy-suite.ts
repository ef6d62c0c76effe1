/**
 * The busy suite of the signals test (test/slow/cli-signals.test.ts) and of its loop bench
 * (bench/run-signal.ts): the CLI kept busy for several seconds by a `workers: 2` size pass, a Python
 * compressor, then one that hangs, so that a signal lands in each phase.
 */
import { copyFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The external-compressor fixture (python3) the suite's two external configs run. */
const COMPRESSOR = fileURLToPath(new URL('../external/compressor.py', import.meta.url))

/** A suite that keeps the CLI busy for several seconds: worker threads, then a Python compressor, then one that hangs. */
export function writeBusySuite(dir: string): string {
  const script = path.join(dir, 'compressor.py')
  copyFileSync(COMPRESSOR, script)
  const lines = Array.from(
    { length: 40_000 },
    (_, i) =>
      `2026-12-05 04:${String(i % 60).padStart(2, '0')} INFO request ${i} served /api/v1/items/${(i * 7919) % 1000} in ${i % 97} ms`,
  )
  writeFileSync(path.join(dir, 'lines.txt'), `${lines.join('\n')}\n`)
  writeFileSync(path.join(dir, 'hybrid.yaml'), 'name: hybrid\nfallback: deflate\n')
  writeFileSync(
    path.join(dir, 'python.yaml'),
    `name: python\nexternal_command: ["python3", ${JSON.stringify(script)}]\n`,
  )
  writeFileSync(
    path.join(dir, 'hang.yaml'),
    `name: hang\nexternal_command: ["python3", ${JSON.stringify(script)}, "--hang-after", "100"]\nexternal_timeout_ms: 60000\n`,
  )
  const suite = path.join(dir, 'busy.yaml')
  writeFileSync(
    suite,
    [
      'name: busy',
      'workers: 2',
      'corpora: [{ path: lines.txt }]',
      'configs: [hybrid.yaml, python.yaml, hang.yaml]',
      'targets: [{ metric: roundTripMismatches, pass: 0 }]',
      'latency: { samples: 200, warmup: 10, time_ms: 300 }',
      '',
    ].join('\n'),
  )
  return suite
}
