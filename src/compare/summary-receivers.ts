/**
 * s39-trial D6: who can decode what the summary recommends over permessage-deflate (pure). pmd is decoded by every
 * WebSocket client, a browser's included; a hybrid config's frames (per message or stateful) only by aura-bench's
 * decoder, which runs in Node alone (zstd-napi is a native addon, and the package imports node: modules at load).
 * So wherever an entry would replace a per-connection pmd current codec, the summary says the receiver must run Node.
 */
import { escapeCell } from '../report/index.ts'
import type { CorpusRecommendation } from './recommend.ts'
import type { EntryResult } from './types.ts'

/** Said beside a recommendation that replaces permessage-deflate with a hybrid config (per message or stateful). */
export const NODE_RECEIVERS_ONLY =
  'its receivers must decode these frames with aura-bench, which runs only in Node (zstd-napi is a native addon, and the package imports node: modules at load): this holds for Node receivers; a browser (a log-tail or dashboard page) decodes permessage-deflate natively in its WebSocket and has no decoder for hybrid frames (per message or stateful)'

/** Said when the replacement is a plain codec (zstd, brotli, a zstd dictionary, a zstd stream). */
export const CODEC_RECEIVERS =
  'its receivers need a decoder of that codec and of its dictionary, if any (a browser decodes permessage-deflate natively in its WebSocket; zstd, a zstd dictionary or a zstd stream it decodes only with a decoder the page ships)'

/** Entries on a corpus that would replace the per-connection current codec: they send at least as few bytes. */
function replacements(rec: CorpusRecommendation): EntryResult[] {
  const current = rec.current
  if (current === undefined || current.spec.family !== 'permessage_deflate') return []
  const found = new Map<string, EntryResult>()
  const add = (entry: EntryResult | undefined) => {
    if (entry === undefined || entry.spec.family === 'permessage_deflate') return
    if (entry.sizes.ratio >= current.sizes.ratio) found.set(entry.spec.label, entry)
  }
  for (const s of rec.statefulVsCurrent ?? []) if (s.factor > 1) add(s.entry)
  for (const pick of rec.budgets) add(pick.best)
  add(rec.matchZstd?.entry)
  add(rec.matchZstdDict?.entry)
  return [...found.values()]
}

/** The Findings bullet on receivers, when some entry would replace permessage-deflate; undefined otherwise. */
export function renderReceiverFinding(recommendations: readonly CorpusRecommendation[]): string | undefined {
  const all = recommendations.flatMap(replacements)
  if (all.length === 0) return undefined
  const labels = (entries: EntryResult[]) => [...new Set(entries.map((e) => escapeCell(e.spec.label)))].join(', ')
  const hybrids = all.filter((e) => e.spec.family === 'hybrid')
  const codecs = all.filter((e) => e.spec.family !== 'hybrid')
  const parts = [
    hybrids.length === 0 ? undefined : `to send ${labels(hybrids)} instead, ${NODE_RECEIVERS_ONLY}`,
    codecs.length === 0 ? undefined : `to send ${labels(codecs)} instead, ${CODEC_RECEIVERS}`,
  ].filter((p): p is string => p !== undefined)
  return `**Who can decode it:** ${parts.join('; ')}. Sizes and speeds above hold only where the receiver can decode.`
}
