/** bench/selection-tune.ts's tallies of a replay (bench/lib/selection-replay.ts) under one rule, per system and summed per fold. */
import type { LearningRule } from '../../src/hybrid/selection-learning.ts'
import { replay, type Seen } from './selection-replay.ts'

/** Fallback calls, extra bytes against the short-cut off and larger frames, in pass 1 and the last pass. */
export interface Tally {
  calls1: number
  callsLast: number
  extra1: number
  extraLast: number
  seed: number
  larger1: number
  larger: number
}
export const emptyTally = (): Tally => ({
  calls1: 0,
  callsLast: 0,
  extra1: 0,
  extraLast: 0,
  seed: 0,
  larger1: 0,
  larger: 0,
})

/** The replay of `seen` under `rule`, tallied. */
export function tallyOf(seen: readonly (readonly Seen[])[], rule: LearningRule): Tally {
  const { passes } = replay(seen, rule)
  const [first, last] = [passes[0], passes[passes.length - 1]] as [(typeof passes)[0], (typeof passes)[0]]
  return {
    calls1: first.calls,
    callsLast: last.calls,
    extra1: first.bytes - first.seedBytes,
    extraLast: last.bytes - last.seedBytes,
    seed: first.seedBytes,
    larger1: first.larger,
    larger: passes.reduce((sum, p) => sum + p.larger, 0),
  }
}

/** Adds `t` into `into`. */
export function add(into: Tally, t: Tally): void {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += t[k]
}
