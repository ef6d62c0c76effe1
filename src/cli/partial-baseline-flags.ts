/**
 * `--save-baseline` refused before anything is measured (round 40, s40-trial D10) when the command line
 * alone makes the run partial: `--limit N` (a smoke run of the first N messages), or `--no-latency` in a
 * suite that measures latency. Both were refused only at the end (E_BASELINE after the report), once the
 * whole run had been spent; the flags are known at the start, as `--accept-regression` without
 * `--baseline` is. What only the run can tell (a run that failed, timing that failed, an interrupted run)
 * is still judged at the end (gate-finish.ts), and so is `merge`'s (it measures nothing, and a shard's failed
 * run is a failed gate, exit 1, that an early exit 2 would hide: round 32).
 */
import { AuraError } from '../core/index.ts'
import type { GateFlags } from './run-gate.ts'

/** What the command line says of the run, before measuring. */
export interface PartialRunFlags {
  /** `--limit N` */
  limit?: number | undefined
  /** `--no-latency` given and the suite measures latency (`latency.enabled`, the default) */
  latencyDropped?: boolean
}

/** The flags (as written) that make the run partial for a baseline, and why; [] when none. */
function partialFlags(given: PartialRunFlags): Array<{ flag: string; why: string }> {
  return [
    ...(given.limit === undefined
      ? []
      : [
          {
            flag: `--limit ${given.limit}`,
            why: `it measures at most the first ${given.limit} messages of each corpus`,
          },
        ]),
    ...(given.latencyDropped === true
      ? [{ flag: '--no-latency', why: 'it measures no latency in a suite that measures it' }]
      : []),
  ]
}

/**
 * E_USAGE (exit 2, nothing measured or written) for `--save-baseline` with a flag that makes the run partial,
 * unless `--allow-partial-baseline`. Located at the baseline file and `--save-baseline`, as the late refusal is.
 */
export function refusePartialBaselineFlags(flags: GateFlags, given: PartialRunFlags): void {
  const save = flags['save-baseline']
  if (save === undefined || flags.allowPartialBaseline === true) return
  const partial = partialFlags(given)
  if (partial.length === 0) return
  const named = partial.map((p) => p.flag).join(' and ')
  throw new AuraError(
    'E_USAGE',
    `--save-baseline ${save.asWritten} does not save a partial run, and ${named} make${partial.length === 1 ? 's' : ''} this one partial (${partial.map((p) => `${p.flag}: ${p.why}`).join('; ')}): a baseline from it cannot catch a regression on what it does not measure; nothing was measured or written`,
    { file: save.asWritten, field: '--save-baseline' },
    {
      hint: `drop ${partial.map((p) => p.flag.split(' ')[0]).join(' and ')} to save the baseline from a full run, drop --save-baseline for a smoke run, or add --allow-partial-baseline to save this partial run's on purpose`,
    },
  )
}
