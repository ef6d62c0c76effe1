/**
 * Frame -> message for one compressor and one peer, built once: the fallback's own frames (nearly
 * every frame where no template matches) go straight from their tag byte to the fallback's decoder;
 * every other frame is parsed and dispatched by method. The peer's dictionary and whether the
 * fallback is synchronous are decided when the decoder is built, not per frame.
 */
import { FrameError, wrongArgument, type CompressorConfig } from '../core/index.ts'
import {
  auraRecordsLimitBytes,
  decodeLimitBytes,
  expansionNote,
  isExpansionBound,
  methodTag,
  parseFrame,
} from '../codecs/index.ts'
import { decodeBinarySemantic, prepareDecoding, type TemplateStore } from '../templates/index.ts'
import { decodeAuraPayload } from './aura.ts'
import { decodeResiduePayload } from './json-residue-frame.ts'
import type { CodecSet } from './codec-set.ts'
import { checkDictionaryPeer, checkedTemplateBody, peerDiffers, type PeerAgreement } from './store-identity.ts'
import { asyncOnlyCodec } from './usage.ts'

/** Decoding for one compressor and peer. Both calls refuse the same frames with the same coded errors. */
export interface FrameDecoder {
  /** The message of a frame; throws E_USAGE for a frame whose codec is async-only (`zstd`). */
  decodeSync(frame: Uint8Array): Uint8Array
  /** The message of a frame; rejects (never throws) for a frame that is not valid. */
  decode(frame: Uint8Array): Promise<Uint8Array>
}

/** No byte equals it: the direct path is off. */
const NO_TAG = -1

/** Builds the decoder of a compressor's frames as read from `peer`. */
export function createFrameDecoder(
  config: CompressorConfig,
  store: TemplateStore | null,
  codecs: CodecSet,
  peer: PeerAgreement,
): FrameDecoder {
  const maxOutputBytes = config.maxMessageBytes
  const fallback = codecs.fallback
  if (store !== null) prepareDecoding(store)
  // a refused (peer's dictionary differs) or async fallback takes the general path, which says so
  const refused = config.fallback === 'zstd_dict' && peerDiffers(peer, 'dictionary')
  const directTag = fallback.isAsync || refused ? NO_TAG : methodTag(config.fallback)
  const general = (frame: Uint8Array, allowAsync: boolean): Uint8Array | Promise<Uint8Array> =>
    decodeParsed(config, store, codecs, peer, frame, allowAsync)
  // the fallback's decode returns bytes here: directTag is set only for a sync fallback
  const direct = (frame: Uint8Array): Uint8Array =>
    budgeted(frame.length, maxOutputBytes, (limit) => fallback.decode(frame.subarray(1), limit) as Uint8Array)
  // a template frame with a two-byte header (ids below 16384), when the body has no check byte and the
  // peer's store is not refused, goes straight to the store: what decodeParsed does for it, without the parse
  const templates =
    store !== null && (config.storeCheck ?? 'none') === 'none' && !peerDiffers(peer, 'store') ? store : null
  const one = (frame: Uint8Array, allowAsync: boolean): Uint8Array | Promise<Uint8Array> => {
    if (!(frame instanceof Uint8Array)) return general(frame, allowAsync)
    const tag = frame[0] as number
    if (tag === directTag) return direct(frame)
    if (templates !== null && tag >= TAG_BINARY_BASE && tag <= TAG_BINARY_LAST && frame.length >= 2) {
      const templateId = ((tag & 0x3f) << 8) | (frame[1] as number)
      return boundedOutput(decodeBinarySemantic(templates, templateId, frame.subarray(2)), maxOutputBytes)
    }
    return general(frame, allowAsync)
  }
  return {
    decodeSync: (frame) => one(frame, false) as Uint8Array,
    // not an async function: a resolved promise of the sync result costs less than an async frame
    decode(frame) {
      try {
        return Promise.resolve(one(frame, true))
      } catch (error) {
        return Promise.reject(error)
      }
    },
  }
}

/** The tags of a binary_semantic frame with a two-byte header (codecs/framing.ts): 0x80-0xBF, the id's high 6 bits in the tag. */
const TAG_BINARY_BASE = 0x80
const TAG_BINARY_LAST = 0xbf

