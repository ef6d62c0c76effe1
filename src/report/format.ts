/** Number, status and text formatting shared by the Markdown report and the gate reasons. */
import { metricKind } from '../core/index.ts'
import type { TargetResult } from '../runner/index.ts'

/** Drops trailing zeros of a fixed-point rendering: 1.50 -> 1.5, 33.0 -> 33. */
function trimFixed(value: number, digits: number): string {
  const fixed = value.toFixed(digits)
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}

/** A ratio as the seed writes it: `1.69x`; non-finite ratios read `n/a`. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a'
}

/** A share 0..1 as a percent with one decimal: 0.408 -> `40.8%`. */
export function formatPercent(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : 'n/a'
}

/**
 * Whole percents of `counts` that sum to 100 (largest remainder): rounding each share on its own can
 * show 101% or 99% in total. A non-zero count whose share rounds to 0 is shown as '<1%', never '0%',
 * and a share that rounds to 100 beside other non-zero counts as '>99%'.
 */
export function formatWholePercents(counts: readonly number[]): string[] {
  const total = counts.reduce((a, b) => a + b, 0)
  if (total <= 0) return counts.map(() => '0%')
  const shares = counts.map((count, i) => {
    const exact = (count * 100) / total
    return { i, count, whole: Math.floor(exact), rest: exact - Math.floor(exact) }
  })
  let left = 100 - shares.reduce((a, s) => a + s.whole, 0)
  for (const share of [...shares].sort((a, b) => b.rest - a.rest || a.i - b.i)) {
    if (left <= 0) break
    share.whole++
    left--
  }
  const others = (i: number) => shares.some((s) => s.i !== i && s.count > 0)
  return shares.map((s) => {
    if (s.whole === 0 && s.count > 0) return '<1%'
    // 99.5% rounded up would read as "every message"
    if (s.whole === 100 && others(s.i)) return '>99%'
    return `${s.whole}%`
  })
}

/** A time in microseconds with precision that follows its size: 0.42, 3.14, 12.3, 1250. */
export function formatMicros(us: number): string {
  if (!Number.isFinite(us)) return 'n/a'
  if (Math.abs(us) < 10) return us.toFixed(2)
  if (Math.abs(us) < 100) return us.toFixed(1)
  return Math.round(us).toLocaleString('en-US')
}

/**
 * A traffic rate as given, with its unit: `100,000,000 messages/day`, `1 message/day`, `0.5 messages/day`.
 * A fraction is a rate, not rounded to a whole message (it was: 0.5 read "1 messages/day"); up to
 * six decimals from 1 up (1.0004 reads 1.0004; 1100.0000000000002, a sum in binary, reads 1,100), six significant digits below.
 */
export function formatMessagesPerDay(messagesPerDay: number): string {
  const text = Number.isFinite(messagesPerDay)
    ? messagesPerDay.toLocaleString(
        'en-US',
        Math.abs(messagesPerDay) >= 1 ? { maximumFractionDigits: 6 } : { maximumSignificantDigits: 6 },
      )
    : 'n/a'
  return `${text} ${text === '1' ? 'message' : 'messages'}/day`
}

/** An integer with thousands separators: 6525 -> `6,525`. */
export function formatCount(count: number): string {
  return Number.isFinite(count) ? Math.round(count).toLocaleString('en-US') : 'n/a'
}

/** A measured value of a metric in its natural unit: `1.69x`, `40.8%`, `12.3 µs`, `0`. */
export function formatMetricValue(metric: string, value: number): string {
  switch (metricKind(metric)) {
    case 'ratio':
      return formatRatio(value)
    case 'share':
      return formatPercent(value)
    case 'timeUs':
      return `${formatMicros(value)} µs`
    case 'count':
      return formatCount(value)
  }
}

/** A threshold in its natural unit, without needless decimals: `1.5x`, `33%`, `2000 µs`. */
function formatThreshold(metric: string, value: number): string {
  switch (metricKind(metric)) {
    case 'ratio':
      return `${trimFixed(value, 3)}x`
    case 'share':
      return `${trimFixed(value * 100, 2)}%`
    case 'timeUs':
      return `${groupThousands(trimFixed(value, 2))} µs`
    case 'count':
      return groupThousands(trimFixed(value, 3))
  }
}

