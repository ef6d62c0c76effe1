/** Codec registry: builds any codec from a spec keyed by `name`, and lists library versions for reports. */
import { AuraError, CODEC_NAMES, type Codec, didYouMean } from '../core/index.ts'
import { BROTLI_LIBRARY_VERSION, type BrotliOptions, createBrotliCodec } from './brotli.ts'
import { type BrotliNativeOptions, createBrotliNativeCodec } from './brotli-native.ts'
import { createDeflateCodec, type DeflateOptions } from './deflate.ts'
import { createIdentityCodec } from './identity.ts'
import { createZstdCodec, ZSTD_LIBRARY_VERSION, type ZstdOptions } from './zstd.ts'
import { createZstdDictCodec, createZstdNapiCodec, type ZstdDictOptions, type ZstdNapiOptions } from './zstd-dict.ts'
import { ZSTD_NAPI_LIBRARY_VERSION, zstdNapiLibzstdVersion } from './zstd-napi-binding.ts'
import { NODE_ZLIB_VERSION } from './zlib-decode.ts'

export type { BrotliOptions } from './brotli.ts'
export type { BrotliMode, BrotliNativeOptions } from './brotli-native.ts'
export type { DeflateOptions } from './deflate.ts'
export type { ZstdOptions } from './zstd.ts'
export type { ZstdDictOptions, ZstdNapiOptions } from './zstd-dict.ts'
export { createRawContentDictionary } from './raw-content-dictionary.ts'

export { CODEC_NAMES, type CodecName } from '../core/index.ts'

/** What to build: a codec name and that codec's options (defaults in each options type). */
export type CodecSpec =
  | ({ name: 'brotli' } & BrotliOptions)
  | ({ name: 'brotli_native' } & BrotliNativeOptions)
  | ({ name: 'zstd' } & ZstdOptions)
  | ({ name: 'zstd_napi' } & ZstdNapiOptions)
  | ({ name: 'zstd_dict' } & ZstdDictOptions)
  | ({ name: 'deflate' } & DeflateOptions)
  | { name: 'identity' }

/** Builds a codec; throws AuraError E_UNKNOWN_CODEC (with a did-you-mean) for an unknown name, E_SCHEMA for a bad option. */
export async function createCodec(spec: CodecSpec): Promise<Codec> {
  return createCodecSync(spec)
}

/** createCodec without the promise: every codec's setup is synchronous (only `zstd`'s encode and decode are async). */
export function createCodecSync(spec: CodecSpec): Codec {
  const { name, ...options } = spec
  switch (spec.name) {
    case 'brotli':
      return createBrotliCodec(options as BrotliOptions)
    case 'brotli_native':
      return createBrotliNativeCodec(options as BrotliNativeOptions)
    case 'zstd':
      return createZstdCodec(options as ZstdOptions)
    case 'zstd_napi':
      return createZstdNapiCodec(options as ZstdNapiOptions)
    case 'zstd_dict':
      return createZstdDictCodec(options as ZstdDictOptions)
    case 'deflate':
      return createDeflateCodec(options as DeflateOptions)
    case 'identity':
      return createIdentityCodec()
    default:
      throw unknownCodec(String(name))
  }
}

/** Library -> version for everything the codecs use, for report environment headers. */
export function codecLibraryVersions(): Record<string, string> {
  return {
    'brotli-wasm': BROTLI_LIBRARY_VERSION,
    '@mongodb-js/zstd': ZSTD_LIBRARY_VERSION,
    'zstd-napi': ZSTD_NAPI_LIBRARY_VERSION,
    'zstd-napi libzstd': zstdNapiLibzstdVersion(),
    'node:zlib': NODE_ZLIB_VERSION,
  }
}

function unknownCodec(name: string): AuraError {
  const suggestion = didYouMean(name, CODEC_NAMES)
  const known = `known codecs: ${CODEC_NAMES.join(', ')}`
  return new AuraError(
    'E_UNKNOWN_CODEC',
    `unknown codec "${name}"`,
    { field: 'name' },
    { hint: suggestion === undefined ? known : `did you mean "${suggestion}"? ${known}` },
  )
}
