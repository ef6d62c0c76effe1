// External compressors gated end to end through runCli: a Python script speaking JSON lines
// (test/external/compressor.py, zlib from Python's standard library), one that crashes, one that
// hangs, and an ES module. The Python tests are skipped where python3 is absent.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Results } from '../src/runner/index.ts'
import { cli, hasCommand, REPO, tempFolder, writeSuite } from './gate-support.ts'
import { withoutWarnings } from '../src/cli/test-support.ts'

const EXTERNAL = path.join(REPO, 'test/external')
const TARGETS = ['{ metric: roundTripMismatches, pass: 0 }', '{ metric: ratio, pass: 1.0 }']

const hasPython = hasCommand('python3')

function results(dir: string, out: string): Results {
  return JSON.parse(readFileSync(path.join(dir, out, 'results.json'), 'utf8')) as Results
}

// skipped without python3 off CI only: on CI (CI=true, .ci/run installs python3) a missing python3 fails
describe.skipIf(!hasPython && process.env['CI'] !== 'true')(
  'a Python compressor behind the JSON-lines protocol',
  () => {
    it('has python3 (CI installs it)', () => {
      expect(hasPython, 'python3 is missing: apt-get install python3').toBe(true)
    })

    it('is gated end to end: sizes, methods and round trips from the process, latency labelled process-boundary', async () => {
      const dir = tempFolder('external')
      const suite = writeSuite(
        dir,
        'python',
        [path.join(EXTERNAL, 'python-zlib.yaml')],
        TARGETS,
        'latency: { samples: 60, warmup: 5, time_ms: 500 }',
      )
      const run = await cli(['run', suite, '--out', 'out', '--no-charts'], dir)
      expect(withoutWarnings(run.stderr)).toBe('')
      expect(run.code).toBe(0)
      const [python] = results(dir, 'out').runs
      expect(python?.state).toBe('complete')
      expect(python?.metrics.messages).toBe(25)
      expect(python?.metrics.roundTrip).toEqual({ checked: 25, mismatches: 0 })
      expect(Object.keys(python?.metrics.methods ?? {}).sort()).toEqual(['deflate', 'uncompressed'])
      expect(python?.metrics.latencyUs?.mode).toBe('process-boundary')
      expect(results(dir, 'out').environment.libraries['external:python-zlib']).toBe('python3 compressor.py')
    })

    it.each([
      [
        'crashes',
        'python-crash.yaml',
        /E_EXTERNAL: external compressor "python-crash": the process exited \(code 3\).*simulated crash/,
      ],
      [
        'hangs',
        'python-hang.yaml',
        /E_EXTERNAL: external compressor "python-hang": no reply to request \d+ \(\w+\) within 400 ms; the process was killed/,
      ],
    ])(
      'fails the run with E_EXTERNAL when the process %s, instead of hanging the gate',
      async (_what, config, message) => {
        const dir = tempFolder('external')
        const suite = writeSuite(dir, 'broken', [path.join(EXTERNAL, config)], TARGETS, 'latency: { enabled: false }')
        const run = await cli(['run', suite, '--out', 'out', '--no-charts'], dir)
        expect(run.code).toBe(1)
        expect(run.stdout).toMatch(message)
        const [broken] = results(dir, 'out').runs
        expect(broken?.state).toBe('failed')
        expect(broken?.error?.code).toBe('E_EXTERNAL')
      },
    )
  },
)

describe('external compressors, other forms', () => {
  it('gates an ES module named by external_module', async () => {
    const dir = tempFolder('external')
    const suite = writeSuite(
      dir,
      'module',
      [path.join(EXTERNAL, 'node-module.yaml')],
      TARGETS,
      'latency: { samples: 60, warmup: 5, time_ms: 300 }',
    )
    const run = await cli(['run', suite, '--out', 'out', '--no-charts'], dir)
    expect(run.code).toBe(0)
    expect(results(dir, 'out').runs[0]?.metrics.latencyUs?.mode).toBe('in-process')
  })

  it('is bad input (exit 2) when the command cannot start, or when a config mixes in hybrid keys', async () => {
    const dir = tempFolder('external')
    const missing = path.join(dir, 'missing.yaml')
    const mixed = path.join(dir, 'mixed.yaml')
    writeFileSync(missing, 'name: missing\nexternal_command: ["./no-such-compressor"]\n')
    writeFileSync(mixed, 'name: mixed\nexternal_command: ["python3", "x.py"]\nenable_aura: true\n')
    const notFound = await cli(['run', writeSuite(dir, 'a', [missing], TARGETS), '--out', 'out'], dir)
    expect(notFound.code).toBe(2)
    expect(notFound.stderr).toMatch(/E_EXTERNAL.*cannot start `\.\/no-such-compressor`/)
    // named where it is set, as validate names it
    expect(notFound.stderr).toContain(`E_EXTERNAL in ${missing}: external_command[0]: `)
    const invalid = await cli(['validate', mixed], dir)
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toMatch(/enable_aura configures the built-in hybrid compressor/)
  })
})
