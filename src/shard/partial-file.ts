/**
 * The shard partial: what `run --shard I/N` writes (`DIR/partial.json`) and `merge` reads. A
 * versioned JSON file:
 *
 *     format: "aura-bench-partial", formatVersion: 3
 *     auraBenchVersion            the package version that measured it
 *     shard: { index, count, partition }
 *     fingerprints: { suite, configs{name: {config, template_store_path, ...: sha256}}, options{latency, limit},
 *                     corpora{name: {messages, fileBytes, sha256?}} }  (sha256: round 32; older partials lack it)
 *     suite                       the suite as loaded (targets, gate, notes, cost: what the merge judges with)
 *     startedAt, environment, warnings, incomplete, stoppedBy?
 *     inputs?                     the shard run's results.json `inputs`, with what it restated (a sample
 *                                 larger than its part: "all N messages ..."); absent in partials
 *                                 written before 2026-12-06 (still version 3: merge then describes the suite)
 *     runs[]                      RunPartial: exact size counters and method counts, the per-message
 *                                 size sample of the intervals, latency as HdrHistogram sketches
 *
 * The latency reservoir's messages (the raw bytes a single run times) stay out: a shard times its
 * own sample and ships the sketch. Numbers JSON cannot hold (Infinity) are written as
 * `{ "nonFinite": "Infinity" }`.
 */
import { AuraError, type ErrorLocation, MAX_DATA_FILE_BYTES, readInputFile } from '../core/index.ts'
import type { LATENCY_SKETCH, Environment, RunInputs, RunPartial } from '../runner/index.ts'
import type { Suite } from '../suite/index.ts'
import type { ConfigFingerprint } from './config-fingerprint.ts'
import { PARTITION, type CorpusCount, type ShardSpec } from './partition.ts'

export const PARTIAL_FORMAT = 'aura-bench-partial'
/**
 * 2: `fingerprints.corpora` counts the corpus file's bytes (a shard no longer decodes every message).
 * 3: `fingerprints.configs.<name>` hashes the files the config names too, not only its YAML.
 */
const PARTIAL_FORMAT_VERSION = 3
/** The file a shard run publishes in its --out folder. */
export const PARTIAL_NAME = 'partial.json'

/** What must be equal in every partial of one merge. */
export interface PartialFingerprints {
  /** sha256 of the suite file's bytes */
  suite: string
  /** by config name: sha256 of its YAML and of every file it names (config-fingerprint.ts) */
  configs: Record<string, ConfigFingerprint>
  /** the run options that change what is measured */
  options: { latency: boolean; limit: number | null }
  /** per corpus: every message of its selection (before the partition) and the size of its file */
  corpora: Record<string, CorpusCount>
  /** the latency sketch's library and precision */
  sketch: typeof LATENCY_SKETCH
}

/** A shard's partial result. */
export interface PartialFile {
  format: typeof PARTIAL_FORMAT
  formatVersion: number
  auraBenchVersion: string
  shard: ShardSpec & { partition: string }
  fingerprints: PartialFingerprints
  suite: Suite
  startedAt: string
  environment: Environment
  warnings: string[]
  incomplete: boolean
  stoppedBy?: { code: string; message: string; location: ErrorLocation; hint?: string }
  /** what the shard's results.json `inputs` said; optional: partials written before it lack it */
  inputs?: RunInputs
  runs: RunPartial[]
}

/** The partial of a shard run, with the reservoir's message bytes and the unmergeable exact percentiles left out. */
export function createPartialFile(
  fields: Omit<PartialFile, 'format' | 'formatVersion' | 'shard'> & { shard: ShardSpec },
): PartialFile {
  const runs = fields.runs.map((run): RunPartial => {
    const latency = run.latency.state === 'measured' ? (({ exact: _exact, ...rest }) => rest)(run.latency) : run.latency
    return {
      ...run,
      latency,
      sizes: { ...run.sizes, reservoir: { seenMessages: run.sizes.reservoir.seenMessages, messages: [] } },
    }
  })
  return {
    format: PARTIAL_FORMAT,
    formatVersion: PARTIAL_FORMAT_VERSION,
    ...fields,
    shard: { ...fields.shard, partition: PARTITION },
    runs,
  }
}

/** The partial as JSON text. */
export function serializePartial(partial: PartialFile): string {
  return `${JSON.stringify(partial, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? { nonFinite: String(value) } : value))}\n`
}

