/**
 * `--accept-regression REASON`, as `run` and `compare` read it: a reason is required (it is recorded) and a
 * baseline too (without one there is nothing to accept, and the reason would go nowhere); E_USAGE otherwise.
 */
import { AuraError } from '../core/index.ts'

/** Where each command records the reason, and the baseline its hint's example names. */
export interface AcceptRegressionWording {
  /** e.g. `comparison.json and the report` */
  recordedIn: string
  /** e.g. `baselines/compare.json` */
  exampleBaseline: string
}

/** The trimmed reason of `--accept-regression`, undefined when not given; E_USAGE when empty or without --baseline. */
export function readAcceptRegression(
  value: string | undefined,
  hasBaseline: boolean,
  wording: AcceptRegressionWording,
): string | undefined {
  if (value === undefined) return undefined
  if (value.trim() === '')
    throw new AuraError('E_USAGE', `--accept-regression needs a reason: it is recorded in ${wording.recordedIn}`, {
      field: '--accept-regression',
    })
  if (!hasBaseline)
    throw new AuraError(
      'E_USAGE',
      '--accept-regression accepts regressions against a baseline: give --baseline too',
      { field: '--accept-regression' },
      { hint: `--baseline ${wording.exampleBaseline} --accept-regression "smaller but slower, intended"` },
    )
  return value.trim()
}
