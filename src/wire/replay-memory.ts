/**
 * `replay`'s memory probe: RSS and JS-retained growth per connection of each config, over connections
 * held open on 127.0.0.1 with ws at both ends (the same probe as `compare`'s). Since round 40 each config is
 * measured in a child process of its own where the package has the child's file (compare's since round 39): in one
 * process a config's reading depended on the configs probed before it (what they freed stayed resident and was
 * reused without growing RSS). A CLI bundled into one file has none: then in-process, every config's connections
 * held open until all are measured, as before.
 */
import { AuraError } from '../core/index.ts'
import {
  type ProbeGrowth,
  probeProgram,
  probeProgramAvailable,
  readMemoryAfterGc,
  runProbeChild,
} from '../compare/index.ts'
import { configFailure } from './configs.ts'
import { openWireSpec, type WireSpec, wireSpecName } from './replay-memory-spec.ts'
import { measureWireMemory, openWireServer, type HeldConnections, type WireConfig } from './socket-replay.ts'

/** One config's memory per connection in replay.json. */
export interface WireMemoryRow {
  config: string
  rssBytesPerConnection: number
  /** growth per connection of V8's used heap plus external memory (typed arrays, Buffers); absent in older files */
  retainedBytesPerConnection?: number
  connections: number
  /** the config could not send the warm-up messages (round 32): no figure; absent for a config measured */
  failed?: { code: string; message: string }
}

/** What each memory probe connection is sent first: 64 KiB, twice the largest window here (32 KiB), so every window's pages are touched. */
export const MEMORY_WARM_BYTES = 64 * 1024

/** Held-out messages in order (cycling when they hold fewer bytes), until `sizeBytes` were taken. */
export function warmMessages(messages: readonly Uint8Array[], sizeBytes: number): Uint8Array[] {
  const taken: Uint8Array[] = []
  if (!messages.some((m) => m.length > 0)) return taken
  for (let i = 0, total = 0; total < sizeBytes; i++) {
    const message = messages[i % messages.length] as Uint8Array
    taken.push(message)
    total += message.length
  }
  return taken
}

/** What replay's probe child is sent: one config as plain data, the warm-up messages, the connection count. */
export interface WireProbeRequest {
  spec: WireSpec
  warm: readonly Uint8Array[]
  connections: number
}

/** replay's child program (replay-memory-main.ts), beside this module. */
const WIRE_PROBE = probeProgram(import.meta.url, 'replay-memory-main')

/** True when replay's child program is there (the package's dist, the sources; not a CLI bundled into one file). */
export function wireProbeAvailable(): boolean {
  return probeProgramAvailable(WIRE_PROBE)
}

/**
 * RSS growth per connection of each config over `count` connections each, each reading after two full garbage
 * collections: the same probe as `compare`'s, here with ws and both ends. `isolate` (replay since round 40, where
 * wireProbeAvailable): each config in a child process of its own, opened from its spec. Otherwise in turn in this
 * process, every config's connections held open until all are measured.
 */
export async function measureMemoryPerConnection(
  specs: readonly WireSpec[],
  warm: readonly Uint8Array[],
  count: number,
  options: { isolate?: boolean; open?: (specs: readonly WireSpec[]) => Promise<WireConfig[]> } = {},
): Promise<WireMemoryRow[]> {
  // in child processes nothing is built here: each child opens its config
  if (options.isolate === true) return measureInChildren(specs, warm, count)
  const configs = await (options.open ?? ((all) => Promise.all(all.map(openWireSpec))))(specs)
  const held: { server: Awaited<ReturnType<typeof openWireServer>>; connections?: HeldConnections }[] = []
  const memory: WireMemoryRow[] = []
  try {
    for (const config of configs) {
      const entry: (typeof held)[number] = { server: await openWireServer(config) }
      held.push(entry)
      // one connection first, closed before the reading: what a config allocates once per process
      // (a WebAssembly heap grown for a large message, a codec's lazily made context) is not per connection
      const measure = (n: number, read: typeof readMemoryAfterGc) =>
        measureWireMemory(entry.server, warm, n, read).catch((error: unknown) => {
          throw probeFailure(error, config.name, count, configs.length)
        })
      try {
        ;(await measure(1, () => ({ rssBytes: 0, retainedBytes: 0 }))).release()
        entry.connections = await measure(count, readMemoryAfterGc)
      } catch (error) {
        // a config that cannot send a message (over its max_message_bytes) has no figure; the others are measured
        const failed = configFailure(error)
        if (failed === undefined) throw error
        memory.push({ config: config.name, rssBytesPerConnection: 0, connections: 0, failed })
        continue
      }
      memory.push({
        config: config.name,
        rssBytesPerConnection: entry.connections.bytesPerConnection,
        retainedBytesPerConnection: entry.connections.retainedBytesPerConnection,
        connections: count,
      })
    }
    return memory
  } finally {
    for (const { connections } of held) connections?.release()
    for (const { server } of held) await server.close()
  }
}

/** Each config in a child process of its own (runProbeChild); a config that cannot send its warm-up is marked failed. */
async function measureInChildren(
  specs: readonly WireSpec[],
  warm: readonly Uint8Array[],
  count: number,
): Promise<WireMemoryRow[]> {
  const memory: WireMemoryRow[] = []
  for (const spec of specs) {
    const name = wireSpecName(spec)
    const request: WireProbeRequest = { spec, warm, connections: count }
    try {
      const growth = await runProbeChild(WIRE_PROBE, request, `replay config ${name}`)
      memory.push({
        config: name,
        rssBytesPerConnection: growth.rssBytes,
        retainedBytesPerConnection: growth.retainedBytes,
        connections: count,
      })
    } catch (error) {
      const failed = configFailure(error)
      if (failed === undefined) throw error
      memory.push({ config: name, rssBytesPerConnection: 0, connections: 0, failed })
    }
  }
  return memory
}

/**
 * One config alone (in replay's probe child): one connection opened and closed first (what a config allocates once
 * per process is not per connection), then `count` held open and read, each reading after two full collections.
 */
export async function measureOneConfig(
  config: WireConfig,
  warm: readonly Uint8Array[],
  count: number,
): Promise<ProbeGrowth> {
  const server = await openWireServer(config)
  try {
    const measure = (n: number, read: typeof readMemoryAfterGc) =>
      measureWireMemory(server, warm, n, read).catch((error: unknown) => {
        throw probeFailure(error, config.name, count, 1)
      })
    ;(await measure(1, () => ({ rssBytes: 0, retainedBytes: 0 }))).release()
    const held = await measure(count, readMemoryAfterGc)
    held.release()
    return { rssBytes: held.bytesPerConnection, retainedBytes: held.retainedBytesPerConnection }
  } finally {
    await server.close()
  }
}

/** A socket the system refused or dropped while the probe held connections open: the machine's limit, not a bug. */
function probeFailure(error: unknown, config: string, count: number, configs: number): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (error instanceof AuraError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error
  const said = error instanceof Error ? error.message : String(error)
  return new AuraError(
    'E_ENVIRONMENT',
    `the memory probe's connections to config ${config} failed (${said}) while holding up to ${count} connections${configs === 1 ? '' : ` for each of ${configs} configs`} open at once`,
    { field: '--memory-connections' },
    { hint: 'the system ran out of sockets, ports or memory: give a smaller --memory-connections', cause: error },
  )
}
