/**
 * Reading the JSON files other commands wrote, for `cost` and `history`: a run's results.json (checked
 * against the results contract, with a hint for a comparison.json or a shard's partial.json given in
 * its place) and a replay.json (the fields `cost --replay` projects). Each error names the file and
 * the field, exit 2.
 */
import path from 'node:path'
import { comparisonForCost } from './cost-comparison.ts'
import { comparisonForHistory } from './history-comparison.ts'
import { windowedPmdName } from '../compare/index.ts'
import { AuraError, isJsonText, MAX_DATA_FILE_BYTES, readTextFile } from '../core/index.ts'
import { checkResultsContract, describeReplaySampling, RAW_WIRE_CONFIG, type WireCostRow } from '../report/index.ts'
import type { Results } from '../runner/index.ts'
import { PARTIAL_FORMAT } from '../shard/index.ts'
import { describeForeignFile, recognizeOutputJson } from '../suite/index.ts'

/** The replay.json versions `cost --replay` reads (files written before `schemaVersion` have none). */
const REPLAY_SCHEMA_VERSIONS: readonly unknown[] = [undefined, 1]

/**
 * Reads a replay.json: each corpus's configs with their messages and wire bytes, and the replay's
 * warnings (in-sample state). E_SCHEMA naming the field for an unknown schemaVersion, a malformed row,
 * a row whose messages did not all arrive byte-exact (`mismatches`: its bytes are no cost of delivering
 * them) or that sent messages in 0 wire bytes.
 */
export async function readReplay(
  file: string,
  cwd: string,
): Promise<{
  corpora: { name: string; configs: WireCostRow[]; sampled?: string }[]
  warnings: string[]
  label: string
  defaultOut: string
}> {
  const absolute = path.resolve(cwd, file)
  const json = parseJsonFile(
    await readTextFile(absolute, file, undefined, 'replay file', MAX_DATA_FILE_BYTES),
    file,
    'replay',
  )
  const { corpora, schemaVersion, warnings, kind } = (json ?? {}) as Record<string, unknown>
  // s36-trial D6: a comparison.json has corpora too, and met "corpora[0] needs a name and configs"
  if (kind === 'compare')
    throw new AuraError(
      'E_SCHEMA',
      `${file} is a comparison (comparison.json, written by aura-bench compare), not a replay.json`,
      { file },
      {
        hint: "cost --replay reads the replay.json of aura-bench replay (the way to project a stateful config: aura-bench replay <suite.yaml>), cost --results a run's results.json",
      },
    )
  if (!REPLAY_SCHEMA_VERSIONS.includes(schemaVersion))
    throw new AuraError(
      'E_SCHEMA',
      `${file}: schemaVersion ${JSON.stringify(schemaVersion)} is not a replay.json version this aura-bench reads (1)`,
      { file, field: 'schemaVersion' },
      {
        hint: 'project a replay.json written by this version of aura-bench replay, or use the aura-bench that wrote it',
      },
    )
  if (warnings !== undefined && !(Array.isArray(warnings) && warnings.every((w) => typeof w === 'string')))
    throw new AuraError('E_SCHEMA', `${file}: warnings must be a list of sentences`, { file, field: 'warnings' })
  if (!Array.isArray(corpora) || corpora.length === 0) {
    // a run's results.json has `runs`, not `corpora` (s34-trial D10: the message said only "no corpora")
    const isResults = Array.isArray((json as { runs?: unknown } | null)?.runs)
    throw new AuraError(
      'E_SCHEMA',
      isResults
        ? `${file} is a run's results.json, not a replay.json of aura-bench replay`
        : `${file} is not a replay.json of aura-bench replay: no corpora`,
      { file, field: 'corpora' },
      isResults ? { hint: `project it with --results ${file}` } : undefined,
    )
  }
  const checked = corpora.map((corpus: unknown, i) => {
    const { name, configs } = (corpus ?? {}) as { name?: unknown; configs?: unknown }
    if (typeof name !== 'string' || !Array.isArray(configs))
      throw new AuraError('E_SCHEMA', `${file}: corpora[${i}] needs a name and configs`, {
        file,
        field: `corpora[${i}]`,
      })
    const rows = configs.map((row: unknown, j): WireCostRow => {
      const { config, messages, wireBytes, mismatches } = (row ?? {}) as Record<string, unknown>
      const ok =
        typeof config === 'string' &&
        Number.isSafeInteger(messages) &&
        (messages as number) >= 0 &&
        typeof wireBytes === 'number' &&
        Number.isFinite(wireBytes) &&
        wireBytes >= 0
      if (!ok)
        throw new AuraError(
          'E_SCHEMA',
          `${file}: corpora[${i}].configs[${j}] needs config (text), messages and wireBytes (non-negative numbers)`,
          { file, field: `corpora[${i}].configs[${j}]` },
        )
      const failed = (row as { failed?: { code?: unknown; message?: unknown } }).failed
      if (failed !== undefined)
        throw new AuraError(
          'E_SCHEMA',
          `${file}: ${name}: config ${JSON.stringify(config)} failed in the replay (${String(failed?.code)}: ${String(failed?.message)}): it sent nothing, so there is no wire cost to project`,
          { file, field: `corpora[${i}].configs[${j}].failed` },
          {
            hint: 'aura-bench replay exits 1 for such a config: fix it (e.g. its max_message_bytes), replay again, then project the new replay.json',
          },
        )
      checkReplayRow({ config, messages, wireBytes, mismatches }, file, `corpora[${i}].configs[${j}]`, name)
      // a replay.json before round 39 named pmd rows `pmd L6 w15 takeover`: read under compare's name, as replay
      // writes them now, with the window the name gave (round 40: a row's own windowBits otherwise)
      const old = windowedPmdName(config as string)
      const { windowBits } = row as { windowBits?: unknown }
      const window = old?.windowBits ?? (Number.isSafeInteger(windowBits) ? (windowBits as number) : undefined)
      return {
        config: old?.name ?? (config as string),
        messages: messages as number,
        wireBytes: wireBytes as number,
        ...(window === undefined ? {} : { windowBits: window }),
      }
    })
    const { recordedConnections, heldOutMessages } = corpus as Record<string, unknown>
    const replayed = (configs[0] as { connections?: unknown } | undefined)?.connections
    const sampled = describeReplaySampling({
      name,
      recordedConnections,
      heldOutMessages,
      connections: replayed,
      messages: rows[0]?.messages,
    })
    if (!rows.some((row) => row.config === RAW_WIRE_CONFIG && row.messages > 0))
      throw new AuraError(
        'E_SCHEMA',
        `${file}: corpora[${i}] (${name}) has no "${RAW_WIRE_CONFIG}" row with messages: the uncompressed traffic a wire cost is measured against`,
        { file, field: `corpora[${i}].configs` },
        { hint: 'use a replay.json written by aura-bench replay, which always replays the raw config' },
      )
    return { name, configs: rows, ...(sampled === undefined ? {} : { sampled }) }
  })
  return {
    corpora: checked,
    warnings: (warnings as string[] | undefined) ?? [],
    label: file,
    defaultOut: path.dirname(absolute),
  }
}

