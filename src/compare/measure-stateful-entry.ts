/**
 * One stateful entry on one corpus: every connection replayed in order through its own encoder and
 * decoder, each message timed in place (process.hrtime.bigint around the call), every round trip
 * checked. Connections are taken whole in a seeded order until the time budget is spent (see isOverBudget).
 *
 * Timing choices: connection setup (opening the zlib or zstd contexts) is not a per-message cost and
 * is left out of the samples; a throwaway connection replays the first messages untimed first, so
 * JIT warm-up does not land in the first connection's samples.
 */
import { hrtime } from 'node:process'
import { firstDifference } from '../core/index.ts'
import type { CorpusMessage } from '../corpus/index.ts'
import { describeError } from '../runner/index.ts'
import { toMegabytesPerSecond } from './codec-compressor.ts'
import { isOverBudget } from './measure-message-entry.ts'
import { rethrowAbort, type Pace } from './pace.ts'
import { toPercentilesUs } from './percentiles.ts'
import type { EntryResult, EntrySpec } from './types.ts'

/** One open connection of a stateful codec. */
export interface StatefulConnection {
  encode(message: Uint8Array): Uint8Array | Promise<Uint8Array>
  decode(payload: Uint8Array): Uint8Array | Promise<Uint8Array>
  close?(): void
}

/** A stateful codec: a library name and a way to open connections. */
export interface StatefulCodec {
  library: string
  open(): StatefulConnection
}

/** Budget of a stateful replay. */
export interface StatefulSettings {
  /** stop starting new connections once this many milliseconds have passed (and minMessages were replayed) */
  sizeBudgetMs: number
  minSizeMessages: number
  /** messages replayed untimed on a throwaway connection first */
  warmupMessages: number
  /** awaited between messages (outside the timed calls): lets a signal in and stops the replay (pace.ts) */
  pace?: Pace
}

/** Running totals of a replay (its sizes summed over every message replayed, whole connections or not). */
interface Replay extends ConnectionSizes {
  encodeUs: number[]
  decodeUs: number[]
  encodeNs: bigint
  decodeNs: bigint
  mismatches: number
  /** sizes per replayed connection, in replay order (alignConnectionSamples cuts entries to a common prefix of them) */
  perConnection: ConnectionSizes[]
}

/** Sizes of one replayed connection. */
export interface ConnectionSizes {
  messages: number
  originalBytes: number
  compressedBytes: number
  ratioSum: number
  expanded: number
}

/** Replays `connections` (each a list of messages in order) and measures the entry; never throws for a codec error. */
export async function measureStatefulEntry(
  spec: EntrySpec,
  codec: StatefulCodec,
  connections: readonly (readonly CorpusMessage[])[],
  settings: StatefulSettings,
): Promise<EntryResult> {
  return (await measureStatefulConnections(spec, codec, connections, settings)).result
}

