/** Formatting the comparison report needs beyond src/report's (ratios, percents, micros, counts and tables come from there) (pure). */
import { formatBytes } from '../core/index.ts'
import { formatRatio } from '../report/index.ts'
import { describeSample } from './align-connections.ts'
import { pmdLabel } from './plan.ts'
import type { ConnectionMemory, EntryResult } from './types.ts'

/**
 * An entry's ratio, marked ≈ when it is scaled from a sample (the size budget cut its pass), and followed by what it
 * is over when it is a sample's own ratio (a per-connection entry's whole connections, or an unscaled per-message
 * sample): every place that quotes it says so. `bare`: the ratio and ≈ only (tables with a column saying what was sized).
 */
export function formatEntryRatio(entry: Pick<EntryResult, 'sizes'>, bare = false): string {
  const ratio = `${entry.sizes.estimatedFrom === undefined ? '' : '≈'}${formatRatio(entry.sizes.ratio)}`
  if (
    bare ||
    entry.sizes.coverage !== 'sample' ||
    entry.sizes.estimatedFrom !== undefined ||
    entry.sizes.messages === 0
  )
    return ratio
  return `${ratio} (sample: ${describeSample(entry)})`
}

/** Bytes as `512 B`, `39.0 KiB`, `1.38 MiB` (core's, shared with the stateful layer's warning since round 41). */
export { formatBytes }

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

/**
 * A speed ratio said the way it reads (s40-trial D4): `2.4x faster` for a ratio above 1, `22x slower` below it (a ratio
 * of 0.045 was printed "0.0x faster"). `speedup` = the other's time / this entry's time.
 */
export function formatSpeedup(speedup: number): string {
  if (!Number.isFinite(speedup) || speedup <= 0) return 'n/a'
  if (speedup === 1) return 'as fast'
  return speedup > 1 ? `${speedFactor(speedup)} faster` : `${speedFactor(1 / speedup)} slower`
}

/** A factor of at least 1 in a speed ratio: within 10% of 1 with two decimals (0.97 read "1.0x slower", s40-rev1 F4). */
function speedFactor(factor: number): string {
  return factor < 1.1 ? `${factor.toFixed(2)}x` : formatFactor(factor)
}

/** A range of speed ratios (`1.2x–3.0x faster`, `2.0x–22x slower`, `from 3.0x slower to 1.5x faster`). */
export function formatSpeedupRange(low: number, high: number): string {
  if (low === high) return formatSpeedup(low)
  if (low >= 1) return `${speedFactor(low)}–${speedFactor(high)} faster`
  if (high <= 1) return `${speedFactor(1 / high)}–${speedFactor(1 / low)} slower`
  return `from ${formatSpeedup(low)} to ${formatSpeedup(high)}`
}

/**
 * A connection's measured RSS. Growth of 0 means the probe saw none (RSS moves by whole pages and
 * other allocations; a few connections can all fit in pages already resident): that is no reading,
 * not "no memory", so it is never shown as 0 B.
 */
export function formatMeasuredRss(
  memory: Pick<ConnectionMemory, 'measuredRssBytes' | 'connections' | 'retainedBytes'>,
): string {
  // s38-trial D6: RSS that grew less than live JS objects retain is not the entry's figure: pages freed before the
  // reading were reused (until round 39, by the entries probed before it in the same process; since, each entry is
  // probed in a child process of its own, so only what that process freed first)
  if (rssBelowRetained(memory)) {
    const grew = memory.measuredRssBytes > 0 ? formatBytes(memory.measuredRssBytes) : 'no RSS growth'
    return `unreliable (${grew} over ${memory.connections} connections, below the ${formatBytes(memory.retainedBytes ?? 0)} JS retains: pages freed before its reading were reused; read the retained figure, or replay's probe)`
  }
  return memory.measuredRssBytes > 0
    ? formatBytes(memory.measuredRssBytes)
    : `not measurable (no RSS growth over ${memory.connections} connections)`
}

/** s38-trial D6: true when the RSS growth per connection is below what live JS objects retain per connection. */
export function rssBelowRetained(memory: Pick<ConnectionMemory, 'measuredRssBytes' | 'retainedBytes'>): boolean {
  return (
    memory.retainedBytes !== undefined && memory.retainedBytes > 0 && memory.measuredRssBytes < memory.retainedBytes
  )
}

/**
 * How the summary names the current codec: `brotli 11`, or for permessage-deflate (round 35) the entry's own label,
 * `pmd L6 takeover` / `pmd L6 no takeover`.
 */
export function currentCodecName(current: { codec: string; level: number; takeover?: boolean }): string {
  if (current.codec !== 'permessage_deflate') return `${current.codec} ${current.level}`
  return pmdLabel(current.level, current.takeover !== false)
}

/**
 * What the summary says when the suite sets no `compare.current` and its default was not measured (round 37,
 * s36-trial D7): the suite never asked for brotli 11, so "the current codec (brotli 11) was not measured" spoke
 * of a codec nobody named.
 */
export function unsetCurrentSentence(currentName: string): string {
  return `The suite sets no \`compare.current\`, and its default (${currentName}) was not measured here, so nothing is compared with a current codec: set \`compare.current\` to the codec in production today (for example \`{ codec: permessage_deflate, level: 6 }\`) to have it compared.`
}
