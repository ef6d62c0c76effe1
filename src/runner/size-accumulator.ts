/**
 * Additive size counters for one run. Memory does not grow with the corpus: counters, capped lists
 * and a bounded reservoir of messages for latency. Plain data (structured-clonable), so shards
 * measured in worker threads can be merged with `mergeSizeAccumulators`.
 */
import { DECODE_FLOOR_BYTES, expansionLimitBytes } from '../codecs/index.ts'
import { createRandom, type Method } from '../core/index.ts'
import { previewBytes } from './preview.ts'
import { createSizeSample, mergeSizeSamples, offerSizeSample, type SizeSample } from './confidence.ts'
import { addExact, createExactSum, mergeExact, roundExactSum, type ExactSum } from './exact-sum.ts'
import type { ExpandingMessage, RoundTripMismatch, SizeMetrics } from './types.ts'

/** A message as the runner reads it (structurally the corpus layer's `CorpusMessage`). */
export interface RunnerMessage {
  /** position in the corpus, 0-based */
  index: number
  bytes: Uint8Array
  category?: string
  connection?: string
}

/** Category name for messages that have none. */
const UNCATEGORISED = 'uncategorised'

/** Additive counters behind `SizeMetrics`; merging two is adding them. */
export interface SizeCounts {
  messages: number
  originalBytes: number
  compressedBytes: number
  /** sum over messages of originalBytes / compressedBytes, for `meanRatio`; exact, so any split of the messages gives the same meanRatio to the bit */
  ratioSum: ExactSum
  /** messages whose frame is longer than the message */
  expanded: number
  /** messages whose frame is shorter than the message */
  shrunk: number
  methods: Partial<Record<Method, number>>
}

/** The first message whose compress threw. */
export interface CompressFailure {
  index: number
  code: string
  message: string
}

/** Caps on what a size pass keeps; defaults 200 expanding, 200 mismatches, 4096 latency messages. */
export interface SizeLimits {
  maxExpanding: number
  maxMismatches: number
  reservoirSize: number
}

/** Default caps of a size pass. */
const DEFAULT_SIZE_LIMITS: SizeLimits = { maxExpanding: 200, maxMismatches: 200, reservoirSize: 4096 }

/** Everything a size pass has counted so far (one shard or a whole corpus). */
export interface SizeAccumulator {
  limits: SizeLimits
  total: SizeCounts
  categories: Record<string, SizeCounts>
  roundTrip: { checked: number; mismatches: number }
  /** the mismatches of lowest message index, at most `limits.maxMismatches` */
  mismatches: RoundTripMismatch[]
  /** the expanding messages of lowest index, at most `limits.maxExpanding`; `total.expanded` counts all */
  expanding: ExpandingMessage[]
  /** messages whose compress threw (left out of the size counts) */
  failedMessages: number
  /** the failure of lowest message index, or null */
  firstFailure: CompressFailure | null
  /** uniform sample (algorithm R) of the compressed messages, for latency */
  reservoir: { seenMessages: number; messages: RunnerMessage[] }
  /** bounded uniform sample of per-message sizes, for the bootstrap intervals of ratio and savings */
  sizeSample: SizeSample
  /**
   * messages sent uncompressed because their compressed frame was past its decode budget (a message
   * over 1 MiB compressing better than 128:1, src/codecs/decode-budget.ts); absent when none
   */
  overBudget?: number
}

/** An empty accumulator. */
export function createSizeAccumulator(limits: Partial<SizeLimits> = {}): SizeAccumulator {
  return {
    limits: { ...DEFAULT_SIZE_LIMITS, ...limits },
    total: createSizeCounts(),
    categories: {},
    roundTrip: { checked: 0, mismatches: 0 },
    mismatches: [],
    expanding: [],
    failedMessages: 0,
    firstFailure: null,
    reservoir: { seenMessages: 0, messages: [] },
    sizeSample: createSizeSample(),
  }
}

/** Zeroed counters. */
export function createSizeCounts(): SizeCounts {
  return {
    messages: 0,
    originalBytes: 0,
    compressedBytes: 0,
    ratioSum: createExactSum(),
    expanded: 0,
    shrunk: 0,
    methods: {},
  }
}

