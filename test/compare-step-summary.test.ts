// compare's GitHub step summary (round 40, s40-trial D12): with GITHUB_STEP_SUMMARY set, compare appends what run
// appends (the verdict, the stateful targets, the baseline comparison) and its summary table's picks; the file is
// proved appendable before measuring. Latency targets are left out: a timed rerun can differ for reasons no test controls.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli, tempFolder, writeStatefulGateCorpus, writeStatefulGateSuite } from './gate-support.ts'

let dir: string

/** The shared gate suite (gate-support.ts) with this test's question. */
const writeGateSuite = (name: string, targets: readonly string[], extra = ''): string =>
  writeStatefulGateSuite(dir, name, targets, { extra, question: 'Does the stateful config beat permessage-deflate?' })

const read = (name: string) => readFileSync(path.join(dir, name), 'utf8')

beforeAll(() => {
  dir = tempFolder('compare-summary')
  writeStatefulGateCorpus(dir)
})

describe('compare appends a GitHub step summary (s40-trial D12)', () => {
  it('a passing gate: the verdict, the targets and the summary table, appended after what is there', async () => {
    writeFileSync(path.join(dir, 'pass-summary.md'), '# earlier step\n')
    const suite = writeGateSuite('pass', ['{ metric: ratio, pass: 1.5 }', '{ metric: roundTripMismatches, pass: 0 }'])
    const { code, stdout, stderr } = await cli(['compare', suite, '--out', 'pass', '--no-charts'], dir, {
      GITHUB_STEP_SUMMARY: 'pass-summary.md',
    })
    expect(code, stderr).toBe(0)
    expect(stdout).toContain('step summary: appended to GITHUB_STEP_SUMMARY\n')
    const summary = read('pass-summary.md')
    expect(summary.startsWith('# earlier step\n')).toBe(true)
    expect(summary).toContain('## aura-bench compare: ✅ PASS (suite pass)')
    expect(summary).toMatch(/^### Targets$/m)
    expect(summary).toMatch(/^\| gw × st \| Compression ratio \(aggregate\) \| ≥ 1\.5x \| [\d.]+x \| ✅ PASS \|/m)
    expect(summary).toContain('### Summary: Does the stateful config beat permessage-deflate?')
    expect(summary).toMatch(/^\| Corpus \| Pick, encode p95 ≤ /m)
    expect(summary).not.toContain('Against the baseline')
    // the same table as report.md's Summary
    const table = summary.slice(summary.indexOf('| Corpus | Pick'))
    expect(read('pass/report.md')).toContain(table.trimEnd())

    // against a baseline: its verdict and the compared metrics
    const again = await cli(
      ['compare', suite, '--out', 'pass2', '--no-charts', '--baseline', 'pass/comparison.json', '--no-latency-gate'],
      dir,
      { GITHUB_STEP_SUMMARY: 'pass2-summary.md' },
    )
    expect(again.code, again.stderr).toBe(0)
    expect(read('pass2-summary.md')).toMatch(/^### Against the baseline: (✅ pass|❔ inconclusive|⚠️ warn)$/m)
    expect(read('pass2-summary.md')).toContain('Baseline `pass/comparison.json`.')
  })

  it('a failing gate: FAIL with its reason, as the exit code says', async () => {
    const suite = writeGateSuite('fail', ['{ metric: ratio, pass: 1000 }'], 'gate: { configs: [st] }')
    const { code } = await cli(['compare', suite, '--out', 'fail', '--no-charts', '--quiet'], dir, {
      GITHUB_STEP_SUMMARY: 'fail-summary.md',
    })
    expect(code).toBe(1)
    const summary = read('fail-summary.md')
    expect(summary).toContain('## aura-bench compare: ❌ FAIL (suite fail)')
    expect(summary).toMatch(/^- Config "st" on corpus "gw": Compression ratio \(aggregate\) \(ratio\) is .*≥ 1000x/m)
    expect(summary).toMatch(/\| gw × st \| Compression ratio \(aggregate\) \| ≥ 1000x \| [\d.]+x \| ❌ FAIL \|/)
  })

  it('a summary that cannot be written is exit 2 before anything is measured or written', async () => {
    writeFileSync(path.join(dir, 'a-file'), 'x\n')
    const suite = writeGateSuite('nowrite', [])
    const { code, stderr, stdout } = await cli(['compare', suite, '--out', 'nowrite', '--no-charts'], dir, {
      GITHUB_STEP_SUMMARY: 'a-file/summary.md',
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error E_OUTPUT in .*a-file\/summary\.md: GITHUB_STEP_SUMMARY: /m)
    expect(stdout).toBe('')
    expect(existsSync(path.join(dir, 'nowrite'))).toBe(false)
  })
})
