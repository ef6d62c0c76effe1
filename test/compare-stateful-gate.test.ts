// A stateful config gated in CI through `aura-bench compare` (round 35, issue 16 / s34-trial D5): targets
// judged with exit 0 / 1, bad input exit 2 with nothing written, and `--baseline` on a previous
// comparison.json. Latency targets are left out: a timed rerun can differ for reasons no test controls.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../src/compare/index.ts'
import { cli, tempFolder, writeStatefulGateCorpus, writeStatefulGateSuite } from './gate-support.ts'

let dir: string

/** The shared gate suite (gate-support.ts). */
const writeGateSuite = (name: string, targets: readonly string[], extra = ''): string =>
  writeStatefulGateSuite(dir, name, targets, { extra })

const comparisonIn = (folder: string): Comparison =>
  JSON.parse(readFileSync(path.join(dir, folder, 'comparison.json'), 'utf8')) as Comparison

beforeAll(() => {
  dir = tempFolder('compare-gate')
  writeStatefulGateCorpus(dir)
})

describe('compare gates a stateful config', () => {
  it('exit 0 with gate: PASS when every gated target passes; the verdict in comparison.json and report.md', async () => {
    const suite = writeGateSuite('pass', ['{ metric: ratio, pass: 1.5 }', '{ metric: roundTripMismatches, pass: 0 }'])
    const { code, stdout, stderr } = await cli(['compare', suite, '--out', 'pass', '--no-charts'], dir)
    expect(stderr).not.toContain('NOT gated')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^gate: PASS$/m)
    const gate = comparisonIn('pass').gate
    expect(gate?.status).toBe('pass')
    expect(gate?.judged.map((j) => [j.corpus, j.config, j.targets.map((t) => t.status)])).toEqual([
      ['gw', 'st', ['pass', 'pass']],
    ])
    expect(readFileSync(path.join(dir, 'pass', 'report.md'), 'utf8')).toContain('## Gate: ✅ PASS')
  })

  it('exit 1 with gate: FAIL and the reason when a gated target fails', async () => {
    const suite = writeGateSuite('fail', ['{ metric: ratio, pass: 1000 }'], 'gate: { configs: [st] }')
    const { code, stdout } = await cli(['compare', suite, '--out', 'fail', '--no-charts'], dir)
    expect(code).toBe(1)
    expect(stdout).toMatch(
      /^gate: FAIL\n {2}- Config "st" on corpus "gw": Compression ratio \(aggregate\) \(ratio\) is /m,
    )
    expect(comparisonIn('fail').gate).toMatchObject({ status: 'fail', reasons: [expect.stringContaining('≥ 1000x')] })
    // a failing target that does not gate is reported, exit 0
    const ungated = writeGateSuite('ungated', ['{ metric: ratio, pass: 1000, gated: false }'])
    expect((await cli(['compare', ungated, '--out', 'ungated', '--no-charts'], dir)).code).toBe(0)
  })

  it('exit 2 naming the target for a metric a stateful entry has no figure for, before measuring', async () => {
    const suite = writeGateSuite('hit-rate', ['{ metric: templateHitRate, pass: 0.5 }'])
    const { code, stderr } = await cli(['compare', suite, '--out', 'hit-rate', '--no-charts'], dir)
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /error E_SCHEMA in \S*hit-rate\.yaml:6: targets\[0\]\.metric: templateHitRate has no figure for a stateful config/,
    )
    expect(existsSync(path.join(dir, 'hit-rate'))).toBe(false)
    const validated = await cli(['validate', suite], dir)
    expect(validated.code).toBe(2)
    expect(validated.stderr).toContain('targets[0].metric: templateHitRate has no figure for a stateful config')
  })

  it('--baseline: an unchanged comparison passes, a worse one fails (exit 1), a bad baseline is exit 2 with the report kept', async () => {
    const suite = writeGateSuite('base', ['{ metric: ratio, pass: 1.5 }'])
    expect((await cli(['compare', suite, '--out', 'base-1', '--no-charts'], dir)).code).toBe(0)
    copyFileSync(path.join(dir, 'base-1', 'comparison.json'), path.join(dir, 'main.json'))
    const same = await cli(['compare', suite, '--out', 'base-2', '--no-charts', '--baseline', 'main.json'], dir)
    expect(same.code).toBe(0)
    const compared = comparisonIn('base-2').baseline
    expect(compared?.path).toBe('main.json')
    // sizes are deterministic: equal; a latency slowdown on 300 timed messages is `inconclusive` at worst, never failing
    expect(
      compared?.runs[0]?.metrics.filter((m) => !m.metric.endsWith('Us')).map((m) => [m.metric, m.verdict]),
    ).toEqual([
      ['ratio', 'pass'],
      ['meanRatio', 'pass'],
      ['savings', 'pass'],
      ['expansionRate', 'pass'],
      ['roundTripMismatches', 'pass'],
    ])
    expect(['pass', 'inconclusive']).toContain(compared?.verdict)
    expect(readFileSync(path.join(dir, 'base-2', 'report.md'), 'utf8')).toContain('## Baseline Comparison: ')

    // a baseline whose stateful entry was smaller: this comparison regressed
    const better = comparisonIn('base-1')
    for (const entry of better.corpora[0]?.entries ?? [])
      if (entry.spec.id === 'hybrid:st') {
        // ratio and savings are judged from the byte counts (review of round 35): a smaller baseline has fewer bytes
        entry.sizes.compressedBytes = Math.round(entry.sizes.compressedBytes / 1.1)
        entry.sizes.ratio = entry.sizes.originalBytes / entry.sizes.compressedBytes
      }
    writeFileSync(path.join(dir, 'better.json'), JSON.stringify(better))
    const worse = await cli(['compare', suite, '--out', 'base-3', '--no-charts', '--baseline', 'better.json'], dir)
    expect(worse.code).toBe(1)
    expect(worse.stdout).toMatch(
      /regression in Compression ratio \(aggregate\) \(ratio\) against the baseline better\.json/,
    )
    const accepted = await cli(
      [
        'compare',
        suite,
        '--out',
        'base-3',
        '--no-charts',
        '--baseline',
        'better.json',
        '--accept-regression',
        'fewer bytes of dictionary',
      ],
      dir,
    )
    expect(accepted.code).toBe(0)
    expect(comparisonIn('base-3').baseline?.acceptedRegression?.reason).toBe('fewer bytes of dictionary')

    // missing, corrupt, or the file this compare would replace: exit 2 before measuring, the report in --out untouched
    const before = readFileSync(path.join(dir, 'base-2', 'comparison.json'), 'utf8')
    writeFileSync(path.join(dir, 'corrupt.json'), '{"kind": "compare", "corpora": [')
    // a comparison.json without the environment or start the baseline section reads (it threw after measuring, exit 3)
    writeFileSync(path.join(dir, 'envless.json'), JSON.stringify({ ...comparisonIn('base-1'), environment: {} }))
    const { startedAt: _started, ...unstarted } = comparisonIn('base-1')
    writeFileSync(path.join(dir, 'unstarted.json'), JSON.stringify(unstarted))
    for (const [baseline, message] of [
      ['absent.json', 'error E_BASELINE in absent.json: --baseline: baseline not found: absent.json'],
      ['corrupt.json', 'error E_BASELINE in corrupt.json: baseline corrupt.json is not valid JSON'],
      ['base-2/comparison.json', '--out would overwrite the baseline base-2/comparison.json'],
      ['envless.json', 'error E_BASELINE in envless.json: environment.node: must be a string'],
      ['unstarted.json', 'error E_BASELINE in unstarted.json: startedAt: must be when the comparison started'],
    ] as const) {
      const refused = await cli(['compare', suite, '--out', 'base-2', '--no-charts', '--baseline', baseline], dir)
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain(message)
      expect(readFileSync(path.join(dir, 'base-2', 'comparison.json'), 'utf8')).toBe(before)
    }
  })

  it('exit 2 before measuring when targets reach a stateful config compare will not measure (compare.hybrids: false)', async () => {
    const file = path.join(dir, 'no-hybrids.yaml')
    writeFileSync(
      file,
      [
        'name: no-hybrids',
        'corpora:',
        '  - { path: gw.jsonl, name: gw, split: { train_fraction: 0.5, mode: ordered } }',
        'configs: [ st.yaml ]',
        'targets: [{ metric: ratio, pass: 1000 }]',
        'gate: { configs: [st] }',
        'compare: { brotli: [], brotli_native: [], zstd: [], zstd_napi: [1], zstd_dict: { sizes_kb: [], levels: [] }, deflate: [], hybrids: false }',
        '',
      ].join('\n'),
    )
    const { code, stderr } = await cli(['compare', file, '--out', 'no-hybrids', '--no-charts'], dir)
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /error E_SCHEMA in \S*no-hybrids\.yaml:7: compare\.hybrids: is false, so `compare` measures no hybrid entry, yet targets\[0\] \(ratio\) reaches st/,
    )
    expect(existsSync(path.join(dir, 'no-hybrids'))).toBe(false)
    const validated = await cli(['validate', file], dir)
    expect(validated.code).toBe(2)
    expect(validated.stderr).toContain('compare.hybrids: is false')
  })
})
