/** The CLI's view of its process: streams, environment, signals. Tests pass fakes; only main.ts builds the real one. */
import { AuraError } from '../core/index.ts'
import { describeHolder, ENVIRONMENT_ERROR_REASONS, isEnvironmentError, openOutputFolder, type OutputFolder, type OutputSlot } from '../report/index.ts'

/** Where a command writes and what it knows of its surroundings. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number }
  stderr: { write(text: string): unknown }
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** subscribes to an interrupt (SIGINT); returns an unsubscribe function */
  onInterrupt?: (handler: () => void) => () => void
}

/** Exit codes: 0 gate passed, 1 gate failed, 2 bad input, 3 internal error, 130 interrupted (the shell's 128 + SIGINT). */
export const EXIT = { ok: 0, gateFailed: 1, badInput: 2, internal: 3, interrupted: 130 } as const

/** True when output goes to a CI log or a pipe: plain lines instead of a progress bar. */
export function isPlainOutput(io: CliIo): boolean {
  const ci = io.env.CI
  return (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') || io.stdout.isTTY !== true
}

/**
 * A system error the environment caused (EACCES, EROFS, ENOSPC, ENOTDIR, EEXIST, EISDIR, ...) that
 * no writer turned into E_OUTPUT, as E_ENVIRONMENT naming its path: bad input (exit 2), not a bug.
 * Undefined for anything else (a bug keeps exit 3 and its stack).
 */
export function toEnvironmentError(error: unknown): AuraError | undefined {
  if (!isEnvironmentError(error)) return undefined
  const where = error.path === undefined ? '' : ` ${error.path}`
  const syscall = (error as { syscall?: string }).syscall
  return new AuraError('E_ENVIRONMENT', `${syscall === undefined ? 'a file operation' : syscall}${where} failed: ${ENVIRONMENT_ERROR_REASONS[error.code]} [${error.code}]`, error.path === undefined ? {} : { file: error.path }, {
    hint: 'check the path, its permissions and the free space',
    cause: error,
  })
}

/**
 * Opens (checks, creates, locks) an output folder before anything is measured: E_OUTPUT or
 * E_OUTPUT_LOCKED (exit 2) naming the folder, or with `wait` a line on stderr and a wait for the holder.
 */
export function openOutput(dir: string, slot: OutputSlot, names: readonly string[], wait: boolean, io: CliIo): Promise<OutputFolder> {
  return openOutputFolder(dir, {
    slot,
    names,
    wait,
    onWait: (holder) => io.stderr.write(`waiting: ${dir} is being written by another aura-bench (${describeHolder(holder)})\n`),
  })
}
