/**
 * The baseline config of `cost` (`--baseline`, or a suite's `cost.baseline_config`) checked against
 * what is projected on each corpus before anything is written, so the error names the configs there.
 * Without it a baseline missing from one corpus of a replay.json reached `projectCost`, whose error
 * named neither the file, nor the corpus, nor the configs ("baseline config "x" is not among the configs").
 */
import { AuraError } from '../core/index.ts'

/** The configs projected on one corpus: its complete runs, or its replay rows with messages. */
export interface ProjectedConfigs {
  corpus: string
  configs: readonly string[]
}

/**
 * Where the baseline was named: the flag (of `cost --replay`, which reads no suite), the suite's
 * `cost.baseline_config`, or the `cost.baselineConfig` a results.json recorded from its suite.
 */
export type BaselineSource =
  | { kind: 'flag'; replay?: true }
  | { kind: 'suite'; file: string; line?: number }
  | { kind: 'results'; file: string }

/**
 * Throws when `baseline` is not projected on every corpus: E_USAGE at `--baseline`, or E_SCHEMA at the
 * suite's `cost.baseline_config`, naming `label` (the file projected), the corpus and its configs.
 * `projected` says what a config needs on a corpus: `complete run`, `row with messages`; `fileConfigs`
 * are all the configs the file names (a failed run's too), default the projected ones.
 */
export function checkBaselineConfig(
  baseline: string | undefined,
  source: BaselineSource,
  label: string,
  corpora: readonly ProjectedConfigs[],
  projected: string,
  fileConfigs: readonly string[] = corpora.flatMap((c) => c.configs),
): void {
  if (baseline === undefined) return
  const field = { flag: '--baseline', suite: 'cost.baseline_config', results: 'cost.baselineConfig' }[source.kind]
  const named = source.kind === 'flag' ? `--baseline ${JSON.stringify(baseline)}` : `${field} ${baseline}`
  const all = [...new Set(fileConfigs)]
  const missing = corpora.filter((c) => !c.configs.includes(baseline))
  if (missing.length === 0) return
  const message = all.includes(baseline)
    ? `${named} has no ${projected} on ${missing.map((c) => `corpus ${c.corpus} (configs there: ${c.configs.join(', ') || 'none'})`).join('; ')} in ${label}, so savings against it cannot be projected there`
    : `${named} is not a config of ${label} (configs: ${all.join(', ') || 'none'})`
  const hint =
    source.kind !== 'flag'
      ? 'name a config projected on every corpus, or give --baseline'
      : `name a config projected on every corpus${source.replay === true ? '' : " (the suite's cost.baseline_config is used when --baseline is not given)"}`
  throw source.kind === 'flag'
    ? new AuraError('E_USAGE', message, { field: '--baseline' }, { hint })
    : new AuraError(
        'E_SCHEMA',
        message,
        {
          file: source.file,
          field,
          ...(source.kind === 'suite' && source.line !== undefined ? { line: source.line } : {}),
        },
        { hint },
      )
}
