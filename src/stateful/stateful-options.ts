/**
 * The settings of a stateful connection (connection.ts): what both ends must agree on, read from a
 * `mode: stateful` config, and what they become for the zstd and deflate streams.
 */
import { AuraError, type CompressorConfig } from '../core/index.ts'

/**
 * The version of what a stateful connection's frames and cm blocks mean (block format 7 since s31-llm's token
 * runs; 8 since round 42's history path, a block kind a format-7 receiver cannot decode): a receiver decodes a sender's frames only under the same version. It is part of a stateful compressor's
 * fingerprint (load-stateful.ts), so peers of two builds whose formats differ do not compare equal; raise it with
 * any change to those bytes (run-model.test.ts pins the cm blocks of a fixed connection).
 */
export const STATEFUL_FORMAT_VERSION = 8

/** The stream every message goes through after its field operators. */
export type StatefulStreamCodec = 'zstd' | 'deflate' | 'cm'

/** Settings both ends of a stateful connection must agree on. */
export interface StatefulOptions {
  codec: StatefulStreamCodec
  /** zstd 1-22, deflate 0-9; not used by cm */
  level: number
  /** log2 of the window: zstd's windowLog (10-27), deflate's windowBits (9-15), cm's history ring (10-20) */
  windowLog: number
  /** zstd: log2 of the match finder's tables (bound the sender's memory); cm: log2 of each order table */
  hashLog?: number
  chainLog?: number
  /** deflate: zlib memLevel 1-9 */
  memLevel?: number
  /** shared content both streams start from (raw content or a trained zstd dictionary), or null */
  dictionary: Uint8Array | null
  /** digit runs as copy / increment / delta operators against the connection's previous values */
  fieldOperators: boolean
  /** cm: the number model as a mixer input (default true; both ends must agree; benches only, not a config key) */
  numberModel?: boolean
  /** cm: messages longer than this go through zstd with the shared dictionary (model-stream.ts); sender only; absent: none do */
  largeMessageBytes?: number
  /** cm: which messages are coded by zstd against the connection's history (history-path.ts); sender only; absent: none */
  historyPath?: { minBytes: number; overMean: number }
}

/**
 * A cm config's `large_message_bytes` when it names none (round 39, s39-fixl): the model codes about 0.5 MB/s
 * under load (a 2.4 MB Kubernetes LIST took 4.8 s to encode and 4.6 s to decode on the main thread, where no
 * signal handler runs), so a longer message goes through zstd with the dictionary. 256 KiB is well above every
 * message of the shared corpora (the largest: 146,436 bytes), so none of their frames changes.
 * `large_message_bytes: 0` turns the bound off (every message through the model).
 */
export const DEFAULT_CM_LARGE_MESSAGE_BYTES = 262_144

/** A config's `large_message_bytes` as the connection's option: cm's default when absent, 0 = none (no bound). */
function largeMessageBytesOf(codec: StatefulStreamCodec, configured: number | undefined): number | undefined {
  if (codec !== 'cm') return configured
  const bytes = configured ?? DEFAULT_CM_LARGE_MESSAGE_BYTES
  return bytes === 0 ? undefined : bytes
}

export function zstdOptions(options: StatefulOptions) {
  return {
    level: options.level,
    windowLog: options.windowLog,
    ...(options.hashLog === undefined ? {} : { hashLog: options.hashLog }),
    ...(options.chainLog === undefined ? {} : { chainLog: options.chainLog }),
    ...(options.dictionary === null ? {} : { dictionary: options.dictionary }),
  }
}

export function deflateOptions(options: StatefulOptions) {
  return {
    level: options.level,
    windowBits: options.windowLog,
    memLevel: options.memLevel ?? 8,
    contextTakeover: true,
    ...(options.dictionary === null ? {} : { dictionary: options.dictionary }),
  }
}

/** The options a `mode: stateful` config names, with the dictionary both sides hold (null: none). */
export function statefulOptionsFromConfig(config: CompressorConfig, dictionary: Uint8Array | null): StatefulOptions {
  const stateful = config.stateful
  if (config.mode !== 'stateful' || stateful === undefined)
    // a library user's mistake (a per-message config, or one built by hand without its `stateful` part), not a bug
    throw new AuraError(
      'E_USAGE',
      `statefulOptionsFromConfig: config ${config.name} ${config.mode === 'stateful' ? 'lacks its `stateful` settings' : 'is not `mode: stateful`'}`,
      undefined,
      { hint: 'a per-message config is loaded with loadCompressor; a stateful one needs `mode: stateful`' },
    )
  return {
    codec: stateful.codec,
    level: stateful.level,
    windowLog: stateful.windowLog,
    ...(stateful.hashLog === undefined ? {} : { hashLog: stateful.hashLog, chainLog: stateful.hashLog }),
    memLevel: stateful.memLevel,
    dictionary,
    fieldOperators: stateful.fieldOperators,
    ...optionalLargeMessageBytes(largeMessageBytesOf(stateful.codec, stateful.largeMessageBytes)),
    ...(stateful.codec === 'cm' && (stateful.historyPathBytes ?? 0) > 0
      ? { historyPath: { minBytes: stateful.historyPathBytes as number, overMean: HISTORY_PATH_OVER_MEAN } }
      : {}),
  }
}

/**
 * A config's history path takes a message longer than its `history_path_bytes` and than this many times the mean
 * length of the connection's earlier messages (so never a connection's first): the connection's outliers, where the
 * encode-time tail is, and not every message of a connection whose messages are all long. Chosen on the training
 * halves (docs/rounds/s42-state.md): 2 cost api-github's bytes there (14.97x vs 14.98x), 3 and 4 did not, and 4 left
 * llm-stream the most of the three (32.42x vs 32.34x).
 */
export const HISTORY_PATH_OVER_MEAN = 4

const optionalLargeMessageBytes = (bytes: number | undefined) =>
  bytes === undefined ? {} : { largeMessageBytes: bytes }
