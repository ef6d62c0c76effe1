/**
 * The `cm` stream of the stateful hybrid: each message coded bit by bit with the connection's
 * context model (context-model.ts) and a fresh arithmetic code (binary-coder.ts). A frame's block is
 * the coded bits and nothing else: the end of the message is coded inside it.
 *
 * The model primed with the shared dictionary is built once per dictionary and copied for each new
 * connection (a copy of typed arrays, not a replay of the dictionary).
 *
 * Large messages (the encode-time tail): a message longer than the sender's `largeMessageBytes`
 * goes through Zstandard with the shared dictionary instead, message by message (one context pair
 * per dictionary, shared by every connection, so no memory per connection), and leaves the model
 * untouched on both ends. The block says which: every cm block first codes a "fast path" flag with
 * P(1) = 16/4096, which makes a cm block's first byte never 0 (its value is at least 2^24); a
 * fast-path block is the byte 0 followed by the zstd frame. The flag costs a cm message under 0.01 bit.
 */
import { createCodecSync, writesFrames } from '../codecs/index.ts'
import { type Codec, concatBytes, FrameError } from '../core/index.ts'
import { BinaryDecoder, BinaryEncoder, ENCODER_BUFFER_BYTES } from './binary-coder.ts'
import { ContextModel } from './context-model.ts'
import { DEFAULT_MODEL_SIZES, modelStateBytes, type ContextModelSizes } from './model-sizes.ts'
import { createSharedDictionary, sharedDictionaryBytes } from './match-model.ts'
import type { BitSink } from './modelled-byte-inputs.ts'
import { RUN_CLASS } from './run-model.ts'
import {
  decodeHistoryPath,
  encodeHistoryPath,
  HISTORY_PATH_TAG,
  type HistoryPathRule,
  takesHistoryPath,
} from './history-path.ts'

/** Opens primed models for connections that share one dictionary and table sizes. */
export interface ModelStreamFactory {
  /**
   * `largeMessageBytes`: messages longer than this take the fast path (default: none do); `historyPath`: which
   * shorter ones are coded by zstd against the connection's history (history-path.ts; default: none)
   */
  encoder(largeMessageBytes?: number, historyPath?: HistoryPathRule): (message: Uint8Array) => Uint8Array
  decoder(maxOutputBytes: number): (block: Uint8Array) => Uint8Array
}

/** P(fast path) * 4096 coded at the start of every cm block: a cm block's first 32 bits are then above 2^24 - 1. */
const FAST_PATH_P1 = 16
/** The first byte of a fast-path block. */
const FAST_PATH_TAG = 0
/** zstd level of the fast path (chosen on training halves, docs/stateful.md). */
const FAST_PATH_LEVEL = 3

/**
 * A buffer a cm decoder decodes a message into before copying it out, kept for the process's next message (s41-state).
 * A decoder takes it (none is left while it decodes) and puts it back after its message. Before, each message grew a
 * buffer of its own from 256 bytes by doubling: a 32 KiB message left ~64 KiB of freed buffers in the C allocator
 * (typed arrays' bytes live there) beside the connection's tables, and whether later tables filled those holes
 * depended on when the garbage collector ran, so compare's RSS per connection varied from run to run.
 */
let spareDecodeBuffer: Uint8Array | undefined
/** a decode buffer is kept up to this size between messages; a longer message's is let go after it */
export const DECODE_BUFFER_KEEP_BYTES = 1 << 20

/** The size of the decode buffer kept for the process's next message (0: none); for tests. */
export function spareDecodeBufferBytes(): number {
  return spareDecodeBuffer?.length ?? 0
}

