/** Markdown tables and number formats for benchmark output (the same text goes to the terminal and to docs/speed.md). */

/** A Markdown table; numbers are right-aligned by the renderer reading it, so cells stay plain strings. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  return lines.join('\n')
}

/** Microseconds with 2 decimals below 10, 1 below 1000, none above. */
export function us(value: number): string {
  return value < 10 ? value.toFixed(2) : value < 1000 ? value.toFixed(1) : value.toFixed(0)
}

/** A ratio as `0.42x`. */
export function times(value: number): string {
  return `${value.toFixed(2)}x`
}

/** An integer with thousands separators. */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** Mebibytes with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** Whether a measured value meets an at-most goal, as a table cell. */
export function verdict(value: number, atMost: number): string {
  return value <= atMost ? 'met' : 'NOT met'
}

/** Geometric mean (1 for no values): the mean of ratios. */
export const geomean = (values: readonly number[]): number =>
  Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / Math.max(1, values.length))
