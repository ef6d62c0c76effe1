// The gate in CI, end to end through runCli: baselines and regressions, the files CI reads, and the
// baseline never overwritten by accident. Latency is off in these suites: a timed rerun can differ
// for reasons no test controls; latency verdicts are tested on fixed results in src/gate.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkResultsContract } from '../src/report/index.ts'
import type { Results } from '../src/runner/index.ts'
import { checkJunit, hasXmllint, xmllintErrors } from '../src/gate/test-junit.ts'
import { cli, REPO, tempFolder, writeSuite } from './gate-support.ts'
import { withoutWarnings } from '../src/cli/test-support.ts'

const TARGETS = [
  '{ metric: ratio, pass: 1.5, label: "Compression ratio" }',
  '{ metric: expansionRate, pass: 0.05, near: 0.10 }',
  '{ metric: templateHitRate, pass: 0.6 }',
  '{ metric: roundTripMismatches, pass: 0 }',
]
const EXTRA = ['gate: { configs: [emergency] }', 'latency: { enabled: false }'].join('\n')

let dir: string
let suite: string
let baseline: string

beforeAll(async () => {
  dir = tempFolder('gate')
  suite = writeSuite(
    dir,
    'gated',
    [path.join(REPO, 'configs/current.yaml'), path.join(REPO, 'configs/emergency.yaml')],
    TARGETS,
    EXTRA,
  )
  mkdirSync(path.join(dir, 'baseline'))
  baseline = path.join(dir, 'baseline', 'results.json')
  const first = await cli(
    ['run', suite, '--out', 'first', '--no-charts', '--save-baseline', 'baseline/results.json'],
    dir,
  )
  expect(withoutWarnings(first.stderr)).toBe('')
  expect(first.code).toBe(0)
})

function readResults(file: string): Results {
  return JSON.parse(readFileSync(file, 'utf8')) as Results
}

