/**
 * Starts an external command so that nothing it starts can outlive aura-bench, even a kill -9 of
 * aura-bench (which runs no handler): the command leads its own process group (so aura-bench kills
 * the whole group on failure, timeout and close), and a watcher in that group waits on a pipe only
 * aura-bench holds open. When aura-bench dies, for any reason, the kernel closes its end; the
 * watcher's read returns and it kills its own group: the command, its children and itself.
 *
 * Steps (one `sh`, started detached: a new session and process group whose id is its pid):
 * 1. Look the program up as exec will (a path must be an executable file, a bare name must be on
 *    PATH); if it cannot start, say so on fd 3 and exit: aura-bench reports E_EXTERNAL "cannot start".
 * 2. Fork the watcher (a subshell in the same group): `read` on fd 3 blocks until aura-bench's end
 *    closes, then `kill -KILL 0` (0: every process of the sender's group).
 * 3. Say `ok` on fd 3, then exec the command in place of the shell (same pid: exit codes and signals
 *    are the command's own) with fd 3 closed, its stdin, stdout and stderr the pipes aura-bench reads.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import type { Readable } from 'node:stream'

/** The supervising shell; the command follows as "$@". */
const SUPERVISOR = [
  'case $1 in */*) [ -f "$1" ] && [ -x "$1" ] ;; *) command -v "$1" >/dev/null 2>&1 ;; esac || { echo cannot-start >&3; exit 127; }',
  '( read -r _ <&3; kill -KILL 0 ) </dev/null >/dev/null 2>&1 &',
  'echo ok >&3',
  'exec "$@" 3<&-',
].join('\n')

/** A started command: its process (stdin, stdout, stderr are the command's) and the group to kill. */
export interface SupervisedChild {
  child: ChildProcessWithoutNullStreams
  /** the process group of the command, its children and the watcher: the command's pid */
  groupId: number
}

/** Why a command could not start (the program is not there or not executable; or the shell could not be started). */
class CannotStartError extends Error {}

/**
 * Starts `command` (program and arguments, no shell interpretation of them) in `cwd` under the
 * supervisor; resolves once the program was found and is being exec'd, rejects with CannotStartError.
 */
export async function spawnSupervised(command: readonly string[], cwd: string): Promise<SupervisedChild> {
  const [program] = command
  const child = spawn('/bin/sh', ['-c', SUPERVISOR, 'aura-bench-supervisor', ...command], {
    cwd,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    detached: true,
  })
  const control = child.stdio[3] as Readable
  const status = await new Promise<string>((resolve, reject) => {
    let said = ''
    child.once('error', (error) => reject(new CannotStartError(error.message)))
    control.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8')
      if (said.includes('\n')) resolve(said.trim())
    })
    control.once('end', () => resolve(said.trim()))
  })
  control.removeAllListeners('data')
  // the watcher's end of this pipe is what a kill -9 of aura-bench closes; aura-bench's end must stay open
  control.on('data', () => undefined)
  control.on('error', () => undefined)
  ;(control as unknown as { unref?: () => void }).unref?.()
  // once the command has exited, closing our end lets the watcher end what it left behind, and lets
  // the child's 'close' come as soon as its pipes drain (the watcher holds this one open)
  if (child.exitCode !== null || child.signalCode !== null) control.destroy()
  else child.once('exit', () => control.destroy())
  if (status !== 'ok' || child.pid === undefined) {
    child.kill('SIGKILL')
    const where =
      program?.includes('/') === true
        ? `${program} is not an executable file`
        : `no executable named ${program} on PATH`
    throw new CannotStartError(
      status === 'cannot-start' ? where : `the supervising shell stopped before starting it (${status || 'no reply'})`,
    )
  }
  return { child: child as ChildProcessWithoutNullStreams, groupId: child.pid }
}