/**
 * Any frame: parsed, then dispatched by method. With `allowAsync` false a frame whose codec is
 * async-only throws E_USAGE (after the frame's header has been checked).
 */
function decodeParsed(
  config: CompressorConfig,
  store: TemplateStore | null,
  codecs: CodecSet,
  peer: PeerAgreement,
  frame: Uint8Array,
  allowAsync: boolean,
): Uint8Array | Promise<Uint8Array> {
  if (!(frame instanceof Uint8Array)) throw wrongArgument('decompress takes a Uint8Array frame', frame)
  const parsed = parseFrame(frame, config.framing)
  const maxOutputBytes = config.maxMessageBytes
  switch (parsed.method) {
    case 'passthrough':
    case 'uncompressed':
      if (parsed.payload.length > maxOutputBytes)
        throw new FrameError(
          'E_FRAME_TOO_LARGE',
          `frame carries ${parsed.payload.length} bytes, more than ${maxOutputBytes}`,
        )
      return parsed.payload.slice()
    case 'binary_semantic': {
      if (store === null)
        throw new FrameError(
          'E_FRAME_UNKNOWN_TEMPLATE',
          `frame names template ${parsed.templateId} but this compressor has no template store`,
        )
      const text = decodeBinarySemantic(
        store,
        parsed.templateId,
        checkedTemplateBody(store, parsed.templateId, parsed.payload, config.storeCheck ?? 'none', peer),
      )
      // a 0xFB frame (round 41): the template's text, then the `\r` the sender took off
      return boundedOutput(parsed.trailingCr === true ? withCr(text) : text, maxOutputBytes)
    }
    case 'aura':
      // self-describing (its templates and a CRC-32 travel in the frame): no store to disagree on
      return budgeted(frame.length, maxOutputBytes, (limit) =>
        decodeAuraPayload(parsed.payload, codecs.auraBody, limit, auraRecordsLimitBytes(frame.length, maxOutputBytes)),
      )
    case 'json_residue':
      return decodeResiduePayload(config, store, codecs, peer, parsed.payload, frame.length)
    default: {
      if (parsed.method === 'zstd_dict') checkDictionaryPeer(peer)
      const codec = codecs.decoderFor(parsed.method)
      if (codec.isAsync && !allowAsync) throw asyncOnlyCodec('decompressSync', codec, config)
      if (!codec.isAsync)
        return budgeted(frame.length, maxOutputBytes, (limit) => codec.decode(parsed.payload, limit) as Uint8Array)
      const limit = decodeLimitBytes(frame.length, maxOutputBytes)
      return (codec.decode(parsed.payload, limit) as Promise<Uint8Array>).catch((error: unknown) => {
        throw withExpansionNote(error, frame.length, limit, maxOutputBytes)
      })
    }
  }
}

/**
 * Decodes a compressed frame within its decode budget (decode-budget.ts): at most max_message_bytes,
 * and at most max(1 MiB, 128 x its length), so a small frame's work stays small; a refusal by the
 * expansion limit says so.
 */
function budgeted(frameBytes: number, maxMessageBytes: number, decode: (limitBytes: number) => Uint8Array): Uint8Array {
  const limit = decodeLimitBytes(frameBytes, maxMessageBytes)
  try {
    return decode(limit)
  } catch (error) {
    throw withExpansionNote(error, frameBytes, limit, maxMessageBytes)
  }
}

function withExpansionNote(error: unknown, frameBytes: number, limitBytes: number, maxMessageBytes: number): unknown {
  if (
    !(error instanceof FrameError) ||
    error.code !== 'E_FRAME_TOO_LARGE' ||
    !isExpansionBound(limitBytes, maxMessageBytes)
  )
    return error
  return new FrameError('E_FRAME_TOO_LARGE', `${error.message}: ${expansionNote(frameBytes)}`)
}

/** `message` followed by `\r` (0x0D). */
function withCr(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.length + 1)
  out.set(message)
  out[message.length] = 0x0d
  return out
}

/** A template's output grows only linearly with its body, so checking after decoding keeps memory bounded. */
function boundedOutput(message: Uint8Array, maxOutputBytes: number): Uint8Array {
  if (message.length > maxOutputBytes)
    throw new FrameError(
      'E_FRAME_TOO_LARGE',
      `binary_semantic frame decodes to ${message.length} bytes, more than ${maxOutputBytes}`,
    )
  return message
}
