/**
 * `run` and `merge` print the warnings of the results they publish on stderr: they were only in
 * results.json and report.md, so a CI log never showed that a store was trained on the measured
 * messages, or that latency rested on 20 samples. --quiet keeps them: it empties stdout, and a
 * warning is what a quiet run must still say.
 */
import { escapeTerminal } from '../report/index.ts'

/** Lines after which the rest are counted, not printed: report.md has them all. */
const MAX_WARNING_LINES = 10

/** Warnings stderr says in its own words already: the missing baseline (a loud WARNING) and the error that stopped the suite. */
const SAID_ELSEWHERE = [/^NO BASELINE: /, /^stopped part-way: /]

/** `warning: <text>` lines for the run's warnings (the first MAX_WARNING_LINES, then a count naming the report), or ''. */
export function renderRunWarnings(warnings: readonly string[], reportPath: string): string {
  const shown = warnings.filter((w) => !SAID_ELSEWHERE.some((said) => said.test(w)))
  if (shown.length === 0) return ''
  const lines = shown.slice(0, MAX_WARNING_LINES).map((w) => `warning: ${escapeTerminal(w)}`)
  if (shown.length > MAX_WARNING_LINES)
    lines.push(`warning: ... and ${shown.length - MAX_WARNING_LINES} more, in ${reportPath} and results.json`)
  return `${lines.join('\n')}\n`
}
