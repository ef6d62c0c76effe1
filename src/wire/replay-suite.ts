/**
 * `aura-bench replay <suite>`: every corpus's held-out half (the comparison's ordered split), its
 * recorded connections in the comparison's seeded order (a corpus without recordings is one
 * connection), replayed over a real WebSocket once per config: raw, permessage-deflate with and
 * without context takeover (the suite's compare settings), each per-message config's frames, each
 * `mode: stateful` config. Bounded: at most `maxConnections` connections and `maxMessages` messages
 * per corpus and config (whole connections; the first connection always goes whole).
 */
import { loadavg } from 'node:os'
import { AuraError, type CompressorConfig } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import {
  derivedInSampleWarnings,
  groupByConnection,
  unrecordedMessagesWarning,
  checkSplitParts,
  loadSplitCorpus,
} from '../compare/index.ts'
import { recordingsBeside, recordingsNotReadNote, resolveCorpusFormat, type CorpusMessage } from '../corpus/index.ts'
import { checkDerivedConfig, hasDerivedState } from '../runner/index.ts'
import { statefulOptionsFromConfig } from '../stateful/index.ts'
import {
  defaultCompareSpec,
  isGatedBySuite,
  ungatedStatefulNote,
  loadSuiteConfig,
  MAX_MEMORY_CONNECTIONS,
  readDictionaryFile,
  type Suite,
} from '../suite/index.ts'
import { configFailure } from './configs.ts'
import { expectedWireBytes } from './framing.ts'
import { MEMORY_WARM_BYTES, measureMemoryPerConnection, warmMessages, wireProbeAvailable } from './replay-memory.ts'
import { openWireSpec, type WireSpec } from './replay-memory-spec.ts'
import { countOf, type ConfigReplay, type ReplayLimits, type ReplayReport } from './replay-report.ts'
import { openWireServer, replayConnection, type ConnectionReplay, type WireConfig } from './socket-replay.ts'

/**
 * The most connections the memory probe holds open per config (`--memory-connections`), the suite's
 * cap on `compare.memory_connections` too. Every config's connections stay open until all are measured,
 * two sockets each on 127.0.0.1: 1,000 took 348 s and 1.2 GB in a trial; far more ran out of sockets
 * (exit 3 then, a clear error now).
 */
export { MAX_MEMORY_CONNECTIONS }

const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number
}

/** What replaySuite takes besides the suite (round 38). */
export interface ReplayOptions {
  /**
   * Held while the configs are built (a `discover:` / `zstd_dict_training:` entry's store or dictionary is
   * computed synchronously, where no signal handler runs): the CLI's, so that a signal then ends the process
   * at once (no socket is open yet, nothing written), as compare's derived builds do. Returns the release.
   */
  endOnSignal?: () => () => void
}

