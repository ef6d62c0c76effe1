// A reader that closes its end early (`aura-bench run pass.yaml | grep -q complete`, `--help | head -1`):
// the CLI ended with exit 1 and `Error: write EPIPE ... Unhandled 'error' event` even when the gate
// passed, and left .aura-bench/lock behind. Now writes to the closed stdout are dropped quietly, the
// run finishes, the lock is released and the exit code is the run's own. A real process, its stdout
// pipe closed by the parent before the child writes anything.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliBundle, tinySuiteYaml } from './cli-bundle.ts'

let bundle = ''
const work = mkdtempSync(path.join(tmpdir(), 'aura-epipe-'))
beforeAll(() => {
  bundle = buildCliBundle('epipe')
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs the CLI with its stdout's reading end closed at once; the exit code and stderr. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

describe('stdout closed by its reader (EPIPE)', () => {
  it('run: the gate passes with exit 0, no stack trace, the lock released, the report written', async () => {
    const suite = path.join(work, 'pass.yaml')
    writeFileSync(suite, tinySuiteYaml('pass', 'good'))
    const out = path.join(work, 'out')
    const { code, stderr } = await runWithClosedStdout(['run', suite, '--out', out, '--no-latency', '--no-charts'])
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error'|^ {4}at /m)
    expect(code).toBe(0)
    expect(existsSync(path.join(out, '.aura-bench', 'lock'))).toBe(false)
    expect(existsSync(path.join(out, 'results.json'))).toBe(true)
  })

  it('run: a failing gate still exits 1 (its own code), quietly', async () => {
    const suite = path.join(work, 'fail.yaml')
    writeFileSync(
      suite,
      tinySuiteYaml('fail', 'good').replace('pass: 0 }', 'pass: 0 }\n  - { metric: savings, pass: 0.99 }'),
    )
    const out = path.join(work, 'out-fail')
    const { code, stderr } = await runWithClosedStdout(['run', suite, '--out', out, '--no-latency', '--no-charts'])
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error'|^ {4}at /m)
    expect(code).toBe(1)
    expect(existsSync(path.join(out, '.aura-bench', 'lock'))).toBe(false)
  })

  it('--help: exit 0, nothing on stderr', async () => {
    const { code, stderr } = await runWithClosedStdout(['--help'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('a stdout that fails otherwise (a full disk): the run finishes, releases its lock and exits 2 naming stdout, not 1', async () => {
    if (!existsSync('/dev/full')) return
    const suite = path.join(work, 'full.yaml')
    writeFileSync(suite, tinySuiteYaml('full', 'good'))
    const out = path.join(work, 'out-full')
    const { openSync, closeSync } = await import('node:fs')
    const full = openSync('/dev/full', 'w')
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bundle, 'run', suite, '--out', out, '--no-latency', '--no-charts'], {
        cwd: work,
        stdio: ['ignore', full, 'pipe'],
      })
      let stderr = ''
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk
      })
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stderr }))
    })
    closeSync(full)
    expect(result.stderr).toMatch(/error E_OUTPUT in stdout: .*ENOSPC/)
    expect(result.stderr).not.toMatch(/Unhandled 'error'|^ {4}at /m)
    expect(result.code).toBe(2)
    expect(existsSync(path.join(out, '.aura-bench', 'lock'))).toBe(false)
  })
})
