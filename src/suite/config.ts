/**
 * Compressor config YAML: the seed's keys with the seed's meanings, plus ours (snake_case).
 * Parsing validates every key at once; loading resolves paths relative to the config file.
 */
import path from 'node:path'
import { z } from 'zod'
import { entryNameSchema } from './name-schema.ts'
import {
  AuraError,
  CODEC_LEVEL_RANGES,
  FALLBACK_CODECS,
  FRAMINGS,
  throwIfIssues,
  type CompressorConfig,
  type Issue,
} from '../core/index.ts'
import { checkExternalKeys, withExternal } from './external-config.ts'
import { defaultStatefulLevel, STATEFUL_DEFAULTS, statefulIssues } from './stateful-checks.ts'
import { unusedCodecKeyIssues, usesBrotli } from './per-message-checks.ts'
import { trainingKeyIssues, trainingReadingOf } from './training-keys.ts'
import { zstdNapiKeyIssues } from './dependency-keys.ts'
import { IssueList, parseYaml, type LineOf } from './yaml-schema.ts'
import { didYouMeanSuffix, toIssues } from './zod-issues.ts'

const MIB = 1024 * 1024

/**
 * Defaults of the keys crossFieldIssues reads as written: the schema and that check take them from
 * here, so a key left out means the same to both.
 */
export const CONFIG_KEY_DEFAULTS = { fallback: 'brotli', brotli_library: 'brotli-wasm' } as const

