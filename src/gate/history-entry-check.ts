/**
 * The fields of a history.jsonl line that the trends, the exports and `history --add` read (history.ts), checked
 * before they are read: a line with `startedAt` a number, a run that is null, or a run without `metrics` was exit 3
 * (a TypeError in the chart or the export; s44-small), where a bad line of the file is E_SCHEMA naming it.
 */
import { isJsonObject } from '../core/index.ts'

/** What a value is, for a problem's text: `null`, `a list`, `a number` ... */
const found = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : value === undefined ? 'nothing' : `a ${typeof value}`

/**
 * The first field of a parsed history line (schemaVersion 1, `suite` and `runs` already checked) that history.ts
 * cannot read, with what it must be, or undefined when every field it reads is of its kind. Fields absent from
 * lines written by older versions (`commit`, `acceptedRegression`, a run's `messages`) stay optional, and a
 * metric or a run's `messages` may be null.
 */
export function historyEntryProblem(entry: Record<string, unknown>): { field: string; message: string } | undefined {
  const wrong = (field: string, kind: string, value: unknown) => ({
    field,
    message: `must be ${kind}, found ${found(value)}`,
  })
  if (typeof entry.startedAt !== 'string') return wrong('startedAt', 'a date string', entry.startedAt)
  for (const key of ['commit', 'acceptedRegression'] as const)
    if (entry[key] !== undefined && typeof entry[key] !== 'string') return wrong(key, 'a string', entry[key])
  const runs = entry.runs as unknown[]
  for (const [i, run] of runs.entries()) {
    const at = `runs[${i}]`
    if (!isJsonObject(run)) return wrong(at, 'an object', run)
    for (const key of ['corpus', 'config', 'state'] as const)
      if (typeof run[key] !== 'string') return wrong(`${at}.${key}`, 'a string', run[key])
    if (run.messages !== undefined && run.messages !== null && typeof run.messages !== 'number')
      return wrong(`${at}.messages`, 'a number', run.messages)
    if (!isJsonObject(run.metrics)) return wrong(`${at}.metrics`, 'an object of numbers', run.metrics)
    // null: a figure not measured, which the trends leave out (as they did before this check)
    for (const [name, value] of Object.entries(run.metrics))
      if (value !== null && typeof value !== 'number') return wrong(`${at}.metrics.${name}`, 'a number', value)
  }
  return undefined
}
