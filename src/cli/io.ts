/**
 * The CLI's view of its process: streams, environment, signals. Tests pass fakes; only main.ts builds the real one.
 * Read on every start (`--help` included), so it imports nothing: output folders and environment errors are in output.ts.
 */

/** Where a command writes and what it knows of its surroundings. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number }
  stderr: { write(text: string): unknown }
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** subscribes to an interrupt (SIGINT); returns an unsubscribe function */
  onInterrupt?: (handler: () => void) => () => void
  /**
   * The command is past stopping: it has begun publishing its outputs. A first signal from here on
   * no longer stops it (no grace timer cuts the write short): it finishes, and its exit code stands.
   */
  pastStopping?: () => void
  /**
   * The command would rather hold a smaller heap than save CPU (V8's `--optimize-for-size`: the heap
   * grows less ahead of its garbage). Only the real process offers it: tests run many commands in one.
   */
  preferSmallHeap?: () => void
  /**
   * The command would rather not let V8's young generation grow from now on (it keeps the size the
   * start gave it): less memory held for short-lived objects, more of them promoted. Only the real
   * process offers it: tests run many commands in one.
   */
  keepYoungGeneration?: () => void
  /**
   * The command computes synchronously from now on (discover's phases: seconds to minutes in which
   * no signal handler can run): until the returned function is called, SIGINT or SIGTERM ends the
   * process at once by the signal's default action (the shell's 130 / 143, no line said), instead of
   * being seen only once the computation ends. Asked for only while the command has nothing written
   * and nothing to undo. Only the real process offers it: tests run many commands in one.
   */
  endOnSignal?: () => () => void
  /**
   * The command line was parsed to this command (its name as the command list writes it), before the command
   * starts: main.ts says from it what a stop leaves as it was (untouchedByStop).
   */
  onCommand?: (name: string) => void
}

/** What an early stop left as it was, for the commands whose outputs are not a report (s42-trial D4: discover spoke of a report). */
const UNTOUCHED: Readonly<Record<string, string>> = {
  discover: 'the store named by --out is as it was (if it existed)',
  history: 'the history file is as it was',
  validate: 'it writes no file',
  completion: 'it writes no file',
}

/** The end of an `interrupted` line for a command stopped before publishing anything (`command` as parsed, if it was). */
export function untouchedByStop(command: string | undefined): string {
  return (command === undefined ? undefined : UNTOUCHED[command]) ?? 'the previous report (if any) is intact'
}

/** Exit codes: 0 gate passed, 1 gate failed, 2 bad input, 3 internal error, 130 interrupted (the shell's 128 + SIGINT). */
export const EXIT = { ok: 0, gateFailed: 1, badInput: 2, internal: 3, interrupted: 130 } as const

/** True when output goes to a CI log or a pipe: plain lines instead of a progress bar. */
export function isPlainOutput(io: CliIo): boolean {
  const ci = io.env.CI
  return (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') || io.stdout.isTTY !== true
}

/**
 * Two turns of the event loop: a signal that came while the process ran synchronous work is still
 * pending in libuv, and is delivered in the poll phase between the two (measured: one turn is not
 * enough). Called before deciding on what a signal would change (discover's write, main's exit code).
 */
export async function letPendingSignalsIn(): Promise<void> {
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
}
