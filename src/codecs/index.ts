export * from './registry.ts'
export * from './framing.ts'
export { minPayloadBytes } from './payload-bounds.ts'
export { createZstdStreamConnection, createZstdStreamDecoder, createZstdStreamEncoder, type ZstdStreamConnection, type ZstdStreamOptions } from './zstd-stream.ts'
