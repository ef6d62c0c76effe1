/**
 * The baseline config of `cost` (`--baseline`, or a suite's `cost.baseline_config`) checked against
 * what is projected on each corpus before anything is written, so the error names the configs there.
 * Without it a baseline missing from one corpus of a replay.json reached `projectCost`, whose error
 * named neither the file, nor the corpus, nor the configs ("baseline config "x" is not among the configs").
 */
import { currentPmdName } from '../compare/index.ts'
import { AuraError, didYouMean } from '../core/index.ts'
import type { CostScenario } from '../report/index.ts'

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
  const guess = all.includes(baseline) ? undefined : didYouMean(baseline, all)
  const message = all.includes(baseline)
    ? `${named} has no ${projected} on ${missing.map((c) => `corpus ${c.corpus} (configs there: ${c.configs.join(', ') || 'none'})`).join('; ')} in ${label}, so savings against it cannot be projected there`
    : `${named} is not a config of ${label} (configs: ${all.join(', ') || 'none'})${guess === undefined ? '' : `; did you mean ${JSON.stringify(guess)}?`}`
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

/**
 * The name `baseline` has in a file whose configs are `configs` (round 39, s38/s39-trial D9): the same entry is
 * `pmd L6 takeover` in compare and replay (`pmd L6 w15 takeover` in a replay.json before round 39), and a suite config
 * `st` is `st` in cost's projection of a comparison.json but `hybrid st (stateful)` (or `hybrid st`) in compare's
 * tables, replay.json and `cost --replay`. A name of the file is kept; otherwise the one other spelling of the same
 * entry the file holds; otherwise `baseline` as written (checkBaselineConfig then refuses it, with a near name).
 */
export function resolveBaselineName(baseline: string, configs: readonly string[]): string {
  if (configs.includes(baseline)) return baseline
  const pmd = currentPmdName(baseline)
  const config = /^hybrid (.+?)(?: \(stateful\))?$/.exec(baseline)?.[1]
  const spellings = [
    pmd,
    ...(config === undefined ? [] : [config]),
    `hybrid ${baseline} (stateful)`,
    `hybrid ${baseline}`,
  ]
  return spellings.find((name) => configs.includes(name)) ?? baseline
}

/** The scenarios with their baseline config named as the file names it (resolveBaselineName). */
export function withResolvedBaseline(scenarios: CostScenario[], configs: readonly string[]): CostScenario[] {
  return scenarios.map((scenario) =>
    scenario.baselineConfig === undefined
      ? scenario
      : { ...scenario, baselineConfig: resolveBaselineName(scenario.baselineConfig, configs) },
  )
}
