/** The size pass: compress every message once, count sizes and methods, check every round trip byte-exactly. */
import {
  createRandom,
  describeError,
  firstDifference,
  METHODS,
  shuffledCopy,
  type Compressor,
  type CompressResult,
} from '../core/index.ts'
import { previewBytes } from './preview.ts'
import {
  createSizeAccumulator,
  recordFailure,
  recordFrame,
  recordOverBudget,
  uncompressedByBudget,
  recordRoundTrip,
  sampleForLatency,
  toSizeMetrics,
  type CompressFailure,
  type RunnerMessage,
  type SizeAccumulator,
  type SizeLimits,
} from './size-accumulator.ts'
import { createRunConfidence } from './confidence.ts'
import type { ExpandingMessage, RoundTripMismatch, RunConfidence, SizeMetrics } from './types.ts'

/** Options of a size pass; `seed` (default 1) drives the latency reservoir and its shuffle. */
export interface SizePassOptions extends Partial<SizeLimits> {
  seed?: number
  /** called with the number of messages done, every `progressEveryMessages` (default 1000) and at the end */
  onProgress?: (messagesDone: number) => void
  progressEveryMessages?: number
}

/** What a size pass found, common to complete and failed passes. */
interface SizePassBody {
  metrics: SizeMetrics
  roundTrip: { checked: number; mismatches: number }
  categories: Record<string, SizeMetrics>
  /** first expanding messages by index (capped); `expandingCount` counts all */
  expanding: ExpandingMessage[]
  expandingCount: number
  /** first mismatches by index (capped); `roundTrip.mismatches` counts all */
  mismatches: RoundTripMismatch[]
  /** a shuffled uniform sample of the compressed messages (at most `reservoirSize`) to time */
  latencySample: RunnerMessage[]
  /** 95% intervals of the size metrics */
  confidence: RunConfidence
}

/** A size pass: `failed` when compress threw on at least one message (those are left out of the metrics). */
export type SizePass = SizePassBody &
  ({ state: 'complete' } | { state: 'failed'; error: CompressFailure; failedMessages: number })

/** Runs the size pass over all messages and returns the metrics; never throws for a codec error. */
export async function measureSizes(
  compressor: Compressor,
  messages: Iterable<RunnerMessage> | AsyncIterable<RunnerMessage>,
  options: SizePassOptions = {},
): Promise<SizePass> {
  return finishSizePass(await accumulateSizes(compressor, messages, options), options.seed)
}

/**
 * The size pass of one shard, as mergeable counters (see `mergeSizeAccumulators`). One async frame
 * for the whole pass: per message the only awaits are the compressor's two promises (and the
 * source's, for an async iterable), as in a bare compress/decompress loop.
 */
export async function accumulateSizes(
  compressor: Compressor,
  messages: Iterable<RunnerMessage> | AsyncIterable<RunnerMessage>,
  options: SizePassOptions = {},
): Promise<SizeAccumulator> {
  const { seed = 1, onProgress, progressEveryMessages = 1000, ...limits } = options
  const acc = createSizeAccumulator(limits)
  const random = createRandom(seed)
  const sync = isIterable(messages)
  const iterator = sync ? messages[Symbol.iterator]() : messages[Symbol.asyncIterator]()
  let done = 0
  // as `for await`: a source whose own next() failed is not asked to close
  let sourceFailed = false
  try {
    for (;;) {
      sourceFailed = true
      // a sync iterator's step is no promise: awaiting it, as `for await` does, costs a microtask per message
      const step = sync ? (iterator as Iterator<RunnerMessage>).next() : await iterator.next()
      sourceFailed = false
      if (step.done === true) break
      const message = step.value
      let result: CompressResult | undefined
      try {
        result = checkedResult(await compressor.compress(message.bytes))
      } catch (error) {
        recordFailure(acc, { index: message.index, ...describeError(error) })
      }
      if (result !== undefined) {
        recordFrame(acc, message, result.bytes.length, result.method)
        if (uncompressedByBudget(message.bytes.length, result)) recordOverBudget(acc)
        let mismatch: RoundTripMismatch | undefined
        try {
          mismatch = roundTripMismatch(message, await compressor.decompress(result.bytes))
        } catch (error) {
          mismatch = decodeFailure(message, error)
        }
        recordRoundTrip(acc, mismatch)
        sampleForLatency(acc, message, random)
      }
      if (++done % progressEveryMessages === 0) onProgress?.(done)
    }
  } catch (error) {
    if (!sourceFailed) await closeQuietly(iterator)
    throw error
  }
  if (onProgress !== undefined && done % progressEveryMessages !== 0) onProgress(done)
  return acc
}

