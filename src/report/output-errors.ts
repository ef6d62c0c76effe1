/**
 * What the environment can refuse when aura-bench writes an output (a read-only or full disk, a path
 * under a file, no permission, a folder removed while writing), turned into E_OUTPUT errors that name
 * the path: bad input (exit 2), never "a bug" (exit 3).
 */
import { statSync } from 'node:fs'
import path from 'node:path'
import { AuraError, hasCode } from '../core/index.ts'

/** Node error codes that describe the environment, not a bug: each with the words a user reads. */
export const ENVIRONMENT_ERROR_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted (permissions, or an immutable file or folder)',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'the file is larger than the system allows',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder, a file was expected',
  EEXIST: 'something already exists at the path',
  ENOTEMPTY: 'a folder is in the way and not empty',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has a loop of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'an input/output error of the device',
  EBUSY: 'the path is busy',
  ETXTBSY: 'the file is busy',
  EXDEV: 'the path is on another file system',
}

/** True for a Node system error whose code is one of ENVIRONMENT_ERROR_REASONS. */
export function isEnvironmentError(error: unknown): error is Error & { code: string; path?: string } {
  return hasCode(error) && Object.hasOwn(ENVIRONMENT_ERROR_REASONS, error.code)
}

/**
 * Codes that are the environment's doing only while an output is written: every writer makes its
 * folders first, so a missing one was removed meanwhile. Kept out of ENVIRONMENT_ERROR_REASONS, which
 * the CLI applies to any error (an ENOENT elsewhere, a packaged file missing, stays a bug, exit 3).
 */
const OUTPUT_ERROR_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'a folder on the path does not exist (removed while aura-bench wrote?)',
}

/**
 * The E_OUTPUT error for a failed write of `target` (as the user named it, under `flag`), or the
 * error itself when it is not the environment's doing (those stay bugs) or already ours.
 */
export function toOutputError(error: unknown, target: string, flag = '--out'): unknown {
  if (error instanceof AuraError || !hasCode(error)) return error
  const reasons = isEnvironmentError(error) ? ENVIRONMENT_ERROR_REASONS : OUTPUT_ERROR_REASONS
  if (!Object.hasOwn(reasons, error.code)) return error
  const at = (error as { path?: unknown }).path
  const syscall = (error as { syscall?: unknown }).syscall
  const reason =
    error.code === 'ENOENT' && (syscall === 'open' || syscall === 'mkdir') ? enoentReason(at) : reasons[error.code]
  const where = typeof at === 'string' && at !== target ? ` (at ${at})` : ''
  return new AuraError(
    'E_OUTPUT',
    `cannot write there: ${reason}${where} [${error.code}]`,
    { file: target, field: flag },
    {
      hint: outputHint(error.code),
      cause: error,
    },
  )
}

/**
 * An ENOENT creating (open, mkdir) `at` in a folder that is there is no folder removed meanwhile: the folder's file
 * system makes no new files (procfs: `--junit /proc/j.xml` was said to be "a folder on the path does
 * not exist (removed while aura-bench wrote?)").
 */
function enoentReason(at: unknown): string | undefined {
  if (typeof at === 'string' && statSync(path.dirname(at), { throwIfNoEntry: false })?.isDirectory() === true)
    return `the folder ${path.dirname(at)} is there but takes no new files (a virtual file system such as /proc?)`
  return OUTPUT_ERROR_REASONS['ENOENT']
}

function outputHint(code: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG')
    return 'free some space (or choose another folder); the previous output there is intact'
  if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY')
    return 'choose another path, or move what is in the way'
  return 'choose a folder you can write to; the previous output there is intact'
}

/** Throws the E_OUTPUT form of whatever `action` throws (see toOutputError). */
export async function asOutputError<T>(target: string, flag: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    throw toOutputError(error, target, flag)
  }
}
