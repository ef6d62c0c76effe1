/** Builds the external compressor a validated config names: imports its module or starts its command. */
import type { ExternalCompressorConfig } from '../suite/index.ts'
import { startCommandCompressor, type ExternalCompressor } from './command-compressor.ts'
import { loadModuleCompressor } from './module-compressor.ts'

/** The compressor of a config with `external_module` or `external_command`; E_EXTERNAL when it cannot be built. */
export async function createExternalCompressor(config: ExternalCompressorConfig): Promise<ExternalCompressor> {
  const spec = config.external
  if (spec.kind === 'module')
    return loadModuleCompressor({
      name: config.name,
      modulePath: spec.modulePath,
      origin: { file: config.file, field: 'external_module' },
    })
  return startCommandCompressor({
    name: config.name,
    command: spec.command,
    cwd: spec.cwd,
    timeoutMs: spec.timeoutMs,
    origin: { file: config.file, field: 'external_command[0]' },
  })
}
