/**
 * Which codec and level to pick per corpus within each encode-p95 budget, and the answer to the
 * seed's "Replace Brotli with Zstandard (2-3x faster)?", from the measurements only.
 *
 * Rules:
 * - An entry is eligible when it completed, every round trip was byte-exact, and latency was measured.
 * - Within a budget (encode p95 ≤ budget) the pick is the highest aggregate ratio; ties go to the lower p95.
 *   An entry at or below 1.0x sends more bytes than the message itself: it is never the pick, and when
 *   nothing beats 1.0x the answer is to send uncompressed (`best` absent, `bestExpanding` says what came closest).
 *   Per-message entries are picked from; stateful entries (one context per connection) are reported
 *   beside them, since they need per-connection memory and in-order delivery.
 * - "Replace Brotli with Zstandard": the fastest Zstandard entry (encode p95) whose ratio is at least
 *   the current codec's, without a dictionary first, then with one.
 * - Latency ranks only entries timed warm. An entry whose latency is its size pass's cold first calls
 *   (method `size-pass`: no time for a warm pass) is never picked within a budget, never a "fastest at
 *   least as small", never excluded on those numbers either: it is listed in `timedCold`, and the
 *   current codec, when timed cold, is still compared against but said to be.
 */
import type { CorpusComparison, CorpusInfo, EntryResult } from './types.ts'

/** The picks within one budget. */
export interface BudgetPick {
  budgetUs: number
  /** best per-message entry of any family; only an entry above 1.0x (smaller than the messages) */
  best?: EntryResult
  /** the best per-message entry when none beats 1.0x: sending uncompressed is better than it */
  bestExpanding?: EntryResult
  bestBrotli?: EntryResult
  /** false when the comparison measured no Brotli entry at all (the sentence then says none was measured) */
  brotliMeasured?: boolean
  /** best Zstandard without a dictionary */
  bestZstd?: EntryResult
  bestZstdDict?: EntryResult
  bestStateful?: EntryResult
  /** which of Brotli and Zstandard (with or without dictionary) is smaller within the budget; `none` when neither fits */
  winner: 'zstd' | 'brotli' | 'none'
  /** bytes the winner saves against the other: 1 - loserRatio / winnerRatio (absent when one side has no entry) */
  winnerSavesShare?: number
}

/** A Zstandard entry that is at least as small as the current codec, and how much faster it encodes (p95). */
export interface Match {
  entry: EntryResult
  /** current encode p95 / this entry's encode p95 */
  speedup: number
}

/** The recommendation for one corpus. */
export interface CorpusRecommendation {
  corpus: CorpusInfo
  current?: EntryResult
  /** fastest Zstandard without dictionary at least as small as current */
  matchZstd?: Match
  /** fastest Zstandard with dictionary at least as small as current */
  matchZstdDict?: Match
  /** best Zstandard without dictionary by ratio at any speed */
  bestZstdAnySpeed?: EntryResult
  /** best stateful entry by ratio at any speed */
  bestStatefulAnySpeed?: EntryResult
  /**
   * round 35 (s34-trial D4): with a per-connection current codec (permessage_deflate), every other eligible stateful
   * entry against it, by ratio descending: `factor` = its ratio / the current's (how many times fewer bytes it sends)
   */
  statefulVsCurrent?: { entry: EntryResult; factor: number }[]
  /**
   * s38-fixs: with a per-connection current codec, the stateful configs' entries (`mode: stateful` hybrids) that
   * cannot be set against it (failed, round-trip mismatches, not timed); absent when there are none
   */
  statefulConfigsFailed?: EntryResult[]
  /**
   * s40-trial D3: the suite's per-message configs (hybrids) that send fewer bytes than the current codec, best first:
   * `factor` = its ratio / the current's. A hybrid that beats the current codec but fits no latency budget was named
   * nowhere in the summary; absent when there is none
   */
  configsBeatingCurrent?: { entry: EntryResult; factor: number }[]
  budgets: BudgetPick[]
  /** complete, byte-exact per-message entries timed cold (method `size-pass`), not ranked by latency, by ratio descending */
  timedCold: EntryResult[]
  /** the corpus has a per-message entry (s36-trial D7: without one, the summary says nothing of budgets or the current codec) */
  hasPerMessage?: boolean
  /** the corpus has a stateful config's entry and a permessage_deflate one (the summary hints at `compare.current`) */
  hasStatefulAndPmd?: boolean
}

/** The current codec: a codec name and a level, e.g. brotli 11; `takeover` for permessage_deflate (absent: true). */
interface CurrentCodec {
  codec: string
  level: number
  takeover?: boolean
}

