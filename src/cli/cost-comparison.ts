/**
 * `cost --results comparison.json` (round 38, s38-trial D5): a comparison's entries as runs, so a stateful config,
 * which `run` refuses, gets CPU money from compare's in-order mean encode + decode µs. Every complete entry of each
 * corpus is a run: a suite config (per-message or stateful) under its config name, a codec under its label (`pmd L6
 * takeover`, `zstd_dict 64K L3`), so `--baseline` can name today's codec. Ratios are the entries' held-out ratios.
 */
import {
  type Comparison,
  checkedComparison,
  type EntryResult,
  comparisonAsResults,
  statefulEntryAsRun,
} from '../compare/index.ts'
import { AuraError } from '../core/index.ts'
import type { Results } from '../runner/index.ts'
import { recordedCostIssues } from '../suite/index.ts'

/** What cost says of a comparison's latency: per-message entries timed in a warm cycle, per-connection ones in order. */
export const COMPARISON_CPU_NOTE =
  'projected from a comparison.json: per-connection entries (stateful configs, pmd, zstd_stream) take their CPU from the mean of each held-out message timed once in connection order, per-message entries from a warm cycle over a sample; ratios are over the held-out messages'

const HINT = 'project the comparison.json a full `aura-bench compare` wrote'

/**
 * The cost view of a comparison.json (already parsed, `kind: compare`). `cpuPriced`: a CPU price was given (the
 * comparison's own recorded cost: section with a CPU price counts as one too), so
 * every timed entry's mean encode and decode µs is read (refused, naming the field, when absent); without one
 * (round 39) the means are not read, so a comparison without them projects its bytes, as `history --add` and
 * `compare --baseline`, which read no mean either, accept it.
 */
export function comparisonForCost(
  json: unknown,
  file: string,
  cpuPriced = true,
): Results & { pmdWindows: Map<string, number> } {
  const comparison = checkedComparison(json, file, HINT)
  checkCostFields(comparison, file, cpuPriced)
  const runs = comparison.corpora.flatMap((c) =>
    c.entries
      .filter((e) => e.state === 'complete' && e.sizes.messages > 0)
      .map((e) =>
        statefulEntryAsRun(c.corpus.name, {
          ...withoutPartialLatency(e),
          spec: { ...e.spec, config: e.spec.config ?? e.spec.label },
        }),
      ),
  )
  const warnings = [
    COMPARISON_CPU_NOTE,
    ...(comparison.quick
      ? ['a --quick comparison: its latency means rest on a few timed calls, so its CPU money is rough']
      : []),
  ]
  // the windows travel beside the results (not in them: nothing writes them back)
  return Object.assign(comparisonAsResults(comparison, runs, undefined, warnings), {
    pmdWindows: comparisonPmdWindows(comparison),
  })
}

/**
 * The window_bits of each pmd entry of a comparison.json, by label (round 40; entries of files written before have
 * none, and are left out), for `cost --baseline "pmd L6 w15 takeover"`.
 */
export function comparisonPmdWindows(comparison: Comparison): Map<string, number> {
  const windows = new Map<string, number>()
  for (const corpus of comparison.corpora)
    for (const { spec } of corpus.entries)
      if (spec.codec === 'permessage_deflate' && Number.isSafeInteger(spec.windowBits))
        windows.set(spec.label, spec.windowBits as number)
  return windows
}

/** An entry whose latency lacks a mean (only reached without a CPU price): its latency left out, nothing reads it then. */
function withoutPartialLatency(entry: EntryResult): EntryResult {
  const latency = entry.latencyUs
  if (latency === undefined || (typeof latency.encode.mean === 'number' && typeof latency.decode.mean === 'number'))
    return entry
  const { latencyUs: _left, ...rest } = entry
  return rest
}

/**
 * The fields cost reads beyond those every reader of a comparison checks (comparisonIssues): each entry's label and
 * state, the mean encode and decode µs of a complete entry with latency when a CPU price is given (its CPU money), and one name per row of a
 * corpus (a suite config named like a codec's label would give two rows of one name, and `--baseline` one of them).
 * E_SCHEMA (exit 2) naming the field.
 */
function checkCostFields(comparison: Comparison, file: string, cpuPriced: boolean): void {
  const refuse = (field: string, message: string, hint = HINT): never => {
    throw new AuraError(
      'E_SCHEMA',
      `${file} is not an aura-bench comparison.json cost can project: ${field} ${message}`,
      { file, field },
      { hint },
    )
  }
  // round 43: the suite's cost: section it records, checked as results.json's is (s43-rev1 M1: a malformed one was exit 3)
  const costIssue = comparison.cost === undefined ? undefined : recordedCostIssues(comparison.cost)[0]
  if (costIssue !== undefined) refuse(costIssue.field, costIssue.message)
  // the recorded section's CPU price prices the projection as the flag does, so the means are read then too
  const priced = cpuPriced || comparison.cost?.pricePerCpuHour !== undefined
  comparison.corpora.forEach((corpus, i) => {
    const names = new Map<string, string>()
    corpus.entries.forEach((entry, j) => {
      const at = `corpora[${i}].entries[${j}]`
      if (typeof entry.spec.label !== 'string') refuse(`${at}.spec.label`, 'must be the entry label (a string)')
      if (entry.state !== 'complete' && entry.state !== 'failed')
        refuse(`${at}.state`, 'must be "complete" or "failed"')
      if (priced && entry.state === 'complete' && entry.latencyUs !== undefined)
        for (const side of ['encode', 'decode'] as const)
          if (typeof entry.latencyUs[side].mean !== 'number')
            refuse(`${at}.latencyUs.${side}.mean`, 'must be the mean µs (a number): the CPU money is projected from it')
      const config = entry.spec.config
      const name = config ?? entry.spec.label
      const what = `${at} (${config === undefined ? 'codec label' : 'suite config'} "${name}")`
      const other = names.get(name)
      if (other !== undefined)
        refuse(
          config === undefined ? `${at}.spec.label` : `${at}.spec.config`,
          `(${config === undefined ? 'codec label' : 'suite config'} "${name}") has the name of ${other}: they would be two rows of one name in cost`,
          'rename the suite config (a config named like a codec label) and run compare again',
        )
      names.set(name, what)
    })
  })
}
