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
  const workflow = parse(readFileSync(path.join(REPO, '.github/workflows/aura-gate.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: { gate: { steps: Step[] } } }
  const steps = workflow.jobs.gate.steps

  it('runs the gate with the CI flags, on pull requests and on main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push'])
    const gate = steps.find((s) => s.run?.includes('npx aura-bench') === true)?.run ?? ''
    const flags = [...gate.matchAll(/--([a-z-]+)/g)].map((m) => m[1])
    for (const flag of ['baseline', 'save-baseline', 'junit', 'prometheus', 'alert-rules']) expect(flags).toContain(flag)
    for (const flag of flags) expect(flag === undefined || flag in RUN_FLAGS).toBe(true)
  })

  it('publishes the JUnit results and uploads the report even when the gate failed', () => {
    const uses = (prefix: string) => steps.find((s) => s.uses?.startsWith(prefix) === true)
    expect(uses('actions/upload-artifact@')?.if).toContain('!cancelled()')
    expect(uses('mikepenz/action-junit-report@')?.with?.['report_paths']).toContain('junit.xml')
    expect(uses('actions/cache/save@')?.if).toContain("steps.gate.outcome == 'success'")
  })
})
