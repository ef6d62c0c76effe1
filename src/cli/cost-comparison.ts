/**
 * `cost --results comparison.json` (round 38, s38-trial D5): a comparison's entries as runs, so a stateful config,
 * which `run` refuses, gets CPU money from compare's in-order mean encode + decode µs. Every complete entry of each
 * corpus is a run: a suite config (per-message or stateful) under its config name, a codec under its label (`pmd L6
 * takeover`, `zstd_dict 64K L3`), so `--baseline` can name today's codec. Ratios are the entries' held-out ratios.
 */
import { statefulEntryAsRun } from '../compare/index.ts'
import type { Results } from '../runner/index.ts'
import { checkedComparison } from './history-comparison.ts'

/** What cost says of a comparison's latency: per-message entries timed in a warm cycle, per-connection ones in order. */
export const COMPARISON_CPU_NOTE =
  'projected from a comparison.json: per-connection entries (stateful configs, pmd, zstd_stream) take their CPU from the mean of each held-out message timed once in connection order, per-message entries from a warm cycle over a sample; ratios are over the held-out messages'

/** The cost view of a comparison.json (already parsed, `kind: compare`). */
export function comparisonForCost(json: unknown, file: string): Results {
  const comparison = checkedComparison(json, file, 'project the comparison.json a full `aura-bench compare` wrote')
  const runs = comparison.corpora.flatMap((c) =>
    c.entries
      .filter((e) => e.state === 'complete' && e.sizes.messages > 0)
      .map((e) =>
        statefulEntryAsRun(c.corpus.name, { ...e, spec: { ...e.spec, config: e.spec.config ?? e.spec.label } }),
      ),
  )
  const warnings = [
    COMPARISON_CPU_NOTE,
    ...(comparison.quick
      ? ['a --quick comparison: its latency means rest on a few timed calls, so its CPU money is rough']
      : []),
  ]
  return {
    schemaVersion: 1,
    suite: comparison.suite,
    startedAt: comparison.startedAt,
    incomplete: false,
    environment: comparison.environment,
    runs,
    gate: { status: 'pass', reasons: [] },
    warnings,
  }
}