/** Primes a model with `dictionary` (null: none) once; every encoder and decoder starts from a copy of it. */
export function createModelStreamFactory(dictionary: Uint8Array | null, sizes: ContextModelSizes): ModelStreamFactory {
  const shared = dictionary === null || dictionary.length === 0 ? null : createSharedDictionary(dictionary)
  const primed = new ContextModel(sizes, shared)
  primed.prime()
  let fastPathCodec: Codec | undefined
  /** zstd with the shared dictionary, one context pair for every connection of this dictionary (built on first use) */
  const fastPath = (): Codec => {
    fastPathCodec ??=
      shared === null
        ? createCodecSync({ name: 'zstd_napi', level: FAST_PATH_LEVEL })
        : createCodecSync({ name: 'zstd_dict', level: FAST_PATH_LEVEL, dictionary: shared.bytes })
    return fastPathCodec
  }
  return {
    encoder(largeMessageBytes = Number.POSITIVE_INFINITY, historyPath) {
      const model = primed.clone()
      const coder = new BinaryEncoder()
      // the connection's messages so far and their bytes (the history path's rule reads them)
      let count = 0
      let total = 0
      return (message) => {
        if (message.length > largeMessageBytes) {
          const zstd = fastPath()
          return writesFrames(zstd)
            ? zstd.encodeFrame(message, FAST_PATH_TAG)
            : concatBytes([Uint8Array.of(FAST_PATH_TAG), zstd.encode(message) as Uint8Array])
        }
        const history = historyPath !== undefined && takesHistoryPath(historyPath, message.length, count, total)
        count += 1
        total += message.length
        if (history) return encodeHistoryPath(model, message)
        coder.encode(0, FAST_PATH_P1)
        for (let i = 0; i < message.length; i++) {
          const byte = message[i] as number
          if (model.runActive()) {
            // a token run (run-model.ts): "it goes on" and the byte by the run model, or "it ended" and the position as any other
            const stay = RUN_CLASS[byte] as number
            coder.encode(stay, model.predictStay())
            model.updateStay(stay)
            if (stay === 1) {
              model.codeRunByte(byte, coder, null)
              continue
            }
          }
          const before = model.wantsCost() ? coder.bitsSpent() : -1
          coder.encode(0, model.predictEnd())
          model.updateEnd(0)
          const expected = model.expectedByte()
          if (expected >= 0) {
            const hit = byte === expected ? 1 : 0
            coder.encode(hit, model.predictHit())
            model.updateHit(hit)
            if (hit === 1) {
              if (before >= 0) model.noteCost(coder.bitsSpent() - before)
              model.appendExpected()
              continue
            }
          }
          model.codeByte(byte, coder, null)
          if (before >= 0) model.noteCost(coder.bitsSpent() - before)
        }
        if (model.runActive()) {
          coder.encode(0, model.predictStay())
          model.updateStay(0)
        }
        coder.encode(1, model.predictEnd())
        model.updateEnd(1)
        model.endMessage()
        return coder.finish()
      }
    },
    decoder(maxOutputBytes) {
      const model = primed.clone()
      return (block) => {
        const coder = new BinaryDecoder(block)
        if (coder.decode(FAST_PATH_P1) === 1)
          return block[1] === HISTORY_PATH_TAG
            ? decodeHistoryPath(model, block, maxOutputBytes)
            : (fastPath().decode(block.subarray(1), maxOutputBytes) as Uint8Array)
        let out = spareDecodeBuffer ?? new Uint8Array(256)
        spareDecodeBuffer = undefined
        let length = 0
        // the buffer goes back in `finally`: a corrupt block that throws keeps it too (s41-rev1 F4)
        try {
          for (;;) {
            if (model.runActive()) {
              const stay = coder.decode(model.predictStay())
              model.updateStay(stay)
              if (stay === 1) {
                if (length >= maxOutputBytes)
                  throw new FrameError('E_FRAME_CORRUPT', `stateful cm block decodes past ${maxOutputBytes} bytes`)
                if (length === out.length) out = doubled(out, maxOutputBytes + 1)
                out[length++] = model.codeRunByte(0, null, coder)
                continue
              }
            }
            const before = model.wantsCost() ? coder.bitsSpent() : -1
            const ended = coder.decode(model.predictEnd())
            model.updateEnd(ended)
            if (ended === 1) break
            if (length >= maxOutputBytes)
              throw new FrameError('E_FRAME_CORRUPT', `stateful cm block decodes past ${maxOutputBytes} bytes`)
            if (length === out.length) out = doubled(out, maxOutputBytes + 1)
            const expected = model.expectedByte()
            if (expected >= 0) {
              const hit = coder.decode(model.predictHit())
              model.updateHit(hit)
              if (hit === 1) {
                if (before >= 0) model.noteCost(coder.bitsSpent() - before)
                model.appendExpected()
                out[length++] = expected
                continue
              }
            }
            out[length++] = model.codeByte(0, null, coder)
            if (before >= 0) model.noteCost(coder.bitsSpent() - before)
          }
          model.endMessage()
          return out.slice(0, length)
        } finally {
          if (out.length <= DECODE_BUFFER_KEEP_BYTES) spareDecodeBuffer = out
        }
      }
    },
  }
}

/** `out` copied into a buffer twice its length, at most `cap` bytes (the cm decoder's output buffer when full). */
function doubled(out: Uint8Array, cap: number): Uint8Array {
  const grown = new Uint8Array(Math.min(out.length * 2, cap))
  grown.set(out)
  return grown
}

