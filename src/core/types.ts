/** Shared types across layers: methods, codecs, compressors and their results. */

/** Methods a hybrid frame can carry; names are the seed's and appear verbatim in reports. */
export const METHODS = [
  'binary_semantic',
  'brotli',
  'zstd',
  'zstd_dict',
  'deflate',
  'aura',
  'uncompressed',
  'json_residue',
] as const

/** One per-message compression method. */
export type Method = (typeof METHODS)[number]

/** The codec registry's names: every codec `createCodec` builds (src/codecs/registry.ts). */
export const CODEC_NAMES = ['brotli', 'brotli_native', 'zstd', 'zstd_napi', 'zstd_dict', 'deflate', 'identity'] as const

/** A codec name createCodec accepts. */
export type CodecName = (typeof CODEC_NAMES)[number]

/**
 * The level (Brotli: quality) each codec accepts, inclusive: the codecs check their options against it
 * (src/codecs) and the suite's compare section its levels and `current`; one table, so they cannot disagree.
 */
export const CODEC_LEVEL_RANGES = {
  brotli: [0, 11],
  brotli_native: [0, 11],
  zstd: [1, 22],
  zstd_napi: [1, 22],
  zstd_dict: [1, 22],
  deflate: [0, 9],
} as const satisfies Partial<Record<CodecName, readonly [number, number]>>

/** Codec names a config may use as `fallback` (general-purpose, no template store). */
export const FALLBACK_CODECS = ['brotli', 'zstd', 'zstd_dict', 'deflate'] as const satisfies readonly CodecName[]

/** A general-purpose fallback codec name. */
export type FallbackCodecName = (typeof FALLBACK_CODECS)[number]

/** How frames are laid out: `tagged` (the seed: a tag on every frame) or `text-passthrough`; the names a config may use. */
export const FRAMINGS = ['tagged', 'text-passthrough'] as const

/** A frame layout. */
export type Framing = (typeof FRAMINGS)[number]

/** A byte-in byte-out codec. `encode`/`decode` may be sync or async (the @mongodb-js/zstd binding is async-only). */
export interface Codec {
  /** method name, e.g. `brotli` */
  readonly name: string
  /** npm package (or `node:zlib`) that does the work */
  readonly library: string
  /** version of that package as installed (Node's zlib version for node:zlib) */
  readonly libraryVersion: string
  /** true when encode/decode return promises */
  readonly isAsync: boolean
  encode(message: Uint8Array): Uint8Array | Promise<Uint8Array>
  /** Decodes one payload; `maxOutputBytes` bounds the output (decompression bombs), default 64 MiB. */
  decode(payload: Uint8Array, maxOutputBytes?: number): Uint8Array | Promise<Uint8Array>
}

/** What `compress` tells about one message (the seed's metadata dict, camelCase). */
export interface CompressMetadata {
  /** originalBytes / compressedBytes */
  ratio: number
  method: Method
  /** template id when method is binary_semantic */
  templateId?: number
  originalBytes: number
  compressedBytes: number
}

/** One compressed message: the frame as sent, its method and metadata. */
export interface CompressResult {
  bytes: Uint8Array
  method: Method
  metadata: CompressMetadata
}

/** The library API's compressor: DESIGN.md's contract. */
export interface Compressor {
  /** config name, e.g. `emergency` */
  readonly name: string
  compress(message: string | Uint8Array): Promise<CompressResult>
  /** Byte-exact inverse of compress; rejects with an Error whose `code` is a string for an invalid frame. */
  decompress(frame: Uint8Array): Promise<Uint8Array>
  /** Bytes of state both sides must share (template store, dictionary), reported separately. */
  readonly sharedStateBytes: number
  /** Library name -> version for everything that produced bytes, for report headers. */
  readonly libraries: Readonly<Record<string, string>>
}

/** Default bound on decoded output (decompression bombs): 64 MiB. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024

/** How a dictionary training corpus is read: its format and the JSON fields of its message and category. */
export interface TrainingCorpusReading {
  format: 'txt' | 'jsonl' | 'json' | 'loghub' | 'har' | 'auto'
  /** jsonl/json: the field holding the message; default `text` */
  textField: string
  /** jsonl/json: the field holding the category; default `category` */
  categoryField?: string
  /** har: which websocket frames are messages; default `receive` */
  harDirection?: 'receive' | 'send' | 'both'
}

/** A validated compressor config in camelCase with resolved paths. */
export interface CompressorConfig {
  name: string
  description: string
  /** absolute path of the YAML file, or `<inline>` */
  file: string
  enableAura: boolean
  minCompressionSizeBytes: number
  binaryAdvantageThreshold: number
  /** absolute path, or null for no template store */
  templateStorePath: string | null
  auraPreferenceMargin: number
  auraMinSizeBytes: number
  fallback: FallbackCodecName
  brotliQuality: number
  brotliLibrary: 'brotli-wasm' | 'node:zlib'
  /** log2 bytes; 22 unless set (node:zlib only) */
  brotliWindowLog: number
  brotliMode: 'generic' | 'text'
  zstdLevel: number
  /** the binding of `fallback: zstd`: zstd-napi (sync, one reused context); absent: @mongodb-js/zstd (async) */
  zstdLibrary?: 'zstd-napi'
  zstdDictPath: string | null
  zstdDictTrainingCorpus: string | null
  /**
   * How zstdDictTrainingCorpus is read: the config's zstd_dict_training_format / zstd_dict_training_text_field,
   * or (in a suite, neither key set) the suite corpus that is that file; absent: by extension, field `text`
   */
  zstdDictTrainingReading?: TrainingCorpusReading
  zstdDictSizeBytes: number
  zstdDictLevel: number
  zstdChecksum: boolean
  zstdDictId: boolean
  deflateLevel: number
  framing: Framing
  maxMessageBytes: number
  /** `frame`: 1 check byte of the template in every binary_semantic frame (see hybrid/store-identity.ts); absent or `none`: no per-message cost */
  storeCheck?: 'none' | 'frame'
  /** `stateful`: one context per connection (src/stateful); absent: per message */
  mode?: 'stateful'
  /** mode stateful: the stream and field operators (docs/stateful.md) */
  stateful?: {
    codec: 'zstd' | 'deflate' | 'cm'
    level: number
    windowLog: number
    hashLog?: number
    memLevel: number
    fieldOperators: boolean
    /** cm: messages longer than this go through zstd with the shared dictionary; absent: 262,144 (round 39), 0: no bound */
    largeMessageBytes?: number
    /** cm: the history path's least message length (model-stream.ts, round 42); absent or 0: no history path */
    historyPathBytes?: number
  }
}
