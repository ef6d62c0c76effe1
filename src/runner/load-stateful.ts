/**
 * A `mode: stateful` config as a library user opens connections with it (docs/stateful.md): the
 * config file and its dictionary loaded once, then a sender and a receiver per connection, as
 * compare and replay build them (src/compare's entry measurer).
 */
import { createHash } from 'node:crypto'
import { AuraError, type CompressorConfig } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import {
  createStatefulReceiver,
  createStatefulSender,
  STATEFUL_FORMAT_VERSION,
  statefulOptionsFromConfig,
  type StatefulOptions,
  type StatefulReceiver,
  type StatefulSender,
} from '../stateful/index.ts'
import { loadCompressorConfig, readDictionaryFile } from '../suite/index.ts'

/** What loadStatefulCompressor takes besides the config file. */
export interface StatefulLoadOptions {
  /**
   * The messages a config without `zstd_dict_path` builds its raw-content dictionary from
   * (`zstd_dict_size_bytes` of them, as compare does from a corpus's training split). Both ends
   * must be built from the same messages. Not read when the config names `zstd_dict_path`.
   */
  trainingMessages?: readonly (string | Uint8Array)[]
}

/** A loaded `mode: stateful` config: one sender and one receiver per connection, both starting from the same state. */
export interface StatefulCompressor {
  name: string
  config: CompressorConfig
  /** the settings both ends share, the dictionary included */
  options: StatefulOptions
  /**
   * SHA-256 (hex) of what both ends must share (round 34): the frame format's version, the settings a receiver
   * decodes with and the dictionary's bytes (statefulFingerprint).
   * Peers built from different dictionaries or settings decode every frame into other bytes without an error
   * (a cm block decodes to *some* message whatever its bytes), so compare this in your connection's handshake
   * and refuse the connection when the two ends' fingerprints differ.
   */
  fingerprint: string
  /** the sending end of a fresh connection: `encode(message)` returns (or resolves to, for deflate) its frame */
  createSender(): StatefulSender
  /**
   * The receiving end of a fresh connection: `decode(frame)` returns (or resolves to) the message,
   * byte-exact, and throws a FrameError for a lost or reordered frame (`E_FRAME_SEQUENCE_GAP`), a
   * duplicated or late one (`E_FRAME_DUPLICATE`), neither changing the context, and for a corrupt one
   * (`E_FRAME_CORRUPT`), after which every frame is `E_CONTEXT_BROKEN`.
   */
  createReceiver(): StatefulReceiver
}

const encoder = new TextEncoder()

/** Loads a `mode: stateful` config file and its dictionary; E_SCHEMA for a per-message config (use loadCompressor). */
export async function loadStatefulCompressor(
  configPath: string,
  options: StatefulLoadOptions = {},
): Promise<StatefulCompressor> {
  if (typeof configPath !== 'string')
    throw new AuraError('E_USAGE', `loadStatefulCompressor: configPath must be a string, not ${describe(configPath)}`)
  if (options === null || typeof options !== 'object')
    throw new AuraError('E_USAGE', `loadStatefulCompressor: options must be an object, not ${describe(options)}`)
  const training = options.trainingMessages
  if (
    training !== undefined &&
    (!Array.isArray(training) || !training.every((m) => typeof m === 'string' || m instanceof Uint8Array))
  )
    throw new AuraError(
      'E_USAGE',
      'loadStatefulCompressor: options.trainingMessages must be an array of strings or Uint8Arrays',
    )
  const config = await loadCompressorConfig(configPath)
  if (config.mode !== 'stateful')
    throw new AuraError(
      'E_SCHEMA',
      `config ${config.name} is not mode: stateful: it compresses single messages`,
      { file: config.file, field: 'mode' },
      { hint: 'load it with loadCompressor' },
    )
  let dictionary: Uint8Array
  if (config.zstdDictPath !== null) {
    dictionary = await readDictionaryFile({ ...config, zstdDictPath: config.zstdDictPath })
  } else if (training !== undefined) {
    const messages = training.map((m) => (typeof m === 'string' ? encoder.encode(m) : m))
    // an empty dictionary is not the one the config's results were measured with (s34-trial D3)
    if (config.zstdDictSizeBytes > 0 && !messages.some((m) => m.length > 0))
      throw new AuraError(
        'E_USAGE',
        `loadStatefulCompressor: options.trainingMessages has no bytes, and config ${config.name} builds a ${config.zstdDictSizeBytes}-byte dictionary from them`,
        { file: config.file, field: 'zstd_dict_size_bytes' },
        { hint: 'pass the training messages (the same on both ends), or set zstd_dict_path' },
      )
    dictionary = createRawContentDictionary(messages, config.zstdDictSizeBytes)
  } else {
    // never silently a connection without the dictionary the config's results were measured with
    throw new AuraError(
      'E_USAGE',
      `config ${config.name} names no zstd_dict_path: its dictionary is built from training messages`,
      { file: config.file, field: 'zstd_dict_path' },
      { hint: 'pass { trainingMessages } (the same on both ends), or set zstd_dict_path' },
    )
  }
  const stateful = statefulOptionsFromConfig(config, dictionary)
  return {
    name: config.name,
    config,
    options: stateful,
    fingerprint: statefulFingerprint(stateful),
    createSender: () => createStatefulSender(stateful),
    createReceiver: () => createStatefulReceiver(stateful),
  }
}

/**
 * SHA-256 of the frame format's version, the settings a receiver decodes with and the dictionary. Settings that
 * only steer the sender are left out, so two ends that interoperate compare equal: the large-message threshold,
 * the history path's rule, the level and deflate's memLevel (no decoder reads them), and zstd's or deflate's table sizes (hashLog,
 * chainLog: cm's order tables are sized by hashLog on both ends, so it counts there).
 */
export function statefulFingerprint(options: StatefulOptions): string {
  const {
    dictionary,
    largeMessageBytes: _large,
    historyPath: _history,
    level: _level,
    memLevel: _memLevel,
    ...shared
  } = options
  const { hashLog: _hashLog, chainLog: _chainLog, ...streamShared } = shared
  const settings = options.codec === 'cm' ? shared : streamShared
  const hash = createHash('sha256')
  hash.update(`aura-stateful ${STATEFUL_FORMAT_VERSION}\0`)
  hash.update(JSON.stringify(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : 1))))
  hash.update('\0')
  if (dictionary !== null) hash.update(dictionary)
  return hash.digest('hex')
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
