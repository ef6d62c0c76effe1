/** Formatting the gate layer adds to the report's: signed deltas in each metric's unit, percents of change, verdict badges. */
import { formatMetricValue, formatPercent } from '../report/index.ts'
import { metricKind } from '../core/index.ts'
import type { RegressionVerdict } from '../runner/index.ts'

/** A signed difference in the metric's unit: `+0.03x`, `−3.2 pp`, `+1.50 µs`, `+2`; `±0` when it rounds to nothing. */
export function formatDelta(metric: string, delta: number): string {
  if (!Number.isFinite(delta)) return 'n/a'
  const magnitude = Math.abs(delta)
  const kind = metricKind(metric)
  let text: string
  if (kind === 'ratio') text = `${magnitude.toFixed(3)}x`
  else if (kind === 'share') text = `${(magnitude * 100).toFixed(2)} pp`
  else text = formatMetricValue(metric, magnitude)
  if (!/[1-9]/.test(text)) return '±0'
  return `${delta > 0 ? '+' : '−'}${text}`
}

/** A relative change `+12.5%` / `−0.4%`, or `n/a` when the baseline was 0. */
export function formatRelative(relative: number | null): string {
  if (relative === null || !Number.isFinite(relative)) return 'n/a'
  const text = formatPercent(Math.abs(relative), 1)
  return text === '0.0%' ? '±0%' : `${relative > 0 ? '+' : '−'}${text}`
}

/** Badges of regression verdicts. */
export const VERDICT_BADGES: Record<RegressionVerdict, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ FAIL',
  inconclusive: '❔ inconclusive',
}