/** YAML schema of a compressor config; defaults are the seed's EMERGENCY_COMPRESSION_CONFIG where it sets one. */
export const compressorConfigSchema = z.strictObject({
  name: entryNameSchema.optional(),
  description: z.string().optional(),
  /** the seed's BRIO/aura container on or off */
  enable_aura: z.boolean().default(false),
  /** messages shorter than this (bytes) skip the general-purpose codecs; templates are still tried */
  min_compression_size: z.int().min(0).default(30),
  /** binary_semantic wins when its frame x this is at most the best other frame ("use binary if 10% better") */
  binary_advantage_threshold: z.number().min(1).max(100).default(1.1),
  /** JSON template store, relative to the config file; null: no templates */
  template_store_path: z.string().min(1).nullable().default(null),
  /** aura wins only when its frame is at most (1 - margin) x the best other frame */
  aura_preference_margin: z.number().min(0).max(0.99).default(0.3),
  /** messages shorter than this (bytes) never try aura */
  aura_min_size: z.int().min(0).default(0),
  /** general-purpose codec for messages no template fits */
  fallback: z.enum(FALLBACK_CODECS).default(CONFIG_KEY_DEFAULTS.fallback),
  brotli_quality: z.int().min(CODEC_LEVEL_RANGES.brotli[0]).max(CODEC_LEVEL_RANGES.brotli[1]).default(11),
  /** which Brotli binding encodes: brotli-wasm (the client's choice) or node:zlib; both write the same format */
  brotli_library: z.enum(['brotli-wasm', 'node:zlib']).default(CONFIG_KEY_DEFAULTS.brotli_library),
  /** Brotli window, log2 bytes (node:zlib only: brotli-wasm exposes quality alone) */
  brotli_window: z.int().min(10).max(24).optional(),
  /** Brotli mode hint (node:zlib only) */
  brotli_mode: z.enum(['generic', 'text']).optional(),
  zstd_level: z.int().min(CODEC_LEVEL_RANGES.zstd[0]).max(CODEC_LEVEL_RANGES.zstd[1]).default(3),
  /** which binding encodes `fallback: zstd`: @mongodb-js/zstd (async, a context per call) or zstd-napi (sync, one reused context); both write standard Zstandard frames */
  zstd_library: z.enum(['@mongodb-js/zstd', 'zstd-napi']).default('@mongodb-js/zstd'),
  /** dictionary file for zstd_dict (raw content or a trained zstd dictionary), relative to the config */
  zstd_dict_path: z.string().min(1).optional(),
  /** corpus whose messages become a raw-content dictionary for zstd_dict, relative to the config */
  zstd_dict_training_corpus: z.string().min(1).optional(),
  /** how zstd_dict_training_corpus is read (a suite corpus's `format`); default by extension */
  zstd_dict_training_format: z.enum(['txt', 'jsonl', 'json', 'loghub', 'har', 'auto']).optional(),
  /** jsonl/json: the field of zstd_dict_training_corpus holding the message (a suite corpus's `text_field`); default `text` */
  zstd_dict_training_text_field: z.string().min(1).optional(),
  zstd_dict_size_bytes: z
    .int()
    .min(256)
    .max(16 * MIB)
    .default(65536),
  zstd_dict_level: z.int().min(CODEC_LEVEL_RANGES.zstd_dict[0]).max(CODEC_LEVEL_RANGES.zstd_dict[1]).default(19),
  /** zstd frame checksum: 4 bytes per message; off by default to save bytes */
  zstd_checksum: z.boolean().default(false),
  /** zstd dictionary id in each frame: up to 4 bytes per message; off by default */
  zstd_dict_id: z.boolean().default(false),
  deflate_level: z.int().min(CODEC_LEVEL_RANGES.deflate[0]).max(CODEC_LEVEL_RANGES.deflate[1]).default(9),
  /** `tagged`: the seed's method byte on every frame; `text-passthrough`: no message ever grows */
  framing: z.enum(FRAMINGS).default('tagged'),
  /** larger messages are refused with E_MESSAGE_TOO_LARGE */
  max_message_bytes: z
    .int()
    .min(1)
    .max(1024 * MIB)
    .default(16 * MIB),
  /** `frame`: 1 byte per binary_semantic frame so a reader with another store version refuses it (misses 1 in 256); `none`: use the handshake (docs/robustness.md) */
  store_check: z.enum(['none', 'frame']).default('none'),
  /** `per-message`: every message alone (the seed's contract); `stateful`: one context per connection (src/stateful, docs/stateful.md) */
  mode: z.enum(['per-message', 'stateful']).default('per-message'),
  /** mode stateful: the per-connection stream, its level and window, and the field operators */
  stateful: z
    .strictObject({
      codec: z.enum(['zstd', 'deflate', 'cm']).default('zstd'),
      // ranges depend on the codec: stateful-checks.ts checks them all at once, beside the schema's issues
      /** default per codec (defaultStatefulLevel): zstd 19, deflate 6 */
      level: z.int().optional(),
      /** log2 of the window: zstd windowLog 10-27, deflate windowBits 9-15, cm history 10-16 */
      window_log: z.int().default(STATEFUL_DEFAULTS.window_log),
      /** zstd: log2 of the match finder's hash and chain tables (bounds the sender's memory); cm: log2 of each order table */
      hash_log: z.int().optional(),
      /** deflate: zlib memLevel */
      mem_level: z.int().default(STATEFUL_DEFAULTS.mem_level),
      /** off by default since s30, as the shipped config has it: on, each connection also keeps up to 256 slots and 64 templates per side */
      field_operators: z.boolean().default(false),
      /** cm: messages longer than this go through zstd with the shared dictionary, not the model; absent: 262,144 (round 39), 0: no bound (stateful-options.ts) */
      large_message_bytes: z.int().optional(),
      /** cm: a message longer than this and than 4 times the connection's mean so far goes through zstd against the connection's history (round 42); absent or 0: none */
      history_path_bytes: z.int().optional(),
    })
    .prefault({}),
  /** an ES module exporting compress/decompress, relative to the config (external-config.ts) */
  external_module: z.string().min(1).optional(),
  /** a command speaking JSON lines on stdin/stdout, run in the config's folder (docs/ci.md) */
  external_command: z.array(z.string().min(1)).min(1).optional(),
  /** how long one external request may take before the process is killed; default 5000 */
  external_timeout_ms: z.int().min(1).max(600_000).optional(),
})

type RawConfig = z.output<typeof compressorConfigSchema>

export type { CompressorConfig }

/** Parses and validates config YAML text; every problem of the file is gathered into one AuraError. */
export function parseCompressorConfig(text: string, file: string): CompressorConfig {
  return parseConfigSource(text, file).config
}