/** measureStatefulEntry, with the sizes of each connection it replayed (whole connections only, in replay order). */
export async function measureStatefulConnections(
  spec: EntrySpec,
  codec: StatefulCodec,
  connections: readonly (readonly CorpusMessage[])[],
  settings: StatefulSettings,
): Promise<{ result: EntryResult; connectionSizes: ConnectionSizes[] }> {
  const replay: Replay = {
    encodeUs: [],
    decodeUs: [],
    encodeNs: 0n,
    decodeNs: 0n,
    messages: 0,
    originalBytes: 0,
    compressedBytes: 0,
    ratioSum: 0,
    expanded: 0,
    mismatches: 0,
    perConnection: [],
  }
  const heldOutMessages = connections.reduce((sum, c) => sum + c.length, 0)
  let error: { code: string; message: string } | undefined
  const pace = settings.pace ?? (async () => undefined)
  try {
    await warmUp(codec, connections.flat().slice(0, settings.warmupMessages), pace)
    const start = hrtime.bigint()
    for (const messages of connections) {
      const elapsedMs = Number(hrtime.bigint() - start) / 1e6
      if (isOverBudget(elapsedMs, replay.messages, heldOutMessages, settings.sizeBudgetMs, settings.minSizeMessages))
        break
      await replayConnection(codec, messages, replay, pace)
    }
  } catch (thrown) {
    // a signal's stop is no codec error: the comparison ends, nothing is recorded
    rethrowAbort(thrown)
    error = describeError(thrown)
  }
  const n = replay.messages
  const result: EntryResult = {
    spec,
    library: codec.library,
    state: error === undefined ? 'complete' : 'failed',
    sizes: {
      messages: n,
      heldOutMessages,
      coverage: n >= heldOutMessages ? 'all' : 'sample',
      originalBytes: replay.originalBytes,
      compressedBytes: replay.compressedBytes,
      ratio: replay.compressedBytes === 0 ? 0 : replay.originalBytes / replay.compressedBytes,
      meanRatio: n === 0 ? 0 : replay.ratioSum / n,
      savings: replay.originalBytes === 0 ? 0 : 1 - replay.compressedBytes / replay.originalBytes,
      expansionRate: n === 0 ? 0 : replay.expanded / n,
      connections: replay.perConnection.length,
      heldOutConnections: connections.length,
    },
    roundTrip: { checked: n, mismatches: replay.mismatches },
    throughputMBps: {
      encode: toMegabytesPerSecond(replay.originalBytes, replay.encodeNs),
      decode: toMegabytesPerSecond(replay.originalBytes, replay.decodeNs),
    },
    sharedStateBytes: 0,
    pareto: false,
  }
  const connectionSizes = replay.perConnection
  if (error !== undefined) return { result: { ...result, error }, connectionSizes }
  if (n === 0) return { result, connectionSizes }
  return {
    result: {
      ...result,
      latencyUs: {
        encode: toPercentilesUs(replay.encodeUs),
        decode: toPercentilesUs(replay.decodeUs),
        method: 'in-order',
      },
    },
    connectionSizes,
  }
}

async function warmUp(codec: StatefulCodec, messages: readonly CorpusMessage[], pace: Pace): Promise<void> {
  const connection = codec.open()
  try {
    for (const message of messages) {
      await pace()
      await connection.decode(await connection.encode(message.bytes))
    }
  } finally {
    connection.close?.()
  }
}

/** Adds one message's sizes to `into`. */
function countSizes(into: ConnectionSizes, originalBytes: number, payloadBytes: number): void {
  into.messages += 1
  into.originalBytes += originalBytes
  into.compressedBytes += payloadBytes
  // an empty message sent as an empty payload neither shrinks nor grows: count it as 1x
  into.ratioSum += payloadBytes === 0 ? 1 : originalBytes / payloadBytes
  if (payloadBytes > originalBytes) into.expanded += 1
}

async function replayConnection(
  codec: StatefulCodec,
  messages: readonly CorpusMessage[],
  replay: Replay,
  pace: Pace,
): Promise<void> {
  await pace()
  const connection = codec.open()
  const sizes: ConnectionSizes = { messages: 0, originalBytes: 0, compressedBytes: 0, ratioSum: 0, expanded: 0 }
  try {
    for (const message of messages) {
      // before the message's timed calls, never between them
      await pace()
      const t0 = hrtime.bigint()
      const payload = await connection.encode(message.bytes)
      const t1 = hrtime.bigint()
      const decoded = await connection.decode(payload)
      const t2 = hrtime.bigint()
      replay.encodeNs += t1 - t0
      replay.decodeNs += t2 - t1
      replay.encodeUs.push(Number(t1 - t0) / 1e3)
      replay.decodeUs.push(Number(t2 - t1) / 1e3)
      countSizes(replay, message.bytes.length, payload.length)
      countSizes(sizes, message.bytes.length, payload.length)
      if (firstDifference(decoded, message.bytes) !== -1) replay.mismatches += 1
    }
    replay.perConnection.push(sizes)
  } finally {
    connection.close?.()
  }
}
