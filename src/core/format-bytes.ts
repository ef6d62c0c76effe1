/** A byte count for people (round 41: moved from compare/format.ts so that the stateful layer's warning says it the same way). */

/** Bytes as `512 B`, `39.0 KiB`, `1.38 MiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a'
  if (bytes < 1024) return `${Math.round(bytes)} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`
}
