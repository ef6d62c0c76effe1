/**
 * Per-connection entries (permessage-deflate, zstd streams, stateful hybrids) cut by the size budget on the same
 * connections, and the warning that names every budget-cut entry of a corpus (round 34, s34-trial D1).
 *
 * Every per-connection entry replays whole connections in one seeded order until its size budget is spent, so
 * two entries cut after different numbers of connections measured different messages: a faster pmd entry over
 * 35 connections and a slower stateful hybrid over 12 are not comparable. The first connections of that order
 * are common to all of them, so every entry that replayed more is cut back to the fewest any replayed. Its
 * latency samples stay over every message it timed, so two aligned entries' percentiles may cover different
 * messages (docs/compare.md says so); only the sizes are cut.
 */
import { formatCount } from '../report/index.ts'
import type { ConnectionSizes } from './measure-stateful-entry.ts'
import type { EntryResult } from './types.ts'

/** Cuts every complete per-connection entry to the connections all of them replayed (a prefix of the seeded order). */
export function alignConnectionSamples(
  entries: readonly EntryResult[],
  connectionSizes: ReadonlyMap<string, readonly ConnectionSizes[]>,
): EntryResult[] {
  const aligned = entries.filter(
    (e) => e.spec.kind === 'stateful' && e.state === 'complete' && connectionSizes.has(e.spec.id),
  )
  if (aligned.length < 2) return [...entries]
  const common = Math.min(...aligned.map((e) => connectionSizes.get(e.spec.id)?.length ?? 0))
  return entries.map((entry) => {
    const sizes = connectionSizes.get(entry.spec.id)
    if (!aligned.includes(entry) || sizes === undefined || sizes.length <= common) return entry
    const kept = sizes.slice(0, common)
    const sum = (pick: (c: ConnectionSizes) => number) => kept.reduce((total, c) => total + pick(c), 0)
    const messages = sum((c) => c.messages)
    const originalBytes = sum((c) => c.originalBytes)
    const compressedBytes = sum((c) => c.compressedBytes)
    return {
      ...entry,
      sizes: {
        ...entry.sizes,
        messages,
        coverage: 'sample',
        originalBytes,
        compressedBytes,
        ratio: compressedBytes === 0 ? 0 : originalBytes / compressedBytes,
        meanRatio: messages === 0 ? 0 : sum((c) => c.ratioSum) / messages,
        savings: originalBytes === 0 ? 0 : 1 - compressedBytes / originalBytes,
        expansionRate: messages === 0 ? 0 : sum((c) => c.expanded) / messages,
        connections: common,
        replayedBeyondCommon: {
          connections: sizes.length,
          messages: entry.sizes.messages,
          ratio: entry.sizes.ratio,
        },
      },
    }
  })
}

/** `502 of 5,158 messages, 12 of 35 connections`: what a budget-cut entry's figures are over. */
export function describeSample(entry: Pick<EntryResult, 'sizes'>): string {
  const { sizes } = entry
  const connections =
    sizes.connections === undefined || sizes.heldOutConnections === undefined
      ? ''
      : `, ${formatCount(sizes.connections)} of ${formatCount(sizes.heldOutConnections)} connections`
  return `${formatCount(sizes.messages)} of ${formatCount(sizes.heldOutMessages)} messages${connections}`
}

/** The warning naming every entry of a corpus whose figures are over a sample (the size budget cut it), or undefined. */
export function sampledEntriesWarning(
  corpus: string,
  entries: readonly EntryResult[],
  sizeBudgetMs: number,
): string | undefined {
  const cut = entries.filter((e) => e.state === 'complete' && e.sizes.coverage === 'sample')
  if (cut.length === 0) return undefined
  const perConnection = cut.filter((e) => e.spec.kind === 'stateful')
  const perMessage = cut.filter((e) => e.spec.kind !== 'stateful')
  const parts: string[] = []
  if (perConnection.length > 0)
    parts.push(
      `${perConnection.map((e) => e.spec.label).join(', ')} over whole connections (${describeSample(perConnection[0] as EntryResult)}${perConnection.length > 1 ? ', the same connections for each' : ''}; not scaled)`,
    )
  for (const e of perMessage)
    parts.push(
      `${e.spec.label} on ${describeSample(e)} (${e.sizes.estimatedFrom === undefined ? 'the sample’s own ratio, unscaled' : `≈ scaled by ${e.sizes.estimatedFrom}`})`,
    )
  return `corpus ${corpus}: the size budget (size_budget_ms ${formatCount(sizeBudgetMs)}) cut ${cut.length} ${cut.length === 1 ? 'entry' : 'entries'} to a sample, so ${cut.length === 1 ? 'its figures are' : 'their figures are'} not whole-corpus: ${parts.join('; ')}. Raise compare.size_budget_ms for whole-corpus figures`
}
