/**
 * The sticky pull-request comment (`run --pr-comment FILE`): short on purpose. The verdict first,
 * a loud warning when there was no baseline to compare with, an accepted regression with its
 * reason, the gate's reasons (each ending with what to do), a delta table against the baseline for
 * the gated configs (metrics that changed, or all when few), and links to the full report. A hidden
 * marker lets the workflow find and replace its own comment instead of adding one per push.
 */
import { escapeInline, formatMetricValue, PARTIAL_PREFIX, verdictCaveats } from '../report/index.ts'
import type { MetricRegression, Results, RunRegression } from '../runner/index.ts'
import { formatDelta, formatRelative, VERDICT_BADGES } from './regression-format.ts'

/** The first line of every comment: the workflow updates the comment that carries it. */
export const PR_COMMENT_MARKER = '<!-- aura-bench-gate -->'

/** What the comment says beyond the results. */
interface PrCommentOptions {
  /** the baseline the run was meant to compare with, when it was missing */
  missingBaseline?: string
  /** links, e.g. { 'full report': url, 'workflow run': url } */
  links?: Record<string, string>
}

const MAX_ROWS = 12

/** Warnings listed (each cut to MAX_WARNING_CHARS); the rest are counted, and the full report has them all. */
const MAX_WARNINGS = 5
const MAX_WARNING_CHARS = 240

/** Warnings the comment says in its own words already (the missing baseline, the limit of a smoke run). */
const SAID_ABOVE = [/^NO BASELINE: /, new RegExp(`^${PARTIAL_PREFIX}`)]

function deltaRows(results: Results): string[] {
  const comparison = results.baseline
  if (comparison === undefined) return []
  const rows: Array<{ run: string; m: MetricRegression }> = comparison.runs.flatMap((run) =>
    run.metrics
      .filter((m) => m.gated && Number.isFinite(m.baseline) && Number.isFinite(m.current))
      .map((m) => ({ run: `${run.corpus} × ${run.config}`, m })),
  )
  // gated metrics one side did not measure (a baseline saved from a --no-latency run): not "unchanged" (s35-trial D4)
  const uncompared = [
    ...new Set(
      comparison.runs.flatMap((run) =>
        run.metrics
          .filter((m) => m.gated && (!Number.isFinite(m.baseline) || !Number.isFinite(m.current)))
          .map((m) => m.metric),
      ),
    ),
  ]
  const changed = rows.filter(({ m }) => m.delta !== 0 || m.verdict !== 'pass')
  const shown = (changed.length > 0 ? changed : rows).slice(0, MAX_ROWS)
  const lines = shown.map(
    ({ run, m }) =>
      `| ${run} | ${m.metric} | ${formatMetricValue(m.metric, m.baseline)} | ${formatMetricValue(m.metric, m.current)} | ${formatDelta(m.metric, m.delta)} (${formatRelative(m.relativeDelta)}) | ${VERDICT_BADGES[m.verdict]} |`,
  )
  return [
    '| run | metric | baseline | this PR | delta | verdict |',
    '|---|---|---:|---:|---:|---|',
    ...lines,
    ...notBelow(rows.length, changed.length, shown.length, uncompared.length > 0),
    ...(uncompared.length === 0
      ? []
      : [
          `\n_Not compared (measured on one side only, the baseline or this run): ${uncompared.map(escapeInline).join(', ')}._`,
        ]),
    ...whyWarned(comparison.runs, shown),
  ]
}

/**
 * Why the table's ⚠️ warn rows warn rather than pass or fail: the run's note when it has one (the
 * corpus differs from the baseline's: a --limit run against a full baseline), else each row's reason.
 */
function whyWarned(
  runs: readonly RunRegression[],
  shown: ReadonlyArray<{ run: string; m: MetricRegression }>,
): string[] {
  const why: string[] = []
  for (const { run, m } of shown) {
    if (m.verdict !== 'warn') continue
    const note = runs.find((r) => `${r.corpus} × ${r.config}` === run)?.note
    const line = `- ${escapeInline(run)}: ${escapeInline(note ?? `${m.metric}: ${m.reason}`)}`
    if (!why.includes(line)) why.push(line)
  }
  return why.length === 0 ? [] : ['', '⚠️ warn, not fail, because:', ...why]
}

