/**
 * The goals a bench run checked, gathered as the sections compute them, so that `npm run bench` ends
 * with one table of every goal row and its verdict (computed from the figures of this run, never
 * written by hand).
 */
import { renderTable } from './table.ts'

interface GoalRow {
  readonly goal: string
  readonly result: string
  readonly met: boolean
}

const checked: GoalRow[] = []

/** Records a goal's result and returns its verdict as a table cell: `met` or `NOT met`. */
export function checkGoal(goal: string, result: string, met: boolean): string {
  checked.push({ goal, result, met })
  return met ? 'met' : 'NOT met'
}

/** Every goal checked so far in this process, as a Markdown section. */
export function goalsSection(title: string): string {
  if (checked.length === 0) return `### ${title}\n\nNo goal was checked.`
  const metCount = checked.filter((row) => row.met).length
  return [
    `### ${title}`,
    '',
    renderTable(
      ['goal', 'this run', 'verdict'],
      checked.map((row) => [row.goal, row.result, row.met ? 'met' : '**NOT met**']),
    ),
    '',
    `${metCount} of ${checked.length} goal rows met.`,
  ].join('\n')
}