/** True when the entry is the current codec (permessage_deflate: with the context takeover asked). */
function isCurrent(entry: EntryResult, current: CurrentCodec): boolean {
  if (entry.spec.codec !== current.codec || entry.spec.level !== current.level) return false
  return current.codec !== 'permessage_deflate' || entry.spec.contextTakeover === (current.takeover ?? true)
}

/** True when an entry can be recommended: complete, byte-exact, timed. */
function isEligible(entry: EntryResult): boolean {
  return (
    entry.state === 'complete' &&
    entry.roundTrip.mismatches === 0 &&
    entry.latencyUs !== undefined &&
    entry.sizes.messages > 0
  )
}

/** True when an entry's latency comes from a warm pass (not the cold first calls of its size pass). */
export function isTimedWarm(entry: EntryResult): boolean {
  return entry.latencyUs !== undefined && entry.latencyUs.method !== 'size-pass'
}

/** Encode p95 in µs (Infinity when not measured). */
export function encodeP95Us(entry: EntryResult): number {
  return entry.latencyUs?.encode.p95 ?? Infinity
}

/** The highest ratio; ties go to the lower encode p95. */
function pickBest(entries: readonly EntryResult[]): EntryResult | undefined {
  let best: EntryResult | undefined
  for (const e of entries) {
    if (
      best === undefined ||
      e.sizes.ratio > best.sizes.ratio ||
      (e.sizes.ratio === best.sizes.ratio && encodeP95Us(e) < encodeP95Us(best))
    )
      best = e
  }
  return best
}

/** The lowest encode p95 among entries whose ratio is at least `ratio`. */
function fastestAtLeast(entries: readonly EntryResult[], ratio: number, current: EntryResult): Match | undefined {
  let fastest: EntryResult | undefined
  for (const e of entries)
    if (e.sizes.ratio >= ratio && (fastest === undefined || encodeP95Us(e) < encodeP95Us(fastest))) fastest = e
  return fastest === undefined ? undefined : { entry: fastest, speedup: encodeP95Us(current) / encodeP95Us(fastest) }
}

const isBrotli = (e: EntryResult) => e.spec.family === 'brotli'
const isZstd = (e: EntryResult) => e.spec.family === 'zstd'
const isZstdDict = (e: EntryResult) => e.spec.family === 'zstd_dict'

/** The picks within one budget among the eligible entries (see isEligible). */
export function pickWithinBudget(entries: readonly EntryResult[], budgetUs: number): BudgetPick {
  const within = entries.filter((e) => isEligible(e) && isTimedWarm(e) && encodeP95Us(e) <= budgetUs)
  const perMessage = within.filter((e) => e.spec.kind === 'per-message')
  const pick: BudgetPick = { budgetUs, winner: 'none' }
  if (!entries.some(isBrotli)) pick.brotliMeasured = false
  const bestAny = pickBest(perMessage)
  const best = bestAny !== undefined && bestAny.sizes.ratio > 1 ? bestAny : undefined
  if (bestAny !== undefined && best === undefined) pick.bestExpanding = bestAny
  const bestBrotli = pickBest(perMessage.filter(isBrotli))
  const bestZstd = pickBest(perMessage.filter(isZstd))
  const bestZstdDict = pickBest(perMessage.filter(isZstdDict))
  const bestStateful = pickBest(within.filter((e) => e.spec.kind === 'stateful'))
  if (best !== undefined) pick.best = best
  if (bestBrotli !== undefined) pick.bestBrotli = bestBrotli
  if (bestZstd !== undefined) pick.bestZstd = bestZstd
  if (bestZstdDict !== undefined) pick.bestZstdDict = bestZstdDict
  if (bestStateful !== undefined) pick.bestStateful = bestStateful
  const zstdSide = pickBest([bestZstd, bestZstdDict].filter((e): e is EntryResult => e !== undefined))
  if (zstdSide === undefined && bestBrotli === undefined) return pick
  const zstdWins =
    bestBrotli === undefined || (zstdSide !== undefined && zstdSide.sizes.ratio >= bestBrotli.sizes.ratio)
  pick.winner = zstdWins ? 'zstd' : 'brotli'
  if (zstdSide !== undefined && bestBrotli !== undefined) {
    const [winner, loser] = zstdWins ? [zstdSide, bestBrotli] : [bestBrotli, zstdSide]
    pick.winnerSavesShare = 1 - loser.sizes.ratio / winner.sizes.ratio
  }
  return pick
}

