/**
 * The history path of the cm stream (model-stream.ts, round 42): a message the sender chooses to send this way is
 * compressed by Zstandard against the connection's own history (the last 2^window_log bytes of the model's history
 * ring, the same bytes on both ends) instead of through the model's per-bit work, and then put into that history
 * (ring and match index only, ContextModel.learnRaw), so later messages still match it. The block is the byte 0 (the
 * fast-path flag a cm block's first byte never has), the byte HISTORY_PATH_TAG (a zstd frame's first byte is 0x28),
 * then the zstd frame. The choice is the sender's alone: a receiver reads it from the block.
 */
import { createPerMessageDictionaryZstd, type PerMessageDictionaryZstd } from '../codecs/index.ts'
import type { ContextModel } from './context-model.ts'

/** The second byte of a history-path block. */
export const HISTORY_PATH_TAG = 1
const PREFIX = Uint8Array.of(0, HISTORY_PATH_TAG)

/** When the sender takes the history path (sender only; the receiver needs none of it). */
export interface HistoryPathRule {
  /** a message must be longer than this */
  minBytes: number
  /** and longer than this many times the mean length of the connection's earlier messages (0: no such bound; a first message never) */
  overMean: number
}

/** zstd level and tables of the history path: a 32 KiB history needs no larger tables (libzstd clears them at each load). */
const HISTORY_ZSTD = { level: 3, windowLog: 17, hashLog: 15, chainLog: 15 } as const

let zstd: PerMessageDictionaryZstd | undefined
/** The process's context pair (built on first use: no memory per connection). */
const historyZstd = (): PerMessageDictionaryZstd => {
  zstd ??= createPerMessageDictionaryZstd(HISTORY_ZSTD)
  return zstd
}

/** The history bytes the zstd frame is coded against, in one buffer per ring size kept for the process. */
const windows = new Map<number, Uint8Array>()
function historyOf(model: ContextModel): Uint8Array {
  const ring = model.historyBytes()
  let out = windows.get(ring)
  if (out === undefined) {
    out = new Uint8Array(ring)
    windows.set(ring, out)
  }
  return model.historyWindow(out)
}

/** Whether a message of `length` bytes takes the history path after `count` messages of `total` bytes. */
export function takesHistoryPath(rule: HistoryPathRule, length: number, count: number, total: number): boolean {
  if (length <= rule.minBytes) return false
  if (rule.overMean <= 0) return true
  return count > 0 && length * count > rule.overMean * total
}

/** The history-path block of `message`; the model then holds it in its history and has ended the message. */
export function encodeHistoryPath(model: ContextModel, message: Uint8Array): Uint8Array {
  const block = historyZstd().compress(message, historyOf(model), PREFIX)
  model.learnRaw(message)
  model.endMessage()
  return block
}

/** The message of a history-path block (`block` from its first byte); the model then holds it as the sender's did. */
export function decodeHistoryPath(model: ContextModel, block: Uint8Array, maxOutputBytes: number): Uint8Array {
  const message = historyZstd().decompress(block.subarray(PREFIX.length), historyOf(model), maxOutputBytes)
  model.learnRaw(message)
  model.endMessage()
  return message
}
