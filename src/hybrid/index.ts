export { createHybridCompressor, type HybridCompressor, type HybridMetadata, type HybridResources } from './compressor.ts'
export { codecSpecFor } from './codec-set.ts'
export { renderPattern } from './aura.ts'
