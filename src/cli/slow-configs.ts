/** The slow-fallback warnings of `validate` and `run` (src/hybrid/speed-check.ts), for config files. */
import { slowFallbackWarning } from '../hybrid/index.ts'
import { statefulZstdMemoryWarning } from '../stateful/index.ts'
import { isExternalConfig, loadCompressorConfig } from '../suite/index.ts'

/**
 * One warning per config file whose fallback takes more than a millisecond per message, or (a stateful zstd config,
 * s40-trial D2) whose connection holds more than 8 MiB; external compressors are not measured.
 */
export async function slowConfigWarnings(configPaths: readonly string[]): Promise<string[]> {
  const warnings: string[] = []
  for (const file of new Set(configPaths)) {
    // a config that does not load is reported by the command's own checks, with their exit code
    const config = await loadCompressorConfig(file).catch(() => undefined)
    if (config === undefined || isExternalConfig(config)) continue
    // a stateful config has no per-message fallback: its codec is its own (docs/stateful.md)
    const warning =
      config.mode === 'stateful' ? await statefulZstdMemoryWarning(config) : await slowFallbackWarning(config)
    if (warning !== undefined) warnings.push(warning)
  }
  return warnings
}
