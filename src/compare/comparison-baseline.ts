/**
 * `compare --baseline <comparison.json>` (round 35): a previous comparison's stateful entries, loaded
 * and checked before anything is measured, the way `run --baseline` loads a results.json
 * (gate/baseline.ts): a missing file, a folder, text that is not JSON, another output of ours, or a file
 * that is not a comparison is E_BASELINE (exit 2) naming the file (and the field); so is a baseline
 * with no stateful entry of the suite's corpora and configs: nothing could be compared.
 */
import { AuraError, type Issue } from '../core/index.ts'
import { parseBaselineJson, readBaselineFile, refuseOtherOutput, type Suite } from '../suite/index.ts'
import type { Comparison } from './types.ts'

const HINT =
  '--baseline of compare takes a comparison.json that `aura-bench compare` wrote (keep one from a run on main)'

/** A comparison baseline: the file as given, and the comparison it holds. */
export interface LoadedComparisonBaseline {
  path: string
  comparison: Comparison
}

/** Reads and checks a comparison baseline; E_BASELINE (exit 2) when it cannot be used. */
export async function loadComparisonBaseline(absolute: string, asWritten: string): Promise<LoadedComparisonBaseline> {
  const text = await readBaselineFile(absolute, asWritten, {
    expected: 'comparison.json',
    flag: '--baseline',
    hint: HINT,
  })
  const json = parseBaselineJson(text, asWritten, HINT)
  refuseOtherOutput(json, asWritten, 'comparison.json', (kind) =>
    kind === 'results.json' ? `${HINT}; a results.json is \`run --baseline\`'s` : HINT,
  )
  const issues = comparisonIssues(json, asWritten)
  if (issues.length > 0) {
    const first = issues[0] as Issue
    throw new AuraError(
      'E_BASELINE',
      `baseline ${asWritten} is not an aura-bench comparison.json: ${first.field} ${first.message}`,
      { file: asWritten, field: first.field ?? '' },
      { issues, hint: HINT },
    )
  }
  return { path: asWritten, comparison: json as Comparison }
}

/**
 * A parsed comparison.json checked field by field for the readers of a comparison other than `compare --baseline`
 * (`history --add`, `cost --results`): its first issue refused (E_SCHEMA, exit 2) with all of them. Moved from
 * src/cli/history-comparison.ts in round 39 (cost imported it from there); behaviour unchanged.
 */
export function checkedComparison(json: unknown, file: string, hint: string): Comparison {
  const issues = comparisonIssues(json, file).map((issue) => ({ ...issue, code: 'E_SCHEMA' as const }))
  const first = issues[0]
  if (first !== undefined)
    throw new AuraError(
      'E_SCHEMA',
      `${file} is not an aura-bench comparison.json: ${first.field} ${first.message}`,
      { file, field: first.field ?? '' },
      { issues, hint },
    )
  return json as Comparison
}

/** Where a JSON value is not the comparison.json shape the baseline comparison reads (every field it reads). */
export function comparisonIssues(json: unknown, file: string): Issue[] {
  const issues: Issue[] = []
  const add = (field: string, message: string) => issues.push({ code: 'E_BASELINE', file, field, message })
  const root = asObject(json)
  if (root === undefined || root['kind'] !== 'compare') {
    add('kind', 'must be "compare" (the file is not a comparison.json)')
    return issues
  }
  if (typeof root['suite'] !== 'string') add('suite', 'must be the suite name (a string)')
  // the Baseline Comparison section shows both runs' start and environment side by side, and latency is judged only on the same CPU and Node
  if (typeof root['startedAt'] !== 'string') add('startedAt', 'must be when the comparison started (a string)')
  environmentIssues(root['environment'], add)
  const corpora = root['corpora']
  if (!Array.isArray(corpora)) {
    add('corpora', 'must be a list')
    return issues
  }
  corpora.forEach((value: unknown, i: number) => {
    const at = `corpora[${i}]`
    const corpus = asObject(value)
    if (typeof asObject(corpus?.['corpus'])?.['name'] !== 'string')
      return add(`${at}.corpus.name`, 'must be the corpus name (a string)')
    const digest = asObject(corpus?.['corpus'])?.['heldOutSha256']
    if (digest !== undefined && typeof digest !== 'string')
      add(`${at}.corpus.heldOutSha256`, "must be the held-out messages' sha256 (a string)")
    const entries = corpus?.['entries']
    if (!Array.isArray(entries)) return add(`${at}.entries`, 'must be a list')
    entries.forEach((item: unknown, j: number) => entryIssues(asObject(item), `${at}.entries[${j}]`, add))
  })
  return issues
}

