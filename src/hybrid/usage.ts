/** The library API's E_USAGE errors: a wrong argument from untyped JavaScript, a sync call on an async-only codec. */
import { AuraError, type Codec, type CompressorConfig } from '../core/index.ts'

/** E_USAGE for an argument of the wrong type (a coded error, not a TypeError). */
export function wrongArgument(what: string, value: unknown): AuraError {
  return new AuraError('E_USAGE', `${what}, got ${describeValue(value)}`)
}

/** E_USAGE for compressSync/decompressSync where the codec that must run is async-only (`zstd`, @mongodb-js/zstd). */
export function asyncOnlyCodec(
  call: 'compressSync' | 'decompressSync',
  codec: Codec,
  config: CompressorConfig,
): AuraError {
  const what =
    call === 'compressSync' ? `config "${config.name}" falls back to ${codec.name}` : `the frame is ${codec.name}`
  return new AuraError(
    'E_USAGE',
    `${call} cannot run: ${what}, and its codec (${codec.library}) is async-only`,
    call === 'compressSync' ? { file: config.file, field: 'fallback' } : {},
    {
      hint: `use ${call === 'compressSync' ? 'compress' : 'decompress'} (awaited), or a synchronous fallback: zstd_dict, brotli or deflate`,
    },
  )
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer (wrap it: new Uint8Array(buffer))'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
