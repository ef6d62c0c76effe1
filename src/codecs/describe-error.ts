/** Turns a third-party library's thrown value into text for a FrameError message. */
import { FrameError, hasCode } from '../core/index.ts'

/** `code: message` for errors with a code, the message otherwise, String(value) for non-errors. */
export function describeError(error: unknown): string {
  if (hasCode(error)) return `${error.code}: ${error.message}`
  return error instanceof Error ? error.message : String(error)
}

/** What a decoder throws for a library's failure: a FrameError as it is, anything else as E_FRAME_CORRUPT `prefix: description`. */
export function toFrameError(prefix: string, error: unknown): FrameError {
  return error instanceof FrameError ? error : new FrameError('E_FRAME_CORRUPT', `${prefix}: ${describeError(error)}`)
}
