/** Output folders and environment errors for the commands (loaded with a command, not on `--help`). */
import { AuraError } from '../core/index.ts'
import {
  describeHolder,
  ENVIRONMENT_ERROR_REASONS,
  isEnvironmentError,
  openOutputFolder,
  type OutputFolder,
  type OutputSlot,
} from '../report/index.ts'
import type { CliIo } from './io.ts'

/**
 * A system error the environment caused (EACCES, EROFS, ENOSPC, ENOTDIR, EEXIST, EISDIR, ...) that
 * no writer turned into E_OUTPUT, as E_ENVIRONMENT naming its path: bad input (exit 2), not a bug.
 * Undefined for anything else (a bug keeps exit 3 and its stack).
 */
export function toEnvironmentError(error: unknown): AuraError | undefined {
  if (!isEnvironmentError(error)) return undefined
  const where = error.path === undefined ? '' : ` ${error.path}`
  const syscall = (error as { syscall?: string }).syscall
  return new AuraError(
    'E_ENVIRONMENT',
    `${syscall === undefined ? 'a file operation' : syscall}${where} failed: ${ENVIRONMENT_ERROR_REASONS[error.code]} [${error.code}]`,
    error.path === undefined ? {} : { file: error.path },
    {
      hint: 'check the path, its permissions and the free space',
      cause: error,
    },
  )
}

/**
 * Opens (checks, creates, locks) an output folder before anything is measured: E_OUTPUT or
 * E_OUTPUT_LOCKED (exit 2) naming the folder, or with `wait` a line on stderr and a wait for the holder.
 */
export function openOutput(
  dir: string,
  slot: OutputSlot,
  names: readonly string[],
  wait: boolean,
  io: CliIo,
  /** the suite whose report this is: a folder holding another suite's report is refused (E_OUTPUT) */
  suite?: string,
): Promise<OutputFolder> {
  return openOutputFolder(dir, {
    slot,
    names,
    wait,
    ...(suite === undefined ? {} : { suite }),
    onWait: (holder) =>
      io.stderr.write(`waiting: ${dir} is being written by another aura-bench (${describeHolder(holder)})\n`),
  })
}

/** `1 corpus`, `2 corpora`: a count with its noun in the number it needs. */
export function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}