/** parseCompressorConfig, plus the line of each key for messages about the files the config names (config-file.ts). */
export function parseConfigSource(
  text: string,
  file: string,
  overrides: Readonly<Record<string, unknown>> = {},
): { config: CompressorConfig; lineOf: LineOf } {
  const parsed = parseYaml(text, file)
  if ('issues' in parsed) return throwIssues(parsed.issues, file)
  // an empty file is far more often a mistake (a truncated or wrong file) than "every default": a config names itself at least
  if ((parsed.source.value === null || parsed.source.value === undefined) && Object.keys(overrides).length === 0)
    return throwIssues(
      [
        {
          code: 'E_SCHEMA',
          file,
          message: 'the config file is empty: write at least `name: <config name>` (every other key has a default)',
        },
      ],
      file,
    )
  const read = parsed.source.value ?? {}
  const value = Object.keys(overrides).length === 0 || typeof read !== 'object' ? read : { ...read, ...overrides }
  const result = compressorConfigSchema.safeParse(value)
  // the stateful block's ranges and keys come with the schema's issues, not in a second round after them
  const stateful = statefulIssues(value, file, parsed.source.lineOf, Object.keys(compressorConfigSchema.shape))
  // the checks of the keys as written come with the schema's issues too ("every problem at once"),
  // except on a key the schema already refused
  const asWritten = [
    ...crossFieldIssues(value, file, parsed.source.lineOf, usesBrotli(read)),
    ...unusedCodecKeyIssues(read, file, parsed.source.lineOf),
    ...sizeWithFileIssues(read, file, parsed.source.lineOf),
    ...checkExternalKeys(value, file, parsed.source.lineOf),
    ...trainingKeyIssues(read, file, parsed.source.lineOf),
    ...zstdNapiKeyIssues(value, file, parsed.source.lineOf),
  ]
  if (!result.success) {
    const schema = toIssues(result.error, compressorConfigSchema, file, parsed.source).map((issue) =>
      asCodecIssue(issue, value),
    )
    const refused = new Set(schema.map((issue) => issue.field))
    const others = asWritten.filter((issue) => !refused.has(issue.field))
    return throwIssues(inFileOrder([...schema, ...stateful, ...others]), file)
  }
  const raw = result.data
  const issues = [...stateful, ...asWritten]
  throwIfIssues(issues, `invalid compressor config ${file}`)
  return { config: toConfig(raw, file), lineOf: parsed.source.lineOf }
}

/** `fallback: brotly` is an unknown codec (E_UNKNOWN_CODEC) with the closest one suggested, not a bare enum mismatch. */
function asCodecIssue(issue: Issue, value: unknown): Issue {
  const found = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['fallback'] : undefined
  if (issue.field !== 'fallback' || issue.code !== 'E_SCHEMA' || typeof found !== 'string') return issue
  return {
    ...issue,
    code: 'E_UNKNOWN_CODEC',
    message: `unknown codec \`${found}\`${didYouMeanSuffix(found, FALLBACK_CODECS)} (codecs: ${FALLBACK_CODECS.join(', ')})`,
  }
}

