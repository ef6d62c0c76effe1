/**
 * The json_residue frame (tag 0xFA, round 35; its model: templates/json-residue.ts): a JSON object or
 * array as its key structure (shape ids of the store's table) and its residue (the values no rule of
 * the store rebuilds) compressed by the config's zstd_dict codec. It needs both the store's
 * `jsonResidue` model and the dictionary, so it is only ever sent by a config whose fallback is
 * zstd_dict with a store that has the model, and only when it is smaller than the frame the hybrid's
 * selection chose (selection.ts): a message never grows for it.
 */
import { FrameError, toBytes, tryDecodeUtf8, type CompressorConfig, type Method } from '../core/index.ts'
import { decodeLimitBytes, methodTag } from '../codecs/index.ts'
import {
  joinResidue,
  jsonResidueCheckByte,
  type JsonResidueModel,
  readResiduePayload,
  splitResidue,
  type TemplateStore,
  writeResiduePayload,
} from '../templates/index.ts'
import type { CodecSet } from './codec-set.ts'
import { messageKind, type ResidueLearner } from './residue-learning.ts'
import type { HybridCompressResult } from './selection.ts'
import { checkDictionaryPeer, peerDiffers, type PeerAgreement } from './store-identity.ts'

const TAG = methodTag('json_residue')
const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b

/** String.prototype.isWellFormed (Node 20; not in TypeScript's ES2022 lib): false when a lone surrogate is in the text. */
type WellFormed = { isWellFormed(): boolean }

/** The sending side: offers each JSON message's residue frame against the chosen one. */
export interface ResidueSide {
  /** `result` itself, or the json_residue frame of `message` when that is smaller (candidateBytes gains its size when tried). */
  improve(result: HybridCompressResult, message: string | Uint8Array): HybridCompressResult
}

/** True when the message begins as JSON does (`{` or `[`): the only messages the residue side weighs. */
export function opensJson(message: string | Uint8Array): boolean {
  const first = typeof message === 'string' ? message.charCodeAt(0) : message[0]
  return first === OPEN_BRACE || first === OPEN_BRACKET
}

/**
 * The residue side of a compressor, or null when it cannot send the frame (no model, or a fallback that
 * is not zstd_dict). With a `learner`, a message of a kind the frame keeps losing on skips it
 * (residue-learning.ts); without one, every JSON message is tried.
 */
export function createResidueSide(
  config: CompressorConfig,
  store: TemplateStore | null,
  codecs: CodecSet,
  learner: ResidueLearner | null = null,
): ResidueSide | null {
  const model = store?.jsonResidue
  if (model === undefined || config.fallback !== 'zstd_dict' || codecs.fallback.isAsync) return null
  const codec = codecs.fallback
  // store_check: frame: the model's check byte leads the payload (jsonResidueCheckByte)
  const checked = config.storeCheck === 'frame'
  return {
    improve(result, message) {
      if (!opensJson(message)) return result
      const kind = learner === null ? 0 : messageKind(message, result.method)
      if (learner?.skips(kind) === true) return result
      // a string with a lone surrogate: its bytes (toBytes, U+FFFD for each) are the message, and the residue
      // check compares texts, so a surrogate split between two values could rebuild other bytes; no frame
      if (typeof message === 'string' && !(message as unknown as WellFormed).isWellFormed()) return result
      const text = typeof message === 'string' ? message : tryDecodeUtf8(message)
      if (text === undefined) return result
      const frame = residueFrame(
        model,
        text,
        result.metadata.originalBytes,
        codec.encode,
        config.maxMessageBytes,
        checked,
      )
      learner?.tried(kind, frame !== undefined && frame.length < result.bytes.length)
      if (frame === undefined) return result
      const candidateBytes: Partial<Record<Method, number>> = {
        ...result.metadata.candidateBytes,
        json_residue: frame.length,
      }
      if (frame.length >= result.bytes.length) return { ...result, metadata: { ...result.metadata, candidateBytes } }
      const { originalBytes } = result.metadata
      return {
        bytes: frame,
        method: 'json_residue',
        metadata: {
          // the chosen result's other fields (auraHeaderBytes, ...) stay: what the selection weighed
          ...result.metadata,
          ratio: originalBytes / frame.length,
          method: 'json_residue',
          originalBytes,
          compressedBytes: frame.length,
          candidateBytes,
        },
      }
    },
  }
}