/** Reads and checks a partial file; E_JSON_SYNTAX / E_SCHEMA (exit 2) naming the file and field. */
export async function readPartialFile(file: string, shownAs = file): Promise<PartialFile> {
  // E_FILE_MISSING / E_FILE_UNREADABLE / E_FILE_TOO_LARGE naming the partial as the user gave it
  const bytes = await readInputFile({ path: file, asWritten: shownAs, kind: 'partial', maxBytes: MAX_DATA_FILE_BYTES })
  return parsePartial(bytes.toString('utf8'), shownAs)
}

/** Parses a partial's text (see readPartialFile). */
export function parsePartial(text: string, file: string): PartialFile {
  let value: unknown
  try {
    value = JSON.parse(text, (_key, v: unknown) => (isNonFinite(v) ? Number(v.nonFinite) : v))
  } catch (error) {
    throw new AuraError('E_JSON_SYNTAX', `${file} is not JSON: ${(error as Error).message}`, { file })
  }
  const bad = (field: string, what: string): AuraError =>
    new AuraError(
      'E_SCHEMA',
      `${file}: ${field} ${what}`,
      { file, field },
      { hint: 'merge takes the partial.json files that `aura-bench run --shard I/N` writes' },
    )
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('(top level)', 'is not an object')
  const p = value as Record<string, unknown>
  if (p.format !== PARTIAL_FORMAT)
    throw bad('format', `is ${JSON.stringify(p.format)}, expected "${PARTIAL_FORMAT}": not a shard partial`)
  if (p.formatVersion !== PARTIAL_FORMAT_VERSION)
    throw bad(
      'formatVersion',
      `is ${JSON.stringify(p.formatVersion)}; this aura-bench reads version ${PARTIAL_FORMAT_VERSION}${p.formatVersion === 2 ? " (version 2 fingerprinted a config's YAML, not the store or dictionary it names): run the shards again with this aura-bench" : ''}`,
    )
  const shard = p.shard as Record<string, unknown> | undefined
  if (
    typeof shard !== 'object' ||
    shard === null ||
    !Number.isSafeInteger(shard.index) ||
    !Number.isSafeInteger(shard.count)
  )
    throw bad('shard', 'needs whole-number index and count')
  if ((shard.count as number) < 1 || (shard.index as number) < 1 || (shard.index as number) > (shard.count as number))
    throw bad('shard.index', `${String(shard.index)} is not within 1..${String(shard.count)}`)
  for (const field of ['auraBenchVersion', 'startedAt'] as const)
    if (typeof p[field] !== 'string') throw bad(field, 'is not a string')
  const fingerprints = p.fingerprints as Record<string, unknown> | undefined
  if (
    typeof fingerprints !== 'object' ||
    fingerprints === null ||
    typeof fingerprints.suite !== 'string' ||
    typeof fingerprints.configs !== 'object' ||
    typeof fingerprints.corpora !== 'object'
  )
    throw bad('fingerprints', 'needs suite, configs and corpora')
  for (const [name, files] of Object.entries(fingerprints.configs as object))
    if (typeof files !== 'object' || files === null || !Object.values(files).every((v) => typeof v === 'string'))
      throw bad(`fingerprints.configs.${name}`, 'is not a set of sha256 hashes by file')
  for (const [name, count] of Object.entries(fingerprints.corpora as object)) {
    const c = count as Record<string, unknown> | null
    if (typeof c !== 'object' || c === null || typeof c.messages !== 'number' || typeof c.fileBytes !== 'number')
      throw bad(`fingerprints.corpora.${name}`, 'needs messages and fileBytes numbers')
    if (c.sha256 !== undefined && (typeof c.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(c.sha256)))
      throw bad(`fingerprints.corpora.${name}.sha256`, 'is not a sha256 (64 hex digits)')
  }
  const suite = p.suite as Record<string, unknown> | undefined
  if (
    typeof suite !== 'object' ||
    suite === null ||
    typeof suite.name !== 'string' ||
    !Array.isArray(suite.targets) ||
    !Array.isArray(suite.configs)
  )
    throw bad('suite', 'is not a loaded suite')
  if (typeof p.environment !== 'object' || p.environment === null) throw bad('environment', 'is not an object')
  if (!Array.isArray(p.warnings)) throw bad('warnings', 'is not a list')
  if (typeof p.incomplete !== 'boolean') throw bad('incomplete', 'is not true or false')
  if (p.inputs !== undefined) checkInputs(p.inputs, bad)
  if (!Array.isArray(p.runs)) throw bad('runs', 'is not a list')
  p.runs.forEach((run: unknown, i) => checkRun(run, `runs[${i}]`, bad))
  return value as PartialFile
}

