/**
 * Defects the sixth new-user trial of the CLI found (s32, 2026-12-06, a user installing from `npm
 * pack`), each through the CLI: problems of output flags and of a suite said one at a time, a suite
 * validate passed that run then refused at its corpus's first line.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { trialFolder } from './trial-folder.ts'

const { root, write, cli } = trialFolder('aura-trial32-')

write(
  'app.log',
  `${Array.from({ length: 120 }, (_, i) => `2026-12-06T07:00:${i % 60}.123Z INFO [api] user ${(i * 7) % 1000} logged in from 10.0.${i % 255}.${(i % 200) + 1}`).join('\n')}\n`,
)
write('hyb.yaml', 'name: hyb\nfallback: brotli\nbrotli_library: node:zlib\nbrotli_quality: 5\n')
write(
  'suite.yaml',
  'name: s\ncorpora: [app.log]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 0.5 }]\nlatency: { enabled: false }\n',
)

describe('output flags naming files of the user (s32 D13)', () => {
  it('are all named in one error, exit 2, every file untouched', async () => {
    const mine = {
      'mine/junit.xml': 'mine\n',
      'mine/pr.md': 'my notes\n',
      'mine/rules.yml': 'a: 1\n',
      'mine/tests.yml': 'b: 1\n',
    }
    for (const [file, text] of Object.entries(mine)) write(file, text)
    const result = await cli([
      'run',
      'suite.yaml',
      '--out',
      'out-flags',
      '--junit',
      'mine/junit.xml',
      '--pr-comment',
      'mine/pr.md',
      '--alert-rules',
      'mine/rules.yml',
      '--alert-rule-tests',
      'mine/tests.yml',
      '-q',
    ])
    expect(result.code).toBe(2)
    for (const flag of ['--junit', '--pr-comment', '--alert-rules', '--alert-rule-tests'])
      expect(result.err).toMatch(new RegExp(`^error E_OUTPUT in .*: ${flag}: `, 'm'))
    for (const [file, text] of Object.entries(mine)) expect(readFileSync(path.join(root, file), 'utf8')).toBe(text)
  })
})

describe("run says all of a suite's problems at once, as validate does (s32 D8)", () => {
  it('a bad target, a missing config and two missing corpora in one error: exit 2, nothing written', async () => {
    write(
      'm2.yaml',
      'name: m2\ncorpora: [nope.jsonl, nope2.jsonl]\nconfigs: [hyb.yaml, nocfg.yaml]\ntargets: [{ metric: ratio, pass: "x" }]\n',
    )
    const result = await cli(['run', 'm2.yaml', '--out', 'out-m2', '-q'])
    expect(result.code).toBe(2)
    for (const field of ['targets[0].pass', 'configs[1].path', 'corpora[0].path', 'corpora[1].path'])
      expect(result.err).toContain(`: ${field}: `)
    const validated = await cli(['validate', 'm2.yaml'])
    expect(validated.err.split('\n').filter((l) => l.startsWith('error')).length).toBe(
      result.err.split('\n').filter((l) => l.startsWith('error')).length,
    )
  })
})

describe('validate reads each corpus up to its first message, as run does (s32 D9)', () => {
  it('a JSONL corpus without the text field is refused at its line 1 by validate too: exit 2', async () => {
    write('api.jsonl', `${Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: i, status: 'ok' })).join('\n')}\n`)
    write('api.yaml', 'name: api\ncorpora: [api.jsonl]\nconfigs: [hyb.yaml]\n')
    const result = await cli(['validate', 'api.yaml'])
    expect(result.code).toBe(2)
    expect(result.err).toMatch(
      /error E_CORPUS_FORMAT in .*api.jsonl:1: line 1: the message text must be a string in field "text"/,
    )
    // a good suite is still ok
    expect((await cli(['validate', 'suite.yaml'])).code).toBe(0)
  })
})

describe('a corpus or config named with a control character (s32 D7)', () => {
  it('is refused naming the field, exit 2, before any report (a line break split the verdict and lost its caveat)', async () => {
    write('nl.yaml', 'name: nl\ncorpora:\n  - { path: app.log, name: "chat\\nx", limit: 60 }\nconfigs: [hyb.yaml]\n')
    const result = await cli(['run', 'nl.yaml', '--out', 'out-nl', '-q'])
    expect(result.code).toBe(2)
    expect(result.err).toMatch(/nl.yaml:3: corpora\[0\]\.name: must not hold control characters/)
    write('tab.yaml', 'name: "tab\\there"\nfallback: brotli\nbrotli_library: node:zlib\n')
    const config = await cli(['validate', 'tab.yaml'])
    expect(config.code).toBe(2)
    expect(config.err).toContain('name: must not hold control characters')
    // a space is fine
    write('sp.yaml', 'name: sp\ncorpora:\n  - { path: app.log, name: "chat x", limit: 60 }\nconfigs: [hyb.yaml]\n')
    expect((await cli(['validate', 'sp.yaml'])).code).toBe(0)
  })

  it('a name taken from a file name with a line break is refused too (s32 review)', async () => {
    write('ch\nat.log', 'GET /a 200\nGET /b 404\n')
    write('fn.yaml', 'name: fn\ncorpora:\n  - { path: "ch\\nat.log" }\nconfigs: [hyb.yaml]\n')
    const result = await cli(['validate', 'fn.yaml'])
    expect(result.code).toBe(2)
    expect(result.err).toContain('corpora[0].path: the file name gives the corpus the name "ch\\nat"')
  })
})

describe('a baseline and its corpus by content (s32 D3)', () => {
  it('a corpus edited at the same size is said to differ (so the config is not blamed); a baseline before the digest is accepted with a warning', async () => {
    const lines = Array.from(
      { length: 80 },
      (_, i) => `2026-12-06T07:00:00Z INFO [api] user ${i % 10} served in ${i % 10} ms`,
    )
    write('same.log', `${lines.join('\n')}\n`)
    write('same.yaml', 'name: same\ncorpora: [same.log]\nconfigs: [hyb.yaml]\nlatency: { enabled: false }\n')
    expect((await cli(['run', 'same.yaml', '--out', 'out-same', '--save-baseline', 'same-base.json', '-q'])).code).toBe(
      0,
    )
    const saved = JSON.parse(readFileSync(path.join(root, 'same-base.json'), 'utf8'))
    expect(saved.inputs.corpora[0].sha256).toMatch(/^[0-9a-f]{64}$/)
    // the same count and bytes, other digits
    write('same.log', `${lines.map((l) => l.replace(/\d/g, (d) => String((Number(d) + 3) % 10))).join('\n')}\n`)
    const changed = await cli(['run', 'same.yaml', '--out', 'out-same', '--baseline', 'same-base.json', '-q'])
    expect(changed.code).toBe(0)
    expect(changed.err).toMatch(
      /corpus same: the corpus differs from the baseline's \(80 messages \/ \d+ bytes then, 80 \/ \d+ now; the corpus file's sha256 \w+… then, \w+… now: other bytes of the same size\)/,
    )
    // a baseline saved before round 32 (no digest): compared by count and bytes, and said so
    delete saved.inputs.corpora[0].sha256
    write('old-base.json', JSON.stringify(saved))
    const old = await cli(['run', 'same.yaml', '--out', 'out-same', '--baseline', 'old-base.json', '-q'])
    expect(old.err).toContain(
      'the baseline old-base.json or this run records no sha256 of corpus same (a baseline saved before round 32',
    )
  })
})

describe('validate of a suite with a `required: false` corpus that is not there (s32 D9)', () => {
  it('is still ok: run skips such a corpus, so validate does not read it', async () => {
    write(
      'opt.yaml',
      'name: opt\ncorpora:\n  - app.log\n  - { path: gone.jsonl, required: false }\nconfigs: [hyb.yaml]\n',
    )
    const result = await cli(['validate', 'opt.yaml'])
    expect(result.err).toBe('')
    expect(result.code).toBe(0)
  })
})
