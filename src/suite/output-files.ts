/**
 * aura-bench's own JSON outputs told apart by content: `validate` says what such a file is rather
 * than reporting it as a broken template store, and an output folder knows its earlier files.
 */

/** The JSON files aura-bench writes. */
export type OutputJsonName = 'results.json' | 'comparison.json' | 'cost.json' | 'replay.json' | 'partial.json'

/** What writes each output, for messages. */
export const OUTPUT_WRITERS: Record<OutputJsonName, string> = {
  'results.json': '`aura-bench run` (or `merge`)',
  'comparison.json': '`aura-bench compare`',
  'cost.json': '`aura-bench cost`',
  'replay.json': '`aura-bench replay`',
  'partial.json': '`aura-bench run --shard`',
}

/** The format marker of a shard's partial.json (src/shard writes it). */
const PARTIAL_FORMAT = 'aura-bench-partial'

/** Which of aura-bench's outputs a parsed JSON value is, by its markers and shape; undefined when none. */
export function recognizeOutputJson(value: unknown): OutputJsonName | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const json = value as Record<string, unknown>
  // a template store (a user's input) is never one of our outputs, whatever other keys it carries
  if (json['format'] === 'aura-template-store') return undefined
  if (json['kind'] === 'compare') return 'comparison.json'
  if (json['kind'] === 'replay') return 'replay.json'
  if (json['kind'] === 'cost') return 'cost.json'
  if (json['format'] === PARTIAL_FORMAT) return 'partial.json'
  if (typeof json['schemaVersion'] === 'number' && Array.isArray(json['runs']) && typeof json['suite'] === 'string')
    return 'results.json'
  // written before cost.json and replay.json carried a kind
  if (json['schemaVersion'] === 1 && Array.isArray(json['projections'])) return 'cost.json'
  if (
    typeof json['suite'] === 'string' &&
    Array.isArray(json['corpora']) &&
    Array.isArray(json['memory']) &&
    typeof json['limits'] === 'object'
  )
    return 'replay.json'
  return undefined
}
