/**
 * A child process spoken to in JSON lines: one request object per line on its stdin, one reply per
 * line on its stdout, matched by `id`. It never hangs its caller: a request unanswered within the
 * timeout kills the process, and a crash, a malformed reply or a timeout fails every pending and
 * later request with E_EXTERNAL (the process is not restarted: a run must not mix two processes).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { AuraError, type ErrorLocation } from '../core/index.ts'
import { spawnSupervised, type SupervisedChild } from './supervised-spawn.ts'

/** How to start the process and how long one request may take. */
interface JsonLinesProcessOptions {
  /** program and arguments, no shell */
  command: readonly string[]
  /** working folder of the process */
  cwd: string
  /** time one request may take before the process is killed, in milliseconds */
  timeoutMs: number
  /** how errors name it, e.g. `external compressor "python-zlib"` */
  label: string
  /** where the command is set (the config file, `external_command[0]`): a command that cannot start is named there */
  origin?: ErrorLocation
}

/** A running JSON-lines process. */
export interface JsonLinesProcess {
  /** Sends `message` with a fresh `id` and resolves with the reply carrying that id. */
  request(message: Record<string, unknown>): Promise<Record<string, unknown>>
  /** Ends stdin, waits briefly for the process to exit, then kills it; safe to call twice. */
  close(): Promise<void>
}

/**
 * Longest reply line read (64 MiB): a reply carries a frame of at most a 16 MiB message in base64,
 * well under it. A process writing an endless line (`cat /dev/zero`) is stopped there with E_EXTERNAL
 * instead of growing a string until V8 throws a RangeError.
 */
const MAX_REPLY_LINE_BYTES = 64 * 1024 * 1024
/** Last bytes of stderr kept for error messages. */
const STDERR_TAIL_BYTES = 2048
/** How long close() waits for a clean exit after ending stdin, in milliseconds. */
const CLOSE_GRACE_MS = 1000
/** How long after 'exit' the pipes may stay open before the death is reported anyway, in milliseconds. */
const EXIT_DRAIN_MS = 200

interface Pending {
  resolve(reply: Record<string, unknown>): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

/** Starts the process; rejects with E_EXTERNAL when it cannot be started (command not found, not executable). */
export async function startJsonLinesProcess(options: JsonLinesProcessOptions): Promise<JsonLinesProcess> {
  const [program, ...args] = options.command
  if (program === undefined) throw new AuraError('E_EXTERNAL', `${options.label}: the command is empty`)
  // the process leads its own process group, so killing the group also ends its children (a shell
  // wrapper's python); a watcher in the group kills it if aura-bench itself dies (supervised-spawn.ts)
  let started: SupervisedChild
  try {
    started = await spawnSupervised([program, ...args], options.cwd)
  } catch (error) {
    throw new AuraError(
      'E_EXTERNAL',
      `${options.label}: cannot start \`${options.command.join(' ')}\` in ${options.cwd}: ${(error as Error).message}`,
      options.origin ?? {},
      { cause: error },
    )
  }
  return createProtocol(started.child, started.groupId, options)
}

function createProtocol(
  child: ChildProcessWithoutNullStreams,
  groupId: number,
  options: JsonLinesProcessOptions,
): JsonLinesProcess {
  const pending = new Map<number, Pending>()
  let nextId = 1
  let failure: AuraError | undefined
  let closing = false
  let stderrTail = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  /** SIGKILL to the whole process group (the child and everything it started); the child alone if that fails. */
  const killGroup = (): void => {
    try {
      process.kill(-groupId, 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
  }

  const fail = (message: string): void => {
    if (failure !== undefined) return
    const tail = stderrTail.trim()
    failure = new AuraError(
      'E_EXTERNAL',
      `${options.label}: ${message}${tail === '' ? '' : `; its stderr ends with: ${tail.slice(-500)}`}`,
    )
    killGroup()
    for (const [id, p] of pending) {
      clearTimeout(p.timer)
      pending.delete(id)
      p.reject(failure)
    }
  }

  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES)
  })
  // a write to a process that died fails with EPIPE; the exit handler reports the death itself
  child.stdin.on('error', () => undefined)
  // replies written just before an exit are still in the pipe at 'exit': judge the death at 'close',
  // or shortly after 'exit' when a grandchild keeps the pipes open
  child.once('exit', (code, signal) => {
    const died = (): void => {
      if (!closing)
        fail(
          `the process exited (${signal === null ? `code ${code}` : `signal ${signal}`}) while the gate still needed it`,
        )
    }
    child.once('close', died)
    setTimeout(died, EXIT_DRAIN_MS).unref()
  })
  let partial: Buffer[] = []
  let partialBytes = 0
  child.stdout.on('data', (chunk: Buffer) => {
    let start = 0
    for (
      let newline = chunk.indexOf(0x0a, start);
      newline !== -1 && failure === undefined;
      newline = chunk.indexOf(0x0a, start)
    ) {
      const line = Buffer.concat([...partial, chunk.subarray(start, newline)])
      partial = []
      partialBytes = 0
      start = newline + 1
      onLine(line.toString('utf8'))
    }
    if (failure !== undefined || start >= chunk.length) return
    partialBytes += chunk.length - start
    if (partialBytes > MAX_REPLY_LINE_BYTES)
      return fail(`replied with a line longer than ${MAX_REPLY_LINE_BYTES} bytes, which is not the protocol`)
    partial.push(chunk.subarray(start))
  })
  // the process never keeps the gate alive on its own: pending requests hold timers that do
  for (const stream of [child, child.stdin, child.stdout, child.stderr])
    (stream as unknown as { unref?: () => void }).unref?.()

  function onLine(line: string): void {
    if (line.trim() === '') return
    let reply: unknown
    try {
      reply = JSON.parse(line)
    } catch {
      return fail(`replied with a line that is not JSON: ${JSON.stringify(line.slice(0, 120))}`)
    }
    const id = typeof reply === 'object' && reply !== null ? (reply as { id?: unknown }).id : undefined
    const waiting = typeof id === 'number' ? pending.get(id) : undefined
    if (waiting === undefined) return fail(`replied with id ${JSON.stringify(id)}, which no request is waiting for`)
    clearTimeout(waiting.timer)
    pending.delete(id as number)
    waiting.resolve(reply as Record<string, unknown>)
  }

  return {
    request(message) {
      if (failure !== undefined) return Promise.reject(failure)
      if (closing) return Promise.reject(new AuraError('E_EXTERNAL', `${options.label}: the process was closed`))
      const id = nextId++
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            fail(
              `no reply to request ${id} (${String(message['op'])}) within ${options.timeoutMs} ms; the process was killed`,
            ),
          options.timeoutMs,
        )
        pending.set(id, { resolve, reject, timer })
        child.stdin.write(`${JSON.stringify({ ...message, id })}\n`)
      })
    },
    async close() {
      if (closing) return exited
      closing = true
      child.stdin.end()
      const grace = setTimeout(killGroup, CLOSE_GRACE_MS)
      await exited
      clearTimeout(grace)
      // the child is gone; what it started must not outlive the run
      killGroup()
      for (const p of pending.values()) {
        clearTimeout(p.timer)
        p.reject(new AuraError('E_EXTERNAL', `${options.label}: the process was closed before it replied`))
      }
      pending.clear()
    },
  }
}
