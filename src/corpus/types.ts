/** Shapes of loaded corpora: messages, loader options and what filtering removed. */
import type { InputFingerprints, ErrorLocation } from '../core/index.ts'

/** One message of a corpus: its exact bytes and where it came from. */
export interface CorpusMessage {
  /** 0-based position among the messages that passed the content filters (empty, min/max bytes), before limit, split and sample; stable across runs and splits */
  index: number
  /** the message, byte for byte */
  bytes: Uint8Array
  /** category (JSON field, Loghub EventId) when the corpus has one */
  category?: string
  /** recording or websocket connection the message belongs to, for stateful replay */
  connection?: string
  /** 1-based line in the corpus file (txt, log, jsonl) */
  line?: number
  /** the message as text, `bytes` decoded, when the options asked for it (`keepText`) and the reader had it */
  text?: string
}

/** File formats a corpus can have; `auto` picks by extension. */
export type CorpusFormat = 'txt' | 'jsonl' | 'json' | 'loghub' | 'har' | 'auto'

/**
 * A corpus to load: a path plus options; a suite's CorpusSpec is one. Absent options take the
 * defaults: format `auto`, text field `text`, category field `category`, HAR direction `receive`,
 * no size filter (a message over 16 MiB is an error), no limit, split or sample.
 */
export interface CorpusOptions {
  /** file path (a suite resolves it to absolute) */
  path: string
  /** name in messages and reports; default the file's base name */
  name?: string
  format?: CorpusFormat
  textField?: string
  categoryField?: string
  /** what an error about a record without the text field tells the user to set; default the suite's `text_field:` */
  fieldAdvice?: string
  /**
   * also give each jsonl message as the string its JSON held (`CorpusMessage.text`), so a reader that wants
   * text need not decode the bytes made from it (discover: 100k JSON messages decoded twice per read)
   */
  keepText?: boolean
  /** keep only the first `limit` messages that pass the size filters */
  limit?: number
  /** seeded reservoir sample of `size` messages, taken after the split */
  sample?: { size: number; seed: number }
  /** `ordered`: the first trainFraction is train; `random`: each message by a seeded hash of its index */
  split?: { trainFraction: number; seed: number; use: 'train' | 'test'; mode: 'random' | 'ordered' }
  /** drop messages shorter than this many bytes */
  minMessageBytes?: number
  /** drop messages longer than this many bytes (instead of failing at the 16 MiB cap) */
  maxMessageBytes?: number
  /** what an error about a message over the 16 MiB cap tells the user to do; default the suite's `max_message_bytes:` */
  capAdvice?: string
  harDirection?: 'receive' | 'send' | 'both'
  /**
   * a jsonl corpus's recordings file named explicitly (a suite's `recordings:`, round 37): read instead of
   * `<name>.recordings.tsv` or the folder's `recordings.tsv`; a missing one is an error, not "no connections"
   */
  recordings?: string
  /**
   * false: no recordings file is looked for (a dictionary training corpus, s37-fixr: training needs no
   * connections, and a folder's recordings.tsv beside two JSONL corpora refused it); default true
   */
  readRecordings?: boolean
  /** the suite entry that named this corpus, for error messages */
  origin?: ErrorLocation
  /** the run's input fingerprints: every read of the file (one per config pass) must find the file first read */
  fingerprints?: InputFingerprints
}

/** Counts of what reading and filtering a corpus kept and removed. */
export interface CorpusLoadStats {
  /** records read from the file (lines with content, JSON elements, websocket frames) */
  recordsRead: number
  skippedEmptyLines: number
  /** HAR frames of the other direction or control opcodes */
  skippedFrames: number
  droppedBelowMinBytes: number
  droppedAboveMaxBytes: number
  /** true when reading stopped at `limit` */
  stoppedAtLimit: boolean
  excludedBySplit: number
  excludedBySample: number
  /** messages handed out */
  messages: number
  /** messages handed out without a category */
  uncategorised: number
  /** messages of the selection outside the share asked for (a shard's): numbered, not handed out */
  outsideShare: number
}

/** Where a record sits in its file: a line, or a JSON path for JSON/HAR files. */
export interface RecordPlace {
  line?: number
  field?: string
}

/** A record as a format reader produces it, before filtering. */
export type SourceRecord =
  | { state: 'message'; place: RecordPlace; bytes: Uint8Array; category?: string; connection?: string; text?: string }
  | { state: 'empty'; place: RecordPlace }
  | { state: 'skipped'; place: RecordPlace }
  /** a line longer than the reader buffers; its bytes were counted, not kept */
  | { state: 'oversized'; place: RecordPlace; sizeBytes: number }

/** Creates zeroed load statistics. */
export function createLoadStats(): CorpusLoadStats {
  return {
    recordsRead: 0,
    skippedEmptyLines: 0,
    skippedFrames: 0,
    droppedBelowMinBytes: 0,
    droppedAboveMaxBytes: 0,
    stoppedAtLimit: false,
    uncategorised: 0,
    excludedBySplit: 0,
    excludedBySample: 0,
    messages: 0,
    outsideShare: 0,
  }
}