/** The messages latency times: the reservoir, shuffled (it keeps early messages in early slots; timing should not). */
export function latencySampleOf(acc: SizeAccumulator, seed = 1): RunnerMessage[] {
  return shuffledCopy(acc.reservoir.messages, createRandom(seed ^ 0x5bd1e995))
}

/** Turns counters into a size pass: metrics per run and category, and a shuffled latency sample. */
export function finishSizePass(acc: SizeAccumulator, seed = 1): SizePass {
  const categories: Record<string, SizeMetrics> = {}
  for (const name of Object.keys(acc.categories).sort())
    categories[name] = toSizeMetrics(acc.categories[name] as NonNullable<(typeof acc.categories)[string]>)
  const body: SizePassBody = {
    metrics: toSizeMetrics(acc.total),
    roundTrip: { ...acc.roundTrip },
    categories,
    expanding: [...acc.expanding],
    expandingCount: acc.total.expanded,
    mismatches: [...acc.mismatches],
    latencySample: latencySampleOf(acc, seed),
    confidence: createRunConfidence(
      { ...acc.total, templateHits: acc.total.methods.binary_semantic ?? 0 },
      acc.sizeSample,
    ),
  }
  if (acc.firstFailure === null) return { ...body, state: 'complete' }
  return { ...body, state: 'failed', error: acc.firstFailure, failedMessages: acc.failedMessages }
}

/** True for a source to read synchronously: it has no async iterator (`for await` prefers that one when it has both). */
function isIterable<T>(items: Iterable<T> | AsyncIterable<T>): items is Iterable<T> {
  return (
    typeof (items as Partial<AsyncIterable<T>>)[Symbol.asyncIterator] !== 'function' &&
    typeof (items as Partial<Iterable<T>>)[Symbol.iterator] === 'function'
  )
}

/** Lets a source release what it holds (a file, a worker's inbox) when the pass stops early, as `for ... of` would; the pass's own error is the one to report. */
async function closeQuietly(iterator: Iterator<RunnerMessage> | AsyncIterator<RunnerMessage>): Promise<void> {
  try {
    await iterator.return?.()
  } catch {
    // ignored: the error that stopped the pass is rethrown
  }
}

const KNOWN_METHODS: ReadonlySet<string> = new Set(METHODS)

/** A compressor that returns something other than a frame and a known method has failed, like one that throws. */
function checkedResult(result: CompressResult): CompressResult {
  if (!(result?.bytes instanceof Uint8Array))
    throw Object.assign(new Error('compress returned no frame bytes'), { code: 'E_CODEC_FAILED' })
  if (!KNOWN_METHODS.has(result.method)) {
    throw Object.assign(new Error(`compress returned an unknown method "${String(result.method)}"`), {
      code: 'E_CODEC_FAILED',
    })
  }
  return result
}

/** undefined when decompress gave the message back byte-exactly, else where and how it differs. */
function roundTripMismatch(message: RunnerMessage, decoded: Uint8Array): RoundTripMismatch | undefined {
  const decodedBytes = decoded instanceof Uint8Array ? decoded : new Uint8Array(0)
  const at = decoded instanceof Uint8Array ? firstDifference(message.bytes, decodedBytes) : 0
  if (at === -1) return undefined
  return {
    index: message.index,
    preview: previewBytes(message.bytes),
    firstDifferingByte: at,
    decodedBytes: decodedBytes.length,
  }
}

/** The mismatch of a frame that decompress rejected. */
function decodeFailure(message: RunnerMessage, error: unknown): RoundTripMismatch {
  const { code, message: text } = describeError(error)
  return { index: message.index, preview: previewBytes(message.bytes), firstDifferingByte: -1, error: text, code }
}
