/**
 * From records to corpus messages: size filters, limit, train/test split and seeded sample, each
 * working on a stream (only the sample holds its `size` messages in memory).
 */
import { AuraError, createRandom, type ErrorLocation } from '../core/index.ts'
import {
  createLoadStats,
  type CorpusLoadStats,
  type CorpusMessage,
  type CorpusOptions,
  type SourceRecord,
} from './types.ts'

/** Without `maxMessageBytes`, a message over this many bytes (16 MiB) is an error rather than a sample of small messages. */
export const HARD_CAP_BYTES = 16 * 1024 * 1024

/** The options selection uses, plus where to point errors. */
export type SelectOptions = Pick<
  CorpusOptions,
  'limit' | 'sample' | 'split' | 'minMessageBytes' | 'maxMessageBytes'
> & { name: string; file: string; origin?: ErrorLocation }

/**
 * Selects the messages of a corpus.
 * Steps:
 *  1. drop empty lines and skipped frames; drop messages outside min/max bytes (a message over the
 *     16 MiB cap without `maxMessageBytes` is an error); number the rest 0, 1, 2, ... (`index`)
 *  2. stop after `limit` messages
 *  3. split: `ordered` keeps index < floor(n * trainFraction) as train (a first pass counts n);
 *     `random` puts a message in train when a seeded hash of its index is below trainFraction,
 *     so a message keeps its side when the corpus grows
 *  4. sample: seeded reservoir sample of `size` messages, handed out in corpus order
 * Throws E_CORPUS_EMPTY, saying what removed what, when nothing is left.
 */
export async function* selectMessages(
  openRecords: () => AsyncIterable<SourceRecord>,
  options: SelectOptions,
  stats: CorpusLoadStats,
): AsyncGenerator<CorpusMessage> {
  const split = options.split
  let total = 0
  if (split?.mode === 'ordered') {
    for await (const _ of filterRecords(openRecords(), options, createLoadStats())) total += 1
  }
  const inSplit = (index: number): boolean => {
    if (split === undefined) return true
    const isTrain =
      split.mode === 'ordered'
        ? index < Math.floor(total * split.trainFraction)
        : hashUnit(index, split.seed) < split.trainFraction
    return isTrain === (split.use === 'train')
  }
  const reservoir = options.sample === undefined ? undefined : new Reservoir(options.sample.size, options.sample.seed)
  for await (const message of filterRecords(openRecords(), options, stats)) {
    if (!inSplit(message.index)) stats.excludedBySplit += 1
    else if (reservoir !== undefined) reservoir.offer(message)
    else {
      stats.messages += 1
      yield message
    }
  }
  if (reservoir !== undefined) {
    const kept = reservoir.inCorpusOrder()
    stats.excludedBySample = reservoir.offered - kept.length
    stats.messages += kept.length
    yield* kept
  }
  if (stats.messages === 0) throw emptyCorpusError(options, stats)
}

/** Step 1 and 2: content filters, numbering and limit. */
async function* filterRecords(
  records: AsyncIterable<SourceRecord>,
  options: SelectOptions,
  stats: CorpusLoadStats,
): AsyncGenerator<CorpusMessage> {
  const { minMessageBytes = 0, maxMessageBytes, limit } = options
  let index = 0
  for await (const record of records) {
    if (record.state === 'empty') stats.skippedEmptyLines += 1
    else if (record.state === 'skipped') stats.skippedFrames += 1
    else {
      stats.recordsRead += 1
      const sizeBytes = record.state === 'oversized' ? record.sizeBytes : record.bytes.length
      if (sizeBytes > (maxMessageBytes ?? HARD_CAP_BYTES)) {
        if (maxMessageBytes === undefined) throw tooLargeError(options, record.place, sizeBytes)
        stats.droppedAboveMaxBytes += 1
      } else if (record.state === 'oversized') throw tooLargeError(options, record.place, sizeBytes)
      else if (sizeBytes < minMessageBytes) stats.droppedBelowMinBytes += 1
      else if (limit !== undefined && index >= limit) {
        // this record was only read to learn that the limit cut something off
        stats.recordsRead -= 1
        stats.stoppedAtLimit = true
        return
      } else {
        const { place, state: _state, ...message } = record
        yield place.line === undefined ? { index, ...message } : { index, ...message, line: place.line }
        index += 1
      }
    }
  }
}

/** Seeded reservoir sample (Algorithm R). */
class Reservoir {
  offered = 0
  private readonly kept: CorpusMessage[] = []
  private readonly random: () => number
  private readonly size: number

  constructor(size: number, seed: number) {
    this.size = size
    this.random = createRandom(seed)
  }

  offer(message: CorpusMessage): void {
    this.offered += 1
    if (this.kept.length < this.size) this.kept.push(message)
    else {
      const slot = Math.floor(this.random() * this.offered)
      if (slot < this.size) this.kept[slot] = message
    }
  }

  inCorpusOrder(): CorpusMessage[] {
    return [...this.kept].sort((a, b) => a.index - b.index)
  }
}

/** A seeded hash of an index mapped to [0, 1) (murmur3 finaliser over index and seed). */
export function hashUnit(index: number, seed: number): number {
  let h = fmix32((index >>> 0) ^ fmix32(seed >>> 0))
  h = fmix32(h ^ Math.floor(index / 4294967296))
  return h / 4294967296
}

function fmix32(value: number): number {
  let h = value >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

function tooLargeError(options: SelectOptions, place: SourceRecord['place'], sizeBytes: number): AuraError {
  const where = place.line !== undefined ? `line ${place.line}` : (place.field ?? 'a message')
  return new AuraError(
    'E_MESSAGE_TOO_LARGE',
    `${where} of corpus "${options.name}" is ${sizeBytes} bytes, over the ${HARD_CAP_BYTES}-byte cap`,
    { file: options.file, ...place },
    {
      hint: 'set max_message_bytes on the corpus to skip messages above a size (it replaces the cap)',
    },
  )
}

/** Says which filters removed what when a corpus ends up empty. */
export function emptyCorpusError(options: SelectOptions, stats: CorpusLoadStats): AuraError {
  const removed: string[] = []
  if (stats.skippedEmptyLines > 0) removed.push(`${stats.skippedEmptyLines} empty lines skipped`)
  if (stats.skippedFrames > 0)
    removed.push(`${stats.skippedFrames} websocket frames of the other direction or a control opcode skipped`)
  if (stats.droppedBelowMinBytes > 0)
    removed.push(`${stats.droppedBelowMinBytes} below min_message_bytes ${options.minMessageBytes}`)
  if (stats.droppedAboveMaxBytes > 0)
    removed.push(`${stats.droppedAboveMaxBytes} above max_message_bytes ${options.maxMessageBytes}`)
  if (stats.excludedBySplit > 0)
    removed.push(
      `${stats.excludedBySplit} in the ${options.split?.use === 'train' ? 'test' : 'train'} part of the split`,
    )
  const detail =
    stats.recordsRead === 0 && removed.length === 0
      ? 'the file holds no messages'
      : `${stats.recordsRead} read; ${removed.join('; ') || 'none removed'}`
  // the location is the suite entry when there is one, so the message names the corpus file itself
  return new AuraError(
    'E_CORPUS_EMPTY',
    `corpus "${options.name}" (${options.file}) has no messages after filtering: ${detail}`,
    options.origin ?? { file: options.file },
  )
}
