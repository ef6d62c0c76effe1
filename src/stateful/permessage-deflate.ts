/**
 * RFC 7692 permessage-deflate, one connection: raw deflate with a sync flush per message, the
 * trailing 00 00 ff ff removed; the receiver appends it back and inflates on its own stream.
 *
 * Choices:
 * - node:zlib streams (createDeflateRaw / createInflateRaw, write then flush(Z_SYNC_FLUSH)) as the
 *   `ws` library does: node:zlib has no public synchronous streaming call (its `_processChunk` without
 *   a callback closes the stream afterwards), so each message costs one thread-pool round trip, and
 *   that is what a Node server pays.
 * - Without context takeover the sender resets its stream after every message (deflateReset: an
 *   empty window), so no message refers to an earlier one; the receiver resets too.
 */
import { constants, createDeflateRaw, createInflateRaw, type DeflateRaw, type InflateRaw } from 'node:zlib'
import { AuraError, concatBytes, DEFAULT_MAX_OUTPUT_BYTES, FrameError } from '../core/index.ts'

/** The four octets every sync flush ends with (an empty stored block's LEN and NLEN); RFC 7692 7.2.1 removes them. */
export const SYNC_FLUSH_TAIL = Uint8Array.of(0x00, 0x00, 0xff, 0xff)

/** Settings of one permessage-deflate connection. */
export interface PermessageDeflateOptions {
  /** zlib level 0-9; `ws` uses zlib's default (6) */
  level: number
  /** log2 of the LZ77 window, 9-15 (the negotiated max_window_bits); default 15 */
  windowBits?: number
  /** zlib memLevel 1-9; default 8 */
  memLevel?: number
  /** keep the LZ77 window across messages (RFC 7692's default); false = *_no_context_takeover */
  contextTakeover: boolean
  /** preset dictionary both sides load (deflateSetDictionary): not part of RFC 7692, used by the stateful hybrid */
  dictionary?: Uint8Array
}

/** One direction of a connection: the sender's deflate stream and the receiver's inflate stream. */
export interface PermessageDeflateConnection {
  /** compresses one message: the sync-flushed deflate data without its trailing 00 00 ff ff */
  encode(message: Uint8Array): Promise<Uint8Array>
  /** inflates one payload on the receiver's stream (messages must arrive in the order they were encoded) */
  decode(payload: Uint8Array): Promise<Uint8Array>
  /** frees both zlib streams */
  close(): void
}

/** Removes the trailing 00 00 ff ff of a sync flush; throws E_INTERNAL when the data does not end with it. */
export function trimSyncFlushTail(flushed: Uint8Array): Uint8Array {
  const n = flushed.length
  const ends = n >= 4 && SYNC_FLUSH_TAIL.every((byte, i) => flushed[n - 4 + i] === byte)
  if (!ends)
    throw new AuraError(
      'E_INTERNAL',
      `a sync-flushed deflate block must end with 00 00 ff ff; got ${n} bytes ending ${Buffer.from(flushed.subarray(Math.max(0, n - 4))).toString('hex')}`,
    )
  return flushed.subarray(0, n - 4)
}

/** Opens one connection's sender and receiver streams. */
export function createPermessageDeflateConnection(options: PermessageDeflateOptions): PermessageDeflateConnection {
  const encoder = createPermessageDeflateEncoder(options)
  const decoder = createPermessageDeflateDecoder(options)
  return {
    encode: encoder.encode,
    decode: decoder.decode,
    close() {
      encoder.close()
      decoder.close()
    },
  }
}

/** The sender's deflate stream alone. */
export function createPermessageDeflateEncoder(options: PermessageDeflateOptions): {
  encode(message: Uint8Array): Promise<Uint8Array>
  close(): void
} {
  const windowBits = options.windowBits ?? 15
  const dictionary =
    options.dictionary !== undefined && options.dictionary.length > 0 ? { dictionary: options.dictionary } : {}
  const deflate = createDeflateRaw({ level: options.level, windowBits, memLevel: options.memLevel ?? 8, ...dictionary })
  return {
    async encode(message) {
      const flushed = await writeAndFlush(deflate, message)
      if (!options.contextTakeover) deflate.reset()
      return trimSyncFlushTail(flushed)
    },
    close: () => deflate.close(),
  }
}

/** The receiver's inflate stream alone (messages must arrive in the order they were encoded). */
export function createPermessageDeflateDecoder(options: PermessageDeflateOptions): {
  decode(payload: Uint8Array): Promise<Uint8Array>
  close(): void
} {
  const windowBits = options.windowBits ?? 15
  const dictionary =
    options.dictionary !== undefined && options.dictionary.length > 0 ? { dictionary: options.dictionary } : {}
  const inflate = createInflateRaw({ windowBits, maxOutputLength: DEFAULT_MAX_OUTPUT_BYTES, ...dictionary })
  return {
    async decode(payload) {
      try {
        const message = await writeAndFlush(inflate, concatBytes([payload, SYNC_FLUSH_TAIL]))
        if (!options.contextTakeover) inflate.reset()
        return message
      } catch (error) {
        throw new FrameError(
          'E_FRAME_CORRUPT',
          `permessage-deflate: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    },
    close: () => inflate.close(),
  }
}

/** Writes `input`, then flushes with Z_SYNC_FLUSH; resolves with every byte the stream produced for it. */
function writeAndFlush(stream: DeflateRaw | InflateRaw, input: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    const onData = (chunk: Uint8Array) => chunks.push(chunk)
    const onError = (error: Error) => {
      stream.off('data', onData)
      reject(error)
    }
    stream.on('data', onData)
    stream.once('error', onError)
    stream.write(input)
    // zlib runs the write and the flush in order; the flush callback comes after their output was pushed
    stream.flush(constants.Z_SYNC_FLUSH, () => {
      stream.off('data', onData)
      stream.off('error', onError)
      const out = chunks.length === 1 ? (chunks[0] as Uint8Array) : concatBytes(chunks)
      // node:zlib hands out Buffers; callers get plain bytes, as from every codec
      resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength))
    })
  })
}