/** A well-formed row whose figures are no cost: messages that did not arrive byte-exact, or sent in 0 bytes. */
function checkReplayRow(
  row: { config: unknown; messages: unknown; wireBytes: unknown; mismatches: unknown },
  file: string,
  field: string,
  corpus: string,
): void {
  const { config, messages, wireBytes, mismatches } = row as {
    config: string
    messages: number
    wireBytes: number
    mismatches: unknown
  }
  if (mismatches !== undefined && !(Number.isSafeInteger(mismatches) && (mismatches as number) >= 0))
    throw new AuraError('E_SCHEMA', `${file}: ${field}.mismatches must be a non-negative integer`, {
      file,
      field: `${field}.mismatches`,
    })
  if (typeof mismatches === 'number' && mismatches > 0)
    throw new AuraError(
      'E_SCHEMA',
      `${file}: ${corpus}: config ${JSON.stringify(config)}: ${mismatches} of ${messages} messages did not arrive byte-exact (mismatches), so its wire bytes are not the cost of delivering them`,
      { file, field: `${field}.mismatches` },
      { hint: 'aura-bench replay exits 1 for such a config: fix it, replay again, then project the new replay.json' },
    )
  if (messages > 0 && wireBytes === 0)
    throw new AuraError(
      'E_SCHEMA',
      `${file}: ${corpus}: config ${JSON.stringify(config)}: ${messages} messages in 0 wire bytes is impossible (every message crosses the socket with its frame header)`,
      { file, field: `${field}.wireBytes` },
      { hint: 'use a replay.json written by aura-bench replay' },
    )
}

function parseJsonFile(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new AuraError('E_JSON_SYNTAX', `${what} file ${file} is not JSON: ${(error as Error).message}`, { file })
  }
}