/** How a position of a message was coded: by the run model, as the match model's expected byte, or as 8 modelled bits. */
export type PositionKind = 'run' | 'expected' | 'modelled'

/** A bit sink that also counts its bits as the arithmetic coder does (BinaryEncoder, or a bench's wrapper of one). */
export interface MeteredSink extends BitSink {
  bitsSpent(): number
}

/**
 * Codes one message with `model` into `sink` exactly as a cm encoder does (the same events in the same
 * order; a test checks the blocks are the encoder's), telling `visit` how each position was coded, once
 * the position is coded. For the benches that count where the bits go (stateful-breakdown, stateful-tail).
 */
export function encodeMessageWith(
  model: ContextModel,
  sink: MeteredSink,
  message: Uint8Array,
  visit: (index: number, kind: PositionKind) => void,
): void {
  sink.encode(0, FAST_PATH_P1)
  for (let i = 0; i < message.length; i++) {
    const byte = message[i] as number
    if (model.runActive()) {
      const stay = RUN_CLASS[byte] as number
      sink.encode(stay, model.predictStay())
      model.updateStay(stay)
      if (stay === 1) {
        model.codeRunByte(byte, sink, null)
        visit(i, 'run')
        continue
      }
    }
    const before = model.wantsCost() ? sink.bitsSpent() : -1
    sink.encode(0, model.predictEnd())
    model.updateEnd(0)
    const expected = model.expectedByte()
    if (expected >= 0) {
      const hit = byte === expected ? 1 : 0
      sink.encode(hit, model.predictHit())
      model.updateHit(hit)
      if (hit === 1) {
        if (before >= 0) model.noteCost(sink.bitsSpent() - before)
        model.appendExpected()
        visit(i, 'expected')
        continue
      }
    }
    model.codeByte(byte, sink, null)
    if (before >= 0) model.noteCost(sink.bitsSpent() - before)
    visit(i, 'modelled')
  }
  if (model.runActive()) {
    sink.encode(0, model.predictStay())
    model.updateStay(0)
  }
  sink.encode(1, model.predictEnd())
  model.updateEnd(1)
  model.endMessage()
}

/** The cm table sizes a stateful config names: `window_log` the history ring, `hash_log` each order table. */
export function cmSizes(options: { windowLog: number; hashLog?: number; numberModel?: boolean }): ContextModelSizes {
  return {
    historyLog: options.windowLog,
    matchHashLog: Math.max(10, options.windowLog - 3),
    orderLog: options.hashLog ?? DEFAULT_MODEL_SIZES.orderLog,
    ...(options.numberModel === false ? { numberModel: false } : {}),
  }
}

/** Factories by dictionary and sizes, so the dictionary is primed once however many connections open (held weakly). */
const factories = new WeakMap<object, Map<string, ModelStreamFactory>>()
const NO_DICTIONARY = {}

/** The factory of this dictionary and these sizes, primed on first use. */
export function modelStreamFactory(dictionary: Uint8Array | null, sizes: ContextModelSizes): ModelStreamFactory {
  const key = dictionary ?? NO_DICTIONARY
  let bySizes = factories.get(key)
  if (bySizes === undefined) {
    bySizes = new Map()
    factories.set(key, bySizes)
  }
  const name = `${sizes.historyLog}/${sizes.matchHashLog}/${sizes.orderLog}/${sizes.numberModel !== false}`
  let factory = bySizes.get(name)
  if (factory === undefined) {
    factory = createModelStreamFactory(dictionary, sizes)
    bySizes.set(name, factory)
  }
  return factory
}

/**
 * State every cm connection shares, held once per process: the dictionary, its match index and the
 * model primed with it (each connection starts from a copy); other codecs share the dictionary alone.
 */
export function statefulSharedStateBytes(options: {
  codec: string
  dictionary: Uint8Array | null
  windowLog: number
  hashLog?: number
}): number {
  const dictionaryBytes = options.dictionary?.length ?? 0
  if (options.codec !== 'cm') return dictionaryBytes
  return (dictionaryBytes === 0 ? 0 : sharedDictionaryBytes(dictionaryBytes)) + modelStateBytes(cmSizes(options))
}

/** Memory of one cm connection by formula: each end's typed arrays, and the sender's coder buffer (the shared dictionary and its index are not per connection). */
export function cmFormulaBytes(options: { windowLog: number; hashLog?: number }): { encoder: number; decoder: number } {
  const bytes = modelStateBytes(cmSizes(options))
  return { encoder: bytes + ENCODER_BUFFER_BYTES, decoder: bytes }
}
