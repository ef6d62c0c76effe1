/**
 * The `zstd_dict` method (Zstandard with a shared dictionary) and the plain `zstd_napi` codec, both
 * through zstd-napi's sync binding. One compression and one decompression context per codec, with
 * the dictionary loaded once, are reused for every message.
 */
import {
  AuraError,
  CODEC_LEVEL_RANGES,
  type Codec,
  concatBytes,
  DEFAULT_MAX_OUTPUT_BYTES,
  describeArgument,
  errorText,
  FrameError,
} from '../core/index.ts'
import { asPlainBytes } from './bytes-view.ts'
import { copyFrameOut } from './frame-slab.ts'
import { checkMaxOutputBytes, integerOption } from './options.ts'
import { checkZstdFrame, readZstdFrame, zstdFrameError } from './zstd-frame.ts'
import {
  ZSTD_NAPI_LIBRARY as LIBRARY,
  ZSTD_NAPI_LIBRARY_VERSION,
  type ZstdNapiBinding,
  zstdNapiBinding,
} from './zstd-napi-binding.ts'

type ZstdCCtx = InstanceType<ZstdNapiBinding['CCtx']>
type ZstdDCtx = InstanceType<ZstdNapiBinding['DCtx']>

/** Options of the plain `zstd_napi` codec. */
export interface ZstdNapiOptions {
  /** compression level 1-22, default 3 */
  level?: number
}

/** Options of the `zstd_dict` codec. */
export interface ZstdDictOptions {
  /** compression level 1-22, default 19 */
  level?: number
  /** dictionary bytes: raw content (see createRawContentDictionary) or a trained zstd dictionary */
  dictionary: Uint8Array
  /** append a 4-byte content checksum to every frame, default false */
  checksum?: boolean
  /** write the dictionary id (trained dictionaries only; raw content has none) in every frame, default false */
  dictIdFlag?: boolean
  /** state the content size in every frame, default true; without it decode streams in bounded chunks */
  contentSizeFlag?: boolean
}

interface NapiSetup {
  name: 'zstd_napi' | 'zstd_dict'
  level: number
  dictionary: Uint8Array | undefined
  checksum: boolean
  dictIdFlag: boolean
  contentSizeFlag: boolean
}

/** Creates the sync `zstd_napi` codec: zstd-napi without a dictionary (compare with the async `zstd`). */
export function createZstdNapiCodec(options: ZstdNapiOptions = {}): Codec {
  const level = integerOption('zstd_napi', 'level', options.level, 3, CODEC_LEVEL_RANGES.zstd_napi)
  return createNapiCodec({
    name: 'zstd_napi',
    level,
    dictionary: undefined,
    checksum: false,
    dictIdFlag: false,
    contentSizeFlag: true,
  })
}

/** Creates the sync `zstd_dict` codec with its dictionary loaded once into both contexts. */
export function createZstdDictCodec(options: ZstdDictOptions): Codec {
  const level = integerOption('zstd_dict', 'level', options.level, 19, CODEC_LEVEL_RANGES.zstd_dict)
  if (!(options.dictionary instanceof Uint8Array) || options.dictionary.length === 0) {
    throw new AuraError(
      'E_SCHEMA',
      `zstd_dict: the dictionary is ${options.dictionary instanceof Uint8Array ? 'empty' : `missing (a Uint8Array is needed, got ${describeArgument(options.dictionary)})`}`,
      { field: 'dictionary' },
      { hint: 'build one with createRawContentDictionary from sample messages' },
    )
  }
  return createNapiCodec({
    name: 'zstd_dict',
    level,
    dictionary: options.dictionary,
    checksum: options.checksum ?? false,
    dictIdFlag: options.dictIdFlag ?? false,
    contentSizeFlag: options.contentSizeFlag ?? true,
  })
}

/** A codec that can also write its payload straight after a frame's tag byte: one copy and one allocation fewer than encode + writeMethodFrame. */
interface FrameWritingCodec extends Codec {
  /** `tag` followed by the payload `encode` would return (the same bytes). */
  encodeFrame(message: Uint8Array, tag: number): Uint8Array
  /**
   * encodeFrame in two steps, for a caller that may not want the frame: writes it into the codec's
   * scratch and returns its length in bytes; `takeFrame` then copies it out (before the next call
   * of any encode). A frame not taken costs no allocation.
   */
  writeFrame(message: Uint8Array, tag: number): number
  /** The frame the last writeFrame wrote (`frameBytes` is what it returned), in a buffer of its own. */
  takeFrame(frameBytes: number): Uint8Array
}

/** True when a codec writes its frames itself (see FrameWritingCodec). */
export function writesFrames(codec: Codec): codec is FrameWritingCodec {
  return 'encodeFrame' in codec
}

/** Smallest scratch output, in bytes (grown to the bound of the largest message seen). */
const MIN_SCRATCH_BYTES = 1024
/** Largest scratch kept between calls; a larger message compresses into a buffer of its own. */
const MAX_KEPT_SCRATCH_BYTES = 1 << 20