/** What reads a results.json, for a hint that names what works for that command. */
type ResultsReader = 'cost' | 'history'

const RUN_HINT: Record<ResultsReader, string> = {
  cost: 'project a suite run: aura-bench run <suite.yaml>, then aura-bench cost --results reports/<suite>/results.json (a suite with mode: stateful configs: aura-bench compare <suite.yaml>, then aura-bench cost --results DIR/comparison.json)',
  history:
    'history tracks suite runs: aura-bench run <suite.yaml>, then aura-bench history <history.jsonl> --add reports/<suite>/results.json (or, for the stateful configs of a compare, --add DIR/comparison.json)',
}

/** Reads and checks a results.json (the runner's contract); history reads with it too. */
export async function readResults(
  file: string,
  cwd: string,
  reader: ResultsReader = 'cost',
  /** cost: a CPU price was given, so a comparison's entries need their mean µs (comparisonForCost) */
  cpuPriced = true,
): Promise<{ results: Results; label: string; defaultOut: string; pmdWindows?: Map<string, number> }> {
  const absolute = path.resolve(cwd, file)
  const text = await readTextFile(absolute, file, undefined, 'results file', MAX_DATA_FILE_BYTES)
  // a corpus or a template store given as the results: said as what it is, not as a JSON or contract error
  const foreign = describeForeignFile(text, file)
  if (foreign !== undefined && foreign.kind !== 'output')
    throw new AuraError(
      'E_SCHEMA',
      `results file ${file} looks like ${foreign.what}, not a run's results.json`,
      { file },
      { hint: RUN_HINT[reader] },
    )
  // a suite given as the results (cost --results suite.yaml): cost measures one with --suite
  if (/\.ya?ml$/i.test(file) && !isJsonText(text))
    throw new AuraError(
      'E_SCHEMA',
      `results file ${file} is YAML (a suite or a config), not a run's results.json`,
      { file },
      {
        hint:
          reader === 'cost'
            ? `to measure a suite and project its cost in one step: aura-bench cost --suite ${file}; or ${RUN_HINT.cost}`
            : RUN_HINT[reader],
      },
    )
  const json = parseJsonFile(text, file, 'results')
  const marker = json as { kind?: unknown; format?: unknown } | null
  // round 37: history tracks a comparison's stateful configs (a gated stateful config kept no trend)
  if (marker?.kind === 'compare' && reader === 'history')
    return { results: comparisonForHistory(json, file), label: file, defaultOut: path.dirname(absolute) }
  // round 38 (s38-trial D5): cost projects a comparison's entries, a stateful config's CPU money included
  if (marker?.kind === 'compare' && reader === 'cost') {
    const { pmdWindows, ...results } = comparisonForCost(json, file, cpuPriced)
    return { results, label: file, defaultOut: path.dirname(absolute), pmdWindows }
  }
  if (marker?.kind === 'compare') {
    throw new AuraError(
      'E_SCHEMA',
      `${file} is a comparison (comparison.json), not a run's results.json`,
      { file },
      { hint: RUN_HINT[reader] },
    )
  }
  if (marker?.format === PARTIAL_FORMAT) {
    throw new AuraError(
      'E_SCHEMA',
      `${file} is one shard's partial (run --shard), not a run's results.json`,
      { file },
      { hint: 'merge the shards first: aura-bench merge shards/*/partial.json --out DIR, then use DIR/results.json' },
    )
  }
  // validate tells these apart too (suite/output-files.ts): say what the file is, not the contract's violations
  const kind = recognizeOutputJson(json)
  if (kind === 'replay.json' || kind === 'cost.json') {
    throw new AuraError(
      'E_SCHEMA',
      `${file} is a ${kind} of aura-bench ${kind === 'replay.json' ? 'replay' : 'cost'}, not a run's results.json`,
      { file },
      {
        hint:
          kind === 'replay.json' && reader === 'cost'
            ? `project a replay's wire cost with --replay: aura-bench cost --replay ${file} --messages-per-day N --price-per-gb P`
            : RUN_HINT[reader],
      },
    )
  }
  const violations = checkResultsContract(json)
  if (violations.length > 0) {
    throw new AuraError(
      'E_SCHEMA',
      `results file ${file} does not follow the results.json contract: ${violations.slice(0, 5).join('; ')}${violations.length > 5 ? ` (and ${violations.length - 5} more)` : ''}`,
      { file },
    )
  }
  return { results: json as Results, label: file, defaultOut: path.dirname(absolute) }
}
