/**
 * The baseline config of `cost` (`--baseline`, or a suite's `cost.baseline_config`) checked against
 * what is projected on each corpus before anything is written, so the error names the configs there.
 * Without it a baseline missing from one corpus of a replay.json reached `projectCost`, whose error
 * named neither the file, nor the corpus, nor the configs ("baseline config "x" is not among the configs").
 */
import { windowedPmdName } from '../compare/index.ts'
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
export function resolveBaselineName(
  baseline: string,
  configs: readonly string[],
  pmd: PmdWindows = { windows: new Map(), label: 'the file' },
): string {
  if (configs.includes(baseline)) return baseline
  const windowed = windowedPmdName(baseline)
  // round 40 (s39-rev3 F5): a window in the name is honoured, never dropped
  if (windowed !== undefined) return checkedPmdWindow(baseline, windowed, configs, pmd)
  const config = /^hybrid (.+?)(?: \(stateful\))?$/.exec(baseline)?.[1]
  const spellings = [...(config === undefined ? [] : [config]), `hybrid ${baseline} (stateful)`, `hybrid ${baseline}`]
  return spellings.find((name) => configs.includes(name)) ?? baseline
}

/** The window_bits each pmd row of the projected file was measured with (rows without one: not recorded). */
export interface PmdWindows {
  windows: ReadonlyMap<string, number>
  /** the file, for messages */
  label: string
}

/**
 * `pmd L6 w9 takeover` names the file's `pmd L6 takeover` row only when that row was measured with window_bits 9;
 * another window, or a file that does not record it (a comparison.json or replay.json written before round 40), is
 * E_USAGE at `--baseline` (exit 2), saying which name works. A name the file has not is left to checkBaselineConfig.
 */
function checkedPmdWindow(
  baseline: string,
  windowed: { name: string; windowBits: number },
  configs: readonly string[],
  { windows, label }: PmdWindows,
): string {
  if (!configs.includes(windowed.name)) return baseline
  const measured = windows.get(windowed.name)
  if (measured === windowed.windowBits) return windowed.name
  const named = `--baseline ${JSON.stringify(baseline)}`
  const message =
    measured === undefined
      ? `${named} names window_bits ${windowed.windowBits}, but ${label} does not record the window its "${windowed.name}" row was measured with (a file written before round 40), so the window cannot be checked`
      : `${named} names window_bits ${windowed.windowBits}, but the "${windowed.name}" row of ${label} was measured with window_bits ${measured}`
  throw new AuraError(
    'E_USAGE',
    message,
    { field: '--baseline' },
    {
      hint:
        measured === undefined
          ? `name the row without a window: --baseline "${windowed.name}" (or measure again to record the window)`
          : `did you mean "${windowed.name}" (the same as "${windowed.name.replace(/^pmd L(\d+) /, `pmd L$1 w${measured} `)}")? A pmd row at window_bits ${windowed.windowBits} needs a suite with compare.permessage_deflate.window_bits: ${windowed.windowBits}`,
    },
  )
}

/** The scenarios with their baseline config named as the file names it (resolveBaselineName). */
export function withResolvedBaseline(
  scenarios: CostScenario[],
  configs: readonly string[],
  pmd?: PmdWindows,
): CostScenario[] {
  return scenarios.map((scenario) =>
    scenario.baselineConfig === undefined
      ? scenario
      : { ...scenario, baselineConfig: resolveBaselineName(scenario.baselineConfig, configs, pmd) },
  )
}