/** The recommendation for one corpus within each budget, and against the current codec. */
export function recommendCorpus(
  comparison: CorpusComparison,
  budgetsUs: readonly number[],
  current: CurrentCodec,
): CorpusRecommendation {
  const eligible = comparison.entries.filter(isEligible)
  const perMessage = eligible.filter((e) => e.spec.kind === 'per-message')
  const recommendation: CorpusRecommendation = {
    corpus: comparison.corpus,
    budgets: budgetsUs.map((b) => pickWithinBudget(eligible, b)),
    timedCold: perMessage.filter((e) => !isTimedWarm(e)).sort((a, b) => b.sizes.ratio - a.sizes.ratio),
    hasPerMessage: comparison.entries.some((e) => e.spec.kind === 'per-message'),
    hasStatefulAndPmd:
      comparison.entries.some((e) => e.spec.kind === 'stateful' && e.spec.codec === 'hybrid') &&
      comparison.entries.some((e) => e.spec.codec === 'permessage_deflate'),
  }
  const bestZstdAnySpeed = pickBest(perMessage.filter(isZstd))
  const bestStatefulAnySpeed = pickBest(eligible.filter((e) => e.spec.kind === 'stateful'))
  if (bestZstdAnySpeed !== undefined) recommendation.bestZstdAnySpeed = bestZstdAnySpeed
  if (bestStatefulAnySpeed !== undefined) recommendation.bestStatefulAnySpeed = bestStatefulAnySpeed
  const currentEntry = eligible.find((e) => isCurrent(e, current))
  if (currentEntry === undefined) return recommendation
  recommendation.current = currentEntry
  if (currentEntry.spec.kind === 'stateful' && currentEntry.sizes.ratio > 0)
    recommendation.statefulVsCurrent = eligible
      .filter((e) => e.spec.kind === 'stateful' && e !== currentEntry)
      .map((entry) => ({ entry, factor: entry.sizes.ratio / currentEntry.sizes.ratio }))
      .sort((a, b) => b.factor - a.factor)
  const failed = comparison.entries.filter(
    (e) => e.spec.kind === 'stateful' && e.spec.codec === 'hybrid' && !isEligible(e),
  )
  if (recommendation.statefulVsCurrent !== undefined && failed.length > 0) recommendation.statefulConfigsFailed = failed
  const beating = perMessage
    .filter((e) => e.spec.family === 'hybrid' && e !== currentEntry && e.sizes.ratio > currentEntry.sizes.ratio)
    .map((entry) => ({ entry, factor: entry.sizes.ratio / currentEntry.sizes.ratio }))
    .sort((a, b) => b.factor - a.factor)
  if (beating.length > 0) recommendation.configsBeatingCurrent = beating
  const warm = perMessage.filter(isTimedWarm)
  const matchZstd = fastestAtLeast(warm.filter(isZstd), currentEntry.sizes.ratio, currentEntry)
  const matchZstdDict = fastestAtLeast(warm.filter(isZstdDict), currentEntry.sizes.ratio, currentEntry)
  if (matchZstd !== undefined) recommendation.matchZstd = matchZstd
  if (matchZstdDict !== undefined) recommendation.matchZstdDict = matchZstdDict
  return recommendation
}

/** Median encode p95 of two codecs at the same level across corpora, and the median of their per-corpus ratio. */
interface BindingCost {
  codec: string
  otherCodec: string
  level: number
  corpora: number
  medianP95Us: number
  otherMedianP95Us: number
  /** median over corpora of codec p95 / other p95 */
  medianFactor: number
}

/** Compares two codecs of one algorithm (e.g. brotli-wasm vs node:zlib Brotli) at one level across corpora; undefined when no corpus has both. */
export function compareBindings(
  corpora: readonly CorpusComparison[],
  codec: string,
  otherCodec: string,
  level: number,
): BindingCost | undefined {
  const pairs = corpora.flatMap((c) => {
    const timed = (e: EntryResult) => isEligible(e) && isTimedWarm(e)
    const a = c.entries.find((e) => e.spec.codec === codec && e.spec.level === level && timed(e))
    const b = c.entries.find((e) => e.spec.codec === otherCodec && e.spec.level === level && timed(e))
    return a === undefined || b === undefined ? [] : [{ a: encodeP95Us(a), b: encodeP95Us(b) }]
  })
  if (pairs.length === 0) return undefined
  return {
    codec,
    otherCodec,
    level,
    corpora: pairs.length,
    medianP95Us: median(pairs.map((p) => p.a)),
    otherMedianP95Us: median(pairs.map((p) => p.b)),
    medianFactor: median(pairs.map((p) => p.a / p.b)),
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
