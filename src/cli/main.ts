#!/usr/bin/env node
/**
 * Process entry (the package's bin): the only file that touches `process`. It turns on source-mapped
 * stack traces before anything else loads, then runs the CLI.
 *
 * SIGINT and SIGTERM: the running command is asked to stop (it stops measuring, writes nothing,
 * prints one line and returns 130); a command that cannot be asked, one still busy after
 * STOP_GRACE_MS, or a second signal ends the process at once. Either way every child process still
 * alive (an external compressor) is killed first, and the exit code is 130 for SIGINT, 143 for SIGTERM.
 * A signal that arrives once the command has said it is past stopping (`pastStopping`: it is
 * publishing its outputs) or has returned changes nothing: its outputs are whole, one line says so,
 * and its own exit code stands (after runCli returned, the process then ends at once). A second
 * signal while it is publishing ends it at once, and the line says its outputs may be mixed.
 * While a command computes synchronously (`endOnSignal`: discover's phases), the listeners are off
 * and a signal ends the process at once by its default action (the shell's 130 / 143, no line).
 */
import { setFlagsFromString } from 'node:v8'
import { letPendingSignalsIn, untouchedByStop } from './io.ts'

process.setSourceMapsEnabled(true)

type StopSignal = 'SIGINT' | 'SIGTERM'
const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 }
const STOP_GRACE_MS = 3000

const handlers = new Set<() => void>()
let received: StopSignal | undefined
let graceTimer: NodeJS.Timeout | undefined
/** an `interrupted` line is out (the command's own, or one of ours): whoever comes second stays silent */
let lineWritten = false
/** runCli has returned and a signal pending then has been let in: its exit code is chosen */
let finished = false
/** runCli has returned; main waits two event-loop turns for a signal still pending, then sets `finished` */
let returned = false
/** the command said it is past stopping (publishing its outputs): a first signal no longer stops it */
let committed = false

/** Writes the run's one `interrupted` line, unless one is already out. */
function sayInterruptedOnce(text: string): void {
  if (lineWritten) return
  lineWritten = true
  process.stderr.write(text)
}