/** Replays the suite; `onProgress` gets one line per corpus and config. */
export async function replaySuite(
  suite: Suite,
  limits: ReplayLimits,
  onProgress: (line: string) => void = () => {},
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  refuseBothDirections(suite)
  const startedAt = new Date().toISOString()
  const loadStart = loadavg()[0] ?? 0
  const pmd = (suite.compare ?? defaultCompareSpec()).permessageDeflate
  const level = pmd.levels[0] ?? 6
  // an entry with `discover:` / `zstd_dict_training:` is built per corpus from it, as `run` builds it
  const configs = await Promise.all(
    suite.configs.map(async (ref) => ({
      ref,
      config: hasDerivedState(ref) ? await checkDerivedConfig(ref, suite) : await loadSuiteConfig(ref, suite),
    })),
  )
  const report: ReplayReport = {
    suite: suite.name,
    startedAt,
    loadAverage: { start: loadStart, end: 0 },
    limits,
    corpora: [],
    memory: [],
  }
  const inSample = await derivedInSampleWarnings(suite, suite.configs, suite.corpora)
  // only run judges targets, and it refuses stateful configs: a target naming one is never judged (s34-trial D5)
  const ungated = configs
    .filter(({ ref, config }) => config.mode === 'stateful' && isGatedBySuite(suite, ref.name))
    .map(({ ref }) => ungatedStatefulNote(ref.name))
  if (inSample.length + ungated.length > 0) report.warnings = [...inSample, ...ungated]
  await checkSplitParts(suite.corpora, 'replay')
  for (const [corpusIndex, corpus] of suite.corpora.entries()) {
    const { train, heldOut } = await loadSplitCorpus(corpus, 'replay')
    const all = groupByConnection(heldOut, (suite.compare ?? defaultCompareSpec()).seed)
    const beside = await recordingsBeside(corpus)
    const unrecorded = unrecordedMessagesWarning(
      corpus.name,
      heldOut,
      beside === undefined ? undefined : { ...beside, note: recordingsNotReadNote(beside.file, corpus.path) },
    )
    if (unrecorded !== undefined) report.warnings = [...(report.warnings ?? []), unrecorded]
    const connections = bound(all, limits)
    // built afresh for each use: a per-message hybrid learns from what it compresses (its learned
    // short-cut), so the probe's warm-up traffic must not reach the compressor the replay measures
    // no server or socket is open while they are built (the previous corpus's are closed): a signal may end the process
    // round 40: each config as plain data first, so the memory probe can open it in a process of its own
    const endable = async <T>(build: () => Promise<T>): Promise<T> => {
      const release = options.endOnSignal?.()
      try {
        return await build()
      } finally {
        release?.()
      }
    }
    const specs: WireSpec[] = await endable(async () => [
      { kind: 'raw' },
      ...[true, false].map(
        (contextTakeover): WireSpec => ({
          kind: 'permessage_deflate',
          pmd: { level, memLevel: pmd.memLevel, windowBits: pmd.windowBits, contextTakeover },
        }),
      ),
      ...(await Promise.all(
        configs.map(
          ({ ref, config }): Promise<WireSpec> =>
            hasDerivedState(ref) && config.mode !== 'stateful'
              ? Promise.resolve({ kind: 'derived', name: config.name, ref, corpus, suite, createdAt: startedAt })
              : wireSpecOf(config, train),
        ),
      )),
    ])
    const buildWireConfigs = (): Promise<WireConfig[]> => endable(() => Promise.all(specs.map(openWireSpec)))
    // before any replay: memory the replays allocate and free would be reused by the probe without growing RSS
    if (corpusIndex === 0)
      report.memory = await measureMemoryPerConnection(
        specs,
        warmMessages(
          heldOut.map((m) => m.bytes),
          MEMORY_WARM_BYTES,
        ),
        limits.memoryConnections,
        { isolate: wireProbeAvailable(), open: buildWireConfigs },
      )
    const wireConfigs = await buildWireConfigs()
    const results: ConfigReplay[] = []
    for (const config of wireConfigs) {
      const server = await openWireServer(config)
      try {
        const replays: ConnectionReplay[] = []
        for (const messages of connections)
          replays.push(
            await replayConnection(
              server,
              messages.map((m) => m.bytes),
            ),
          )
        results.push(summarize(config, replays))
        onProgress(
          `${corpus.name}: ${config.name}: ${countOf(connections.length, 'connection', 'connections')}, ${countOf(results.at(-1)?.messages ?? 0, 'message', 'messages')}\n`,
        )
      } catch (error) {
        // one config that cannot send a message (over its max_message_bytes) fails, as in run and compare;
        // the other configs' rows are kept and written
        const failed = configFailure(error)
        if (failed === undefined) throw error
        results.push(failedReplay(config.name, failed))
        onProgress(`${corpus.name}: ${config.name}: failed: ${failed.message}\n`)
      } finally {
        await server.close()
      }
    }
    report.corpora.push({
      name: corpus.name,
      heldOutMessages: heldOut.length,
      recordedConnections: all.length,
      configs: results,
    })
  }
  report.loadAverage.end = loadavg()[0] ?? 0
  return report
}

function failedReplay(config: string, failed: { code: string; message: string }): ConfigReplay {
  return {
    config,
    connections: 0,
    messages: 0,
    mismatches: 0,
    originalBytes: 0,
    payloadBytes: 0,
    framingBytes: 0,
    handshakeBytes: 0,
    wireBytes: 0,
    wireBytesUp: 0,
    exactConnections: 0,
    encodeUs: { p50: 0, p99: 0 },
    failed,
  }
}

