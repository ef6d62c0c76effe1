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
  'limit' | 'sample' | 'split' | 'minMessageBytes' | 'maxMessageBytes' | 'capAdvice'
> & { name: string; file: string; origin?: ErrorLocation }

/**
 * A part of a corpus to hand out (a shard's share, `run --shard I/N`): a message it does not keep is
 * numbered and counted (`outsideShare`) but not handed out, and where its line alone tells that it is
 * a message of the selection, not even decoded (see `SkipCheck`).
 */
export interface CorpusShare {
  keeps(index: number, connection: string | undefined): boolean
}

/**
 * Asked by a line reader before it decodes a line that can only be a message (not blank), of at most
 * `sizeBytes` bytes (`exact`: exactly), with its recorded connection: true when the message is
 * certainly in the selection and outside the share, in which case it is numbered and counted here
 * and the reader drops it. It says false whenever decoding could change the outcome (a size filter
 * the bound cannot settle, the limit, a sample), so the messages handed out, their indices and the
 * filters' counts are those of a full read; a line skipped this way is not checked for bad input
 * here (the shard that keeps it reads it whole).
 */
export type SkipCheck = (sizeBytes: number, exact: boolean, connection: string | undefined) => boolean

/** The next message index of one pass, shared by the reader's skip check and the filters. */
interface Numbering {
  next: number
}

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
 *  5. share: only the messages `share` keeps are handed out; `openRecords` gets a SkipCheck so a
 *     line reader can drop the others undecoded
 * Throws E_CORPUS_EMPTY, saying what removed what, when nothing is left (before the share).
 */
export async function* selectMessages(
  openRecords: (skip?: SkipCheck) => AsyncIterable<SourceRecord>,
  options: SelectOptions,
  stats: CorpusLoadStats,
  share?: CorpusShare,
): AsyncGenerator<CorpusMessage> {
  const split = options.split
  let total = 0
  if (split?.mode === 'ordered') {
    const numbering: Numbering = { next: 0 }
    const countStats = createLoadStats()
    // with a share, lines that are surely messages are counted, not decoded (their shards decode them)
    const skip = share === undefined ? undefined : skipCheck(options, countStats, numbering, () => true)
    for await (const _ of filterRecords(openRecords(skip), options, countStats, numbering)) {
      // numbered by filterRecords
    }
    total = numbering.next
  }
  const inSplit = (index: number): boolean =>
    split === undefined || isTrainIndex(index, total, split) === (split.use === 'train')
  const keeps = (message: CorpusMessage): boolean => {
    if (share === undefined || share.keeps(message.index, message.connection)) return true
    stats.outsideShare += 1
    return false
  }
  const numbering: Numbering = { next: 0 }
  const reservoir = options.sample === undefined ? undefined : new Reservoir(options.sample.size, options.sample.seed)
  const skip =
    share === undefined || reservoir !== undefined
      ? undefined
      : skipCheck(options, stats, numbering, (index, connection) => inSplit(index) && !share.keeps(index, connection))
  for await (const message of filterRecords(openRecords(skip), options, stats, numbering)) {
    if (!inSplit(message.index)) stats.excludedBySplit += 1
    else if (reservoir !== undefined) reservoir.offer(message)
    else if (keeps(message)) {
      stats.messages += 1
      if (message.category === undefined) stats.uncategorised += 1
      yield message
    }
  }
  if (reservoir !== undefined) {
    const kept = reservoir.inCorpusOrder()
    stats.excludedBySample = reservoir.offered - kept.length
    for (const message of kept) {
      if (!keeps(message)) continue
      stats.messages += 1
      if (message.category === undefined) stats.uncategorised += 1
      yield message
    }
  }
  if (stats.messages + stats.outsideShare === 0) throw emptyCorpusError(options, stats)
}

/** The SkipCheck of one pass: `outside` says whether the message numbered `index` is skipped. */
function skipCheck(
  options: SelectOptions,
  stats: CorpusLoadStats,
  numbering: Numbering,
  outside: (index: number, connection: string | undefined) => boolean,
): SkipCheck {
  const { minMessageBytes = 0, maxMessageBytes = HARD_CAP_BYTES, limit } = options
  return (sizeBytes, exact, connection) => {
    // what only the decoded message can settle is left to filterRecords
    if (sizeBytes > maxMessageBytes || (exact ? sizeBytes < minMessageBytes : minMessageBytes > 0)) return false
    if (limit !== undefined && numbering.next >= limit) return false
    if (!outside(numbering.next, connection)) return false
    numbering.next += 1
    stats.recordsRead += 1
    stats.outsideShare += 1
    return true
  }
}

/** Step 1 and 2: content filters, numbering and limit. */
async function* filterRecords(
  records: AsyncIterable<SourceRecord>,
  options: SelectOptions,
  stats: CorpusLoadStats,
  numbering: Numbering,
): AsyncGenerator<CorpusMessage> {
  const { minMessageBytes = 0, maxMessageBytes, limit } = options
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
      else if (limit !== undefined && numbering.next >= limit) {
        // this record was only read to learn that the limit cut something off
        stats.recordsRead -= 1
        stats.stoppedAtLimit = true
        return
      } else {
        const index = numbering.next
        const { place, state: _state, ...message } = record
        yield place.line === undefined ? { index, ...message } : { index, ...message, line: place.line }
        numbering.next += 1
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

/**
 * Whether the message numbered `index` of `total` (after size filters and limit) is in the training part:
 * ordered, the first floor(total x trainFraction); random, a seeded hash of the index below trainFraction
 * (`total` unused: a message keeps its side when the corpus grows).
 */
export function isTrainIndex(
  index: number,
  total: number,
  split: { trainFraction: number; seed: number; mode: 'random' | 'ordered' },
): boolean {
  return split.mode === 'ordered'
    ? index < Math.floor(total * split.trainFraction)
    : hashUnit(index, split.seed) < split.trainFraction
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
      hint:
        options.capAdvice ?? 'set max_message_bytes on the corpus to skip messages above a size (it replaces the cap)',
    },
  )
}

/** Says which filters removed what when a corpus ends up empty. */
function emptyCorpusError(options: SelectOptions, stats: CorpusLoadStats): AuraError {
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