/** Kills every descendant (SIGKILL: an interrupted run's children have nothing left to finish). */
async function killChildren(): Promise<void> {
  const { listDescendants } = await import('./process-tree.ts')
  for (const pid of listDescendants(process.pid)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}

/** stopNow has begun: it awaits the children's kill, during which the command still runs */
let stopping = false

/** the command the command line was parsed to (runCli says it through onCommand) */
let command: string | undefined

async function stopNow(signal: StopSignal, why: string): Promise<never> {
  stopping = true
  await killChildren()
  // past stopping, the command was writing: each file is whole (written atomically), but not all are this run's
  const state = committed
    ? "it was writing its outputs: each file is whole, some may be this run's and some the previous one's"
    : untouchedByStop(command)
  sayInterruptedOnce(`interrupted (${signal}): ${why}; ${state}\n`)
  process.exit(SIGNAL_EXIT[signal])
}

/** Said when a signal came too late to stop anything: the command's outputs are complete and its exit code stands. */
function lateSignalLine(signal: StopSignal, code: number): string {
  return `${signal} received as the command finished: its outputs were already complete, so its exit code (${code}) stands\n`
}

function onSignal(signal: StopSignal): void {
  // runCli has returned and main is letting pending signals in: record it, main decides what it means
  if (returned && !finished) {
    received ??= signal
    return
  }
  if (finished) {
    // runCli has returned and its exit code is set: say so, and end now (something may still hold the event loop)
    const code = Number(process.exitCode ?? 0)
    if (received === undefined)
      process.stderr.write(
        committed
          ? lateSignalLine(signal, code)
          : `${signal} received after the command had ended: its exit code (${code}) stands\n`,
      )
    received ??= signal
    void killChildren().then(() => process.exit(code))
    return
  }
  if (received !== undefined) {
    void stopNow(received, 'stopped at once on a second signal')
    return
  }
  received = signal
  // publishing: no grace timer may cut the write short; the command finishes and main says so
  if (committed) return
  if (handlers.size === 0) {
    void stopNow(signal, 'stopped before anything was written')
    return
  }
  for (const handler of [...handlers]) handler()
  // not unref'd: a stopped run whose last promise never settles must still end here, not as Node's exit 13
  graceTimer = setTimeout(
    () => void stopNow(signal, `still busy ${STOP_GRACE_MS / 1000} s after the signal, stopped`),
    STOP_GRACE_MS,
  )
}

/**
 * A reader that closed its end (`| head -1`, `| grep -q`): the next write to that stream fails with
 * EPIPE, emitted as an 'error' event that, unhandled, ended the process with exit 1 and a stack trace
 * mid-run (the lock left behind). Writes to a closed stream are dropped instead, quietly: the command
 * finishes, releases what it holds and exits with its own code. Any other stream error (a full disk) is said on stderr
 * and ends the process with exit 2 once the command has finished and released what it holds.
 */
function dropWritesOnceClosed(stream: NodeJS.WriteStream, name: 'stdout' | 'stderr'): (text: string) => boolean {
  let closed = false
  stream.on('error', (error: NodeJS.ErrnoException) => {
    closed = true
    // any other failure (a full disk under `> file`): the command still finishes and releases its lock,
    // and the process ends with exit 2 naming the stream, not with exit 1 (which reads as a failed gate)
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') streamFailure ??= { name, error }
  })
  return (text) => (closed || stream.destroyed ? true : stream.write(text))
}
let streamFailure: { name: 'stdout' | 'stderr'; error: NodeJS.ErrnoException } | undefined
const writeStdout = dropWritesOnceClosed(process.stdout, 'stdout')
const writeStderr = dropWritesOnceClosed(process.stderr, 'stderr')

/** Resolves once everything written to the stream has been handed to the system (at once for a closed one). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableLength === 0) return Promise.resolve()
  // 'drain' comes only after a write that returned false: an empty write's callback runs once everything
  // queued before it is handed over, whatever the buffer held
  return new Promise((resolve) => {
    stream.once('error', () => resolve())
    stream.once('close', () => resolve())
    stream.write('', () => resolve())
  })
}

const onSigint = () => onSignal('SIGINT')
const onSigterm = () => onSignal('SIGTERM')
process.on('SIGINT', onSigint)
process.on('SIGTERM', onSigterm)
/** endOnSignal is in force: the listeners are off, so a signal takes its default action (the process ends) */
let endingOnSignal = false

const { runCli } = await import('./cli.ts')
const code = await runCli(process.argv.slice(2), {
  stdout: {
    write: writeStdout,
    get isTTY() {
      return process.stdout.isTTY
    },
    get columns() {
      return process.stdout.columns
    },
  },
  stderr: {
    write(text: string) {
      if (received !== undefined && text.startsWith('interrupted')) lineWritten = true
      return writeStderr(text)
    },
  },
  env: process.env,
  cwd: process.cwd(),
  onCommand(name) {
    command = name
  },
  onInterrupt(handler) {
    // a new phase that can stop (run's next suite): signals stop it again
    committed = false
    handlers.add(handler)
    // the process is already ending (a signal came before the command could be asked): a command that
    // subscribes meanwhile is asked at once, so it takes no lock and starts nothing it cannot undo
    if (stopping) queueMicrotask(handler)
    return () => handlers.delete(handler)
  },
  pastStopping() {
    committed = true
    clearTimeout(graceTimer)
  },
  preferSmallHeap() {
    setFlagsFromString('--optimize-for-size')
  },
  keepYoungGeneration() {
    // V8 reads the growth factor each time it would grow the young generation (the flag of its size is read
    // only at start): 1 keeps the size it has, 4 MB semi-spaces after the CLI's start on Node 20
    setFlagsFromString('--semi-space-growth-factor=1')
  },
  endOnSignal() {
    // a signal already came (the command is stopping on it) or the mode is on: nothing to change
    if (received !== undefined || stopping || endingOnSignal) return () => undefined
    endingOnSignal = true
    // with no listener left, Node restores the default action: the kernel ends the process, whatever JS is doing
    process.off('SIGINT', onSigint)
    process.off('SIGTERM', onSigterm)
    return () => {
      if (!endingOnSignal) return
      endingOnSignal = false
      process.on('SIGINT', onSigint)
      process.on('SIGTERM', onSigterm)
    }
  },
})
returned = true
// a signal that came while the command ran synchronous work (discover's phases) is still pending:
// without this the process would exit with the command's code before seeing it
await letPendingSignalsIn()
finished = true
if (received === undefined && streamFailure !== undefined) {
  const { name, error } = streamFailure
  const { ENVIRONMENT_ERROR_REASONS } = await import('../report/index.ts')
  const reason = ENVIRONMENT_ERROR_REASONS[error.code ?? ''] ?? error.message
  writeStderr(`error E_OUTPUT in ${name}: cannot write there: ${reason} [${error.code ?? 'error'}]\n`)
  // an internal error's own code stands; anything else could not say all it had to
  process.exitCode = code === 3 ? 3 : 2
} else if (received === undefined) {
  process.exitCode = code
  // Exit now, once stdout and stderr are flushed, rather than when the event loop drains: Node tears a
  // drained process down by closing its handles first, the signal handlers among them, and a SIGINT in
  // those last milliseconds (measured 5-10 ms with dist/bin, 10-20 ms through tsx) then took the default
  // action: exit 130 with nothing said, after the report was written. process.exit keeps the handlers
  // to the end (a signal then is absorbed and the code stands). It also ends a process that something of
  // the user's still holds (an external module's setInterval, imported by run or validate).
  // a stream that never flushes (a reader that stopped reading) must not hold the process: at most 2 s; not
  // unref'd, so an unsettled wait cannot end as Node's exit 13 either (process.exit below comes first normally)
  setTimeout(() => process.exit(code), 2000)
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  process.exit(code)
} else {
  // the command has returned: the grace timer must not add a second line while the children are killed
  clearTimeout(graceTimer)
  await killChildren()
  // it had said it was past stopping (publishing its outputs) and finished: what it wrote is whole, its code stands
  if (committed && code !== 130) {
    process.stderr.write(lateSignalLine(received, code))
    process.exit(code)
  }
  // it stopped on the signal (its own line is out), or finished without saying it was past stopping: the signal's code
  if (code !== 130)
    sayInterruptedOnce(`interrupted (${received}) as the command finished (its exit code would have been ${code})\n`)
  process.exit(SIGNAL_EXIT[received])
}
