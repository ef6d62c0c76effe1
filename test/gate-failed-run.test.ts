// A run that fails on every message still writes a results.json that keeps its contract: its ratio-like
// metrics are 0/0, written as null, which the contract allows only for a failed run or one of 0
// messages. A baseline saved from such a run can be read back by `run --baseline` and `cost --results`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkResultsContract } from '../src/report/index.ts'
import type { Results } from '../src/runner/index.ts'
import { cli, REPO, tempFolder, writeSuite } from './gate-support.ts'
import { withoutWarnings } from '../src/cli/test-support.ts'

let dir: string
let suite: string
let first: Awaited<ReturnType<typeof cli>>

/** emergency.yaml with max_message_bytes 1, so every message of week1 is refused (E_MESSAGE_TOO_LARGE). */
function writeTinyConfig(folder: string): string {
  const emergency = readFileSync(path.join(REPO, 'configs/emergency.yaml'), 'utf8')
  const text = emergency
    .replace(/^name: .*$/m, 'name: tiny')
    .replace(
      /^template_store_path: (.+)$/m,
      (_, store: string) => `template_store_path: ${JSON.stringify(path.join(REPO, 'configs', store.trim()))}`,
    )
  const file = path.join(folder, 'tiny.yaml')
  writeFileSync(file, `${text}\nmax_message_bytes: 1\n`)
  return file
}

function readResults(file: string): Results {
  return JSON.parse(readFileSync(file, 'utf8')) as Results
}

beforeAll(async () => {
  dir = tempFolder('failed-run')
  const targets = ['{ metric: ratio, pass: 1.2 }', '{ metric: roundTripMismatches, pass: 0 }']
  suite = writeSuite(
    dir,
    'failing',
    [writeTinyConfig(dir), path.join(REPO, 'configs/emergency.yaml')],
    targets,
    'latency: { enabled: false }',
  )
  // a run that failed is a partial baseline: saved on purpose (round 31; without the flag it is refused)
  first = await cli(
    ['run', suite, '--out', 'first', '--no-charts', '--save-baseline', 'base.json', '--allow-partial-baseline'],
    dir,
  )
})

describe('a run that failed on every message', () => {
  // round 32: the refusal is said and nothing is saved, but the failed gate's exit 1 stands (it was exit 2,
  // which hid CI's gate failure behind a bad-input code); a gate that passed still gets the refusal's 2 (bad-inputs.test.ts)
  it('is not saved as a baseline without --allow-partial-baseline: E_BASELINE said, the report written, and exit 1: the failed gate is not hidden', async () => {
    const refused = await cli(['run', suite, '--out', 'refused', '--no-charts', '--save-baseline', 'no.json'], dir)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/^gate: FAIL$/m)
    expect(refused.stderr).toContain(
      'error E_BASELINE in no.json: --save-baseline: the baseline no.json was not saved: this run is partial (a run failed (week1 x tiny): no figures to compare with)',
    )
    expect(refused.stderr).toContain(
      "the gate failed: exit 1, the gate's verdict (the refused baseline alone is exit 2)",
    )
    expect(existsSync(path.join(dir, 'no.json'))).toBe(false)
    expect(existsSync(path.join(dir, 'refused', 'results.json'))).toBe(true)
  })

  it('fails the gate (exit 1) and saves a baseline that keeps the results.json contract, with no contract warning', () => {
    expect(withoutWarnings(first.stderr)).toBe('')
    expect(first.code).toBe(1)
    expect(first.stdout).toContain('baseline saved: base.json')
    const saved = readResults(path.join(dir, 'base.json'))
    const tiny = saved.runs.find((r) => r.config === 'tiny')
    expect(tiny?.state).toBe('failed')
    expect(tiny?.metrics.messages).toBe(0)
    expect(tiny?.metrics.ratio).toBeNull()
    expect(checkResultsContract(saved)).toEqual([])
  })

  it('is read back by --baseline: exit 1 for the failed run, not 2, and its comparison is inconclusive', async () => {
    const second = await cli(['run', suite, '--out', 'second', '--no-charts', '--baseline', 'base.json'], dir)
    expect(withoutWarnings(second.stderr)).toBe('')
    expect(second.code).toBe(1)
    const results = readResults(path.join(dir, 'second', 'results.json'))
    expect(checkResultsContract(results)).toEqual([])
    const byConfig = new Map(results.baseline?.runs.map((r) => [r.config, r]))
    expect(byConfig.get('tiny')?.verdict).toBe('inconclusive')
    expect(byConfig.get('tiny')?.note).toMatch(/failed: its metrics are not comparable/)
    expect(byConfig.get('emergency')?.verdict).toBe('pass')
  })

  it('is read back by cost --results, which projects the complete runs only', async () => {
    const cost = await cli(
      [
        'cost',
        '--results',
        'base.json',
        '--messages-per-day',
        '100M',
        '--price-per-gb',
        '0.10',
        '--out',
        'cost',
        '--quiet',
      ],
      dir,
    )
    expect(cost.stderr).toBe('')
    expect(cost.code).toBe(0)
    const projections = (
      JSON.parse(readFileSync(path.join(dir, 'cost', 'cost.json'), 'utf8')) as {
        projections: Array<{ projection: { configs: Array<{ name: string }> } }>
      }
    ).projections
    expect(projections.flatMap((p) => p.projection.configs.map((c) => c.name))).toEqual(['emergency'])
  })

  it('still rejects a null ratio in a run that completed with messages', async () => {
    const doctored = JSON.parse(readFileSync(path.join(dir, 'base.json'), 'utf8')) as {
      runs: Array<{ config: string; metrics: Record<string, unknown> }>
    }
    const index = doctored.runs.findIndex((r) => r.config === 'emergency')
    ;(doctored.runs[index] as { metrics: Record<string, unknown> }).metrics['ratio'] = null
    expect(checkResultsContract(doctored)).toEqual([
      `runs[${index}].metrics.ratio: null although the run completed with 25 messages`,
    ])
    writeFileSync(path.join(dir, 'doctored.json'), JSON.stringify(doctored))
    const run = await cli(['run', suite, '--out', 'third', '--no-charts', '--baseline', 'doctored.json'], dir)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      `runs[${index}].metrics.ratio: not a results.json: null although the run completed with 25 messages`,
    )
  })
})
