// Output paths the environment refuses (issue 19 item 7, issue 14): every one is exit 2 naming the
// path, found before anything is measured; two runs into one --out never exit 3.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'
import { toEnvironmentError } from './output.ts'
import { createFakeIo } from './test-support.ts'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'aura-out-env-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const suite = join(dir, 'tiny.yaml')
writeFileSync(
  suite,
  [
    'name: tiny',
    'corpora:',
    `  - ${JSON.stringify(join(repo, 'test/bad-inputs/corpora/good.jsonl'))}`,
    'configs:',
    `  - ${JSON.stringify(join(repo, 'test/bad-inputs/configs/plain.yaml'))}`,
    'targets:',
    '  - { metric: roundTripMismatches, pass: 0 }',
    'latency: { enabled: false }',
    '',
  ].join('\n'),
)
const aFile = join(dir, 'a-file')
writeFileSync(aFile, 'not a folder\n')
mkdirSync(join(dir, 'a-folder'))

async function cli(argv: string[]) {
  const io = createFakeIo({ cwd: dir })
  const code = await runCli(argv, io)
  return { code, out: io.out(), err: io.err() }
}

describe('output paths refused before measuring (exit 2, path named)', () => {
  const cases: Array<[string, string[], string, string]> = [
    ['run --out naming a file', ['run', suite, '--out', aFile], aFile, 'E_OUTPUT'],
    ['run --out under a file', ['run', suite, '--out', join(aFile, 'report')], join(aFile, 'report'), 'ENOTDIR'],
    [
      'run --junit under a file',
      ['run', suite, '--out', join(dir, 'r1'), '--junit', join(aFile, 'junit.xml')],
      join(aFile, 'junit.xml'),
      '--junit',
    ],
    [
      'run --prometheus naming a folder',
      ['run', suite, '--out', join(dir, 'r2'), '--prometheus', join(dir, 'a-folder')],
      join(dir, 'a-folder'),
      'EISDIR',
    ],
    [
      'run --alert-rules under a file',
      ['run', suite, '--out', join(dir, 'r3'), '--alert-rules', join(aFile, 'rules.yaml')],
      join(aFile, 'rules.yaml'),
      '--alert-rules',
    ],
    [
      'run --save-baseline under a file',
      ['run', suite, '--out', join(dir, 'r4'), '--save-baseline', join(aFile, 'b.json')],
      join(aFile, 'b.json'),
      '--save-baseline',
    ],
    ['compare --out naming a file', ['compare', suite, '--out', aFile], aFile, 'E_OUTPUT'],
    [
      'cost --suite --out under a file',
      ['cost', '--suite', suite, '--messages-per-day', '1M', '--price-per-gb', '0.1', '--out', join(aFile, 'c')],
      join(aFile, 'c'),
      'ENOTDIR',
    ],
    [
      'discover --out under a file',
      ['discover', join(repo, 'test/bad-inputs/corpora/good.jsonl'), '--out', join(aFile, 'store.json')],
      join(aFile, 'store.json'),
      'ENOTDIR',
    ],
    ['replay --out naming a file', ['replay', suite, '--out', aFile], aFile, 'E_OUTPUT'],
    // refused by the file system, not by permission bits (root passes access()): proved by a probe
    [
      'run --junit under /proc (EPERM even for root)',
      ['run', suite, '--out', join(dir, 'r5'), '--junit', '/proc/aura-nope/j.xml'],
      '/proc/aura-nope/j.xml',
      '--junit',
    ],
    ['run --out under /proc', ['run', suite, '--out', '/proc/aura-nope/report'], '/proc/aura-nope/report', 'E_OUTPUT'],
    [
      "discover --out naming the user's file (not a template store)",
      ['discover', join(repo, 'test/bad-inputs/corpora/good.jsonl'), '--out', aFile],
      aFile,
      'replaces only a template store',
    ],
  ]
  it.each(cases)('%s', async (_name, argv, path, words) => {
    const { code, out, err } = await cli(argv)
    expect(code).toBe(2)
    expect(err).toContain('error E_OUTPUT')
    expect(err).toContain(path)
    expect(err).toContain(words)
    expect(err).not.toContain('internal error')
    // nothing was measured: no progress line, nothing written
    expect(out).not.toMatch(/suite tiny|discover:|measuring/)
    expect(err).not.toContain('measuring')
    expect(readFileSync(aFile, 'utf8')).toBe('not a folder\n')
  })
})