/** Issues sorted by line (stable: issues of one line keep their order; those without a line stay first). */
function inFileOrder(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

function throwIssues(issues: Parameters<typeof throwIfIssues>[0], file: string): never {
  throwIfIssues(issues, `invalid compressor config ${file}`)
  throw new AuraError('E_INTERNAL', 'unreachable')
}

/**
 * zstd_dict_size_bytes sizes a dictionary made from a corpus: beside a zstd_dict_path (the file is the
 * dictionary, whatever its size) it was ignored without a word. Read from the file as written, so that a
 * suite entry that supplies its own dictionary does not make a config's size key an error.
 */
function sizeWithFileIssues(read: unknown, file: string, lineOf: LineOf): Issue[] {
  if (typeof read !== 'object' || read === null) return []
  const keys = read as Record<string, unknown>
  if (keys['zstd_dict_path'] === undefined || keys['zstd_dict_size_bytes'] === undefined) return []
  const { issues, add } = new IssueList(file, lineOf)
  add(
    ['zstd_dict_size_bytes'],
    'zstd_dict_size_bytes sizes a dictionary made from a corpus; with zstd_dict_path the file is the dictionary: remove one of them, it would be ignored',
  )
  return issues
}

/** A zstd_dict config without a dictionary of its own: valid only where a suite trains one (validate of the file alone notes it). */
export const NO_DICTIONARY_MESSAGE =
  'fallback zstd_dict needs a dictionary: set zstd_dict_path or zstd_dict_training_corpus, or, in a suite, give the config entry `zstd_dict_training: { split: train }` (the suite trains it)'

/**
 * Keys that need another key: read from the keys as written (with the schema's defaults for those
 * absent), so they come with the schema's issues rather than once those are fixed (round 29's stop:
 * `fallback: zstd_dict` without a dictionary beside a `brotli_quality: 5.5` was said only after it).
 * A key the schema refuses is left to the schema (the caller drops issues at refused fields).
 */
function crossFieldIssues(value: unknown, file: string, lineOf: LineOf, brotliUsed: boolean): Issue[] {
  if (typeof value !== 'object' || value === null) return []
  const keys = value as Record<string, unknown>
  const { issues, add } = new IssueList(file, lineOf)
  const fallback = keys['fallback'] ?? CONFIG_KEY_DEFAULTS.fallback
  if (
    fallback === 'zstd_dict' &&
    keys['zstd_dict_path'] === undefined &&
    keys['zstd_dict_training_corpus'] === undefined
  )
    add(['fallback'], NO_DICTIONARY_MESSAGE)
  // a Brotli key beside another fallback is unusedCodecKeyIssues' to report, by the fallback, not the binding
  if ((keys['brotli_library'] ?? CONFIG_KEY_DEFAULTS.brotli_library) === 'brotli-wasm' && brotliUsed) {
    for (const key of ['brotli_window', 'brotli_mode'] as const) {
      if (keys[key] === undefined) continue
      add([key], `${key} needs brotli_library: node:zlib (brotli-wasm exposes only the quality)`)
    }
  }
  return issues
}

function toConfig(raw: RawConfig, file: string): CompressorConfig {
  // a config given as text under a name with no folder (`<inline>`) resolves its paths against the working directory, as path.resolve does
  const base = path.dirname(file)
  const resolve = (p: string | null | undefined): string | null =>
    p === null || p === undefined ? null : path.resolve(base, p)
  const config: CompressorConfig = {
    name: raw.name ?? path.basename(file).replace(/\.ya?ml$/i, ''),
    description: raw.description ?? '',
    file,
    enableAura: raw.enable_aura,
    minCompressionSizeBytes: raw.min_compression_size,
    binaryAdvantageThreshold: raw.binary_advantage_threshold,
    templateStorePath: resolve(raw.template_store_path),
    auraPreferenceMargin: raw.aura_preference_margin,
    auraMinSizeBytes: raw.aura_min_size,
    fallback: raw.fallback,
    brotliQuality: raw.brotli_quality,
    brotliLibrary: raw.brotli_library,
    brotliWindowLog: raw.brotli_window ?? 22,
    brotliMode: raw.brotli_mode ?? 'generic',
    zstdLevel: raw.zstd_level,
    ...(raw.zstd_library === 'zstd-napi' ? { zstdLibrary: 'zstd-napi' as const } : {}),
    zstdDictPath: resolve(raw.zstd_dict_path),
    zstdDictTrainingCorpus: resolve(raw.zstd_dict_training_corpus),
    ...withTrainingReading(raw),
    zstdDictSizeBytes: raw.zstd_dict_size_bytes,
    zstdDictLevel: raw.zstd_dict_level,
    zstdChecksum: raw.zstd_checksum,
    zstdDictId: raw.zstd_dict_id,
    deflateLevel: raw.deflate_level,
    framing: raw.framing,
    maxMessageBytes: raw.max_message_bytes,
    storeCheck: raw.store_check,
    ...(raw.mode === 'stateful' ? { mode: 'stateful' as const, stateful: toStateful(raw.stateful) } : {}),
  }
  return withExternal(config, raw, base)
}

function withTrainingReading(raw: RawConfig): Pick<CompressorConfig, 'zstdDictTrainingReading'> {
  const reading = trainingReadingOf(raw)
  return reading === undefined ? {} : { zstdDictTrainingReading: reading }
}

function toStateful(raw: RawConfig['stateful']): NonNullable<CompressorConfig['stateful']> {
  return {
    codec: raw.codec,
    level: raw.level ?? defaultStatefulLevel(raw.codec),
    windowLog: raw.window_log,
    ...(raw.hash_log === undefined ? {} : { hashLog: raw.hash_log }),
    memLevel: raw.mem_level,
    fieldOperators: raw.field_operators,
    ...(raw.large_message_bytes === undefined ? {} : { largeMessageBytes: raw.large_message_bytes }),
    ...(raw.history_path_bytes === undefined ? {} : { historyPathBytes: raw.history_path_bytes }),
  }
}