/** Counts one compressed message into the total and its category; lists it (with a preview) when it expanded. */
export function recordFrame(acc: SizeAccumulator, message: RunnerMessage, frameBytes: number, method: Method): void {
  const originalBytes = message.bytes.length
  addMessage(acc.total, originalBytes, frameBytes, method)
  const category = message.category ?? UNCATEGORISED
  addMessage((acc.categories[category] ??= createSizeCounts()), originalBytes, frameBytes, method)
  offerSizeSample(acc.sizeSample, message.index, originalBytes, frameBytes)
  if (frameBytes > originalBytes && acc.expanding.length < acc.limits.maxExpanding) {
    acc.expanding.push({
      index: message.index,
      preview: previewBytes(message.bytes),
      originalBytes,
      compressedBytes: frameBytes,
      method,
    })
  }
}

/** Counts one round-trip check; `mismatch` is undefined when the message came back byte-exact. */
export function recordRoundTrip(acc: SizeAccumulator, mismatch: RoundTripMismatch | undefined): void {
  acc.roundTrip.checked += 1
  if (mismatch === undefined) return
  acc.roundTrip.mismatches += 1
  if (acc.mismatches.length < acc.limits.maxMismatches) acc.mismatches.push(mismatch)
}

/** Counts a message whose compress threw; keeps the first failure. */
export function recordFailure(acc: SizeAccumulator, failure: CompressFailure): void {
  acc.failedMessages += 1
  if (acc.firstFailure === null || failure.index < acc.firstFailure.index) acc.firstFailure = failure
}

/** Offers a message to the latency reservoir (algorithm R: every message seen is kept with equal probability). */
export function sampleForLatency(acc: SizeAccumulator, message: RunnerMessage, random: () => number): void {
  const reservoir = acc.reservoir
  reservoir.seenMessages += 1
  if (reservoir.messages.length < acc.limits.reservoirSize) {
    reservoir.messages.push(message)
    return
  }
  const slot = Math.floor(random() * reservoir.seenMessages)
  if (slot < acc.limits.reservoirSize) reservoir.messages[slot] = message
}

/** Merges two shards' accumulators into a new one, as if their messages had been measured in one pass; `seed` drives the reservoir merge. */
export function mergeSizeAccumulators(a: SizeAccumulator, b: SizeAccumulator, seed = 1): SizeAccumulator {
  const categories: Record<string, SizeCounts> = {}
  for (const name of new Set([...Object.keys(a.categories), ...Object.keys(b.categories)])) {
    categories[name] = addCounts(a.categories[name] ?? createSizeCounts(), b.categories[name] ?? createSizeCounts())
  }
  const failures = [a.firstFailure, b.firstFailure].filter((f): f is CompressFailure => f !== null)
  return {
    limits: a.limits,
    total: addCounts(a.total, b.total),
    categories,
    roundTrip: {
      checked: a.roundTrip.checked + b.roundTrip.checked,
      mismatches: a.roundTrip.mismatches + b.roundTrip.mismatches,
    },
    mismatches: lowestIndices([...a.mismatches, ...b.mismatches], a.limits.maxMismatches),
    expanding: lowestIndices([...a.expanding, ...b.expanding], a.limits.maxExpanding),
    failedMessages: a.failedMessages + b.failedMessages,
    firstFailure: lowestIndices(failures, 1)[0] ?? null,
    reservoir: mergeReservoirs(a.reservoir, b.reservoir, a.limits.reservoirSize, createRandom(seed)),
    sizeSample: mergeSizeSamples(a.sizeSample, b.sizeSample),
    ...(a.overBudget === undefined && b.overBudget === undefined
      ? {}
      : { overBudget: (a.overBudget ?? 0) + (b.overBudget ?? 0) }),
  }
}

/**
 * True when a message went uncompressed only because of the decode budget: over the budget's floor,
 * sent uncompressed although a compressed candidate of a hybrid (its `candidateBytes`) was smaller,
 * and that candidate's frame may not decode to the message's length (the decoder would refuse it).
 */
export function uncompressedByBudget(originalBytes: number, result: { method: Method; metadata: object }): boolean {
  if (result.method !== 'uncompressed' || originalBytes <= DECODE_FLOOR_BYTES) return false
  const candidates = (result.metadata as { candidateBytes?: Partial<Record<Method, number>> }).candidateBytes
  if (candidates === undefined) return false
  const uncompressed = candidates.uncompressed ?? originalBytes
  return Object.entries(candidates).some(
    ([method, size]) =>
      method !== 'uncompressed' &&
      size !== undefined &&
      size >= 0 &&
      size < uncompressed &&
      originalBytes > expansionLimitBytes(size),
  )
}

