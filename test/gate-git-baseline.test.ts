// Baselines kept on a git branch (`--baseline git:<ref>:<path>`, read with git show), as the shipped
// workflow keeps them instead of a CI cache that expires: a run compares against the branch's file,
// and a ref or path git does not have is E_BASELINE (exit 2) with git's own words and what to do.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli, REPO, tempFolder, writeSuite } from './gate-support.ts'
import { withoutWarnings } from '../src/cli/test-support.ts'

const TARGETS = ['{ metric: ratio, pass: 1.5 }', '{ metric: roundTripMismatches, pass: 0 }']
const EXTRA = ['gate: { configs: [emergency] }', 'latency: { enabled: false }'].join('\n')

let dir: string
let suite: string

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
    cwd: dir,
    encoding: 'utf8',
  })
}

beforeAll(async () => {
  dir = tempFolder('git-baseline')
  suite = writeSuite(dir, 'gated', [path.join(REPO, 'configs/emergency.yaml')], TARGETS, EXTRA)
  mkdirSync(path.join(dir, 'baselines'))
  const saved = await cli(
    ['run', suite, '--out', 'first', '--no-charts', '--save-baseline', 'baselines/gated.json'],
    dir,
  )
  expect(saved.code).toBe(0)
  git('init', '-q', '-b', 'main')
  git('checkout', '-q', '--orphan', 'aura-baselines')
  git('add', 'baselines/gated.json')
  git('commit', '-q', '-m', 'baseline')
  execFileSync('rm', ['-r', path.join(dir, 'baselines')])
})

describe('run --baseline git:<ref>:<path>', () => {
  it('compares with the file as the branch holds it (no copy on disk)', async () => {
    const run = await cli(
      ['run', suite, '--out', 'second', '--no-charts', '--baseline', 'git:aura-baselines:baselines/gated.json'],
      dir,
    )
    expect(withoutWarnings(run.stderr)).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('gate: PASS')
  })

  it.each([
    [
      'git:no-such-branch:baselines/gated.json',
      /E_BASELINE .*git show no-such-branch:baselines\/gated\.json: fatal: invalid object name 'no-such-branch'/,
      /hint: fetch the ref first/,
    ],
    [
      'git:aura-baselines:baselines/other.json',
      /E_BASELINE .*git show aura-baselines:baselines\/other\.json: fatal: path 'baselines\/other\.json' does not exist in 'aura-baselines'/,
      /hint: aura-baselines has no file at that path/,
    ],
  ])("%s is E_BASELINE, exit 2, with git's words and a hint that fits", async (spec, message, hint) => {
    const run = await cli(['run', suite, '--out', 'third', '--no-charts', '--baseline', spec], dir)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toMatch(hint)
  })

  it('outside a git checkout the hint says where git:REF:PATH is read from, not to fetch', async () => {
    const outside = tempFolder('git-baseline-outside')
    const other = writeSuite(outside, 'gated', [path.join(REPO, 'configs/emergency.yaml')], TARGETS, EXTRA)
    const run = await cli(['run', other, '--out', 'o', '--no-charts', '--baseline', 'git:main:base/b.json'], outside)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/not a git repository/)
    expect(run.stderr).toMatch(/hint: git:REF:PATH is read from the git repository of the current folder/)
    expect(run.stderr).not.toMatch(/git fetch/)
  })

  it('--allow-missing-baseline: an absent baseline (its branch not made yet) is a loud warning in the console, the step summary and the comment, exit by the targets', async () => {
    const env = { GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') }
    const run = await cli(
      [
        'run',
        suite,
        '--out',
        'fourth',
        '--no-charts',
        '--baseline',
        'git:no-baselines-yet:baselines/none.json',
        '--allow-missing-baseline',
        '--pr-comment',
        'fourth/comment.md',
      ],
      dir,
      env,
    )
    expect(run.code).toBe(0)
    expect(run.stderr).toContain(
      'WARNING: NO BASELINE: git:no-baselines-yet:baselines/none.json was not found, so this run was gated on targets alone',
    )
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toMatch(/^> \[!WARNING\]\n> \*\*NO BASELINE/)
    expect(readFileSync(path.join(dir, 'fourth/comment.md'), 'utf8')).toContain(
      '**No baseline**: `git:no-baselines-yet:baselines/none.json` was not found',
    )
    expect(JSON.parse(readFileSync(path.join(dir, 'fourth/results.json'), 'utf8')).warnings.join('\n')).toContain(
      'NO BASELINE',
    )
  })
})

