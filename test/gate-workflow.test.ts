// The example CI workflow stays valid YAML and in step with the CLI: it runs the gate with flags the
// CLI has, publishes JUnit and uploads the report.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { RUN_FLAGS } from '../src/cli/command-flags.ts'
import { cli, REPO, tempFolder, writeSuite } from './gate-support.ts'

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
}

describe('.github/workflows/aura-gate.yml', () => {
  const workflow = parse(readFileSync(path.join(REPO, '.github/workflows/aura-gate.yml'), 'utf8')) as {
    on: Record<string, unknown>
    permissions: Record<string, string>
    jobs: { gate: { env: Record<string, string>; steps: Step[] } }
  }
  const steps = workflow.jobs.gate.steps
  const gate = steps.find((s) => s.run?.includes('$AURA_BENCH "${args[@]}"') === true)?.run ?? ''
  const keep = steps.find((s) => s.name?.startsWith('Keep the baseline') === true)

  it('runs the gate with flags the CLI has, on pull requests and on main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push'])
    const flags = [...gate.matchAll(/--([a-z-]+)/g)].map((m) => m[1])
    for (const flag of [
      'baseline',
      'allow-missing-baseline',
      'save-baseline',
      'junit',
      'prometheus',
      'alert-rules',
      'alert-rule-tests',
      'pr-comment',
      'accept-regression',
    ])
      expect(flags).toContain(flag)
    for (const flag of flags) expect(flag === undefined || flag in RUN_FLAGS).toBe(true)
  })

  it('reads the baseline from a branch (no cache that expires) and warns loudly when it is missing', () => {
    expect(gate).toContain('--baseline "git:origin/$BASELINES_BRANCH:$BASELINE_PATH" --allow-missing-baseline')
    expect(steps.some((s) => s.uses?.startsWith('actions/cache') === true)).toBe(false)
    expect(steps.find((s) => s.name === 'Fetch the baselines branch')?.run).toContain('git fetch')
  })

  it('posts the sticky comment, honours the accept-regression label, keeps baseline and history on the branch', () => {
    expect(workflow.permissions['pull-requests']).toBe('write')
    const comment = steps.find((s) => s.uses?.startsWith('marocchino/sticky-pull-request-comment@') === true)
    expect(comment?.with?.['path']).toContain('comment.md')
    expect(comment?.if).toContain('!cancelled()')
    expect(JSON.stringify(steps.find((s) => s.name === 'Find an accepted regression'))).toContain(
      "contains(github.event.pull_request.labels.*.name, 'accept-regression')",
    )
    expect(gate).toContain('--accept-regression "$ACCEPT_REASON"')
    expect(keep?.if).toContain("steps.gate.outcome == 'success'")
    expect(keep?.run).toContain('$AURA_BENCH "${history[@]}"')
    expect(keep?.run).toContain('--accept-regression "$ACCEPT_REASON"')
    expect(keep?.run).toContain('git -C "$dir" push origin "HEAD:$BASELINES_BRANCH"')
  })

  // trial round 29: under a cancel or `timeout`, npm exec returns before the aura-bench it started has stopped
  it('runs the CLI as its own process, never through npx (docs/ci.md, "Exit codes")', () => {
    expect(workflow.jobs.gate.env['AURA_BENCH']).toBe('node dist/bin/main.js')
    expect(steps.filter((s) => /\bnpx\b|npm exec/.test(s.run ?? '')).map((s) => s.name)).toEqual([])
  })

  // trial round 37 (D6): the paths were spelled out in hashFiles, so a project that changed OUT lost both steps silently
  it('tests for the comment and the JUnit file under env.OUT, never a path spelled out', () => {
    const conditions = steps.filter((s) => s.if?.includes('hashFiles') === true).map((s) => s.if ?? '')
    expect(conditions.length).toBe(2)
    for (const condition of conditions) {
      expect(condition).toMatch(/hashFiles\(format\('\{0\}\/(comment\.md|junit\.xml)', env\.OUT\)\)/)
      expect(condition).not.toContain(workflow.jobs.gate.env['OUT'] ?? 'reports/')
    }
  })

  it('publishes the JUnit results and uploads the report even when the gate failed', () => {
    const uses = (prefix: string) => steps.find((s) => s.uses?.startsWith(prefix) === true)
    expect(uses('actions/upload-artifact@')?.if).toContain('!cancelled()')
    expect(uses('mikepenz/action-junit-report@')?.with?.['report_paths']).toContain('junit.xml')
  })
})

/**
 * The "Keep the baseline" step run as written against a scratch origin with this machine's git (2.39 here):
 * trial round 29 found `git worktree add --orphan` (git >= 2.42) failing there with
 * `error: unknown option 'orphan'`, exit 129, on the first push to main.
 */
