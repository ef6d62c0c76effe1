/** The codecs one compressor uses: its fallback, the aura body codec, and decoders for any frame it may read. */
import {
  AuraError,
  didYouMean,
  FALLBACK_CODECS,
  FrameError,
  type Codec,
  type CompressorConfig,
  type FallbackCodecName,
} from '../core/index.ts'
import { createCodecSync, type CodecSpec } from '../codecs/index.ts'

/** Codecs prepared once per compressor, never per message. */
export interface CodecSet {
  fallback: Codec
  /** synchronous Brotli for aura bodies */
  auraBody: Codec & { isAsync: false }
  /**
   * The decoder for a general-purpose method found in a frame: the fallback, or one created on first
   * use and then reused. Creating one is synchronous (so is decoding, for every codec but `zstd`);
   * throws FrameError E_FRAME_NO_DICTIONARY for zstd_dict without a dictionary, every time it is asked.
   */
  decoderFor(method: FallbackCodecName): Codec
  /** library -> version of every codec that can produce bytes for this config */
  libraries: Record<string, string>
}

/** Codec spec for a general-purpose method under a config's settings. */
export function codecSpecFor(
  method: FallbackCodecName,
  config: CompressorConfig,
  dictionary: Uint8Array | null,
): CodecSpec {
  switch (method) {
    case 'brotli':
      return brotliSpec(config)
    case 'zstd':
      // the same Zstandard frames either way: a peer decodes them with whichever binding it has
      return config.zstdLibrary === 'zstd-napi'
        ? { name: 'zstd_napi', level: config.zstdLevel }
        : { name: 'zstd', level: config.zstdLevel }
    case 'zstd_dict':
      if (dictionary === null)
        throw new FrameError('E_FRAME_NO_DICTIONARY', 'frame is zstd_dict but this compressor has no dictionary')
      return {
        name: 'zstd_dict',
        level: config.zstdDictLevel,
        dictionary,
        checksum: config.zstdChecksum,
        dictIdFlag: config.zstdDictId,
      }
    case 'deflate':
      return { name: 'deflate', level: config.deflateLevel }
    default:
      // untyped JavaScript (a config built by hand, `fallback: 'zstdd'`): the name, not a TypeError further on
      throw unknownFallback(method)
  }
}

/** E_UNKNOWN_CODEC at `fallback` for a name that is no fallback codec, with the closest one and the list. */
function unknownFallback(method: unknown): AuraError {
  const known = `known fallback codecs: ${FALLBACK_CODECS.join(', ')}`
  const guess = typeof method === 'string' ? didYouMean(method, FALLBACK_CODECS) : undefined
  return new AuraError(
    'E_UNKNOWN_CODEC',
    `unknown fallback codec ${JSON.stringify(method) ?? String(method)}`,
    { field: 'fallback' },
    { hint: guess === undefined ? known : `did you mean "${guess}"? ${known}` },
  )
}

/** Prepares the codec set for a config. */
export function createCodecSet(config: CompressorConfig, dictionary: Uint8Array | null): CodecSet {
  const fallback = createCodecSync(codecSpecFor(config.fallback, config, dictionary))
  const decoders = new Map<FallbackCodecName, Codec>([[config.fallback, fallback]])
  const auraBody = createCodecSync(brotliSpec(config))
  if (auraBody.isAsync) throw new Error('the Brotli codec must be synchronous for aura bodies')
  const libraries: Record<string, string> = { [fallback.library]: fallback.libraryVersion }
  if (config.enableAura) libraries[auraBody.library] = auraBody.libraryVersion
  return {
    fallback,
    auraBody: auraBody as Codec & { isAsync: false },
    libraries,
    decoderFor(method) {
      let decoder = decoders.get(method)
      if (decoder === undefined) {
        decoder = createCodecSync(codecSpecFor(method, config, dictionary))
        decoders.set(method, decoder)
      }
      return decoder
    },
  }
}

function brotliSpec(config: CompressorConfig): CodecSpec {
  if (config.brotliLibrary === 'node:zlib') {
    return {
      name: 'brotli_native',
      quality: config.brotliQuality,
      windowBits: config.brotliWindowLog,
      mode: config.brotliMode,
    }
  }
  return { name: 'brotli', quality: config.brotliQuality }
}
