/**
 * `compare --baseline` on the same messages (round 43, s43-trial D7). A stateful replay takes whole connections
 * in one seeded order until the size budget is spent, and where the budget cuts depends on the machine's speed
 * and load: two runs of the same suite rarely replay the same number of connections, so their figures were over
 * other messages and a worse ratio only warned ("the corpus differs from the baseline's"). Both replays start
 * with the same connections, though, when the held-out part is the same: comparison.json records a digest of
 * the held-out messages in replay order (`corpus.heldOutSha256`) and, for each stateful config entry, the sizes
 * of every connection it replayed (`sizes.replayedConnections`). When both runs' digests match, each side's
 * size figures are summed over the connections both replayed, and those are compared: exactly the same
 * messages, so a worse ratio fails as `run --baseline` fails it. A corpus that changed keeps its warning.
 */
import { createHash } from 'node:crypto'
import type { CorpusMessage } from '../corpus/index.ts'
import { formatCount } from '../report/index.ts'
import type { Results, RunRegression } from '../runner/index.ts'
import type { ConnectionSizes } from './measure-stateful-entry.ts'
import type { Comparison, EntryResult } from './types.ts'

/** One replayed connection as comparison.json records it: messages, original bytes, compressed bytes, sum of per-message ratios, messages expanded. */
export type ReplayedConnection = [number, number, number, number, number]

/**
 * sha256 of the held-out messages in the order a stateful replay takes them: each connection's message count,
 * then each message's length and bytes. Equal digests: the same messages, in the same connections, in the same order.
 */
export function heldOutDigest(connections: readonly (readonly Pick<CorpusMessage, 'bytes'>[])[]): string {
  const hash = createHash('sha256')
  const word = Buffer.alloc(8)
  const count = (n: number): void => {
    word.writeDoubleBE(n)
    hash.update(word)
  }
  count(connections.length)
  for (const connection of connections) {
    count(connection.length)
    for (const message of connection) {
      count(message.bytes.length)
      hash.update(message.bytes)
    }
  }
  return hash.digest('hex')
}

/** True for the entry of a suite's `mode: stateful` config (the entries a baseline compares). */
function isStatefulConfigEntry(entry: EntryResult): boolean {
  return entry.spec.kind === 'stateful' && entry.spec.codec === 'hybrid' && entry.spec.config !== undefined
}

/** Every complete stateful config entry with the sizes of each connection it replayed (`sizes.replayedConnections`). */
export function withReplayedConnections(
  entries: readonly EntryResult[],
  connectionSizes: ReadonlyMap<string, readonly ConnectionSizes[]>,
): EntryResult[] {
  return entries.map((entry) => {
    const sizes = connectionSizes.get(entry.spec.id)
    if (!isStatefulConfigEntry(entry) || entry.state !== 'complete' || sizes === undefined) return entry
    const replayedConnections = sizes.map(
      (c): ReplayedConnection => [c.messages, c.originalBytes, c.compressedBytes, c.ratioSum, c.expanded],
    )
    return { ...entry, sizes: { ...entry.sizes, replayedConnections } }
  })
}

/** The size figures of one side over the connections both runs replayed. */
interface CommonSizes {
  /** connections both runs replayed (a prefix of the seeded order) */
  connections: number
  baseline: ConnectionSizes
  current: ConnectionSizes
  /** connections each side's own figures are over */
  figures: { baseline: number; current: number }
}

/** The sums of a replay's first `k` recorded connections. */
function sumOf(replayed: readonly ReplayedConnection[], k: number): ConnectionSizes {
  const total: ConnectionSizes = { messages: 0, originalBytes: 0, compressedBytes: 0, ratioSum: 0, expanded: 0 }
  for (const [messages, originalBytes, compressedBytes, ratioSum, expanded] of replayed.slice(0, k)) {
    total.messages += messages
    total.originalBytes += originalBytes
    total.compressedBytes += compressedBytes
    total.ratioSum += ratioSum
    total.expanded += expanded
  }
  return total
}

