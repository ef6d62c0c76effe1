/**
 * The child process of compare's memory probe (memory-probe-child.ts): receives one entry's codec spec, warm-up
 * bytes and connection count, measures as the in-process probe does (one connection opened and closed, a reading,
 * N connections held open, a reading, each after two full collections), replies with the growth per connection, ends.
 */
import { probeConnections, readMemoryAfterGc } from './connection-memory.ts'
import { openProbeCodec, type ProbeRequest } from './memory-probe-child.ts'
import { serveProbe } from './memory-probe-serve.ts'

serveProbe((request: ProbeRequest, pace) =>
  probeConnections(openProbeCodec(request.codec), request.warm, request.connections, readMemoryAfterGc, pace),
)
