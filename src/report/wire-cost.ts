/**
 * Cost from wire truth (`aura-bench replay`, replay.json): what crossed the socket per message, the
 * `raw` row as the uncompressed traffic, and the warning for a bounded replay. Projected with
 * cost.ts's projectCost, as a run's results are.
 */
import { AuraError } from '../core/index.ts'
import type { CostInput, CostScenario } from './cost.ts'
import { formatCount } from './format.ts'

/** One config's row of a wire replay (`aura-bench replay`, replay.json): what crossed the socket, server to client. */
export interface WireCostRow {
  config: string
  /** a pmd row's window_bits, when the replay.json records it (round 40) or its name did (before round 39) */
  windowBits?: number
  messages: number
  /** bytes the server's socket sent for those messages: payloads, WebSocket framing and the handshake */
  wireBytes: number
}

/** The replay row of messages sent as they are: the uncompressed traffic of a wire cost. */
export const RAW_WIRE_CONFIG = 'raw'

/**
 * Builds a cost input from wire truth: the uncompressed traffic is what the `raw` row sent per
 * message over the socket, each config's traffic is what it sent (framing and handshake included,
 * so no overhead is added: it was measured). CPU is not projected (a replay keeps percentiles, not means).
 */
export function createWireCostInput(
  rows: readonly WireCostRow[],
  scenario: Omit<CostScenario, 'avgMessageBytes' | 'overheadBytesPerMessage' | 'pricePerCpuHour'>,
): CostInput {
  const raw = rows.find((row) => row.config === RAW_WIRE_CONFIG)
  if (raw === undefined || raw.messages <= 0)
    throw new AuraError(
      'E_SCHEMA',
      `cost projection: the replay has no "${RAW_WIRE_CONFIG}" row with messages to take the uncompressed traffic from`,
      { field: 'configs' },
    )
  return {
    messagesPerDay: scenario.messagesPerDay,
    avgMessageBytes: raw.wireBytes / raw.messages,
    pricePerGb: scenario.pricePerGb,
    configs: projectedRows(rows).map((row) => ({
      name: row.config,
      compressedBytesPerMessage: row.wireBytes / row.messages,
    })),
    ...(scenario.baselineConfig === undefined ? {} : { baselineConfig: scenario.baselineConfig }),
    ...(scenario.currency === undefined ? {} : { currency: scenario.currency }),
  }
}

/** The rows a wire cost projects: those with messages (a row of none has no bytes per message). */
function projectedRows(rows: readonly WireCostRow[]): WireCostRow[] {
  return rows.filter((row) => row.messages > 0)
}

/** The configs a wire cost of these rows projects, in row order. */
export function wireCostConfigs(rows: readonly WireCostRow[]): string[] {
  return projectedRows(rows).map((row) => row.config)
}

/**
 * A replay bounded by --connections or --messages, said per corpus ("llm: 3 of 53 recorded connections
 * replayed, 11.3 messages each"); undefined when it replayed everything. Fields are read defensively
 * (a replay.json from disk).
 */
export function describeReplaySampling(corpus: {
  name: string
  recordedConnections: unknown
  heldOutMessages: unknown
  connections: unknown
  messages: unknown
}): string | undefined {
  const { name, recordedConnections: recorded, heldOutMessages: heldOut, connections, messages } = corpus
  if (typeof messages !== 'number' || messages <= 0) return undefined
  if (typeof recorded === 'number' && typeof connections === 'number' && connections > 0 && connections < recorded)
    return `${name}: ${connections} of ${recorded} recorded connections replayed, ${perConnection(messages, connections)}`
  if (typeof heldOut === 'number' && messages < heldOut)
    return `${name}: ${formatCount(messages)} of ${formatCount(heldOut)} held-out messages replayed`
  return undefined
}

/** "49 messages on it" for one connection (it read "1 connections ... 49.0 messages each"), "11.3 messages each" for several. */
function perConnection(messages: number, connections: number): string {
  if (connections === 1) return `${formatCount(messages)} ${messages === 1 ? 'message' : 'messages'} on it`
  const mean = messages / connections
  return Number.isInteger(mean) ? `${mean} messages each` : `${mean.toFixed(1)} messages each`
}

/** The warning cost.md and replay.md carry for a bounded replay; '' when nothing was sampled. */
export function replaySamplingWarning(sampled: readonly string[]): string {
  if (sampled.length === 0) return ''
  return `\n\n**Warning: the replay was bounded** (${sampled.join('; ')}). Each connection's handshake is spread over the messages replayed on it, so where a real connection carries more messages the handshake costs less per message than shown here (replay --connections / --messages set the bounds)`
}
