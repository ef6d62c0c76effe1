/** Helpers shared by the template tests (test code: may use vitest). */
import { expect } from 'vitest'
import { FrameError } from '../core/index.ts'

/** A decoder's outcome as one comparable string: `ok` and the message, or the FrameError's code and message. */
export function decodeOutcome(run: () => Uint8Array | string): string {
  try {
    const result = run()
    return typeof result === 'string' ? `ok ${result}` : `ok ${new TextDecoder().decode(result)}`
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError)
    return `${(error as FrameError).code} ${(error as FrameError).message}`
  }
}