describe('.github/workflows/aura-gate.yml: keeping the baseline with this machine git', () => {
  const workflow = parse(readFileSync(path.join(REPO, '.github/workflows/aura-gate.yml'), 'utf8')) as {
    jobs: { gate: { env: Record<string, string>; steps: Step[] } }
  }
  const keep = workflow.jobs.gate.steps.find((s) => s.name?.startsWith('Keep the baseline') === true)?.run ?? ''
  const CLI = existsSync(path.join(REPO, 'dist', 'cli', 'main.js'))
    ? `node ${path.join(REPO, 'dist', 'cli', 'main.js')}`
    : `${path.join(REPO, 'node_modules', '.bin', 'tsx')} ${path.join(REPO, 'src', 'cli', 'main.ts')}`

  it('creates the branch on the first passing run and adds to it on the next', async () => {
    const root = tempFolder('keep-baseline')
    const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
    git(root, 'init', '--quiet', '--bare', 'origin.git')
    git(root, 'clone', '--quiet', path.join(root, 'origin.git'), 'checkout')
    const checkout = path.join(root, 'checkout')
    git(checkout, 'config', 'user.email', 'dev@example.com')
    git(checkout, 'config', 'user.name', 'dev')
    writeFileSync(path.join(checkout, 'README.md'), 'the project\n')
    git(checkout, 'add', 'README.md')
    git(checkout, 'commit', '--quiet', '-m', 'project')
    git(checkout, 'push', '--quiet', 'origin', 'HEAD:main')
    // the gate's outputs, as the step finds them: a passing run's results.json and its saved baseline
    const suite = writeSuite(
      root,
      'week1',
      [path.join(REPO, 'configs/emergency.yaml')],
      ['{ metric: roundTripMismatches, pass: 0 }'],
      'latency: { enabled: false }',
    )
    const out = path.join(checkout, 'reports/ci/week1')
    const run = await cli(['run', suite, '--out', out, '--save-baseline', path.join(out, 'baseline.json')], root)
    expect(run.code, run.stderr).toBe(0)
    const runnerTemp = path.join(root, 'runner-temp')
    mkdirSync(runnerTemp)
    const env = {
      ...process.env,
      ...workflow.jobs.gate.env,
      OUT: out,
      // a project's own names (docs/ci.md), not week1's: trial round 38 (D3) found the trend charts and exports
      // written to week1/ whatever HISTORY_PATH said, so two suites' files overwrote each other
      BASELINE_PATH: 'ws/results.json',
      HISTORY_PATH: 'ws/history.jsonl',
      RUNNER_TEMP: runnerTemp,
      GITHUB_SHA: git(checkout, 'rev-parse', 'HEAD'),
      ACCEPT_REASON: '',
      AURA_BENCH: CLI,
      CI: 'true',
    }
    for (const pass of [1, 2]) {
      if (pass === 2) {
        // the next push to main: a new commit, its own passing run, the branch fetched as the workflow does
        git(checkout, 'worktree', 'remove', '--force', path.join(runnerTemp, 'baselines'))
        writeFileSync(path.join(checkout, 'README.md'), 'the project, edited\n')
        git(checkout, 'commit', '--quiet', '-am', 'edit')
        env.GITHUB_SHA = git(checkout, 'rev-parse', 'HEAD')
        const next = await cli(['run', suite, '--out', out, '--save-baseline', path.join(out, 'baseline.json')], root)
        expect(next.code, next.stderr).toBe(0)
        git(checkout, 'fetch', '--quiet', 'origin', workflow.jobs.gate.env['BASELINES_BRANCH'] ?? '')
      }
      const r = spawnSync('bash', ['-c', keep], { cwd: checkout, env, encoding: 'utf8' })
      expect(r.status, `pass ${pass}: ${r.stdout}\n${r.stderr}`).toBe(0)
    }
    const branch = `origin/${workflow.jobs.gate.env['BASELINES_BRANCH']}`
    git(checkout, 'fetch', '--quiet', 'origin')
    // two commits, the first with no parent: the branch shares nothing with main
    expect(git(checkout, 'rev-list', '--count', branch)).toBe('2')
    expect(git(checkout, 'rev-list', '--max-parents=0', branch).split('\n')).toHaveLength(1)
    const files = git(checkout, 'ls-tree', '-r', '--name-only', branch).split('\n')
    expect(files).toContain(env.BASELINE_PATH)
    expect(files).toContain(env.HISTORY_PATH)
    expect(files).toContain('ws/bencher.json')
    expect(files.filter((f) => !f.startsWith('ws/'))).toEqual([])
    const history = git(checkout, 'show', `${branch}:${env.HISTORY_PATH}`)
    expect(history.split('\n')).toHaveLength(2)
  }, 180_000)
})
