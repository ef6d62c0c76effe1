/**
 * Defects a fresh-eyes new-user trial of the CLI found (2026-12-06): inputs ignored without a word,
 * results silently in-sample, errors that said less than they should. Each case through the CLI.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/cli.ts'
import { createFakeIo } from '../src/cli/test-support.ts'
import { createTempTree } from '../src/core/test-temp-tree.ts'

const { root, write } = createTempTree('aura-trial-')

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = createFakeIo({ cwd: root })
  const code = await runCli(args, io)
  return { code, out: io.out(), err: io.err() }
}

const states = ['started', 'stopped', 'paused']
write(
  'corpora/app.log',
  Array.from(
    { length: 300 },
    (_, i) =>
      `2026-01-0${1 + (i % 9)} 10:${String(i % 60).padStart(2, '0')} job ${i * 7} ${states[i % 3]} on node${i % 5}`,
  ).join('\n'),
)

describe('a zstd_dict_training_corpus that is the measured corpus file', () => {
  write('configs/self.yaml', 'fallback: zstd_dict\nzstd_dict_training_corpus: ../corpora/app.log\n')
  write(
    'suites/self.yaml',
    `name: self
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
configs:
  - { name: self, path: ../configs/self.yaml }
latency: { enabled: false }
`,
  )
  const said =
    /config self on corpus app: its zstd_dict_training_corpus \.\.\/corpora\/app\.log is the measured corpus file \(\.\.\/corpora\/app\.log\).*its ratio is in-sample/

  it('run warns in results.json and report.md, where the other in-sample warnings go', async () => {
    const { code } = await cli(['run', 'suites/self.yaml', '--out', 'out-self', '--quiet'])
    expect(code).toBe(0)
    const results = JSON.parse(readFileSync(path.join(root, 'out-self/results.json'), 'utf8'))
    expect(results.warnings.filter((w: string) => said.test(w))).toHaveLength(1)
    expect(readFileSync(path.join(root, 'out-self/report.md'), 'utf8')).toMatch(said)
  })

  it('no warning where the key makes no dictionary: a brotli fallback, or a zstd_dict_path that wins', async () => {
    write('configs/brotli-key.yaml', 'fallback: brotli\nzstd_dict_training_corpus: ../corpora/app.log\n')
    write(
      'suites/brotli-key.yaml',
      `name: brotli-key
corpora:
  - { name: app, path: ../corpora/app.log, format: txt, split: { train_fraction: 0.5, mode: ordered, use: test } }
configs:
  - { name: self, path: ../configs/brotli-key.yaml }
latency: { enabled: false }
`,
    )
    expect((await cli(['run', 'suites/brotli-key.yaml', '--out', 'out-brotli-key', '--quiet'])).code).toBe(0)
    const results = JSON.parse(readFileSync(path.join(root, 'out-brotli-key/results.json'), 'utf8'))
    expect((results.warnings ?? []).filter((w: string) => said.test(w))).toHaveLength(0)
  })

  it('compare warns too', async () => {
    const { code } = await cli([
      'compare',
      'suites/self.yaml',
      '--out',
      'cmp-self',
      '--quick',
      '--no-charts',
      '--quiet',
    ])
    expect(code).toBe(0)
    const comparison = JSON.parse(readFileSync(path.join(root, 'cmp-self/comparison.json'), 'utf8'))
    expect(comparison.warnings.filter((w: string) => said.test(w))).toHaveLength(1)
  })

  it('another file as training corpus: no warning', async () => {
    write('corpora/other.log', Array.from({ length: 50 }, (_, i) => `unrelated line ${i} of text`).join('\n'))
    write('configs/other.yaml', 'fallback: zstd_dict\nzstd_dict_training_corpus: ../corpora/other.log\n')
    write(
      'suites/other.yaml',
      `name: other
corpora:
  - { name: app, path: ../corpora/app.log, format: txt }
configs:
  - { name: other, path: ../configs/other.yaml }
latency: { enabled: false }
`,
    )
    const { code } = await cli(['run', 'suites/other.yaml', '--out', 'out-other', '--quiet'])
    expect(code).toBe(0)
    const results = JSON.parse(readFileSync(path.join(root, 'out-other/results.json'), 'utf8'))
    expect(results.warnings.filter((w: string) => /in-sample/.test(w))).toEqual([])
  })
})

describe('validate imports an external_module as run does', () => {
  write('ext/empty.mjs', 'export const nothing = 1\n')
  write('ext/broken.mjs', 'export function compress(data) {\n')
  write(
    'ext/good.mjs',
    'export function compress(data) { return { frame: data, method: "raw" } }\nexport function decompress(frame) { return frame }\n',
  )
  for (const name of ['empty', 'broken', 'good'])
    write(`ext/${name}.yaml`, `name: ${name}\nexternal_module: ./${name}.mjs\n`)
  write('ext/suite.yaml', 'name: ext\ncorpora: [../corpora/app.log]\nconfigs: [empty.yaml]\n')

  it('a module that exports no codec or does not parse: E_EXTERNAL naming the config and key, exit 2', async () => {
    const empty = await cli(['validate', 'ext/empty.yaml'])
    expect(empty.code).toBe(2)
    expect(empty.err).toMatch(
      /E_EXTERNAL in .*ext\/empty\.yaml:2: external_module: .*empty\.mjs exports no compress and decompress functions/,
    )
    const broken = await cli(['validate', 'ext/broken.yaml'])
    expect(broken.code).toBe(2)
    expect(broken.err).toMatch(/E_EXTERNAL in .*ext\/broken\.yaml:2: external_module: .*cannot import .*broken\.mjs/)
    const suite = await cli(['validate', 'ext/suite.yaml'])
    expect(suite.code).toBe(2)
    expect(suite.err).toMatch(/exports no compress and decompress functions/)
    const good = await cli(['validate', 'ext/good.yaml'])
    expect(good.err).toBe('')
    expect(good.code).toBe(0)
  })
})

describe('gate and history flags that would be ignored', () => {
  write('configs/plain.yaml', 'name: plain\n')
  for (const name of ['alpha', 'beta', 'gamma'])
    write(
      `suites/${name}.yaml`,
      `name: ${name}\ncorpora:\n  - { name: app, path: ../corpora/app.log, format: txt }\nconfigs: [../configs/plain.yaml]\nlatency: { enabled: false }\n`,
    )

  it('--accept-regression without --baseline: E_USAGE exit 2 before measuring, nothing written', async () => {
    const { code, err } = await cli([
      'run',
      'suites/alpha.yaml',
      '--out',
      'never-accept',
      '--accept-regression',
      'because',
    ])
    expect(code).toBe(2)
    expect(err).toContain(
      'E_USAGE in --accept-regression: --accept-regression accepts regressions against a baseline: give --baseline too',
    )
    expect(existsSync(path.join(root, 'never-accept'))).toBe(false)
  })

  it('run --history of another suite: refused as history --add refuses it (E_SCHEMA exit 2), nothing written', async () => {
    expect((await cli(['run', 'suites/alpha.yaml', '--out', 'out-alpha', '--quiet', '--no-charts'])).code).toBe(0)
    expect((await cli(['history', 'alpha.jsonl', '--add', 'out-alpha/results.json', '--quiet'])).code).toBe(0)
    const other = await cli(['run', 'suites/beta.yaml', '--out', 'never-beta', '--history', 'alpha.jsonl'])
    expect(other.code).toBe(2)
    expect(other.err).toMatch(
      /E_SCHEMA in .*suites\/beta\.yaml: name: .*beta\.yaml is a run of suite `beta`, but history alpha\.jsonl holds suite `alpha`: one history file per suite/,
    )
    expect(existsSync(path.join(root, 'never-beta'))).toBe(false)
    const same = await cli([
      'run',
      'suites/alpha.yaml',
      '--out',
      'out-alpha',
      '--quiet',
      '--no-charts',
      '--history',
      'alpha.jsonl',
    ])
    expect(same.code).toBe(0)
    // several suites, one history file: drawn for the suite it holds (a user's run of two suites exited 2 for the other)
    const both = await cli([
      'run',
      'suites/alpha.yaml',
      'suites/beta.yaml',
      '--out',
      'both',
      '--quiet',
      '--no-charts',
      '--history',
      'alpha.jsonl',
    ])
    expect(both.code, both.err).toBe(0)
    // ... and refused when it holds none of them
    const neither = await cli([
      'run',
      'suites/beta.yaml',
      'suites/gamma.yaml',
      '--out',
      'neither',
      '--history',
      'alpha.jsonl',
    ])
    expect(neither.code).toBe(2)
    expect(neither.err).toContain('holds suite `alpha`: one history file per suite')
  })
})

describe('format: loghub where it reads nothing of Loghub', () => {
  it('a .jsonl file or a log with no _structured.csv beside it: run warns naming the corpus and file', async () => {
    write(
      'corpora/events.jsonl',
      `${Array.from({ length: 20 }, (_, i) => JSON.stringify({ text: `event ${i}` })).join('\n')}\n`,
    )
    write('corpora/truth.log', 'a 1\nb 2\n')
    write('corpora/truth.log_structured.csv', 'LineId,EventId\n1,E1\n2,E2\n')
    write(
      'suites/loghub.yaml',
      `name: loghub
corpora:
  - { name: events, path: ../corpora/events.jsonl, format: loghub }
  - { name: app, path: ../corpora/app.log, format: loghub }
  - { name: truth, path: ../corpora/truth.log, format: loghub }
configs: [../configs/plain.yaml]
latency: { enabled: false }
`,
    )
    const { code } = await cli(['run', 'suites/loghub.yaml', '--out', 'out-loghub', '--quiet', '--no-charts'])
    expect(code).toBe(0)
    const warnings: string[] = JSON.parse(readFileSync(path.join(root, 'out-loghub/results.json'), 'utf8')).warnings
    const said = warnings.filter((w) => /format: loghub/.test(w))
    expect(said).toEqual([
      expect.stringMatching(
        /^corpus events \(\.\.\/corpora\/events\.jsonl\) has format: loghub: events\.jsonl_structured\.csv is not beside it, so no message has a category .*; events\.jsonl is \.jsonl by its name, and loghub reads it as plain log lines/,
      ),
      expect.stringMatching(
        /^corpus app \(\.\.\/corpora\/app\.log\) has format: loghub: app\.log_structured\.csv is not beside it/,
      ),
    ])
  })
})

describe('discover --header that fits no line', () => {
  it('matches nothing: E_USAGE exit 2 naming corpus and flag, no store; matches some: a warning with the count', async () => {
    const none = await cli([
      'discover',
      'corpora/app.log',
      '--out',
      'never-store.json',
      '--header',
      '<A> <B>: <Content>',
    ])
    expect(none.code).toBe(2)
    expect(none.err).toContain(
      'E_USAGE in corpora/app.log: --header: --header "<A> <B>: <Content>" matches none of the 300 messages of corpora/app.log',
    )
    expect(existsSync(path.join(root, 'never-store.json'))).toBe(false)
    write(
      'corpora/mixed.log',
      `${Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `x${i} job started` : `L${i} INFO: job ${i} started`)).join('\n')}\n`,
    )
    const some = await cli([
      'discover',
      'corpora/mixed.log',
      '--out',
      'mixed.json',
      '--header',
      '<Id> <Level>: <Content>',
      '--quiet',
    ])
    expect(some.code).toBe(0)
    expect(some.err).toContain(
      'warning: --header "<Id> <Level>: <Content>" matches 20 of the 30 messages of corpora/mixed.log',
    )
  })
})

describe('numbers out of range say so', () => {
  it.each([
    [
      ['run', 'suites/alpha.yaml', '--limit', '99999999999999999999'],
      '--limit is too large (at most 9007199254740991 messages)',
    ],
    [
      ['discover', 'corpora/app.log', '--out', 'never.json', '--max-templates', '99999999999999999999'],
      '--max-templates is too large (at most 9007199254740991), got 99999999999999999999',
    ],
    [
      ['discover', 'corpora/app.log', '--out', 'never.json', '--min-support', '1e99'],
      '--min-support is too large (at most 9007199254740991), got 1e99',
    ],
    [
      [
        'cost',
        '--results',
        fileURLToPath(new URL('../reports/examples/week1/results.json', import.meta.url)),
        '--messages-per-day',
        '1M',
        '--price-per-gb',
        '-1',
      ],
      '--price-per-gb must be a non-negative price (e.g. 0.09, 0.12), got "-1"',
    ],
  ])('%j: exit 2, %s', async (args, said) => {
    const { code, err } = await cli(args)
    expect(code).toBe(2)
    expect(err).toContain(said)
  })
})

describe('history --charts into a report folder', () => {
  it("through the report's charts link, into its .aura-bench state folder: E_OUTPUT exit 2, history as it was", async () => {
    expect((await cli(['run', 'suites/gamma.yaml', '--out', 'out-gamma', '--quiet'])).code).toBe(0)
    const refused = await cli([
      'history',
      'gamma.jsonl',
      '--add',
      'out-gamma/results.json',
      '--charts',
      'out-gamma/charts',
    ])
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(
      /E_OUTPUT in .*out-gamma\/charts: --charts: out-gamma\/charts resolves into .*\.aura-bench.* state folder/,
    )
    expect(existsSync(path.join(root, 'gamma.jsonl'))).toBe(false)
    const own = await cli([
      'history',
      'gamma.jsonl',
      '--add',
      'out-gamma/results.json',
      '--charts',
      'gamma-trends',
      '--quiet',
    ])
    expect(own.code).toBe(0)
  })
})