/** `2000` -> `2,000`, `12345.5` -> `12,345.5`: thresholds grouped as measured values are (formatMicros, formatCount). */
function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

/** The difference measured - reference: `+0.03x`, `-3.2 pp` (percentage points), `+1.5 µs`. */
export function formatDifference(metric: string, measured: number, reference: number): string {
  const d = measured - reference
  const magnitude = differenceMagnitude(metric, Math.abs(d))
  // a difference that rounds to zero reads ±0, not +0.00x or −0.0 pp
  const sign = /[1-9]/.test(magnitude) ? (d > 0 ? '+' : '−') : '±'
  return `${sign}${magnitude}`
}

function differenceMagnitude(metric: string, magnitude: number): string {
  switch (metricKind(metric)) {
    case 'ratio':
      return `${magnitude.toFixed(2)}x`
    case 'share':
      return `${(magnitude * 100).toFixed(1)} pp`
    case 'timeUs':
      return `${formatMicros(magnitude)} µs`
    case 'count':
      return formatCount(magnitude)
  }
}

/** `≥ 1.5x` / `≤ 10%`: a target's passing condition. */
export function formatCondition(metric: string, direction: 'min' | 'max', threshold: number): string {
  return `${direction === 'min' ? '≥' : '≤'} ${formatThreshold(metric, threshold)}`
}

/** The Target cell: pass condition, plus the near band when there is one. */
export function formatTargetSpec(target: Pick<TargetResult, 'metric' | 'direction' | 'pass' | 'near'>): string {
  const pass = formatCondition(target.metric, target.direction, target.pass)
  return target.near === undefined
    ? pass
    : `${pass} (near ${formatCondition(target.metric, target.direction, target.near)})`
}

/** Status badges as the seed draws them. */
export const STATUS_BADGES: Record<TargetResult['status'], string> = {
  pass: '✅ PASS',
  near: '⚠️ NEAR',
  fail: '❌ FAIL',
}

/** Severity order of statuses, for the worst of several: fail > near > pass. */
export const STATUS_SEVERITY: Record<TargetResult['status'], number> = { pass: 0, near: 1, fail: 2 }

/**
 * Text from inputs made safe for a terminal or a CI log: control characters (ESC, BEL, CR, LF, the C1
 * range, bidirectional overrides) shown as `\xNN` / `\u{…}`, so a name can neither colour nor clear the
 * screen nor start a new line that a CI system would read as a command (`::error::`, `##vso[`).
 */
export function escapeTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0)
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`
  })
}

/** Text made safe inside a Markdown table cell: pipes escaped, line breaks shown as `⏎`. */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|')
}

/**
 * A GitHub alert block with one bold line (a missing baseline in a step summary: run's and compare's): the text
 * escaped as every name in a report is (s40-rev3 F5: a path with `*`, `_`, a backtick or a newline broke the bold
 * and the blockquote), then a blank line.
 */
export function warningCallout(text: string): string {
  return `> [!WARNING]\n> **${escapeInline(text)}**\n\n`
}

/** Text made safe inline in Markdown: emphasis, code, link and HTML characters escaped, controls made visible. */
export function escapeInline(text: string): string {
  return (
    text
      .replace(/\r\n|\r|\n/g, '⏎')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .replace(/[\\`*[\]<>#]/g, (c) => `\\${c}`)
      // `_` emphasises only at a word boundary (GFM): keep snake_case names readable, escape the rest
      .replace(/_/g, (c, offset: number, whole: string) =>
        /[\p{L}\p{N}]/u.test(whole[offset - 1] ?? '') && /[\p{L}\p{N}]/u.test(whole[offset + 1] ?? '') ? c : '\\_',
      )
  )
}

/** A Markdown table from a header row and body rows (cells are used as given: escape them first). */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  const divider = `|${header.map((h) => '-'.repeat(Math.max(3, h.length + 2))).join('|')}|`
  return [line(header), divider, ...rows.map(line)].join('\n')
}
