/**
 * The stateful hybrid: one context per connection on each side. The sender keeps a slot table
 * (field-operators.ts) and a compression stream primed with the shared dictionary; the receiver
 * keeps the same two and rebuilds them from the frames alone, in order.
 *
 * Frame: varint sequence number (0 for a connection's first message), then the stream's flushed
 * block for the message (when `fieldOperators` is on: its body by online-templates.ts).
 * The zstd stream's first non-empty block leaves out the frame's magic number (see Choices). The receiver
 * checks the number before touching its context: a frame ahead of the next one expected (lost, or
 * reordered) is E_FRAME_SEQUENCE_GAP, one behind (duplicated, or late) is E_FRAME_DUPLICATE, and
 * neither changes the context. Any other failure leaves the context unusable: later frames get
 * E_CONTEXT_BROKEN. A reconnect opens fresh contexts on both sides (sequence 0 again).
 *
 * Choices:
 * - Zstandard: the frame header's 4-byte magic number is the same on every connection, so the
 *   sender leaves it out of the first non-empty block and the receiver puts it back; the dictionary id is not written
 *   (both sides hold the dictionary), nor a checksum (the socket below is reliable and ordered).
 * - Deflate: permessage-deflate's stream (sync flush, 00 00 ff ff removed) with the dictionary as
 *   zlib's preset dictionary; asynchronous, as node:zlib's streams are.
 */
import {
  AuraError,
  ByteReader,
  ByteWriter,
  concatBytes,
  DEFAULT_MAX_OUTPUT_BYTES,
  describeArgument,
  FrameError,
  hasCode,
} from '../core/index.ts'
import { createZstdStreamDecoder, createZstdStreamEncoder } from '../codecs/index.ts'
import { createConnectionFields, decodeMessageFields, encodeMessageFields } from './online-templates.ts'
import { createPermessageDeflateDecoder, createPermessageDeflateEncoder } from './permessage-deflate.ts'
import { cmSizes, modelStreamFactory } from './model-stream.ts'
import { deflateOptions, type StatefulOptions, zstdOptions } from './stateful-options.ts'

/** The sending end of one connection. */
export interface StatefulSender {
  encode(message: Uint8Array): Uint8Array | Promise<Uint8Array>
  close(): void
}

/** The receiving end of one connection. */
export interface StatefulReceiver {
  decode(frame: Uint8Array): Uint8Array | Promise<Uint8Array>
  close(): void
}

/**
 * The sender-only options, checked (s42-rev1 F1: NaN, a negative number or a string in `historyPath` or
 * `largeMessageBytes` was taken silently and changed which path messages took): E_USAGE naming the option.
 */
function checkSenderOptions(options: StatefulOptions): void {
  const bad = (name: string, value: unknown, rule: string): never => {
    throw new AuraError('E_USAGE', `createStatefulSender: ${name} must be ${rule}, found ${describeArgument(value)}`, {
      field: name,
    })
  }
  const { largeMessageBytes, historyPath } = options
  if (largeMessageBytes !== undefined && !(typeof largeMessageBytes === 'number' && largeMessageBytes >= 0))
    bad('largeMessageBytes', largeMessageBytes, 'a number of bytes, 0 or more (Infinity: none)')
  if (historyPath === undefined) return
  if (historyPath === null || typeof historyPath !== 'object')
    bad('historyPath', historyPath, 'an object { minBytes, overMean }')
  const { minBytes, overMean } = historyPath as { minBytes: unknown; overMean: unknown }
  if (!(typeof minBytes === 'number' && Number.isFinite(minBytes) && minBytes >= 0))
    bad('historyPath.minBytes', minBytes, 'a finite number of bytes, 0 or more')
  if (!(typeof overMean === 'number' && Number.isFinite(overMean) && overMean >= 0))
    bad('historyPath.overMean', overMean, 'a finite number, 0 or more (0: the mean is not asked)')
}

/** The magic number every zstd frame starts with (RFC 8878 3.1.1), little-endian. */
const ZSTD_MAGIC = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd)

/** Opens the sending end of a fresh connection. */
export function createStatefulSender(options: StatefulOptions): StatefulSender {
  checkSenderOptions(options)
  const fields = createConnectionFields()
  let sequence = 0
  const frame = (block: Uint8Array, number: number): Uint8Array =>
    new ByteWriter(block.length + 3).varint(number).bytes(block).toBytes()
  const body = (message: Uint8Array): Uint8Array =>
    options.fieldOperators ? encodeMessageFields(message, fields) : message
  let failed: number | undefined
  /**
   * The number the message's frame gets, taken only once the message is bytes: a wrong argument is
   * E_USAGE and uses no number, so the connection goes on (s33 D1, D2). Any later failure may have
   * moved the sender's state (field table, stream), so the sender refuses every later message
   * (E_CONTEXT_BROKEN) instead of sending frames the receiver would decode wrong.
   */
  const take = (message: unknown): number => {
    if (!(message instanceof Uint8Array))
      throw new AuraError(
        'E_USAGE',
        `StatefulSender.encode: message must be a Uint8Array (text: new TextEncoder().encode(text)), not ${describeArgument(message)}`,
      )
    if (failed !== undefined)
      throw new AuraError(
        'E_CONTEXT_BROKEN',
        `stateful sender failed to encode frame ${failed}; open a new connection (both ends)`,
      )
    return sequence++
  }
  const failedAt = (number: number, error: unknown): never => {
    failed = number
    throw error
  }
  if (options.codec === 'cm') {
    const encode = modelStreamFactory(options.dictionary, cmSizes(options)).encoder(
      options.largeMessageBytes,
      options.historyPath,
    )
    return {
      encode(message) {
        const number = take(message)
        try {
          return frame(encode(body(message)), number)
        } catch (error) {
          return failedAt(number, error)
        }
      },
      close() {},
    }
  }
  if (options.codec === 'zstd') {
    const encode = createZstdStreamEncoder(zstdOptions(options))
    let headerSent = false
    return {
      encode(message) {
        const number = take(message)
        try {
          const block = encode(body(message))
          if (headerSent || block.length === 0) return frame(block, number)
          headerSent = true
          return frame(withoutMagic(block), number)
        } catch (error) {
          return failedAt(number, error)
        }
      },
      close() {},
    }
  }
  const deflate = createPermessageDeflateEncoder(deflateOptions(options))
  return {
    async encode(message) {
      const number = take(message)
      try {
        return frame(await deflate.encode(body(message)), number)
      } catch (error) {
        return failedAt(number, error)
      }
    },
    close: () => deflate.close(),
  }
}

