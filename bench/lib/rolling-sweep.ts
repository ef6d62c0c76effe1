/**
 * bench/discovery-rolling.ts's `--sweep` and `--sweep-share`: every system measured once per value, the
 * value chosen on one leave-systems-out fold by the plan's rule and reported on the other.
 */
import { renderTable } from './table.ts'
import type { BenchSystem } from './discovery-corpora.ts'
import { GOAL_HIT_RATE, measure, pct, type Row } from './rolling-refresh.ts'

/** Within this many points of never evicting, a K counts as losing next to nothing. */
const SWEEP_TOLERANCE = 0.005
/** Shares whose hit rates are this close count as tied; the larger share (the tighter bound) wins. */
const SHARE_TIE = 0.001

/** One sweep: a setting per value, and the rule that picks a value from one fold's rows per value. */
interface SweepPlan {
  title: string
  values: readonly number[]
  settings: (value: number) => { evictAfter: number | undefined; keepShare: number }
  choose: (rateOf: (value: number) => number) => number | undefined
  rule: string
}

const rate = (rows: readonly Row[]): number =>
  rows.reduce((a, r) => a + r.hits, 0) /
  Math.max(
    1,
    rows.reduce((a, r) => a + r.messages, 0),
  )

export async function sweep(
  systems: readonly BenchSystem[],
  window: number,
  plan: SweepPlan,
  split: { A: string[]; B: string[] },
): Promise<string> {
  const byValue = new Map<number, Row[]>()
  for (const value of plan.values) {
    process.stderr.write(`${plan.title} ${value}...\n`)
    const { evictAfter, keepShare } = plan.settings(value)
    const rows: Row[] = []
    for (const system of systems) rows.push(await measure(system, window, evictAfter, keepShare))
    byValue.set(value, rows)
  }
  const fold = (v: number, names: readonly string[]): Row[] =>
    (byValue.get(v) ?? []).filter((r) => names.includes(r.name))
  const sum = (rows: readonly Row[], f: (r: Row) => number): number => rows.reduce((a, r) => a + f(r), 0)
  const worst = (rows: readonly Row[]): string => {
    const low = [...rows].sort((a, b) => a.hits / a.messages - b.hits / b.messages)[0]
    return low === undefined ? '—' : `${low.name} ${pct(low.hits, low.messages)}`
  }
  const table = renderTable(
    [
      'value',
      ...(['A', 'B'] as const).flatMap((f) => [
        `fold ${f} hit rate`,
        `fold ${f} lowest system`,
        `fold ${f} templates at end / at most`,
      ]),
    ],
    plan.values.map((v) => [
      String(v),
      ...(['A', 'B'] as const).flatMap((f) => {
        const rows = fold(v, split[f])
        return [
          pct(rate(rows), 1),
          worst(rows),
          `${sum(rows, (r) => r.finalTemplates)} / ${sum(rows, (r) => r.maxTemplates)}`,
        ]
      }),
    ]),
  )
  const lines = [`#### ${plan.title}`, '', table, '']
  for (const [tuned, other] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    const v = plan.choose((value) => rate(fold(value, split[tuned])))
    if (v === undefined) {
      lines.push(`No choice: ${plan.rule}`)
      continue
    }
    const held = fold(v, split[other])
    const short = held
      .filter((r) => r.hits / r.messages < GOAL_HIT_RATE)
      .map((r) => `${r.name} ${pct(r.hits, r.messages)}`)
    lines.push(
      `Chosen on fold ${tuned}: ${v} (${plan.rule}); held-out fold ${other} with it: ${pct(rate(held), 1)} (goal >= 90%: ${rate(held) >= GOAL_HIT_RATE ? 'met' : '**NOT met**'} in aggregate; per system: ${short.length === 0 ? 'met on every system' : `**NOT met** on ${short.join(', ')}`}).`,
    )
  }
  return lines.join('\n')
}

/** K sweep: the smallest K within SWEEP_TOLERANCE of never evicting (the smallest store that loses next to nothing). */
export function kPlan(ks: readonly number[], keepShare: number): SweepPlan {
  return {
    title: `Sweep of K (evict after K windows unused; 0 = never), keep share ${keepShare}`,
    values: ks,
    settings: (k) => ({ evictAfter: k === 0 ? undefined : k, keepShare }),
    choose: (rateOf) => {
      if (!ks.includes(0)) return undefined
      const never = rateOf(0)
      return (
        [...ks]
          .filter((k) => k > 0)
          .sort((a, b) => a - b)
          .find((k) => rateOf(k) >= never - SWEEP_TOLERANCE) ?? 0
      )
    },
    rule: `K = smallest K within ${SWEEP_TOLERANCE * 100} points of never evicting; needs 0 in --sweep`,
  }
}

/** Share sweep: the highest hit rate; within SHARE_TIE of it, the largest share (at most 1 / share templates kept idle). */
export function sharePlan(shares: readonly number[], evictAfter: number): SweepPlan {
  return {
    title: `Sweep of the keep share (K = ${evictAfter}; an idle template stays while its uses are >= share of the store's; 0 = off, idleness alone)`,
    values: shares,
    settings: (keepShare) => ({ evictAfter, keepShare }),
    choose: (rateOf) => {
      const best = Math.max(...shares.map(rateOf))
      return [...shares].sort((a, b) => b - a).find((v) => rateOf(v) >= best - SHARE_TIE)
    },
    rule: `the highest hit rate; within ${SHARE_TIE * 100} points of it, the largest share`,
  }
}
