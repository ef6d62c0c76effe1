export * from './registry.ts'
export * from './framing.ts'
export { minPayloadBytes } from './payload-bounds.ts'
export {
  createZstdStreamConnection,
  createZstdStreamDecoder,
  createZstdStreamEncoder,
} from './zstd-stream.ts'
export {
  auraRecordsLimitBytes,
  decodeLimitBytes,
  DECODE_FLOOR_BYTES,
  expansionLimitBytes,
  expansionNote,
  isExpansionBound,
  MAX_EXPANSION_RATIO,
} from './decode-budget.ts'
export { writesFrames } from './zstd-dict.ts'
export { createPerMessageDictionaryZstd, type PerMessageDictionaryZstd } from './zstd-history.ts'
