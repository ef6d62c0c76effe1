/**
 * Config keys of an external compressor: a team's own compressor, gated like ours.
 * - `external_module: ./my-compressor.mjs`: an ES module exporting `compress` and `decompress`;
 * - `external_command: ["python3", "compressor.py"]`: a process speaking JSON lines (docs/ci.md), run
 *   in the config file's folder;
 * - `external_timeout_ms` (default 5000): how long one request may take before the process is killed.
 * The hybrid compressor's keys do not apply to an external one and are refused beside these.
 */
import path from 'node:path'
import type { CompressorConfig, Issue } from '../core/index.ts'
import { IssueList } from './yaml-schema.ts'

/** Default time one external request may take, in milliseconds. */
export const DEFAULT_EXTERNAL_TIMEOUT_MS = 5000

/** Where an external compressor lives: an ES module (absolute path) or a command run in a folder. */
type ExternalCompressorSpec =
  | { kind: 'module'; modulePath: string; timeoutMs: number }
  | { kind: 'command'; command: string[]; cwd: string; timeoutMs: number }

/** A config that names an external compressor (the hybrid's fields keep their defaults and are unused). */
export interface ExternalCompressorConfig extends CompressorConfig {
  external: ExternalCompressorSpec
}

/** True when a config names an external compressor. */
export function isExternalConfig(config: CompressorConfig): config is ExternalCompressorConfig {
  return 'external' in config && typeof (config as { external?: unknown }).external === 'object'
}

/** Keys that still mean something for an external compressor. */
const EXTERNAL_KEYS = ['name', 'description', 'external_module', 'external_command', 'external_timeout_ms']

/** Issues of the external keys in a config's raw YAML value: both kinds at once, or hybrid keys beside them. */
export function checkExternalKeys(
  value: unknown,
  file: string,
  lineOf: (p: readonly PropertyKey[]) => number | undefined,
): Issue[] {
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const list = new IssueList(file, lineOf)
  const issues = list.issues
  const add = (field: string, message: string): void => list.add([field], message)
  const hasModule = raw['external_module'] !== undefined
  const hasCommand = raw['external_command'] !== undefined
  if (hasModule && hasCommand) add('external_command', 'set external_module or external_command, not both')
  if (!hasModule && !hasCommand) {
    if (raw['external_timeout_ms'] !== undefined)
      add('external_timeout_ms', 'external_timeout_ms needs external_module or external_command')
    return issues
  }
  for (const key of Object.keys(raw)) {
    if (!EXTERNAL_KEYS.includes(key))
      add(key, `${key} configures the built-in hybrid compressor; an external compressor does not use it`)
  }
  return issues
}

/** The config with its external spec attached, when the raw keys name one; paths resolve from the config's folder. */
export function withExternal(
  config: CompressorConfig,
  raw: {
    external_module?: string | undefined
    external_command?: string[] | undefined
    external_timeout_ms?: number | undefined
  },
  folder: string,
): CompressorConfig {
  const timeoutMs = raw.external_timeout_ms ?? DEFAULT_EXTERNAL_TIMEOUT_MS
  if (raw.external_module !== undefined)
    return {
      ...config,
      external: { kind: 'module', modulePath: path.resolve(folder, raw.external_module), timeoutMs },
    } as ExternalCompressorConfig
  if (raw.external_command !== undefined)
    return {
      ...config,
      external: { kind: 'command', command: [...raw.external_command], cwd: folder, timeoutMs },
    } as ExternalCompressorConfig
  return config
}
