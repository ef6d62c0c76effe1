// Single-file outputs replace only what aura-bench wrote (README: "aura-bench never moves, replaces
// or deletes a file it did not write"): `run --save-baseline "my cfg.yaml"` replaced the user's config
// with results.json. Every file flag naming a file of the user's (here the run's own config and suite)
// is E_OUTPUT, exit 2, naming the flag and the path, before measuring, with the file intact; naming an
// output of the same kind that aura-bench wrote (an earlier run's) replaces it, as CI does every run.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/index.ts'
import { createFakeIo, withoutWarnings } from '../src/cli/test-support.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'aura-out-replace-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const config = join(dir, 'my cfg.yaml')
copyFileSync(join(repo, 'test/bad-inputs/configs/plain.yaml'), config)
const suite = join(dir, 'my suite.yaml')
const suiteText = [
  'name: tiny',
  'corpora:',
  `  - ${JSON.stringify(join(repo, 'test/bad-inputs/corpora/good.jsonl'))}`,
  'configs:',
  `  - ${JSON.stringify(config)}`,
  'targets:',
  '  - { metric: roundTripMismatches, pass: 0 }',
  'latency: { enabled: false }',
  '',
].join('\n')
writeFileSync(suite, suiteText)
const configText = readFileSync(config, 'utf8')

async function cli(argv: string[]) {
  const io = createFakeIo({ cwd: dir })
  const code = await runCli(argv, io)
  return { code, out: io.out(), err: io.err() }
}

const FLAGS = ['--save-baseline', '--junit', '--prometheus', '--pr-comment', '--alert-rules'] as const