/**
 * A HAR corpus with `har_direction: both` is refused before any work (E_SCHEMA, exit 2): the replay sends
 * every message server to client through one connection's context, so the client's frames would be
 * counted as server traffic, unmasked, sharing the server's context, where a real connection sends them
 * client to server, each with a 4-byte mask, with a context per direction (s32's trial: 34 of 214
 * messages). Each direction replays as its own corpus entry.
 */
function refuseBothDirections(suite: Suite): void {
  for (const [i, corpus] of suite.corpora.entries()) {
    if (corpus.harDirection !== 'both' || formatOf(corpus) !== 'har') continue
    throw new AuraError(
      'E_SCHEMA',
      `corpus ${corpus.name}: har_direction: both mixes the client's frames into the server's: replay sends every message server to client through one context, while a real connection sends client frames client to server, masked, with a context of their own, so its wire figures would be wrong`,
      {
        ...(corpus.origin ?? { file: suite.file ?? corpus.pathAsWritten, field: `corpora[${i}]` }),
        field: `corpora[${i}].har_direction`,
      },
      {
        hint: 'replay each direction as its own corpus entry: the same file twice, with har_direction: receive and with har_direction: send (run and compare take both: their per-message figures do not depend on the direction)',
      },
    )
  }
}

function formatOf(corpus: Suite['corpora'][number]): string {
  try {
    return resolveCorpusFormat(corpus)
  } catch {
    return corpus.format
  }
}

/** Whole connections in order until either bound is reached; the first always goes. */
function bound(connections: readonly CorpusMessage[][], limits: ReplayLimits): CorpusMessage[][] {
  const taken: CorpusMessage[][] = []
  let messages = 0
  for (const connection of connections) {
    if (
      taken.length >= limits.maxConnections ||
      (taken.length > 0 && messages + connection.length > limits.maxMessages)
    )
      break
    taken.push(connection.slice(0, taken.length === 0 ? limits.maxMessages : connection.length))
    messages += connection.length
  }
  return taken
}

async function wireSpecOf(config: CompressorConfig, train: readonly CorpusMessage[]): Promise<WireSpec> {
  if (config.mode !== 'stateful') return { kind: 'per-message', config }
  // as compare: the config's dictionary file, else a raw-content dictionary of its size from the training split
  const dictionary =
    config.zstdDictPath === null
      ? createRawContentDictionary(
          train.map((m) => m.bytes),
          config.zstdDictSizeBytes,
        )
      : await readDictionaryFile({ ...config, zstdDictPath: config.zstdDictPath })
  return { kind: 'stateful', name: config.name, options: statefulOptionsFromConfig(config, dictionary) }
}

function summarize(wire: WireConfig, replays: readonly ConnectionReplay[]): ConfigReplay {
  const sum = (f: (r: ConnectionReplay) => number) => replays.reduce((total, r) => total + f(r), 0)
  let exact = 0
  let framingBytes = 0
  for (const r of replays) {
    const expected = expectedWireBytes(r.payloadSizes, r.handshake)
    framingBytes += expected.framingBytes
    const agrees =
      r.server.bytesWritten === expected.serverToClient &&
      r.server.bytesRead === expected.clientToServer &&
      r.client.bytesRead === r.server.bytesWritten &&
      r.client.bytesWritten === r.server.bytesRead
    if (agrees) exact += 1
  }
  const encode = replays.flatMap((r) => r.encodeUs)
  const decode = replays.flatMap((r) => r.decodeUs)
  return {
    config: wire.name,
    ...(wire.perMessageDeflate === null ? {} : { windowBits: wire.perMessageDeflate.windowBits }),
    connections: replays.length,
    messages: sum((r) => r.messages),
    mismatches: sum((r) => r.mismatches),
    originalBytes: sum((r) => r.originalBytes),
    payloadBytes: sum((r) => r.payloadBytes),
    framingBytes,
    handshakeBytes: sum((r) => r.handshake.requestBytes + r.handshake.responseBytes),
    wireBytes: sum((r) => r.server.bytesWritten),
    wireBytesUp: sum((r) => r.server.bytesRead),
    exactConnections: exact,
    encodeUs: { p50: percentile(encode, 0.5), p99: percentile(encode, 0.99) },
    ...(wire.timesDecode ? { decodeUs: { p50: percentile(decode, 0.5), p99: percentile(decode, 0.99) } } : {}),
  }
}