/** `corpus x config` of a run or an entry. */
const keyOf = (corpus: string, config: string): string => `${corpus} x ${config}`

/**
 * Per corpus x stateful config of both comparisons, the figures over the connections both replayed, when the
 * held-out parts are the same (equal `heldOutSha256`), both recorded the connections they replayed, those connections hold the same messages and bytes on both
 * sides, and either side's figures are over other messages than them (else there is nothing to change).
 */
export function commonConnectionSizes(
  current: Pick<Comparison, 'corpora'>,
  baseline: Pick<Comparison, 'corpora'>,
): Map<string, CommonSizes> {
  const found = new Map<string, CommonSizes>()
  for (const now of current.corpora) {
    const then = baseline.corpora.find((c) => c.corpus.name === now.corpus.name)
    const digest = now.corpus.heldOutSha256
    if (then === undefined || digest === undefined || then.corpus.heldOutSha256 !== digest) continue
    for (const entry of now.entries) {
      const config = entry.spec.config
      if (!isStatefulConfigEntry(entry) || entry.state !== 'complete' || config === undefined) continue
      const before = then.entries.find((e) => isStatefulConfigEntry(e) && e.spec.config === config)
      if (before === undefined || before.state !== 'complete') continue
      const a = before.sizes.replayedConnections
      const b = entry.sizes.replayedConnections
      if (a === undefined || b === undefined) continue
      const k = Math.min(a.length, b.length)
      if (k === 0) continue
      const sumA = sumOf(a, k)
      const sumB = sumOf(b, k)
      if (sumA.messages !== sumB.messages || sumA.originalBytes !== sumB.originalBytes) continue
      if (sumA.messages === before.sizes.messages && sumB.messages === entry.sizes.messages) continue
      found.set(keyOf(now.corpus.name, config), {
        connections: k,
        baseline: sumA,
        current: sumB,
        figures: { baseline: before.sizes.connections ?? 0, current: entry.sizes.connections ?? 0 },
      })
    }
  }
  return found
}

/** The runs of `results` (a comparison's stateful entries as runs) with their size metrics over the common connections. */
export function onCommonConnections(
  results: Results,
  common: ReadonlyMap<string, CommonSizes>,
  side: 'baseline' | 'current',
): Results {
  return {
    ...results,
    runs: results.runs.map((run) => {
      const found = common.get(keyOf(run.corpus, run.config))
      if (found === undefined) return run
      const s = found[side]
      return {
        ...run,
        metrics: {
          ...run.metrics,
          messages: s.messages,
          originalBytes: s.originalBytes,
          compressedBytes: s.compressedBytes,
          ratio: s.compressedBytes === 0 ? 0 : s.originalBytes / s.compressedBytes,
          meanRatio: s.messages === 0 ? 0 : s.ratioSum / s.messages,
          savings: s.originalBytes === 0 ? 0 : 1 - s.compressedBytes / s.originalBytes,
          expansionRate: s.messages === 0 ? 0 : s.expanded / s.messages,
        },
      }
    }),
  }
}

/** The note of a run compared on the common connections (the report's Baseline Comparison shows it under the run). */
export function commonConnectionsNote(found: CommonSizes): string {
  return `size metrics compared on the first ${formatCount(found.connections)} connections (${formatCount(found.current.messages)} messages) of the same held-out part, which both runs replayed (the entries' own figures are over ${formatCount(found.figures.baseline)} connections in the baseline and ${formatCount(found.figures.current)} in this run: the size budget cut the replays at other points)`
}

/** The baseline comparison's runs with the common-connections note on each run compared that way. */
export function withCommonConnectionsNotes<T extends { runs: RunRegression[] }>(
  compared: T,
  common: ReadonlyMap<string, CommonSizes>,
): T {
  return {
    ...compared,
    runs: compared.runs.map((run) => {
      const found = common.get(keyOf(run.corpus, run.config))
      return found === undefined || run.note !== undefined ? run : { ...run, note: commonConnectionsNote(found) }
    }),
  }
}