describe('GITHUB_STEP_SUMMARY', () => {
  it.skipIf(!existsSync('/sys/kernel'))(
    'in a folder that takes no new file (/sys/kernel): exit 2 before measuring, nothing written',
    async () => {
      const io = createFakeIo({ cwd: dir, env: { GITHUB_STEP_SUMMARY: '/sys/kernel/aura-summary.md' } })
      const code = await runCli(['run', suite, '--out', join(dir, 'r6')], io)
      expect(code).toBe(2)
      expect(io.err()).toContain('error E_OUTPUT in /sys/kernel/aura-summary.md: GITHUB_STEP_SUMMARY')
      expect(io.out()).not.toMatch(/suite tiny|measuring/)
      expect(existsSync(join(dir, 'r6'))).toBe(false)
    },
  )
})

describe('discover --out', () => {
  it('naming a FIFO: exit 2 at once, never blocked opening it', async () => {
    const { execFileSync } = await import('node:child_process')
    const fifo = join(dir, 'store.fifo')
    execFileSync('mkfifo', [fifo])
    const { code, err } = await cli(['discover', join(repo, 'test/bad-inputs/corpora/good.jsonl'), '--out', fifo])
    expect(code).toBe(2)
    expect(err).toContain('error E_OUTPUT')
    expect(err).toContain('not a regular file')
  })

  it('replaces a template store it wrote before (a refresh)', async () => {
    const store = join(dir, 'refreshed.json')
    const argv = ['discover', join(repo, 'test/bad-inputs/corpora/good.jsonl'), '--out', store, '--quiet']
    expect((await cli(argv)).code).toBe(0)
    const first = readFileSync(store, 'utf8')
    expect((await cli(argv)).code).toBe(0)
    expect(readFileSync(store, 'utf8')).toContain('"format": "aura-template-store"')
    expect(first).toContain('"format": "aura-template-store"')
  })
})

describe('replay writes through the one writer', () => {
  it('a replay.md that is a link aura-bench did not make: exit 2 before replaying, its target untouched', async () => {
    const { symlinkSync } = await import('node:fs')
    const out = join(dir, 'replay-linked')
    mkdirSync(out)
    const elsewhere = join(dir, 'elsewhere.md')
    writeFileSync(elsewhere, "the user's file\n")
    symlinkSync(elsewhere, join(out, 'replay.md'))
    const { code, err } = await cli(['replay', suite, '--out', out])
    expect(code).toBe(2)
    expect(err).toContain('error E_OUTPUT')
    expect(err).toContain(join(out, 'replay.md'))
    expect(readFileSync(elsewhere, 'utf8')).toBe("the user's file\n")
  })

  it('replay.md and replay.json in place as plain files (a copy, an earlier version) are refused, kept byte for byte', async () => {
    const { openOutputFolder, REPLAY_NAMES } = await import('../report/index.ts')
    const out = join(dir, 'replay-legacy')
    mkdirSync(out)
    writeFileSync(join(out, 'replay.md'), '# Wire replay: tiny\n')
    writeFileSync(join(out, 'replay.json'), JSON.stringify({ suite: 'tiny', limits: {}, corpora: [], memory: [] }))
    await expect(openOutputFolder(out, { slot: 'replay', names: REPLAY_NAMES })).rejects.toMatchObject({
      code: 'E_OUTPUT',
    })
    expect(readFileSync(join(out, 'replay.md'), 'utf8')).toBe('# Wire replay: tiny\n')
  })
})

describe('history --add writes through the one writer', () => {
  it('a history in a folder it cannot write in: E_OUTPUT at the history file, not E_ENVIRONMENT at its lock (s35-trial D10)', async () => {
    const history = join(aFile, 'h.jsonl')
    const { code, err } = await cli(['history', history, '--add', join(dir, 'results.json'), '--quiet'])
    expect(code).toBe(2)
    expect(err).toMatch(
      new RegExp(`^error E_OUTPUT in ${history.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: history: cannot write there: `),
    )
    expect(err).toContain('hint: choose another path, or move what is in the way')
    expect(err).not.toContain('E_ENVIRONMENT')
  })

  it('a history.jsonl that is a symbolic link: replaced by the new file, its target never written', async () => {
    const { symlinkSync, lstatSync } = await import('node:fs')
    const out = join(dir, 'history-run')
    expect((await cli(['run', suite, '--out', out, '--quiet'])).code).toBe(0)
    // an empty file is an empty history: it is read through the link, and must not be written through it
    const target = join(dir, 'not-the-history.txt')
    writeFileSync(target, '')
    const history = join(dir, 'history.jsonl')
    symlinkSync(target, history)
    const { code, err } = await cli(['history', history, '--add', join(out, 'results.json'), '--quiet'])
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(readFileSync(target, 'utf8')).toBe('')
    expect(readFileSync(history, 'utf8')).toContain('"suite":"tiny"')
    expect(lstatSync(history).isSymbolicLink()).toBe(false)
  })
})

