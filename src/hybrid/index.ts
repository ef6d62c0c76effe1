export {
  createHybridCompressor,
  type HybridCompressResult,
  type HybridCompressor,
  type HybridMetadata,
  type HybridOptions,
  type HybridResources,
} from './compressor.ts'
export { codecSpecFor } from './codec-set.ts'
export { renderPattern } from './aura.ts'
export { SLOW_MESSAGE_MS, slowFallbackWarning } from './speed-check.ts'
