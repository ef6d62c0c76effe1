/**
 * The guard against a user's callback calling back into the matcher whose spans its caller holds
 * (a header or frame-prefix callback given to the frame encoder or encodeBinarySemantic).
 */
import { AuraError } from '../core/index.ts'
import type { TemplateMatcher } from './matcher-types.ts'

/** The matcher whose caller is running a callback of the user's now (see `whileCallingOut`). */
let calledOutFrom: TemplateMatcher | undefined

/**
 * Runs a user's callback (headerSizeBytes, framePrefix) that `matcher`'s caller invokes while it holds
 * the matcher's spans: a call into that same matcher from the callback would overwrite them and
 * encode another message's values silently, so it throws E_USAGE instead.
 */
export function whileCallingOut<T>(matcher: TemplateMatcher, callback: () => T): T {
  const before = calledOutFrom
  calledOutFrom = matcher
  try {
    return callback()
  } finally {
    calledOutFrom = before
  }
}

/** Throws E_USAGE when `matcher` is called from a callback its caller runs (see whileCallingOut). */
export function refuseReentry(matcher: TemplateMatcher): void {
  if (calledOutFrom === matcher)
    throw new AuraError(
      'E_USAGE',
      'a headerSizeBytes or framePrefix callback used the matcher of the encoding that called it, which would overwrite the values being encoded',
      {},
      {
        hint: 'give the callback a matcher of its own (createMatcher(store)), or make it a pure function of the template id',
      },
    )
}