/** Counts a message `uncompressedByBudget` found. */
export function recordOverBudget(acc: SizeAccumulator): void {
  acc.overBudget = (acc.overBudget ?? 0) + 1
}

/** Size metrics of DESIGN.md from counters; ratios are NaN when no message was measured. */
export function toSizeMetrics(counts: SizeCounts): SizeMetrics {
  const n = counts.messages
  return {
    messages: n,
    originalBytes: counts.originalBytes,
    compressedBytes: counts.compressedBytes,
    ratio: sizeRatio(counts.originalBytes, counts.compressedBytes, n),
    meanRatio: n === 0 ? Number.NaN : roundExactSum(counts.ratioSum) / n,
    savings:
      n === 0
        ? Number.NaN
        : counts.originalBytes === 0 && counts.compressedBytes === 0
          ? 0
          : 1 - counts.compressedBytes / counts.originalBytes,
    templateHitRate: share(counts.methods.binary_semantic ?? 0, n),
    expansionRate: share(counts.expanded, n),
    shrinkRate: share(counts.shrunk, n),
    methods: { ...counts.methods },
  }
}

/** original / compressed for one message or a sum; nothing sent for nothing is 1. */
function sizeRatio(originalBytes: number, compressedBytes: number, messages: number): number {
  if (messages === 0) return Number.NaN
  return originalBytes === 0 && compressedBytes === 0 ? 1 : originalBytes / compressedBytes
}

function share(count: number, messages: number): number {
  return messages === 0 ? Number.NaN : count / messages
}

function addMessage(counts: SizeCounts, originalBytes: number, frameBytes: number, method: Method): void {
  counts.messages += 1
  counts.originalBytes += originalBytes
  counts.compressedBytes += frameBytes
  addExact(counts.ratioSum, sizeRatio(originalBytes, frameBytes, 1))
  if (frameBytes > originalBytes) counts.expanded += 1
  if (frameBytes < originalBytes) counts.shrunk += 1
  counts.methods[method] = (counts.methods[method] ?? 0) + 1
}

function addCounts(a: SizeCounts, b: SizeCounts): SizeCounts {
  const methods: Partial<Record<Method, number>> = { ...a.methods }
  for (const [method, count] of Object.entries(b.methods) as [Method, number][])
    methods[method] = (methods[method] ?? 0) + count
  return {
    messages: a.messages + b.messages,
    originalBytes: a.originalBytes + b.originalBytes,
    compressedBytes: a.compressedBytes + b.compressedBytes,
    ratioSum: mergeExact(a.ratioSum, b.ratioSum),
    expanded: a.expanded + b.expanded,
    shrunk: a.shrunk + b.shrunk,
    methods,
  }
}

function lowestIndices<T extends { index: number }>(items: T[], cap: number): T[] {
  return items.sort((x, y) => x.index - y.index).slice(0, cap)
}

type Reservoir = SizeAccumulator['reservoir']

/**
 * Steps: a uniform sample of the union of two streams, drawn without replacement.
 * 1. Each reservoir is a uniform sample of its stream, so a random item of it stands for a random unseen message of that stream.
 * 2. For each output slot pick stream A with probability (A's messages not yet drawn) / (both streams' not yet drawn).
 * 3. Take a random not-yet-taken item of the chosen reservoir.
 */
function mergeReservoirs(a: Reservoir, b: Reservoir, size: number, random: () => number): Reservoir {
  const poolA = [...a.messages]
  const poolB = [...b.messages]
  let remainingA = a.seenMessages
  let remainingB = b.seenMessages
  const messages: RunnerMessage[] = []
  while (messages.length < size && (poolA.length > 0 || poolB.length > 0)) {
    const fromA = poolB.length === 0 || (poolA.length > 0 && random() * (remainingA + remainingB) < remainingA)
    const pool = fromA ? poolA : poolB
    const pick = Math.floor(random() * pool.length)
    messages.push(pool[pick] as RunnerMessage)
    pool[pick] = pool[pool.length - 1] as RunnerMessage
    pool.pop()
    if (fromA) remainingA -= 1
    else remainingB -= 1
  }
  return { seenMessages: a.seenMessages + b.seenMessages, messages }
}
