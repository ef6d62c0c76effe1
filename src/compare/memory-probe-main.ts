/**
 * The child process of compare's memory probe (memory-probe-child.ts): receives one entry's codec spec, warm-up
 * bytes and connection count, measures as the in-process probe does (one connection opened and closed, a reading,
 * N connections held open, a reading, each after two full collections), replies with the growth per connection, ends.
 */
import { AuraError } from '../core/index.ts'
import { probeConnections, readMemoryAfterGc } from './connection-memory.ts'
import { openProbeCodec, type ProbeFailure, type ProbeRequest } from './memory-probe-child.ts'

/** What the parent needs to raise the child's error as the same kind: a user's error keeps its code, a bug its stack. */
function failure(error: unknown): ProbeFailure {
  if (error instanceof AuraError) return { code: error.code, message: error.message }
  return error instanceof Error
    ? { message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) }
    : { message: String(error) }
}

if (process.send === undefined) throw new Error('memory-probe-main runs as a child process of compare')
// the parent ending (a signal, an error) ends the probe too
process.on('disconnect', () => process.exit(0))
process.once('message', (request: ProbeRequest) => {
  // a turn of the event loop between connections (outside the readings' span), so a 'disconnect' is seen at once
  const pace = () => new Promise<void>((resolve) => setImmediate(resolve))
  // a synchronous throw (opening the codec) is sent back as an asynchronous one is
  Promise.resolve()
    .then(() =>
      probeConnections(openProbeCodec(request.codec), request.warm, request.connections, readMemoryAfterGc, pace),
    )
    .then((growth) => process.send?.({ growth }))
    .catch((error: unknown) => process.send?.({ error: failure(error) }))
})
