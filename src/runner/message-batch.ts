/**
 * Batches of messages in the form worker threads receive them: all message bytes in one
 * ArrayBuffer and the offsets and indices in typed arrays, so postMessage moves them by transfer
 * (no copy); only categories and connections, when there are any, are cloned as strings.
 */
import type { RunnerMessage } from './size-accumulator.ts'

/** Messages packed for a transfer to a worker thread. */
export interface PackedBatch {
  /** every message's bytes, end to end */
  bytes: ArrayBuffer
  /** end offset of each message in `bytes` */
  ends: Uint32Array
  /** corpus index of each message */
  indices: Float64Array
  /** category per message, or null when no message of the batch has one */
  categories: (string | null)[] | null
  /** connection per message, or null when no message of the batch has one */
  connections: (string | null)[] | null
}

/** Packs messages into one transferable batch (copies their bytes once). */
export function packBatch(messages: readonly RunnerMessage[]): PackedBatch {
  let totalBytes = 0
  for (const message of messages) totalBytes += message.bytes.length
  const bytes = new Uint8Array(totalBytes)
  const ends = new Uint32Array(messages.length)
  const indices = new Float64Array(messages.length)
  let offset = 0
  messages.forEach((message, i) => {
    bytes.set(message.bytes, offset)
    offset += message.bytes.length
    ends[i] = offset
    indices[i] = message.index
  })
  const categories = messages.some((m) => m.category !== undefined) ? messages.map((m) => m.category ?? null) : null
  const connections = messages.some((m) => m.connection !== undefined)
    ? messages.map((m) => m.connection ?? null)
    : null
  return { bytes: bytes.buffer, ends, indices, categories, connections }
}

/** The buffers postMessage should transfer rather than copy. */
export function transferListOf(batch: PackedBatch): ArrayBuffer[] {
  return [batch.bytes, batch.ends.buffer as ArrayBuffer, batch.indices.buffer as ArrayBuffer]
}

/**
 * The messages of a batch. Each gets its own copy of its bytes: a message the latency reservoir
 * keeps must not hold the whole batch's buffer in memory.
 */
export function unpackBatch(batch: PackedBatch): RunnerMessage[] {
  const all = new Uint8Array(batch.bytes)
  const messages: RunnerMessage[] = []
  let start = 0
  for (let i = 0; i < batch.ends.length; i++) {
    const end = batch.ends[i] as number
    const message: RunnerMessage = { index: batch.indices[i] as number, bytes: all.slice(start, end) }
    const category = batch.categories?.[i]
    const connection = batch.connections?.[i]
    if (category !== undefined && category !== null) message.category = category
    if (connection !== undefined && connection !== null) message.connection = connection
    messages.push(message)
    start = end
  }
  return messages
}