// s31's trial: --allow-missing-baseline gave NO BASELINE and exit 0 for a path mistyped on an existing
// branch and for a remote branch never fetched, as for a branch not made yet; only the last is "no
// baseline yet"
describe('--allow-missing-baseline tells "no branch yet" from a mistake', () => {
  const gated = (spec: string, cwd = dir) =>
    cli(['run', suite, '--out', 'allow', '--no-charts', '-q', '--baseline', spec, '--allow-missing-baseline'], cwd)

  it('a path the existing branch does not have is E_BASELINE, exit 2, listing what the branch holds', async () => {
    const run = await gated('git:aura-baselines:baselines/gatd.json')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(
      'error E_BASELINE in git:aura-baselines:baselines/gatd.json: baseline git:aura-baselines:baselines/gatd.json not found: aura-baselines exists and has no baselines/gatd.json; --allow-missing-baseline covers only a branch that does not exist yet',
    )
    expect(run.stderr).toContain('hint: aura-baselines holds baselines/gated.json; check the path')
    expect(run.stderr).not.toContain('NO BASELINE')
  })

  it("a remote's branch never fetched is E_BASELINE, exit 2, saying to fetch it; a branch the remote does not have is no baseline yet", async () => {
    const remote = tempFolder('git-baseline-remote')
    execFileSync('git', ['init', '-q', '--bare', remote])
    git('remote', 'add', 'origin', remote)
    git('push', '-q', 'origin', 'aura-baselines')
    // as a CI checkout that fetched only the branch it builds
    git('update-ref', '-d', 'refs/remotes/origin/aura-baselines')
    const unfetched = await gated('git:origin/aura-baselines:baselines/gated.json')
    expect(unfetched.code).toBe(2)
    expect(unfetched.stderr).toContain(
      'baseline git:origin/aura-baselines:baselines/gated.json cannot be read: origin has branch aura-baselines, but origin/aura-baselines was never fetched here',
    )
    expect(unfetched.stderr).toContain('hint: fetch it first (`git fetch origin aura-baselines`')
    const none = await gated('git:origin/baselines-to-come:baselines/gated.json')
    expect(none.code, none.stderr).toBe(0)
    expect(none.stderr).toContain(
      'WARNING: NO BASELINE: git:origin/baselines-to-come:baselines/gated.json was not found',
    )
    git('fetch', '-q', 'origin', 'aura-baselines:refs/remotes/origin/aura-baselines')
    expect((await gated('git:origin/aura-baselines:baselines/gated.json')).code).toBe(0)
  })

  it('outside a git checkout is E_BASELINE, exit 2, not NO BASELINE', async () => {
    const outside = tempFolder('git-baseline-outside-allow')
    const other = writeSuite(outside, 'gated', [path.join(REPO, 'configs/emergency.yaml')], TARGETS, EXTRA)
    const run = await cli(
      ['run', other, '--out', 'o', '--no-charts', '--baseline', 'git:main:b.json', '--allow-missing-baseline'],
      outside,
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/not a git repository/)
    expect(run.stderr).not.toContain('NO BASELINE')
  })
})

// round 32: git's children ran with the user's environment as it was, so a remote that wants credentials
// started a prompt (the terminal's, or an askpass program: core.askPass, SSH_ASKPASS) that nobody answers
// in CI, and `git ls-remote` waited for it up to its 60 s bound. They now run with GIT_TERMINAL_PROMPT=0
// and no askpass program (one the user set in GIT_ASKPASS is kept: a CI's token script).
describe('a remote that asks for credentials', () => {
  it("fails at once with git's words, running no askpass program; a GIT_ASKPASS the user set is still used", async () => {
    // an HTTP remote on this machine that wants a login for everything (offline: 127.0.0.1)
    const server = createServer((_request, response) => {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="baselines"' })
      response.end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const asked = path.join(dir, 'askpass-ran')
    const askpass = path.join(dir, 'askpass.sh')
    writeFileSync(askpass, `#!/bin/sh\necho "$1" >> ${JSON.stringify(asked)}\necho nobody\n`)
    chmodSync(askpass, 0o755)
    git('remote', 'add', 'locked', `http://127.0.0.1:${port}/baselines.git`)
    // a prompt program the user's git config names (as a desktop's password dialog would be)
    git('config', 'core.askPass', askpass)
    try {
      const spec = 'git:locked/aura-baselines:baselines/gated.json'
      const argv = [
        'run',
        suite,
        '--out',
        'locked',
        '--no-charts',
        '-q',
        '--baseline',
        spec,
        '--allow-missing-baseline',
      ]
      const run = await cli(argv, dir, { PATH: process.env['PATH'] ?? '' })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(
        `error E_BASELINE in ${spec}: baseline ${spec}: locked/aura-baselines is not here, and locked could not be asked whether branch aura-baselines exists (git ls-remote: fatal: could not read Username for 'http://127.0.0.1:${port}': terminal prompts disabled)`,
      )
      expect(run.stderr).toContain('check the remote')
      // before round 32 git ran core.askPass (and, without one, would have waited on the terminal's prompt)
      expect(existsSync(asked)).toBe(false)
      // a GIT_ASKPASS of the user's own is how CI hands git a token: kept
      const own = await cli(argv, dir, { PATH: process.env['PATH'] ?? '', GIT_ASKPASS: askpass })
      expect(own.code).toBe(2)
      expect(readFileSync(asked, 'utf8')).toMatch(/^Username for 'http:\/\/127\.0\.0\.1:\d+': $/m)
      expect(own.stderr).toMatch(/git ls-remote: (fatal|remote): .*[Aa]uthentication failed/)
    } finally {
      git('config', '--unset', 'core.askPass')
      git('remote', 'remove', 'locked')
      rmSync(asked, { force: true })
      server.close()
    }
  })
})
