// kill -9 of aura-bench itself while an external compressor runs (issue 19, item 6): nothing the
// command started may outlive it. The command is a shell wrapper that starts a child of its own
// (`sleep 300`) and then becomes a slow JSON-lines server that ignores the end of its input; aura-bench
// runs no handler on SIGKILL, so only the watcher of src/external/supervised-spawn.ts can end them.
import { spawn, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCliBundle, REPO } from './cli-bundle.ts'

const work = mkdtempSync(path.join(tmpdir(), 'aura-external-kill-'))
const leftovers: number[] = []
afterAll(() => {
  // whatever the outcome, leave no process behind
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  rmSync(work, { recursive: true, force: true })
})

/** A JSON-lines server answering every request after 200 ms, and staying alive after its input ends. */
const SERVER = `
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line)
  const reply = request.op === 'compress' ? { id: request.id, frame: request.data, method: 'uncompressed' } : { id: request.id, data: request.frame }
  setTimeout(() => process.stdout.write(JSON.stringify(reply) + '\\n'), 200)
})
setInterval(() => {}, 1000)
`

/** Processes (not zombies) of a process group, from ps. */
function groupMembers(groupId: number): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' }).split('\n')
  return lines.filter((line) => {
    const [, pgid, stat] = line.trim().split(/\s+/)
    return Number(pgid) === groupId && stat !== undefined && !stat.startsWith('Z')
  })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return false
  }
  return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (condition()) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return condition()
}

describe('kill -9 of aura-bench while an external command runs', () => {
  it('leaves no process of the command behind: not the wrapper, not its own child', async () => {
    const bundle = buildCliBundle('external-kill')
    writeFileSync(path.join(work, 'server.cjs'), SERVER)
    const wrapper = `sleep 300 & echo $! > grandchild.pid; echo $$ > wrapper.pid; exec ${JSON.stringify(process.execPath)} server.cjs`
    writeFileSync(
      path.join(work, 'slow.yaml'),
      `name: slow\nexternal_command: ["sh", "-c", ${JSON.stringify(wrapper)}]\nexternal_timeout_ms: 60000\n`,
    )
    writeFileSync(
      path.join(work, 'suite.yaml'),
      `name: killed\ncorpora: [${JSON.stringify(path.join(REPO, 'corpora/week1/messages.jsonl'))}]\nconfigs: [${JSON.stringify(path.join(work, 'slow.yaml'))}]\nlatency: { enabled: false }\n`,
    )
    const cli = spawn(
      process.execPath,
      [bundle, 'run', path.join(work, 'suite.yaml'), '--out', path.join(work, 'out'), '--quiet'],
      { cwd: work, stdio: 'ignore' },
    )
    leftovers.push(cli.pid as number)
    const exited = new Promise((resolve) => cli.once('exit', resolve))
    const started = await waitFor(
      () => existsSync(path.join(work, 'grandchild.pid')) && existsSync(path.join(work, 'wrapper.pid')),
      60_000,
    )
    expect(started).toBe(true)
    const wrapperPid = Number(readFileSync(path.join(work, 'wrapper.pid'), 'utf8'))
    const grandchildPid = Number(readFileSync(path.join(work, 'grandchild.pid'), 'utf8'))
    leftovers.push(wrapperPid, grandchildPid)
    // the command is serving (a few requests in), and aura-bench is still running
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(cli.exitCode).toBeNull()
    expect(groupMembers(wrapperPid).length).toBeGreaterThanOrEqual(2)
    cli.kill('SIGKILL')
    await exited
    const gone = await waitFor(() => groupMembers(wrapperPid).length === 0, 5_000)
    expect({
      gone,
      left: groupMembers(wrapperPid),
      wrapper: isAlive(wrapperPid),
      grandchild: isAlive(grandchildPid),
    }).toEqual({ gone: true, left: [], wrapper: false, grandchild: false })
  }, 120_000)
})
