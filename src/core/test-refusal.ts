/** The AuraError a call is refused with (test code, not exported from core). */
import { expect } from 'vitest'
import { AuraError } from './errors.ts'

/** Runs `call` and returns the AuraError it rejects with; fails the test when it throws anything else or nothing. */
export async function auraRefusal(call: () => Promise<unknown>): Promise<AuraError> {
  try {
    await call()
  } catch (error) {
    expect(error).toBeInstanceOf(AuraError)
    return error as AuraError
  }
  throw new Error('expected a refusal')
}
