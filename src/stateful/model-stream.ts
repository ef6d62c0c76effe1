/**
 * The `cm` stream of the stateful hybrid: each message coded bit by bit with the connection's
 * context model (context-model.ts) and a fresh arithmetic code (binary-coder.ts). A frame's block is
 * the coded bits and nothing else: the end of the message is coded inside it.
 *
 * The model primed with the shared dictionary is built once per dictionary and copied for each new
 * connection (a copy of typed arrays, not a replay of the dictionary).
 */
import { FrameError } from '../core/index.ts'
import { BinaryDecoder, BinaryEncoder } from './binary-coder.ts'
import {
  ContextModel,
  createSharedDictionary,
  DEFAULT_MODEL_SIZES,
  modelStateBytes,
  type ContextModelSizes,
} from './context-model.ts'

/** Opens primed models for connections that share one dictionary and table sizes. */
export interface ModelStreamFactory {
  encoder(): (message: Uint8Array) => Uint8Array
  decoder(maxOutputBytes: number): (block: Uint8Array) => Uint8Array
}

/** Primes a model with `dictionary` (null: none) once; every encoder and decoder starts from a copy of it. */
export function createModelStreamFactory(dictionary: Uint8Array | null, sizes: ContextModelSizes): ModelStreamFactory {
  const shared = dictionary === null || dictionary.length === 0 ? null : createSharedDictionary(dictionary)
  const primed = new ContextModel(sizes, shared)
  if (shared !== null) primed.learn(shared.bytes)
  return {
    encoder() {
      const model = primed.clone()
      const coder = new BinaryEncoder()
      return (message) => {
        for (const byte of message) {
          coder.encode(0, model.predictEnd())
          model.updateEnd(0)
          for (let k = 7; k >= 0; k--) {
            const bit = (byte >>> k) & 1
            coder.encode(bit, model.predictBit())
            model.updateBit(bit)
          }
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
        const out: number[] = []
        for (;;) {
          const ended = coder.decode(model.predictEnd())
          model.updateEnd(ended)
          if (ended === 1) break
          if (out.length >= maxOutputBytes)
            throw new FrameError('E_FRAME_CORRUPT', `stateful cm block decodes past ${maxOutputBytes} bytes`)
          let byte = 1
          while (byte < 256) {
            const bit = coder.decode(model.predictBit())
            model.updateBit(bit)
            byte = (byte << 1) | bit
          }
          out.push(byte & 0xff)
        }
        model.endMessage()
        return Uint8Array.from(out)
      }
    },
  }
}

/** The cm table sizes a stateful config names: `window_log` the history ring, `hash_log` each order table. */
export function cmSizes(options: { windowLog: number; hashLog?: number }): ContextModelSizes {
  return {
    historyLog: options.windowLog,
    matchHashLog: Math.max(10, options.windowLog - 3),
    orderLog: options.hashLog ?? DEFAULT_MODEL_SIZES.orderLog,
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
  const name = `${sizes.historyLog}/${sizes.matchHashLog}/${sizes.orderLog}`
  let factory = bySizes.get(name)
  if (factory === undefined) {
    factory = createModelStreamFactory(dictionary, sizes)
    bySizes.set(name, factory)
  }
  return factory
}

/** Memory of one cm connection by formula: each end's typed arrays (the shared dictionary and its index are not per connection). */
export function cmFormulaBytes(options: { windowLog: number; hashLog?: number }): { encoder: number; decoder: number } {
  const bytes = modelStateBytes(cmSizes(options))
  return { encoder: bytes, decoder: bytes }
}