/** `inputs`, when present: results.json's shape (lists of name, file, format, part / name, file, derived?). */
function checkInputs(inputs: unknown, bad: (field: string, what: string) => AuraError): void {
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!record(inputs) || !Array.isArray(inputs.corpora) || !Array.isArray(inputs.configs))
    throw bad('inputs', 'needs corpora and configs lists')
  inputs.corpora.forEach((c: unknown, i) => {
    if (!record(c) || !['name', 'file', 'format', 'part'].every((k) => typeof c[k] === 'string'))
      throw bad(`inputs.corpora[${i}]`, 'needs name, file, format and part strings')
  })
  inputs.configs.forEach((c: unknown, i) => {
    if (!record(c) || typeof c.name !== 'string' || typeof c.file !== 'string')
      throw bad(`inputs.configs[${i}]`, 'needs name and file strings')
    if (c.derived !== undefined && typeof c.derived !== 'string')
      throw bad(`inputs.configs[${i}].derived`, 'is not a string')
  })
}

function checkRun(run: unknown, at: string, bad: (field: string, what: string) => AuraError): void {
  if (typeof run !== 'object' || run === null) throw bad(at, 'is not an object')
  const r = run as Record<string, unknown>
  if (typeof r.corpus !== 'string' || typeof r.config !== 'string')
    throw bad(`${at}.corpus`, 'needs corpus and config names')
  const sizes = r.sizes as Record<string, unknown> | undefined
  if (typeof sizes !== 'object' || sizes === null) throw bad(`${at}.sizes`, 'is not an object')
  const total = sizes.total as Record<string, unknown> | undefined
  if (
    typeof total !== 'object' ||
    total === null ||
    !Number.isSafeInteger(total.messages) ||
    !Number.isSafeInteger(total.originalBytes) ||
    !Number.isSafeInteger(total.compressedBytes)
  )
    throw bad(`${at}.sizes.total`, 'needs whole-number messages, originalBytes and compressedBytes')
  const ratioSum = total.ratioSum as Record<string, unknown> | undefined
  if (typeof ratioSum !== 'object' || ratioSum === null || !Array.isArray(ratioSum.partials))
    throw bad(`${at}.sizes.total.ratioSum`, 'is not an exact sum')
  for (const field of ['categories', 'roundTrip', 'reservoir', 'sizeSample', 'limits'])
    if (typeof sizes[field] !== 'object' || sizes[field] === null) throw bad(`${at}.sizes.${field}`, 'is missing')
  for (const field of ['mismatches', 'expanding'])
    if (!Array.isArray(sizes[field])) throw bad(`${at}.sizes.${field}`, 'is not a list')
  const latency = r.latency as Record<string, unknown> | undefined
  if (
    typeof latency !== 'object' ||
    latency === null ||
    !['measured', 'skipped', 'failed'].includes(latency.state as string)
  )
    throw bad(`${at}.latency.state`, 'is not measured, skipped or failed')
  if (latency.state === 'measured') {
    for (const side of ['encode', 'decode']) {
      const sketch = latency[side] as Record<string, unknown> | undefined
      if (
        typeof sketch !== 'object' ||
        sketch === null ||
        typeof sketch.histogram !== 'string' ||
        !Number.isSafeInteger(sketch.count)
      )
        throw bad(`${at}.latency.${side}`, 'is not a latency sketch')
    }
  }
  // round 37: absent in partials of older writers; when present, a load and a thread count (merge reads both)
  const load = r.latencyLoad as Record<string, unknown> | undefined
  if (
    load !== undefined &&
    (typeof load !== 'object' ||
      load === null ||
      typeof load.loadAverage !== 'number' ||
      !Number.isFinite(load.loadAverage) ||
      load.loadAverage < 0 ||
      !Number.isSafeInteger(load.ownThreads) ||
      (load.ownThreads as number) < 1 ||
      (load.ownLoad !== undefined &&
        (typeof load.ownLoad !== 'number' || !Number.isFinite(load.ownLoad) || load.ownLoad < 0)))
  )
    throw bad(
      `${at}.latencyLoad`,
      'needs a loadAverage (a number >= 0), ownThreads (a whole number >= 1) and, when present, ownLoad (a number >= 0)',
    )
}

function isNonFinite(v: unknown): v is { nonFinite: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    typeof (v as { nonFinite?: unknown }).nonFinite === 'string'
  )
}
