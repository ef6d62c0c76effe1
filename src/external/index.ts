/**
 * External compressors: a team's own compressor gated like the built-in one, either an ES module in
 * process or a command in another language speaking JSON lines. Layer: imports core and suite
 * (config types); the CLI hands `createExternalCompressor` to the runner.
 */
import type { Compressor } from '../core/index.ts'
import type { ExternalCompressor } from './command-compressor.ts'

export {
  startCommandCompressor,
  type ExternalCompressor,
} from './command-compressor.ts'
export { loadModuleCompressor } from './module-compressor.ts'
export { createExternalCompressor } from './create-external.ts'
export { startJsonLinesProcess } from './json-lines-process.ts'

/** True for compressors this layer built (they carry a latency mode and must be closed). */
export function isExternalCompressor(compressor: Compressor): compressor is ExternalCompressor {
  const c = compressor as Partial<ExternalCompressor>
  return typeof c.latencyMode === 'string' && typeof c.close === 'function'
}
