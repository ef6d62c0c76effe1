/**
 * A per-message config's codec keys are read only by the codec they set: `zstd_level` beside
 * `fallback: brotli` was accepted and ignored without a word, where a stateful config refuses every
 * key its codec does not use (stateful-checks.ts). The same here: such a key is E_SCHEMA naming the
 * field and the fallback. The dictionary keys stay allowed with any fallback: the dictionary also
 * decodes a peer's zstd_dict frames.
 */
import type { Issue } from '../core/index.ts'
import { IssueList, type LineOf } from './yaml-schema.ts'

/** Which codec each key sets, and when that codec is used. */
const CODEC_KEYS: ReadonlyArray<{ keys: readonly string[]; codec: string; used: (written: Written) => boolean }> = [
  {
    keys: ['brotli_quality', 'brotli_library', 'brotli_window', 'brotli_mode'],
    codec: 'Brotli (fallback: brotli, or the aura container of enable_aura: true)',
    used: (w) => w.fallback === 'brotli' || w.enableAura,
  },
  { keys: ['zstd_level', 'zstd_library'], codec: 'fallback: zstd', used: (w) => w.fallback === 'zstd' },
  {
    keys: ['zstd_dict_level', 'zstd_checksum', 'zstd_dict_id'],
    codec: 'fallback: zstd_dict',
    used: (w) => w.fallback === 'zstd_dict',
  },
  { keys: ['deflate_level'], codec: 'fallback: deflate', used: (w) => w.fallback === 'deflate' },
]

interface Written {
  fallback: unknown
  enableAura: boolean
}

/** True when the config written uses Brotli (its fallback, or aura bodies): brotli_library's own checks apply only then. */
export function usesBrotli(value: unknown): boolean {
  return CODEC_KEYS[0]?.used(writtenOf(value)) === true
}

function writtenOf(value: unknown): Written {
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  return { fallback: raw['fallback'] ?? 'brotli', enableAura: raw['enable_aura'] === true }
}

/**
 * Issues for codec keys of a per-message hybrid config that its fallback (and aura) never reads, from
 * the raw YAML value; none for a stateful or external config (their own checks refuse such keys) or
 * an unknown fallback (the schema reports it).
 */
export function unusedCodecKeyIssues(value: unknown, file: string, lineOf: LineOf): Issue[] {
  if (typeof value !== 'object' || value === null) return []
  const raw = value as Record<string, unknown>
  if (raw['mode'] === 'stateful' || raw['external_module'] !== undefined || raw['external_command'] !== undefined)
    return []
  const written = writtenOf(raw)
  if (!['brotli', 'zstd', 'zstd_dict', 'deflate'].includes(String(written.fallback))) return []
  const { issues, add } = new IssueList(file, lineOf)
  for (const { keys, codec, used } of CODEC_KEYS) {
    if (used(written)) continue
    for (const key of keys.filter((k) => raw[k] !== undefined))
      add(
        [key],
        `${key} sets ${codec}, and this config uses fallback: ${String(written.fallback)}${written.enableAura ? '' : ' without aura'}: remove it, it would be ignored (or set the fallback it is for)`,
      )
  }
  return issues
}