/** Opens the receiving end of a fresh connection. */
export function createStatefulReceiver(options: StatefulOptions): StatefulReceiver {
  const fields = createConnectionFields()
  let expected = 0
  let broken: string | undefined
  const message = (block: Uint8Array): Uint8Array =>
    options.fieldOperators ? decodeMessageFields(block, fields) : block
  /** Checks the sequence number; returns the block. Throws without changing the context. */
  const open = (frame: Uint8Array): { block: Uint8Array; number: number } => {
    // before anything else: a wrong argument is the caller's mistake and leaves the context as it was
    if (!(frame instanceof Uint8Array))
      throw new AuraError(
        'E_USAGE',
        `StatefulReceiver.decode: frame must be a Uint8Array, not ${describeArgument(frame)}`,
      )
    if (broken !== undefined)
      throw new FrameError('E_CONTEXT_BROKEN', `stateful connection failed at frame ${broken}; open a new connection`)
    if (frame.length === 0) throw new FrameError('E_FRAME_EMPTY', 'stateful frame is empty')
    const reader = new ByteReader(frame)
    // the whole number, not its low byte: a loss of 256 frames in a row must not decode with the wrong state
    const number = reader.varint()
    if (number > expected)
      throw new FrameError(
        'E_FRAME_SEQUENCE_GAP',
        `stateful frame ${number} arrived while frame ${expected} was expected: a frame was lost or reordered`,
      )
    if (number < expected)
      throw new FrameError(
        'E_FRAME_DUPLICATE',
        `stateful frame ${number} arrived again after it was decoded (next expected: ${expected})`,
      )
    return { block: reader.rest(), number }
  }
  const fail = (number: number, error: unknown): never => {
    broken = String(number)
    if (hasCode(error)) throw error
    throw new FrameError(
      'E_FRAME_CORRUPT',
      `stateful frame ${number}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (options.codec === 'cm') {
    const decode = modelStreamFactory(options.dictionary, cmSizes(options)).decoder(DEFAULT_MAX_OUTPUT_BYTES)
    return {
      decode(frame) {
        const { block, number } = open(frame)
        try {
          const decoded = message(decode(block))
          expected += 1
          return decoded
        } catch (error) {
          return fail(number, error)
        }
      },
      close() {},
    }
  }
  if (options.codec === 'zstd') {
    const decode = createZstdStreamDecoder(zstdOptions(options))
    let headerSeen = false
    return {
      decode(frame) {
        const { block, number } = open(frame)
        try {
          const first = !headerSeen && block.length > 0
          const decoded = message(decode(first ? concatBytes([ZSTD_MAGIC, block]) : block))
          headerSeen ||= first
          expected += 1
          return decoded
        } catch (error) {
          return fail(number, error)
        }
      },
      close() {},
    }
  }
  const inflate = createPermessageDeflateDecoder(deflateOptions(options))
  return {
    async decode(frame) {
      const { block, number } = open(frame)
      try {
        const decoded = message(await inflate.decode(block))
        expected += 1
        return decoded
      } catch (error) {
        return fail(number, error)
      }
    },
    close: () => inflate.close(),
  }
}

/** The first non-empty block of a zstd stream without its magic number; E_INTERNAL if libzstd wrote something else. */
function withoutMagic(block: Uint8Array): Uint8Array {
  if (!ZSTD_MAGIC.every((byte, i) => block[i] === byte))
    throw new FrameError('E_INTERNAL', 'zstd stream did not start with its magic number')
  return block.subarray(ZSTD_MAGIC.length)
}

/** Both ends of one connection in one object (a sender and its receiver), as replays and measurements use them. */
export function openStatefulPair(options: StatefulOptions): {
  encode: StatefulSender['encode']
  decode: StatefulReceiver['decode']
  close(): void
} {
  const sender = createStatefulSender(options)
  const receiver = createStatefulReceiver(options)
  return {
    encode: (message) => sender.encode(message),
    decode: (frame) => receiver.decode(frame),
    close() {
      sender.close()
      receiver.close()
    },
  }
}
