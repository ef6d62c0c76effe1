/**
 * The `zstd_dict` method (Zstandard with a shared dictionary) and the plain `zstd_napi` codec, both
 * through zstd-napi's sync binding. One compression and one decompression context per codec, with
 * the dictionary loaded once, are reused for every message.
 */
import { AuraError, type Codec, concatBytes, DEFAULT_MAX_OUTPUT_BYTES, FrameError } from '../core/index.ts'
import { asPlainBytes } from './bytes-view.ts'
import { describeError, toFrameError } from './describe-error.ts'
import { checkMaxOutputBytes, integerOption } from './options.ts'
import { checkZstdFrame, readZstdFrame } from './zstd-frame.ts'
import { ZSTD_NAPI_LIBRARY as LIBRARY, ZSTD_NAPI_LIBRARY_VERSION, zstdNapi, zstdNapiBinding as binding } from './zstd-napi-binding.ts'

type ZstdCompressor = InstanceType<typeof zstdNapi.Compressor>
type ZstdDCtx = InstanceType<typeof binding.DCtx>

/** Output chunk of streaming decodes (frames without a content size): libzstd's recommended size. */
const STREAM_CHUNK_BYTES = binding.dStreamOutSize()

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
  const level = integerOption('zstd_napi', 'level', options.level, 3, [1, 22])
  return createNapiCodec({ name: 'zstd_napi', level, dictionary: undefined, checksum: false, dictIdFlag: false, contentSizeFlag: true })
}

/** Creates the sync `zstd_dict` codec with its dictionary loaded once into both contexts. */
export function createZstdDictCodec(options: ZstdDictOptions): Codec {
  const level = integerOption('zstd_dict', 'level', options.level, 19, [1, 22])
  if (options.dictionary.length === 0) {
    throw new AuraError('E_SCHEMA', 'zstd_dict: the dictionary is empty', { field: 'dictionary' }, { hint: 'build one with createRawContentDictionary from sample messages' })
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

function createNapiCodec(setup: NapiSetup): Codec {
  const compressor = new zstdNapi.Compressor()
  compressor.setParameters({ compressionLevel: setup.level, checksumFlag: setup.checksum, dictIDFlag: setup.dictIdFlag, contentSizeFlag: setup.contentSizeFlag })
  const dctx = new binding.DCtx()
  const dictionaryId = setup.dictionary === undefined ? 0 : loadDictionary(setup.dictionary, compressor, dctx)
  return {
    name: setup.name,
    library: LIBRARY,
    libraryVersion: ZSTD_NAPI_LIBRARY_VERSION,
    isAsync: false,
    encode: (message: Uint8Array): Uint8Array => asPlainBytes(compressor.compress(message)),
    decode(payload: Uint8Array, maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES): Uint8Array {
      const info = readZstdFrame(payload)
      checkZstdFrame(info, checkMaxOutputBytes(maxOutputBytes), dictionaryId)
      try {
        return info.contentSizeBytes === undefined ? decodeStreaming(dctx, payload, maxOutputBytes) : decodeSized(dctx, payload, info.contentSizeBytes)
      } catch (error) {
        throw toFrameError(setup.name, error)
      }
    },
  }
}

/** Loads the dictionary into both contexts (libzstd keeps a prepared copy); returns its id, 0 for raw content. */
function loadDictionary(dictionary: Uint8Array, compressor: ZstdCompressor, dctx: ZstdDCtx): number {
  try {
    compressor.loadDictionary(dictionary)
    dctx.loadDictionary(dictionary)
    return binding.getDictIDFromDict(dictionary)
  } catch (error) {
    // content starting with the zstd dictionary magic number is parsed as a trained dictionary
    throw new AuraError('E_SCHEMA', `zstd_dict: the dictionary cannot be loaded (${describeError(error)})`, { field: 'dictionary' }, { cause: error })
  }
}

/** One-shot decode into a buffer of exactly the stated size; libzstd fails rather than write past it. */
function decodeSized(dctx: ZstdDCtx, payload: Uint8Array, contentSizeBytes: number): Uint8Array {
  const out = Buffer.allocUnsafe(contentSizeBytes)
  const decodedBytes = dctx.decompress(out, payload)
  if (decodedBytes !== contentSizeBytes) throw new FrameError('E_FRAME_CORRUPT', `zstd frame states ${contentSizeBytes} bytes but decodes to ${decodedBytes}`)
  return asPlainBytes(out)
}

/** Streaming decode in bounded chunks, stopping one byte past `maxOutputBytes`. */
function decodeStreaming(dctx: ZstdDCtx, payload: Uint8Array, maxOutputBytes: number): Uint8Array {
  dctx.reset(binding.ResetDirective.sessionOnly)
  const chunks: Uint8Array[] = []
  let totalBytes = 0
  let input = payload
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(STREAM_CHUNK_BYTES, maxOutputBytes - totalBytes + 1))
    const [remainingHint, producedBytes, consumedBytes] = dctx.decompressStream(chunk, input)
    input = input.subarray(consumedBytes)
    totalBytes += producedBytes
    if (totalBytes > maxOutputBytes) throw new FrameError('E_FRAME_TOO_LARGE', `zstd frame decodes to more than the limit of ${maxOutputBytes} bytes`)
    if (producedBytes > 0) chunks.push(chunk.subarray(0, producedBytes))
    if (remainingHint === 0) return concatBytes(chunks)
    if (producedBytes === 0 && consumedBytes === 0) throw new FrameError('E_FRAME_TRUNCATED', 'zstd frame ends before its last block')
  }
}
