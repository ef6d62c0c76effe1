/**
 * The child side of a memory probe in a process of its own (compare's since round 39, replay's since round 40): takes
 * one request from the parent over the IPC channel, measures it, replies with the growth per connection (or the error,
 * a user's with its code, a bug's with its stack), and ends when the parent disconnects or is gone.
 */
import { AuraError } from '../core/index.ts'
import type { ProbeFailure, ProbeGrowth } from './memory-probe-child.ts'
import type { Pace } from './pace.ts'

/**
 * What the parent needs to raise the child's error as the same kind: a user's error keeps its code, its file, field
 * and line, and its hint (s40-rev3 F3: they were lost), a bug its stack.
 */
function failure(error: unknown): ProbeFailure {
  if (error instanceof AuraError)
    return {
      code: error.code,
      message: error.reason,
      ...(Object.keys(error.location).length === 0 ? {} : { location: { ...error.location } }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    }
  return error instanceof Error
    ? { message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) }
    : { message: String(error) }
}

/** Serves one probe request with `measure`; `pace` yields a turn of the event loop (call it between connections). */
export function serveProbe<Request>(measure: (request: Request, pace: Pace) => Promise<ProbeGrowth>): void {
  if (process.send === undefined) throw new Error('a memory probe child runs as a child process of compare or replay')
  // the parent ending (a signal, an error) ends the probe too
  process.on('disconnect', () => process.exit(0))
  process.once('message', (request: Request) => {
    // a turn of the event loop between connections (outside the readings' span), so a 'disconnect' is seen at once
    const pace = () => new Promise<void>((resolve) => setImmediate(resolve))
    // a synchronous throw (opening the codec) is sent back as an asynchronous one is
    Promise.resolve()
      .then(() => measure(request, pace))
      .then((growth) => process.send?.({ growth }))
      .catch((error: unknown) => process.send?.({ error: failure(error) }))
  })
}
