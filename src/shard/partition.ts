/**
 * The deterministic partition of a corpus into N shards (`run --shard I/N`, I from 1 to N).
 *
 * - A message that carries a connection (a corpus with recordings) goes to shard
 *   1 + (FNV-1a 32-bit hash of the connection id mod N): every message of one connection lands on
 *   one shard, so a stateful compressor keeps whole connections.
 * - Any other message goes to shard 1 + (message index mod N), the index being its position in the
 *   corpus after the suite's own `limit`, `sample` and `split` (the same messages a single run measures).
 * Every shard reads the whole corpus and measures only its share; the shares are disjoint and cover
 * every message, whatever N. The shard also counts every message and byte it read, so the merge can
 * check that all shards read the same corpus.
 */
import { AuraError } from '../core/index.ts'
import type { RunnerMessage } from '../runner/index.ts'

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number
  count: number
}

/** How the partition is described in every partial file (and checked by the merge). */
export const PARTITION = 'connection-fnv1a-mod-n-else-index-mod-n/v1'

/** Reads `--shard I/N`: whole numbers, 1 <= I <= N. */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (
    match === null ||
    !Number.isSafeInteger(index) ||
    !Number.isSafeInteger(count) ||
    count < 1 ||
    index < 1 ||
    index > count
  ) {
    throw new AuraError(
      'E_USAGE',
      `--shard takes I/N with 1 <= I <= N (shard I of N), found ${JSON.stringify(text)}`,
      { field: '--shard' },
      { hint: '--shard 1/4 ... --shard 4/4; a Kubernetes Indexed Job: --shard $((JOB_COMPLETION_INDEX + 1))/N' },
    )
  }
  return { index, count }
}

/** The shard (1-based) a message belongs to among `count`. */
export function shardOf(message: Pick<RunnerMessage, 'index' | 'connection'>, count: number): number {
  if (message.connection !== undefined) return 1 + (fnv1a(message.connection) % count)
  return 1 + (message.index % count)
}

/** What a shard read of one corpus: every message and byte, before the partition. */
export interface CorpusCount {
  messages: number
  bytes: number
}

/** The selector a shard run passes to the suite runner, and the counts of what it read per corpus. */
export function createShardSelector(spec: ShardSpec): {
  select: (message: RunnerMessage, corpus: string) => boolean
  /** a corpus is read once per config: its count restarts with each pass */
  startPass: (corpus: string) => void
  counts: Record<string, CorpusCount>
} {
  const counts: Record<string, CorpusCount> = {}
  return {
    counts,
    startPass: (corpus) => void (counts[corpus] = { messages: 0, bytes: 0 }),
    select(message, corpus) {
      const count = (counts[corpus] ??= { messages: 0, bytes: 0 })
      count.messages += 1
      count.bytes += message.bytes.length
      return shardOf(message, spec.count) === spec.index
    },
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}