/** The frame, or undefined when the model does not rebuild the text exactly or the decoder's budget would refuse it. */
function residueFrame(
  model: JsonResidueModel,
  text: string,
  messageBytes: number,
  encode: (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  maxMessageBytes: number,
  checked: boolean,
): Uint8Array | undefined {
  const split = splitResidue(model, text)
  if (split === undefined) return undefined
  const residue = toBytes(split.residue)
  const payload = writeResiduePayload(split.head, encode(residue) as Uint8Array)
  const at = checked ? 2 : 1
  const frame = new Uint8Array(payload.length + at)
  frame[0] = TAG
  if (checked) frame[1] = jsonResidueCheckByte(model)
  frame.set(payload, at)
  // the decoder decodes the residue, and rebuilds the message, within the frame's budget (decode-budget.ts)
  const limit = decodeLimitBytes(frame.length, maxMessageBytes)
  return residue.length <= limit && messageBytes <= limit ? frame : undefined
}

/**
 * The message of a json_residue frame's payload. E_FRAME_UNKNOWN_TEMPLATE without a store model,
 * E_FRAME_STORE_MISMATCH / E_FRAME_NO_DICTIONARY from a peer whose store / dictionary differs (and,
 * under `store_check: frame`, E_FRAME_STORE_MISMATCH when the frame's check byte is not this model's),
 * E_FRAME_CORRUPT or E_FRAME_TRUNCATED for a payload the encoder did not write, E_FRAME_TOO_LARGE past
 * max_message_bytes.
 */
export function decodeResiduePayload(
  config: CompressorConfig,
  store: TemplateStore | null,
  codecs: CodecSet,
  peer: PeerAgreement,
  payload: Uint8Array,
  frameBytes: number,
): Uint8Array {
  const model = store?.jsonResidue
  if (model === undefined)
    throw new FrameError(
      'E_FRAME_UNKNOWN_TEMPLATE',
      `json_residue frame but this compressor's template store ${store === null ? 'is absent' : `"${store.name}" has no jsonResidue model`}`,
    )
  if (peerDiffers(peer, 'store'))
    throw new FrameError(
      'E_FRAME_STORE_MISMATCH',
      `json_residue frame from a peer whose template store differs from this one (${store?.fingerprint}); it cannot be read safely`,
    )
  checkDictionaryPeer(peer)
  const { head, packed } = readResiduePayload(checkedPayload(model, payload, config.storeCheck === 'frame'))
  const limit = decodeLimitBytes(frameBytes, config.maxMessageBytes)
  const residue = tryDecodeUtf8(codecs.decoderFor('zstd_dict').decode(packed, limit) as Uint8Array)
  if (residue === undefined) throw new FrameError('E_FRAME_CORRUPT', 'json_residue frame: its residue is not UTF-8')
  let text: string
  try {
    text = joinResidue(model, head, residue, limit)
  } catch (error) {
    // joinResidue throws FrameError for what it checks; anything else is a frame the encoder did not write
    if (error instanceof FrameError) throw error
    throw new FrameError('E_FRAME_CORRUPT', `json_residue frame cannot be rebuilt: ${String(error)}`)
  }
  const message = toBytes(text)
  if (message.length > limit)
    throw new FrameError(
      'E_FRAME_TOO_LARGE',
      `json_residue frame decodes to ${message.length} bytes, more than its budget of ${limit} (max_message_bytes ${config.maxMessageBytes}, or the decode budget of a frame of ${frameBytes} bytes)`,
    )
  return message
}

/** The payload after its store check byte under `store_check: frame` (E_FRAME_STORE_MISMATCH when it is not this model's), else the payload. */
function checkedPayload(model: JsonResidueModel, payload: Uint8Array, checked: boolean): Uint8Array {
  if (!checked) return payload
  const check = payload[0]
  if (check === undefined)
    throw new FrameError('E_FRAME_TRUNCATED', 'json_residue frame ends before its store check byte')
  const own = jsonResidueCheckByte(model)
  if (check !== own)
    throw new FrameError(
      'E_FRAME_STORE_MISMATCH',
      `json_residue frame written with another store's jsonResidue model (check byte 0x${check.toString(16)}, this store's is 0x${own.toString(16)})`,
    )
  return payload.subarray(1)
}