/** The environment fields the baseline section and the latency comparison read. */
function environmentIssues(value: unknown, add: (field: string, message: string) => void): void {
  const environment = asObject(value)
  if (environment === undefined) return add('environment', 'must be an object')
  for (const key of ['node', 'platform', 'arch', 'cpu'] as const)
    if (typeof environment[key] !== 'string') add(`environment.${key}`, 'must be a string')
  if (typeof environment['cpus'] !== 'number') add('environment.cpus', 'must be a number')
  const libraries = asObject(environment['libraries'])
  if (libraries === undefined) return add('environment.libraries', 'must be an object (library name: version)')
  for (const [name, version] of Object.entries(libraries))
    if (typeof version !== 'string') add(`environment.libraries.${name}`, 'must be the version (a string)')
}

/** The fields of one entry the comparison reads. */
function entryIssues(
  entry: Record<string, unknown> | undefined,
  where: string,
  add: (field: string, message: string) => void,
): void {
  if (asObject(entry?.['spec']) === undefined) return add(`${where}.spec`, 'must be an object')
  const sizes = asObject(entry?.['sizes'])
  if (sizes === undefined) return add(`${where}.sizes`, 'must be an object')
  if (asObject(entry?.['roundTrip']) === undefined) return add(`${where}.roundTrip`, 'must be an object')
  for (const key of ['messages', 'originalBytes', 'compressedBytes'] as const)
    if (typeof sizes[key] !== 'number') add(`${where}.sizes.${key}`, 'must be a number')
  // NaN figures (no message measured) are written as null
  for (const key of ['ratio', 'meanRatio', 'savings', 'expansionRate'] as const)
    if (typeof sizes[key] !== 'number' && sizes[key] !== null) add(`${where}.sizes.${key}`, 'must be a number')
  // round 43: the connections a stateful replay took, which the baseline comparison sums over
  const replayed = sizes['replayedConnections']
  if (
    replayed !== undefined &&
    (!Array.isArray(replayed) ||
      !replayed.every(
        (c: unknown) =>
          Array.isArray(c) && c.length === 5 && c.every((x: unknown) => typeof x === 'number' && Number.isFinite(x)),
      ))
  )
    add(
      `${where}.sizes.replayedConnections`,
      'must be a list of [messages, bytes, compressed bytes, ratio sum, expanded]',
    )
  const latency = entry?.['latencyUs']
  if (latency === undefined) return
  for (const side of ['encode', 'decode'] as const) {
    const p = asObject(asObject(latency)?.[side])
    if (['p50', 'p95', 'p99', 'samples'].some((key) => typeof p?.[key] !== 'number'))
      add(`${where}.latencyUs.${side}`, 'must hold the percentiles and samples')
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

/**
 * E_BASELINE when the baseline has no stateful config entry on a corpus x config the suite measures (by name),
 * before measuring: comparing with it could judge nothing.
 */
export function checkBaselineMatches(
  baseline: LoadedComparisonBaseline,
  suite: Pick<Suite, 'name' | 'corpora' | 'configs'>,
): void {
  const stateful = baseline.comparison.corpora.flatMap((c) =>
    c.entries
      .filter((e) => e.spec.kind === 'stateful' && e.spec.codec === 'hybrid' && e.spec.config !== undefined)
      .map((e) => `${c.corpus.name} x ${e.spec.config}`),
  )
  const planned = new Set(
    suite.corpora.flatMap((corpus) => suite.configs.map((config) => `${corpus.name} x ${config.name}`)),
  )
  if (stateful.some((key) => planned.has(key))) return
  throw new AuraError(
    'E_BASELINE',
    `baseline ${baseline.path} has no stateful config entry of any corpus x config of suite ${suite.name}: nothing could be compared`,
    { file: baseline.path, field: '--baseline' },
    {
      hint:
        stateful.length === 0
          ? 'it has no stateful config entry (a suite config with mode: stateful)'
          : `it has ${stateful.join(', ')}`,
    },
  )
}