describe('history --charts replaces only its own trend files', () => {
  it("a folder where trend-ratio.png is the user's: exit 2 before drawing, the file untouched; its own folder is redrawn", async () => {
    const out = join(dir, 'history-charts-run')
    expect((await cli(['run', suite, '--out', out, '--quiet'])).code).toBe(0)
    const history = join(dir, 'charts-history.jsonl')
    expect((await cli(['history', history, '--add', join(out, 'results.json'), '--quiet'])).code).toBe(0)
    const users = join(dir, 'users-pictures')
    mkdirSync(users)
    writeFileSync(join(users, 'trend-ratio.png'), "the user's picture")
    const before = readFileSync(history, 'utf8')
    // the same results added again: said, not appended
    const again = await cli(['history', history, '--add', join(out, 'results.json')])
    expect(again.code).toBe(0)
    expect(again.out).toContain('is already entry 1; not added again')
    expect(readFileSync(history, 'utf8')).toBe(before)
    // refused before anything is written: the --add of the same call (a new run) did not append either
    const newer = join(dir, 'history-charts-run-2')
    expect((await cli(['run', suite, '--out', newer, '--quiet'])).code).toBe(0)
    const refused = await cli(['history', history, '--add', join(newer, 'results.json'), '--charts', users, '--quiet'])
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('error E_OUTPUT')
    expect(refused.err).toContain('trend-ratio.png')
    expect(readFileSync(join(users, 'trend-ratio.png'), 'utf8')).toBe("the user's picture")
    expect(readFileSync(history, 'utf8')).toBe(before)
    const own = join(dir, 'trend-charts')
    expect((await cli(['history', history, '--charts', own, '--quiet'])).code).toBe(0)
    expect((await cli(['history', history, '--charts', own, '--quiet'])).code).toBe(0)
    expect(readFileSync(join(own, 'trend-ratio.svg'), 'utf8')).toContain('<svg')
    // a folder an earlier release drew (its trend files, no marker) is redrawn, not refused
    rmSync(join(own, '.aura-bench-trends'))
    expect((await cli(['history', history, '--charts', own, '--quiet'])).code).toBe(0)
  })
})

describe('two runs into one --out (item 7)', () => {
  it("the second exits 2 naming the first one's pid; with --wait both write, neither exits 3", async () => {
    const out = join(dir, 'shared')
    const [first, second] = await Promise.all([
      cli(['run', suite, '--out', out, '--quiet']),
      new Promise((r) => setTimeout(r, 5)).then(() => cli(['run', suite, '--out', out, '--quiet'])),
    ])
    expect([first.code, second.code].sort()).toEqual([0, 2])
    const loser = first.code === 2 ? first : second
    expect(loser.err).toContain('error E_OUTPUT_LOCKED')
    expect(loser.err).toContain(`pid ${process.pid}`)
    expect(loser.err).toContain('--wait')
    const waited = await Promise.all([
      cli(['run', suite, '--out', out, '--quiet', '--wait']),
      cli(['run', suite, '--out', out, '--quiet', '--wait']),
    ])
    expect(waited.map((r) => r.code)).toEqual([0, 0])
    expect(waited.some((r) => r.err.includes('waiting:'))).toBe(true)
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).suite).toBe('tiny')
  })
})

describe('environment errors no writer mapped', () => {
  it('are E_ENVIRONMENT (exit 2) with the path; other errors stay bugs', () => {
    const error = Object.assign(new Error("EROFS: read-only file system, open '/x/y'"), {
      code: 'EROFS',
      syscall: 'open',
      path: '/x/y',
    })
    expect(toEnvironmentError(error)?.reason).toBe('open /x/y failed: the file system is read-only [EROFS]')
    expect(toEnvironmentError(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }))?.code).toBe('E_ENVIRONMENT')
    expect(toEnvironmentError(new TypeError('x is not a function'))).toBeUndefined()
    expect(toEnvironmentError(Object.assign(new Error('bad'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeUndefined()
  })
})
