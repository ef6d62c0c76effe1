/** results.json: the DESIGN.md contract, serialised with a stable key order and 2-space indent. */
import { METHODS, PER_MESSAGE_METRICS } from '../core/index.ts'
import type { Results } from '../runner/index.ts'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Key order per object kind; keys not listed follow, sorted, so added optional fields keep a stable place. */
const KEY_ORDER = {
  results: [
    'schemaVersion',
    'suite',
    'description',
    'startedAt',
    'incomplete',
    'environment',
    'runs',
    'gate',
    'reference',
    'warnings',
    'inputs',
    'cost',
  ],
  environment: ['node', 'platform', 'arch', 'cpu', 'cpus', 'libraries'],
  run: ['corpus', 'config', 'state', 'error', 'metrics', 'targets', 'categories', 'expanding', 'mismatches'],
  metrics: [
    'messages',
    'originalBytes',
    'compressedBytes',
    ...PER_MESSAGE_METRICS,
    'methods',
    'latencyUs',
    'roundTrip',
    'sharedStateBytes',
  ],
  latency: ['encode', 'decode', 'mode'],
  percentiles: ['p50', 'p95', 'p99', 'mean', 'rme', 'samples'],
  roundTrip: ['checked', 'mismatches'],
  target: ['metric', 'value', 'status', 'label', 'pass', 'near', 'direction', 'gated'],
  error: ['code', 'message'],
  expanding: ['index', 'preview', 'originalBytes', 'compressedBytes', 'method'],
  mismatch: ['index', 'preview', 'firstDifferingByte', 'error'],
  gate: ['status', 'reasons'],
  reference: ['source', 'figures'],
  inputs: ['corpora', 'configs'],
  inputCorpus: ['name', 'file', 'format', 'part', 'skipped'],
  inputConfig: ['name', 'file', 'derived'],
  cost: [
    'messagesPerDay',
    'avgMessageBytes',
    'pricePerGb',
    'overheadBytesPerMessage',
    'pricePerCpuHour',
    'baselineConfig',
  ],
} as const

/** How an object's keys are ordered: a named order, sorted, METHODS order, or a record whose values have a kind. */
type Kind = keyof typeof KEY_ORDER | 'sorted' | 'methods' | { values: Kind }

/** Which kind applies to the children of a key (arrays apply it to their items); unlisted children are sorted. */
const CHILD_KIND: Partial<Record<keyof typeof KEY_ORDER, Record<string, Kind>>> = {
  results: {
    environment: 'environment',
    runs: 'run',
    gate: 'gate',
    reference: 'reference',
    inputs: 'inputs',
    cost: 'cost',
  },
  inputs: { corpora: 'inputCorpus', configs: 'inputConfig' },
  run: {
    error: 'error',
    metrics: 'metrics',
    targets: 'target',
    categories: { values: 'metrics' },
    expanding: 'expanding',
    mismatches: 'mismatch',
  },
  metrics: { methods: 'methods', latencyUs: 'latency', roundTrip: 'roundTrip' },
  latency: { encode: 'percentiles', decode: 'percentiles' },
}

function orderKeys(keys: string[], kind: Kind): string[] {
  if (typeof kind === 'object' || kind === 'sorted') return [...keys].sort()
  const first: readonly string[] = kind === 'methods' ? METHODS : KEY_ORDER[kind]
  return [...first.filter((k) => keys.includes(k)), ...keys.filter((k) => !first.includes(k)).sort()]
}

function childKind(kind: Kind, key: string): Kind {
  if (typeof kind === 'object') return kind.values
  if (kind === 'sorted' || kind === 'methods') return 'sorted'
  return CHILD_KIND[kind]?.[key] ?? 'sorted'
}

/** Copies a value into plain JSON with keys in their stable order; undefined fields are dropped. */
function normalize(value: unknown, kind: Kind): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  // JSON has no Infinity/NaN: null makes the contract checker name the field instead of hiding it
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (Array.isArray(value)) return value.map((item) => normalize(item, kind))
  if (typeof value !== 'object') return null
  const record = value as Record<string, unknown>
  const out: { [key: string]: Json } = {}
  for (const key of orderKeys(Object.keys(record), kind)) {
    if (record[key] !== undefined) out[key] = normalize(record[key], childKind(kind, key))
  }
  return out
}

/** Serialises results as results.json: stable key order, 2-space indent, trailing newline. */
export function toResultsJson(results: Results): string {
  return `${JSON.stringify(normalize(results, 'results'), null, 2)}\n`
}
