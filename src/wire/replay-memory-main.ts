/**
 * The child process of replay's memory probe (round 40; replay-memory.ts): receives one config as plain data, the
 * warm-up messages and the connection count, opens the config, measures it alone (measureOneConfig), replies with the
 * growth per connection, ends. compare's child (src/compare/memory-probe-main.ts) is served the same way.
 */
import { serveProbe } from '../compare/index.ts'
import { measureOneConfig, type WireProbeRequest } from './replay-memory.ts'
import { openWireSpec } from './replay-memory-spec.ts'

serveProbe(async (request: WireProbeRequest) =>
  measureOneConfig(await openWireSpec(request.spec), request.warm, request.connections),
)
