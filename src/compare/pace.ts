/**
 * Yield points of a comparison (s36-trial D1). A stateful replay, a memory probe or a size pass runs
 * call after call whose promises are already resolved: only microtasks run between them, so the
 * process never returns to the event loop, a SIGINT / SIGTERM is not even delivered to its handler,
 * and the CLI's 3 s stop could not start until the whole comparison had ended (11-22 s in the
 * trial). `pace()` is awaited between messages, never inside a timed call: at most every
 * PACE_EVERY_MS it gives the event loop two turns (a signal pending in libuv is delivered between
 * them, as io.ts's letPendingSignalsIn measured), and once the signal is aborted it throws
 * ComparisonAborted, which every entry's own error handling lets through.
 */
import { performance } from 'node:perf_hooks'

/** Thrown when the signal aborts the comparison (between entries, or at a yield point inside one). */
export class ComparisonAborted extends Error {}

/** Awaited between messages: yields to the event loop now and then, throws ComparisonAborted once aborted. */
export type Pace = () => Promise<void>

/** Longest stretch of measuring between two turns of the event loop, in milliseconds. */
export const PACE_EVERY_MS = 50

/** A pace for `signal`: without one (a library caller that cannot stop), it only yields. */
export function createPace(
  signal: AbortSignal | undefined,
  everyMs = PACE_EVERY_MS,
  now: () => number = () => performance.now(),
): Pace {
  let last = now()
  return async () => {
    if (now() - last >= everyMs) {
      await new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
      last = now()
    }
    if (signal?.aborted === true) throw new ComparisonAborted('aborted')
  }
}

/** Rethrows ComparisonAborted (an entry's catch records other errors as a failed entry, never a stop). */
export function rethrowAbort(error: unknown): void {
  if (error instanceof ComparisonAborted) throw error
}
