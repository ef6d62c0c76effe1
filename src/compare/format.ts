/** Number and table formatting of the comparison report (pure). */

/** `1.69x`; `n/a` when not finite. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a'
}

/** A share 0..1 as a percent: 0.408 -> `40.8%`. */
export function formatShare(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : 'n/a'
}

/** Microseconds with precision that follows the size: `0.42`, `12.3`, `1,250`. */
export function formatUs(us: number): string {
  if (!Number.isFinite(us)) return 'n/a'
  if (Math.abs(us) < 10) return us.toFixed(2)
  if (Math.abs(us) < 100) return us.toFixed(1)
  return Math.round(us).toLocaleString('en-US')
}

/** An integer with thousands separators. */
export function formatCount(count: number): string {
  return Number.isFinite(count) ? Math.round(count).toLocaleString('en-US') : 'n/a'
}

/** Bytes as `512 B`, `39.0 KiB`, `1.38 MiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a'
  if (bytes < 1024) return `${Math.round(bytes)} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`
}

/** MB/s with 3 significant digits. */
export function formatMBps(mbps: number): string {
  if (!Number.isFinite(mbps) || mbps === 0) return '—'
  return mbps >= 100 ? Math.round(mbps).toString() : mbps.toPrecision(3)
}

/** A speed-up factor: `2.4x`, `31x`, `1,200x`. */
export function formatFactor(factor: number): string {
  if (!Number.isFinite(factor)) return 'n/a'
  return factor >= 10 ? `${Math.round(factor).toLocaleString('en-US')}x` : `${factor.toFixed(1)}x`
}

/** Text safe inline in Markdown (names from suites): Markdown's special characters escaped, line breaks removed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*[\]<>#|]/g, (c) => `\\${c}`)
}

/** A Markdown table (cells used as given). */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  const divider = `|${header.map((h) => '-'.repeat(Math.max(3, h.length + 2))).join('|')}|`
  return [line(header), divider, ...rows.map(line)].join('\n')
}