describe('run --baseline', () => {
  it('saves a baseline on purpose that is the run results.json, whole', () => {
    expect(readFileSync(baseline, 'utf8')).toBe(readFileSync(path.join(dir, 'first', 'results.json'), 'utf8'))
    expect(checkResultsContract(readResults(baseline))).toEqual([])
  })

  it('passes a run against a copy of its own results, and shows both environments', async () => {
    copyFileSync(path.join(dir, 'first', 'results.json'), path.join(dir, 'copy.json'))
    const run = await cli(['run', suite, '--out', 'second', '--no-charts', '--baseline', 'copy.json'], dir)
    expect(run.code).toBe(0)
    const results = readResults(path.join(dir, 'second', 'results.json'))
    expect(results.baseline?.verdict).toBe('pass')
    expect(results.baseline?.runs.map((r) => r.config)).toEqual(['current', 'emergency'])
    expect(results.baseline?.runs.flatMap((r) => r.metrics).every((m) => m.verdict === 'pass' && m.delta === 0)).toBe(
      true,
    )
    expect(checkResultsContract(results)).toEqual([])
    const report = readFileSync(path.join(dir, 'second', 'report.md'), 'utf8')
    // the baseline and confidence sections are folded below the first screen, whose table shows the differences
    expect(report).toContain('<summary><b>Baseline Comparison: ✅ pass</b></summary>')
    expect(report).toMatch(/\| Node \| v\d+\.\d+\.\d+ \| v\d+\.\d+\.\d+ \|/)
    expect(report).toContain('<summary><b>Confidence</b></summary>')
    expect(report).toContain('| **emergency** | ✅ 1.84x (±0.00x) |')
  })

  it('fails with exit 1 naming the metric when the baseline was better', async () => {
    const doctored = readResults(baseline)
    const emergency = doctored.runs.find((r) => r.config === 'emergency')!
    emergency.metrics.compressedBytes -= 40
    emergency.metrics.ratio = emergency.metrics.originalBytes / emergency.metrics.compressedBytes
    emergency.metrics.savings = 1 - emergency.metrics.compressedBytes / emergency.metrics.originalBytes
    writeFileSync(path.join(dir, 'better.json'), JSON.stringify(doctored))
    const run = await cli(['run', suite, '--out', 'third', '--no-charts', '--baseline', 'better.json'], dir)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /gate: FAIL\n.*Config "emergency" on corpus "week1": regression in Compression ratio \(ratio\)/,
    )
    expect(run.stdout).toContain('regression in Bandwidth savings (savings)')
    const results = readResults(path.join(dir, 'third', 'results.json'))
    expect(results.gate.status).toBe('fail')
    expect(
      results.baseline?.runs.find((r) => r.config === 'emergency')?.metrics.find((m) => m.metric === 'ratio')?.verdict,
    ).toBe('fail')
  })

  it('refuses, with exit 2, to write the report over the baseline, and leaves it untouched', async () => {
    const before = { text: readFileSync(baseline, 'utf8'), mtimeMs: statSync(baseline).mtimeMs }
    const run = await cli(
      ['run', suite, '--out', 'baseline', '--no-charts', '--baseline', 'baseline/results.json'],
      dir,
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/E_BASELINE.*--out would overwrite the baseline baseline\/results\.json/)
    const junit = await cli(
      ['run', suite, '--out', 'x', '--junit', 'baseline/results.json', '--baseline', './baseline/results.json'],
      dir,
    )
    expect(junit.code).toBe(2)
    expect(junit.stderr).toContain('--junit would overwrite the baseline')
    expect({ text: readFileSync(baseline, 'utf8'), mtimeMs: statSync(baseline).mtimeMs }).toEqual(before)
  })

  it('refuses, with exit 2 before measuring, outputs that would land on each other or on the report', async () => {
    const report = await cli(['run', suite, '--out', 'first', '--no-charts'], dir)
    expect(report.code).toBe(0)
    const before = readFileSync(path.join(dir, 'first', 'results.json'), 'utf8')
    for (const [args, message] of [
      [['--junit', 'first/results.json'], '--junit first/results.json would overwrite what --out writes'],
      [['--prometheus', 'first/report.md'], 'would overwrite what --out writes'],
      [
        ['--junit', 'same.out', '--prometheus', 'same.out'],
        '--junit same.out would overwrite what --prometheus writes',
      ],
    ] as const) {
      const run = await cli(['run', suite, '--out', 'first', '--no-charts', ...args], dir)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toContain(message)
    }
    expect(readFileSync(path.join(dir, 'first', 'results.json'), 'utf8')).toBe(before)
    const inCharts = await cli(['run', suite, '--out', 'first', '--junit', 'first/charts/junit.xml'], dir)
    expect(inCharts.code).toBe(2)
    expect(inCharts.stderr).toContain('which --out replaces whole')
    // with --no-charts the report writes no charts/: a file there clashes with nothing
    const noCharts = await cli(
      ['run', suite, '--out', 'plain', '--no-charts', '--junit', 'plain/charts/junit.xml'],
      dir,
    )
    expect(noCharts.code, noCharts.stderr).toBe(0)
    // a baseline saved as a report's own results.json is evicted by the next report written there (a trial
    // lost one so): refused, in this run's --out, in another report folder, and inside a state folder
    for (const [args, message] of [
      [
        ['--save-baseline', 'first/results.json'],
        '--save-baseline first/results.json would overwrite what --out writes',
      ],
      [['--save-baseline', 'plain/results.json'], 'is a name the report in'],
      [
        ['--out', 'elsewhere', '--save-baseline', 'first/.aura-bench/report/results.json'],
        "lies in aura-bench's state folder",
      ],
      [
        ['--out', 'fresh', '--save-baseline', 'fresh/results.json'],
        '--save-baseline fresh/results.json would overwrite what --out writes',
      ],
    ] as const) {
      const out = args[0] === '--out' ? [] : ['--out', 'first']
      const save = await cli(['run', suite, ...out, '--no-charts', ...args], dir)
      expect(save.code, args.join(' ')).toBe(2)
      expect(save.stderr).toContain(message)
    }
    expect(readFileSync(path.join(dir, 'first', 'results.json'), 'utf8')).toBe(before)
    expect(readFileSync(path.join(dir, 'plain', 'results.json'), 'utf8')).toContain('"suite"')
    // beside the report, under a name it does not publish (the shipped workflow's $OUT/baseline.json): kept by later runs
    const beside = await cli(
      ['run', suite, '--out', 'first', '--no-charts', '--save-baseline', 'first/baseline.json'],
      dir,
    )
    expect(beside.code, beside.stderr).toBe(0)
    const kept = readFileSync(path.join(dir, 'first', 'baseline.json'), 'utf8')
    expect((await cli(['run', suite, '--out', 'first', '--no-charts'], dir)).code).toBe(0)
    expect(readFileSync(path.join(dir, 'first', 'baseline.json'), 'utf8')).toBe(kept)
  })

  it('refuses a baseline that is missing, not JSON, not a results.json or shares no run with the suite', async () => {
    writeFileSync(path.join(dir, 'garbage.json'), '{ nope')
    writeFileSync(path.join(dir, 'shape.json'), JSON.stringify({ schemaVersion: 1, suite: 'x', runs: 'none' }))
    const other = readResults(baseline)
    other.runs = other.runs.map((r) => ({ ...r, corpus: 'elsewhere' }))
    writeFileSync(path.join(dir, 'other.json'), JSON.stringify(other))
    for (const [file, message] of [
      ['missing.json', /baseline not found/],
      ['garbage.json', /not valid JSON/],
      ['shape.json', /runs: not a results\.json/],
      ['other.json', /no run of any corpus x config/],
    ] as const) {
      const run = await cli(['run', suite, '--out', 'never', '--baseline', file], dir)
      expect(run.code, file).toBe(2)
      expect(run.stderr, file).toMatch(message)
      expect(run.stderr).toMatch(/^error E_BASELINE/)
    }
  })

  it('writes JUnit, Prometheus, alert rules and the step summary for CI', async () => {
    writeFileSync(path.join(dir, 'summary.md'), '# earlier step\n')
    const run = await cli(
      [
        'run',
        suite,
        '--out',
        'ci',
        '--no-charts',
        '--baseline',
        'baseline/results.json',
        '--junit',
        'ci-out/junit.xml',
        '--prometheus',
        'ci-out/metrics.prom',
        '--alert-rules',
        'ci-out/rules.yaml',
      ],
      dir,
      { GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') },
    )
    expect(run.code).toBe(0)
    const junit = readFileSync(path.join(dir, 'ci-out', 'junit.xml'), 'utf8')
    expect(checkJunit(junit)).toEqual([])
    expect(junit).toContain('<testcase name="round trip byte-exact" classname="aura-bench.gated.week1.current"')
    if (hasXmllint())
      expect(xmllintErrors(path.join(dir, 'ci-out', 'junit.xml'), path.join(REPO, 'test/fixtures/junit-4.xsd'))).toBe(
        '',
      )
    expect(readFileSync(path.join(dir, 'ci-out', 'metrics.prom'), 'utf8')).toMatch(
      /^aura_compression_ratio\{suite="gated",corpus="week1",config="emergency"\} \d\.\d+$/m,
    )
    expect(readFileSync(path.join(dir, 'ci-out', 'rules.yaml'), 'utf8')).toContain('alert: "LowCompressionRatio"')
    const summary = readFileSync(path.join(dir, 'summary.md'), 'utf8')
    expect(summary.startsWith('# earlier step\n')).toBe(true)
    expect(summary).toContain('## aura-bench gate: ✅ PASS (suite gated)')
    expect(summary).toMatch(/<details><summary>\d+ metrics passing<\/summary>/)
  })

  it('creates a missing folder of GITHUB_STEP_SUMMARY and keeps the verdict (it was exit 3 after every output)', async () => {
    const summary = path.join(dir, 'no', 'such', 'summary.md')
    const run = await cli(['run', suite, '--out', 'gss', '--no-charts', '--junit', 'gss/j.xml'], dir, {
      GITHUB_STEP_SUMMARY: summary,
    })
    expect(withoutWarnings(run.stderr)).toBe('')
    expect(run.code).toBe(0)
    expect(readFileSync(summary, 'utf8')).toContain('## aura-bench gate: ✅ PASS (suite gated)')
  })

  it('takes one suite with the gate flags', async () => {
    const run = await cli(['run', suite, suite, '--junit', 'j.xml'], dir)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('E_USAGE')
  })
})