describe('a single-file output never replaces a file aura-bench did not write', () => {
  it.each(FLAGS.flatMap((flag) => [[flag, config] as const, [flag, suite] as const]))(
    'run %s %s: E_OUTPUT before measuring, the file intact',
    async (flag, victim) => {
      const out = join(dir, `out${flag}`)
      const { code, err } = await cli(['run', suite, '--out', out, '--quiet', flag, victim])
      expect(code).toBe(2)
      expect(err).toMatch(/^error E_OUTPUT in /)
      expect(err).toContain(victim)
      expect(err).toContain(flag)
      expect(err).not.toContain('internal error')
      expect(readFileSync(config, 'utf8')).toBe(configText)
      expect(readFileSync(suite, 'utf8')).toBe(suiteText)
      // checked before measuring: no report was written
      expect(existsSync(join(out, 'results.json'))).toBe(false)
    },
  )

  it("replaces each kind's own earlier output (a CI run every day), and an empty file", async () => {
    const files = Object.fromEntries(FLAGS.map((flag) => [flag, join(dir, `own${flag}.out`)]))
    const argv = [
      'run',
      suite,
      '--out',
      join(dir, 'own'),
      '--quiet',
      ...FLAGS.flatMap((flag) => [flag, files[flag] as string]),
      '--alert-rule-tests',
      join(dir, 'own-tests.yaml'),
    ]
    writeFileSync(files['--junit'] as string, '')
    const first = await cli(argv)
    expect(withoutWarnings(first.err)).toBe('')
    expect(first.code).toBe(0)
    const second = await cli(argv)
    expect(withoutWarnings(second.err)).toBe('')
    expect(second.code).toBe(0)
    expect(readFileSync(files['--save-baseline'] as string, 'utf8')).toContain('"schemaVersion"')
  })

  it('history --bencher and --github-action-benchmark: a user file refused, their own replaced', async () => {
    const results = join(dir, 'history-run')
    expect((await cli(['run', suite, '--out', results, '--quiet'])).code).toBe(0)
    const history = join(dir, 'h.jsonl')
    const add = ['history', history, '--add', join(results, 'results.json'), '--quiet']
    const refused = await cli([...add, '--bencher', config])
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/^error E_OUTPUT in .*--bencher/)
    expect(readFileSync(config, 'utf8')).toBe(configText)
    // checked before the history line was added
    expect(existsSync(history)).toBe(false)
    const exports = ['--bencher', join(dir, 'bmf.json'), '--github-action-benchmark', join(dir, 'gab')]
    expect((await cli([...add, ...exports])).code).toBe(0)
    const again = await cli(['history', history, '--quiet', ...exports])
    expect(withoutWarnings(again.err)).toBe('')
    expect(again.code).toBe(0)
    writeFileSync(join(dir, 'gab-bigger.json'), '{"mine": true}\n')
    const gab = await cli(['history', history, '--quiet', ...exports])
    expect(gab.code).toBe(2)
    expect(gab.err).toContain(join(dir, 'gab-bigger.json'))
    // the formats of other tools: the same shape, not aura-bench's names (a review's finding)
    for (const [file, text, flags] of [
      [
        'go-smaller.json',
        '[{"name":"go-bench","unit":"ns","value":3}]\n',
        ['--github-action-benchmark', join(dir, 'go')],
      ],
      ['go-bigger.json', '[]\n', ['--github-action-benchmark', join(dir, 'go')]],
      ['other-bmf.json', '{}\n', ['--bencher', join(dir, 'other-bmf.json')]],
      ['other-bmf2.json', '{"a/b/c":{"latency":{"value":1}}}\n', ['--bencher', join(dir, 'other-bmf2.json')]],
    ] as const) {
      writeFileSync(join(dir, file), text)
      const other = await cli(['history', history, '--quiet', ...flags])
      expect(other.code, file).toBe(2)
      expect(readFileSync(join(dir, file), 'utf8')).toBe(text)
    }
  })

  it('history: an export at the history file itself is refused before the line is added', async () => {
    const results = join(dir, 'history-run2')
    expect((await cli(['run', suite, '--out', results, '--quiet'])).code).toBe(0)
    const history = join(dir, 'h2.jsonl')
    const clash = await cli([
      'history',
      history,
      '--add',
      join(results, 'results.json'),
      '--quiet',
      '--bencher',
      history,
    ])
    expect(clash.code).toBe(2)
    expect(existsSync(history)).toBe(false)
  })

  it('discover --out: a hand-written template store is refused, a discovered one replaced, one refreshed in place with --merge replaced', async () => {
    const hand = join(dir, 'hand.json')
    const handText = readFileSync(join(repo, 'configs/templates/base.json'), 'utf8')
    writeFileSync(hand, handText)
    const corpus = join(repo, 'test/bad-inputs/corpora/good.jsonl')
    const refused = await cli(['discover', corpus, '--out', hand, '--quiet'])
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/E_OUTPUT .*--out/)
    expect(readFileSync(hand, 'utf8')).toBe(handText)
    const found = join(dir, 'found.json')
    expect((await cli(['discover', corpus, '--out', found, '--quiet'])).code).toBe(0)
    expect((await cli(['discover', corpus, '--out', found, '--quiet'])).code).toBe(0)
    expect((await cli(['discover', corpus, '--merge', hand, '--out', hand, '--quiet'])).code).toBe(0)
    expect(readFileSync(hand, 'utf8')).not.toBe(handText)
  })

  it('a link to a folder is refused, not replaced by the output', async () => {
    const { mkdirSync, symlinkSync, lstatSync } = await import('node:fs')
    mkdirSync(join(dir, 'userdir'))
    writeFileSync(join(dir, 'userdir', 'keep.txt'), 'mine')
    symlinkSync(join(dir, 'userdir'), join(dir, 'linkdir'))
    const run = await cli(['run', suite, '--out', join(dir, 'link-run'), '--quiet', '--junit', join(dir, 'linkdir')])
    expect(run.code).toBe(2)
    expect(run.err).toMatch(/link to a folder/)
    expect(lstatSync(join(dir, 'linkdir')).isSymbolicLink()).toBe(true)
  })
})
