/**
 * Defects the fifth new-user trial of the CLI found (s31, 2026-12-06, a CI user installing from
 * `npm pack`), each through the CLI: a Markdown file given as the history called "a YAML file (a
 * compressor config?)", a PASS that hid its NEAR targets and warn comparisons on the console.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { trialFolder } from './trial-folder.ts'

const { root, write, readJson, cli } = trialFolder('aura-trial31-')

write(
  'app.log',
  `${Array.from({ length: 120 }, (_, i) => `2026-12-06T07:00:${i % 60}.123Z INFO [api] user ${(i * 7) % 1000} logged in from 10.0.${i % 255}.${(i % 200) + 1}`).join('\n')}\n`,
)
write('hyb.yaml', 'name: hyb\nfallback: brotli\nbrotli_library: node:zlib\nbrotli_quality: 5\n')
write(
  'suite.yaml',
  'name: s\ncorpora: [app.log]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 0.5 }]\nlatency: { enabled: false }\n',
)

describe('history given a Markdown file (s31 D7)', () => {
  it('calls it a Markdown document, not a YAML config, and leaves it untouched: exit 2', async () => {
    const notes = '# my team notes - important\n'
    write('notes.md', notes)
    expect((await cli(['run', 'suite.yaml', '--out', 'out', '--no-charts', '-q'])).code).toBe(0)
    const result = await cli(['history', 'notes.md', '--add', 'out/results.json'])
    expect(result.code).toBe(2)
    expect(result.err).toContain('notes.md looks like a Markdown document (1 line), not a history')
    expect(result.err).not.toContain('YAML')
    expect(readFileSync(path.join(root, 'notes.md'), 'utf8')).toBe(notes)
  })
})

describe('the console verdict of a PASS with NEAR targets and warn comparisons (s31 D3)', () => {
  it('lists each under `gate: PASS` on stdout; --quiet still prints nothing', async () => {
    write(
      'near.yaml',
      'name: nr\ncorpora: [app.log]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 1000, near: 0.5 }]\nlatency: { enabled: false }\nregression: { ratio: { warn_relative: 0, fail_relative: 0.5 } }\n',
    )
    const first = await cli(['run', 'near.yaml', '--out', 'near1', '--no-charts'])
    expect(first.code, first.err).toBe(0)
    expect(first.out).toMatch(
      /^gate: PASS\n {2}near: Config "hyb" on corpus "app": Compression ratio \(aggregate\) \(ratio\) is [\d.]+x, NEAR \(≥ 0\.5x\), not the pass threshold ≥ 1000x$/m,
    )
    // a baseline whose ratio was 10% better: worse beyond the warn threshold, within the fail one
    const baseline = readJson('near1/results.json') as unknown as {
      runs: Array<{ metrics: { ratio: number } }>
    }
    for (const run of baseline.runs) run.metrics.ratio *= 1.1
    writeFileSync(path.join(root, 'base.json'), JSON.stringify(baseline))
    const second = await cli(['run', 'near.yaml', '--out', 'near2', '--no-charts', '--baseline', 'base.json'])
    expect(second.code, second.err).toBe(0)
    expect(second.out).toMatch(
      /^ {2}warn: app x hyb: ratio against the baseline: [\d.]+x → [\d.]+x \(−[\d.]+x\): worse beyond the warn threshold/m,
    )
    // s40-trial D6: the run's verdict against the baseline is on stdout, as compare prints it
    expect(second.out).toMatch(/^ {2}against the baseline base\.json: warn$/m)
    expect(first.out).not.toContain('against the baseline')
    const quiet = await cli(['run', 'near.yaml', '--out', 'near3', '--no-charts', '--baseline', 'base.json', '-q'])
    expect(quiet.code).toBe(0)
    expect(quiet.out).toBe('')
  })
})

describe('--save-baseline of a partial run (s31 D2)', () => {
  it('is refused before measuring since round 40 (s40-trial D10): exit 2 naming both flags, nothing written', async () => {
    const result = await cli([
      'run',
      'suite.yaml',
      '--out',
      'lim',
      '--no-charts',
      '--limit',
      '20',
      '--save-baseline',
      'b.json',
    ])
    expect(result.code, result.err).toBe(2)
    expect(result.err).toContain(
      'error E_USAGE in b.json: --save-baseline: --save-baseline b.json does not save a partial run, and --limit 20 makes this one partial',
    )
    expect(result.err).toContain('add --allow-partial-baseline')
    expect(result.out).toBe('')
    expect(existsSync(path.join(root, 'b.json'))).toBe(false)
    expect(existsSync(path.join(root, 'lim'))).toBe(false)
  })

  it('is saved with --allow-partial-baseline, which alone is E_USAGE', async () => {
    const saved = await cli([
      'run',
      'suite.yaml',
      '--out',
      'lim2',
      '--no-charts',
      '--limit',
      '20',
      '--save-baseline',
      'b20.json',
      '--allow-partial-baseline',
    ])
    expect(saved.code, saved.err).toBe(0)
    expect(existsSync(path.join(root, 'b20.json'))).toBe(true)
    const alone = await cli(['run', 'suite.yaml', '--out', 'lim3', '--limit', '20', '--allow-partial-baseline'])
    expect(alone.code).toBe(2)
    expect(alone.err).toMatch(/^error E_USAGE in --allow-partial-baseline: /)
  })

  it('a run on other messages than the baseline says so in its warnings and on the console', async () => {
    const full = await cli(['run', 'suite.yaml', '--out', 'full', '--no-charts', '-q', '--save-baseline', 'full.json'])
    expect(full.code, full.err).toBe(0)
    const smoke = await cli([
      'run',
      'suite.yaml',
      '--out',
      'smoke',
      '--no-charts',
      '--limit',
      '20',
      '--baseline',
      'full.json',
    ])
    expect(smoke.code, smoke.err).toBe(0)
    const warning = readJson('smoke/results.json').warnings.find((w) => w.startsWith('corpus app: '))
    expect(warning).toMatch(
      /^corpus app: the corpus differs from the baseline's \(120 messages \/ \d+ bytes then, 20 \/ \d+ now\): size metrics compare different messages, so a worse size metric there only warns against the baseline full\.json, never fails the gate$/,
    )
    expect(smoke.err).toContain(`warning: ${warning}`)
  })
})

describe('a suite whose run no target gates (s31 D4)', () => {
  it('passes with a warning and a caveat, and report.md does not say every gated target was met', async () => {
    write('none.yaml', 'name: none\ncorpora: [app.log]\nconfigs: [hyb.yaml]\nlatency: { enabled: false }\n')
    write(
      'ungated.yaml',
      'name: ungated\ncorpora: [app.log]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 5, gated: false }]\nlatency: { enabled: false }\n',
    )
    for (const [suite, why] of [
      ['none', 'suite none sets no targets'],
      ['ungated', "none of suite ungated's 1 target(s) gates a measured run"],
    ] as const) {
      const result = await cli(['run', `${suite}.yaml`, '--out', `o-${suite}`, '--no-charts'])
      expect(result.code, result.err).toBe(0)
      expect(readJson(`o-${suite}/results.json`).warnings).toContainEqual(
        expect.stringMatching(
          new RegExp(`^no target gated this run: ${why.replace(/[()']/g, '.')}.*, so the gate checked only`),
        ),
      )
      expect(result.out).toContain('gate: PASS\n  caveat: No target gated this run: ')
      const md = readFileSync(path.join(root, `o-${suite}/report.md`), 'utf8')
      expect(md).not.toContain('Every gated target')
      expect(md).toContain('⚠️ No target gated this run')
    }
    // a run a target gates says nothing of the kind
    const gated = await cli(['run', 'suite.yaml', '--out', 'o-gated', '--no-charts'])
    expect(gated.out).not.toContain('No target gated')
    expect(readFileSync(path.join(root, 'o-gated/report.md'), 'utf8')).toContain('Every gated target')
  })
})
