/** Small fake compressors and corpora for the runner's tests (not exported from the runner). */
import { deflateRawSync, inflateRawSync, deflateRaw, inflateRaw } from 'node:zlib'
import { promisify } from 'node:util'
import { concatBytes, FrameError, toBytes, type Compressor, type CompressResult, type Method } from '../core/index.ts'
import type { RunnerMessage } from './size-accumulator.ts'

const deflateRawAsync = promisify(deflateRaw)
const inflateRawAsync = promisify(inflateRaw)

/** Messages from texts, indexed in order, with optional categories. */
export function messagesOf(
  texts: readonly string[],
  categories: readonly (string | undefined)[] = [],
): RunnerMessage[] {
  return texts.map((text, index) => {
    const category = categories[index]
    return category === undefined ? { index, bytes: toBytes(text) } : { index, bytes: toBytes(text), category }
  })
}

function result(bytes: Uint8Array, method: Method, originalBytes: number): CompressResult {
  return {
    bytes,
    method,
    metadata: { ratio: originalBytes / bytes.length, method, originalBytes, compressedBytes: bytes.length },
  }
}

function toUint8(message: string | Uint8Array): Uint8Array {
  return typeof message === 'string' ? toBytes(message) : message
}

/** Hooks to make a fake misbehave. */
export interface FakeOptions {
  /** throw from compress for messages this returns true for */
  failCompress?: (message: Uint8Array) => boolean
  /** change what decompress returns */
  corruptDecoded?: (decoded: Uint8Array) => Uint8Array
  /** count calls per message text */
  calls?: { compress: Map<string, number>; decompress: Map<string, number> }
}

/**
 * The seed's tagged framing with two methods: tag 0 + message (`uncompressed`, one byte longer),
 * or tag 1 + raw deflate when that is shorter (`deflate`). `async` uses zlib's callback API.
 */
export function createDeflateOrIdentity(options: FakeOptions & { async?: boolean } = {}): Compressor {
  const text = new TextDecoder()
  const count = (which: 'compress' | 'decompress', bytes: Uint8Array): void => {
    const map = options.calls?.[which]
    if (map !== undefined) map.set(text.decode(bytes), (map.get(text.decode(bytes)) ?? 0) + 1)
  }
  return {
    name: options.async === true ? 'fake-deflate-async' : 'fake-deflate',
    sharedStateBytes: 0,
    libraries: { 'node:zlib': 'test' },
    async compress(input) {
      const message = toUint8(input)
      count('compress', message)
      if (options.failCompress?.(message) === true) throw new Error('fake codec gave up')
      const deflated =
        options.async === true
          ? new Uint8Array(await deflateRawAsync(message))
          : new Uint8Array(deflateRawSync(message))
      if (deflated.length < message.length)
        return result(concatBytes([Uint8Array.of(1), deflated]), 'deflate', message.length)
      return result(concatBytes([Uint8Array.of(0), message]), 'uncompressed', message.length)
    },
    async decompress(frame) {
      const tag = frame[0]
      if (tag === undefined) throw new FrameError('E_FRAME_EMPTY', 'frame is empty')
      const payload = frame.subarray(1)
      let decoded: Uint8Array
      if (tag === 0) decoded = payload.slice()
      else if (tag === 1)
        decoded = new Uint8Array(options.async === true ? await inflateRawAsync(payload) : inflateRawSync(payload))
      else throw new FrameError('E_FRAME_UNKNOWN_METHOD', `unknown method tag ${tag}`)
      count('decompress', decoded)
      return options.corruptDecoded?.(decoded) ?? decoded
    },
  }
}

/** One message's planned outcome: frame length and method. */
export interface PlannedFrame {
  frameBytes: number
  method: Method
}

/**
 * A compressor whose frame sizes and methods are planned per message text, for hand-computed
 * metrics. Frames are [message number] + padding (or empty for an empty plan); decoding looks the
 * number up, so round trips are exact.
 */
export function createPlannedCompressor(plan: ReadonlyMap<string, PlannedFrame>): Compressor {
  const text = new TextDecoder()
  const byNumber: Uint8Array[] = []
  return {
    name: 'fake-planned',
    sharedStateBytes: 123,
    libraries: {},
    async compress(input) {
      const message = toUint8(input)
      const planned = plan.get(text.decode(message))
      if (planned === undefined) throw new Error(`no plan for "${text.decode(message)}"`)
      if (planned.frameBytes === 0) return result(new Uint8Array(0), planned.method, message.length)
      byNumber.push(message)
      const frame = new Uint8Array(planned.frameBytes)
      frame[0] = byNumber.length - 1
      return result(frame, planned.method, message.length)
    },
    async decompress(frame) {
      if (frame.length === 0) return new Uint8Array(0)
      const message = byNumber[frame[0] as number]
      if (message === undefined) throw new FrameError('E_FRAME_CORRUPT', 'unknown message number')
      return message.slice()
    },
  }
}
