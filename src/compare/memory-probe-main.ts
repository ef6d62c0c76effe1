/**
 * The child process of compare's memory probe (memory-probe-child.ts): receives one entry's codec spec, warm-up
 * bytes and connection count, measures as the in-process probe does (one connection opened and closed, a reading,
 * N connections held open, a reading, each after two full collections), replies with the growth per connection, ends.
 */
import { probeConnections, readMemoryAfterGc } from './connection-memory.ts'
import { openProbeCodec, type ProbeRequest } from './memory-probe-child.ts'

if (process.send === undefined) throw new Error('memory-probe-main runs as a child process of compare')
// the parent ending (a signal, an error) ends the probe too
process.on('disconnect', () => process.exit(0))
process.once('message', (request: ProbeRequest) => {
  // a turn of the event loop between connections (outside the readings' span), so a 'disconnect' is seen at once
  const pace = () => new Promise<void>((resolve) => setImmediate(resolve))
  probeConnections(openProbeCodec(request.codec), request.warm, request.connections, readMemoryAfterGc, pace)
    .then((growth) => process.send?.({ growth }))
    .catch((error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }))
})
