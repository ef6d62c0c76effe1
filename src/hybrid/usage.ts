/** The library API's E_USAGE error for a sync call on an async-only codec (a wrong argument: core's wrongArgument). */
import { AuraError, type Codec, type CompressorConfig } from '../core/index.ts'

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
