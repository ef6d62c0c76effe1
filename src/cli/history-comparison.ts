/**
 * `history --add comparison.json` (round 37): a comparison's stateful config entries as one history entry,
 * so a stateful config gated by `compare` keeps a trend as a per-message config gated by `run` does. Each
 * stateful config entry is a corpus x config line with its figures (statefulResults: sizes, round trips,
 * in-order latency; template hit rate and shrink rate are not measured and are left out), the verdict is the
 * comparison's gate (pass when it had none). A --quick comparison and one with no stateful config entry are
 * refused (E_SCHEMA, exit 2): the first's latency rests on a few calls, the second has no config to track.
 */
import { checkedComparison, statefulResults } from '../compare/index.ts'
import { AuraError } from '../core/index.ts'
import type { Results } from '../runner/index.ts'

/** The history's view of a comparison.json (already parsed, `kind: compare`): its stateful entries as runs. */
export function comparisonForHistory(json: unknown, file: string): Results {
  const comparison = checkedComparison(json, file, 'add the comparison.json a full `aura-bench compare` wrote')
  if (comparison.quick)
    throw new AuraError(
      'E_SCHEMA',
      `${file} is a --quick comparison: its latency figures rest on a few timed calls, so it is not added to a trend`,
      { file, field: 'quick' },
      { hint: 'add the comparison.json of a compare run without --quick' },
    )
  const results = statefulResults(comparison)
  if (results.runs.length === 0)
    throw new AuraError(
      'E_SCHEMA',
      `${file} is a comparison with no stateful config entry: from a comparison, history tracks the suite's mode: stateful configs (the ones compare gates); its codec and per-message config entries are not tracked from it`,
      { file, field: 'corpora' },
      {
        hint: "for per-message configs add a run's results.json (aura-bench run <suite.yaml>, then --add reports/<suite>/results.json)",
      },
    )
  return results
}
