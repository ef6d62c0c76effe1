// The example CI workflow stays valid YAML and in step with the CLI: it runs the gate with flags the
// CLI has, publishes JUnit and uploads the report.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { RUN_FLAGS } from '../src/cli/commands.ts'
import { REPO } from './gate-support.ts'

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

  it('publishes the JUnit results and uploads the report even when the gate failed', () => {
    const uses = (prefix: string) => steps.find((s) => s.uses?.startsWith(prefix) === true)
    expect(uses('actions/upload-artifact@')?.if).toContain('!cancelled()')
    expect(uses('mikepenz/action-junit-report@')?.with?.['report_paths']).toContain('junit.xml')
  })
})
