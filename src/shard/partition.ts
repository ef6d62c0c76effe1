/**
 * The deterministic partition of a corpus into N shards (`run --shard I/N`, I from 1 to N).
 *
 * - A message that carries a connection (a corpus with recordings) goes to shard
 *   1 + (FNV-1a 32-bit hash of the connection id mod N): every message of one connection lands on
 *   one shard, so a stateful compressor keeps whole connections.
 * - Any other message goes to shard 1 + (message index mod N), the index being the corpus loader's
 *   (its position among the messages that pass the size filters), among the messages the suite's own
 *   `limit`, `sample` and `split` select (the same messages a single run measures).
 * Every shard scans the whole corpus for line ends and decodes only its share (src/corpus's
 * CorpusShare); the shares are disjoint and cover every message, whatever N. The shard also counts
 * every message of the selection and the file's size, so the merge can check that all shards read
 * the same corpus.
 */
import { statSync } from 'node:fs'
import { AuraError } from '../core/index.ts'
import type { RunnerShare } from '../runner/index.ts'

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
export function shardOf(message: { index: number; connection?: string | undefined }, count: number): number {
  if (message.connection !== undefined) return 1 + (fnv1a(message.connection) % count)
  return 1 + (message.index % count)
}

/** What a shard read of one corpus: every message of its selection (before the partition), and the file's size. */
export interface CorpusCount {
  messages: number
  fileBytes: number
  /** sha256 of the whole corpus file as the shard read it (round 32); absent in partials written before it */
  sha256?: string
}

/**
 * The share a shard run passes to the suite runner (src/runner's RunnerShare: the corpus layer skips
 * the other shards' lines without decoding them), and the counts of what it read per corpus, filled
 * after each full read (a corpus is read once per config; every pass counts the same).
 */
export function createShardShare(
  spec: ShardSpec,
  corpora: readonly { name: string; path: string }[],
): { share: RunnerShare; counts: Record<string, CorpusCount> } {
  const counts: Record<string, CorpusCount> = {}
  // consecutive messages mostly share a connection: hash each run of them once
  let lastConnection: string | undefined
  let lastKept = false
  return {
    counts,
    share: {
      keeps(index, connection) {
        if (connection === undefined) return 1 + (index % spec.count) === spec.index
        if (connection !== lastConnection) {
          lastConnection = connection
          lastKept = shardOf({ index, connection }, spec.count) === spec.index
        }
        return lastKept
      },
      onCorpusRead(corpus, messages) {
        const file = corpora.find((c) => c.name === corpus)?.path
        counts[corpus] = { messages, fileBytes: file === undefined ? 0 : statSync(file).size }
      },
    },
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}