/** The run's warnings, briefly: the first few, each cut short, and a count of the rest. */
function warningLines(warnings: readonly string[]): string[] {
  const shown = warnings.filter((w) => !SAID_ABOVE.some((said) => said.test(w)))
  if (shown.length === 0) return []
  const cut = (w: string) => (w.length > MAX_WARNING_CHARS ? `${w.slice(0, MAX_WARNING_CHARS - 1)}…` : w)
  return [
    `**Warnings** (${shown.length}):`,
    ...shown.slice(0, MAX_WARNINGS).map((w) => `- ${escapeInline(cut(w))}`),
    ...(shown.length > MAX_WARNINGS ? [`- … and ${shown.length - MAX_WARNINGS} more in the full report`] : []),
    '',
  ]
}

/** What the table leaves out, said only when something is (rows cut, unchanged metrics left out). */
function notBelow(all: number, changed: number, shown: number, someUncompared = false): string[] {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (changed === 0)
    return [
      someUncompared
        ? '\n_No compared metric changed against the baseline._'
        : '\n_No metric changed against the baseline._',
      ...(all > shown ? [`\n_${plural(all - shown, 'more unchanged row')} in the full report._`] : []),
    ]
  const parts = [
    ...(changed > shown ? [`${plural(changed - shown, 'more changed row')} in the full report`] : []),
    ...(all > changed ? [`${plural(all - changed, 'unchanged metric')} not listed`] : []),
  ]
  return parts.length === 0 ? [] : [`\n_${parts.join('; ')}._`]
}

/** The comment's Markdown (pure). */
export function renderPrComment(results: Results, options: PrCommentOptions = {}): string {
  const passed = results.gate.status === 'pass'
  const accepted = results.baseline?.acceptedRegression
  const verdict = passed
    ? accepted === undefined
      ? '✅ **aura-bench gate: PASS**'
      : '✅ **aura-bench gate: PASS, with an accepted regression**'
    : '❌ **aura-bench gate: FAIL**'
  const caveats = verdictCaveats(results)
  const lines = [
    PR_COMMENT_MARKER,
    `${verdict} — suite \`${results.suite}\`${caveats.length === 0 ? '' : ` (${caveats.map((c) => c.short).join('; ')})`}`,
    '',
  ]
  if (caveats.length > 0)
    lines.push('> [!CAUTION]', ...caveats.flatMap((c, i) => [...(i === 0 ? [] : ['>']), `> ${c.long}`]), '')
  if (options.missingBaseline !== undefined) {
    lines.push(
      '> [!WARNING]',
      `> **No baseline**: \`${options.missingBaseline}\` was not found, so this PR was gated on targets alone and **regressions could not be seen**.`,
      '> Save one from main (the workflow does it on every push to main) or check the baseline branch, then re-run.',
      '',
    )
  }
  if (accepted !== undefined) {
    lines.push(
      '> [!NOTE]',
      `> **Regression accepted**: ${accepted.reason}`,
      ...accepted.regressions.map((r) => `> - ${r}`),
      '> Recorded in results.json and the history. Remove the `accept-regression` label to gate on it again.',
      '',
    )
  }
  if (!passed) {
    lines.push('**Why it failed:**', ...results.gate.reasons.slice(0, 8).map((r) => `- ${r}`))
    if (results.gate.reasons.length > 8)
      lines.push(`- … and ${results.gate.reasons.length - 8} more in the full report`)
    if (results.baseline !== undefined && results.gate.reasons.some((r) => /baseline/i.test(r))) {
      lines.push(
        '',
        'If this change is intended (e.g. smaller but slower), add the `accept-regression` label to this PR with the reason in its description, or run with `--accept-regression "reason"`.',
      )
    }
    lines.push('')
  }
  lines.push(...warningLines(results.warnings))
  const table = deltaRows(results)
  if (table.length > 0)
    lines.push(
      `**Against the baseline** (\`${results.baseline?.path ?? ''}\`, ${results.baseline?.startedAt ?? ''}):`,
      '',
      ...table,
      '',
    )
  const links = Object.entries(options.links ?? {})
  if (links.length > 0) lines.push(links.map(([text, url]) => `[${text}](${url})`).join(' · '))
  return `${lines.join('\n').trimEnd()}\n`
}
