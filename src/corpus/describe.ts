/** Summary figures of a loaded corpus for reports. */
import { percentile } from '../core/index.ts'
import type { CorpusMessage } from './types.ts'

/** Sizes, categories and connections of a corpus; sizes in bytes, NaN for an empty corpus. */
export interface CorpusDescription {
  messages: number
  totalBytes: number
  minBytes: number
  medianBytes: number
  p95Bytes: number
  maxBytes: number
  /** messages per category, most frequent first; empty when the corpus has none */
  categories: Array<{ category: string; messages: number }>
  /** messages without a category */
  uncategorised: number
  /** distinct connections (recordings, websocket connections); 0 when none are known */
  connections: number
}

/** Describes a corpus: count, byte sizes (min, median, p95, max), categories and connections. */
export function describeCorpus(messages: readonly CorpusMessage[]): CorpusDescription {
  const sizes = Float64Array.from(messages, (message) => message.bytes.length).sort()
  const sorted = Array.from(sizes)
  const counts = new Map<string, number>()
  const connections = new Set<string>()
  let uncategorised = 0
  let totalBytes = 0
  for (const message of messages) {
    totalBytes += message.bytes.length
    if (message.category === undefined) uncategorised += 1
    else counts.set(message.category, (counts.get(message.category) ?? 0) + 1)
    if (message.connection !== undefined) connections.add(message.connection)
  }
  const categories = [...counts].map(([category, count]) => ({ category, messages: count }))
  categories.sort((a, b) => b.messages - a.messages || (a.category < b.category ? -1 : 1))
  return {
    messages: messages.length,
    totalBytes,
    minBytes: sorted[0] ?? Number.NaN,
    medianBytes: percentile(sorted, 50),
    p95Bytes: percentile(sorted, 95),
    maxBytes: sorted[sorted.length - 1] ?? Number.NaN,
    categories,
    uncategorised,
    connections: connections.size,
  }
}
