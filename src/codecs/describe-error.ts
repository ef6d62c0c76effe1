/** Turns a third-party library's thrown value into text for a FrameError message. */
import { hasCode } from '../core/index.ts'

/** `code: message` for errors with a code, the message otherwise, String(value) for non-errors. */
export function describeError(error: unknown): string {
  if (hasCode(error)) return `${error.code}: ${error.message}`
  return error instanceof Error ? error.message : String(error)
}