function createNapiCodec(setup: NapiSetup): FrameWritingCodec {
  // ZSTD_compress2 on one context, as zstd-napi's Compressor.compress does (the same parameters, so the same bytes),
  // into a reused scratch buffer; the output is copied once into a buffer of its exact size, carved
  // from a slab (frame-slab.ts) as zstd-napi's own Compressor.compress returns a pooled Buffer.from copy.
  // The binding is loaded here, not at import: E_DEPENDENCY when it was not built (zstd-napi-binding.ts)
  const binding = zstdNapiBinding()
  const cctx = new binding.CCtx()
  cctx.setParameter(binding.CParameter.compressionLevel, setup.level)
  cctx.setParameter(binding.CParameter.checksumFlag, setup.checksum ? 1 : 0)
  cctx.setParameter(binding.CParameter.dictIDFlag, setup.dictIdFlag ? 1 : 0)
  cctx.setParameter(binding.CParameter.contentSizeFlag, setup.contentSizeFlag ? 1 : 0)
  const dctx = new binding.DCtx()
  const dictionaryId = setup.dictionary === undefined ? 0 : loadDictionary(setup.dictionary, cctx, dctx)
  let scratch = new Uint8Array(MIN_SCRATCH_BYTES)
  let afterTag = scratch.subarray(1)
  /** where the last call compressed to: the scratch, or a buffer of its own for a message too large to keep one for */
  let written = scratch
  /** Compresses after the first byte of `written`; returns the payload's length. */
  const compress = (message: Uint8Array): number => {
    const boundBytes = binding.compressBound(message.length) + 1
    if (boundBytes > MAX_KEPT_SCRATCH_BYTES) {
      written = new Uint8Array(boundBytes)
      return cctx.compress2(written.subarray(1), message)
    }
    if (boundBytes > scratch.length) {
      scratch = new Uint8Array(Math.max(boundBytes, scratch.length * 2))
      afterTag = scratch.subarray(1)
    }
    written = scratch
    return cctx.compress2(afterTag, message)
  }
  return {
    name: setup.name,
    library: LIBRARY,
    libraryVersion: ZSTD_NAPI_LIBRARY_VERSION,
    isAsync: false,
    encode: (message: Uint8Array): Uint8Array => {
      const payloadBytes = compress(message)
      return copyFrameOut(written, 1, payloadBytes)
    },
    encodeFrame(message: Uint8Array, tag: number): Uint8Array {
      const payloadBytes = compress(message)
      written[0] = tag
      return copyFrameOut(written, 0, payloadBytes + 1)
    },
    writeFrame(message: Uint8Array, tag: number): number {
      const payloadBytes = compress(message)
      written[0] = tag
      return payloadBytes + 1
    },
    takeFrame: (frameBytes: number): Uint8Array => copyFrameOut(written, 0, frameBytes),
    decode(payload: Uint8Array, maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES): Uint8Array {
      const info = readZstdFrame(payload)
      checkZstdFrame(info, checkMaxOutputBytes(maxOutputBytes), dictionaryId)
      try {
        return info.contentSizeBytes === undefined
          ? decodeStreaming(binding, dctx, payload, maxOutputBytes)
          : decodeSized(dctx, payload, info.contentSizeBytes)
      } catch (error) {
        throw zstdFrameError(setup.name, error)
      }
    },
  }
}

/** Loads the dictionary into both contexts (libzstd keeps a prepared copy); returns its id, 0 for raw content. */
function loadDictionary(dictionary: Uint8Array, cctx: ZstdCCtx, dctx: ZstdDCtx): number {
  try {
    cctx.loadDictionary(dictionary)
    dctx.loadDictionary(dictionary)
    return zstdNapiBinding().getDictIDFromDict(dictionary)
  } catch (error) {
    // content starting with the zstd dictionary magic number is parsed as a trained dictionary
    throw new AuraError(
      'E_SCHEMA',
      `zstd_dict: the dictionary cannot be loaded (${errorText(error)})`,
      { field: 'dictionary' },
      { cause: error },
    )
  }
}

/** One-shot decode into a buffer of exactly the stated size; libzstd fails rather than write past it. */
function decodeSized(dctx: ZstdDCtx, payload: Uint8Array, contentSizeBytes: number): Uint8Array {
  const out = Buffer.allocUnsafe(contentSizeBytes)
  const decodedBytes = dctx.decompress(out, payload)
  if (decodedBytes !== contentSizeBytes)
    throw new FrameError(
      'E_FRAME_CORRUPT',
      `zstd frame states ${contentSizeBytes} bytes but decodes to ${decodedBytes}`,
    )
  return asPlainBytes(out)
}

/** Streaming decode in bounded chunks, stopping one byte past `maxOutputBytes`. */
function decodeStreaming(
  binding: ZstdNapiBinding,
  dctx: ZstdDCtx,
  payload: Uint8Array,
  maxOutputBytes: number,
): Uint8Array {
  dctx.reset(binding.ResetDirective.sessionOnly)
  // libzstd's recommended output chunk, asked once per decode (not once per chunk)
  const chunkBytes = binding.dStreamOutSize()
  const chunks: Uint8Array[] = []
  let totalBytes = 0
  let input = payload
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, maxOutputBytes - totalBytes + 1))
    const [remainingHint, producedBytes, consumedBytes] = dctx.decompressStream(chunk, input)
    input = input.subarray(consumedBytes)
    totalBytes += producedBytes
    if (totalBytes > maxOutputBytes)
      throw new FrameError('E_FRAME_TOO_LARGE', `zstd frame decodes to more than the limit of ${maxOutputBytes} bytes`)
    if (producedBytes > 0) chunks.push(chunk.subarray(0, producedBytes))
    if (remainingHint === 0) return concatBytes(chunks)
    if (producedBytes === 0 && consumedBytes === 0)
      throw new FrameError('E_FRAME_TRUNCATED', 'zstd frame ends before its last block')
  }
}
