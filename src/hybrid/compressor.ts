/** The reference hybrid compressor: per message, one method and one frame (see selection steps below). */
import { isUtf8 } from 'node:buffer'
import {
  AuraError,
  toBytes,
  tryDecodeUtf8,
  wrongArgument,
  type Codec,
  type CompressMetadata,
  type CompressorConfig,
  type CompressResult,
  type Compressor,
  type Method,
} from '../core/index.ts'
import {
  auraRecordsLimitBytes,
  decodeLimitBytes,
  minPayloadBytes,
  uncompressedFrameSizeBytes,
  writeMethodFrame,
  writeTemplateFrame,
  writeUncompressedFrame,
  writesFrames,
  methodTag,
} from '../codecs/index.ts'
import {
  createTemplateFrameEncoder,
  type TemplateFrameEncoder,
  type TemplateMatcher,
  type TemplateStore,
} from '../templates/index.ts'
import { encodeAuraPayload, type LineTemplater } from './aura.ts'
import { createCodecSet, type CodecSet } from './codec-set.ts'
import { createFrameDecoder } from './frame-decoder.ts'
import { SelectionLearner } from './selection-learning.ts'
import {
  comparePeer,
  dictionaryFingerprintOf,
  parseHandshake,
  peerDiffers,
  checkBytePrefix,
  writeHandshake,
  type PeerAgreement,
} from './store-identity.ts'
import { asyncOnlyCodec } from './usage.ts'

/** What a compressor needs besides its config: shared state loaded by the caller. */
export interface HybridResources {
  store: TemplateStore | null
  matcher: TemplateMatcher | null
  /** zstd_dict dictionary bytes, or null */
  dictionary: Uint8Array | null
}

/** A candidate frame the policy weighed; the uncompressed frame is only written when it is chosen. */
interface Candidate {
  method: Method
  sizeBytes: number
  frame?: Uint8Array
  templateId?: number
  auraHeaderBytes?: number
}

/** Options of createHybridCompressor. */
export interface HybridOptions {
  /**
   * Run the fallback codec on every message from min_compression_size up, even when its frame
   * provably cannot change the choice (step 5 below); the frames and methods are the same either
   * way, only `candidateBytes` gains the fallback's size. Default false (for tests and diagnostics).
   */
  exhaustive?: boolean
  /**
   * Learn per template whether its frame reliably beats the fallback and then skip the fallback
   * (selection-learning.ts). Default true; false keeps the seed's comparison on every message.
   */
  learnSelection?: boolean
}

/** Metadata of one compressed message, with the sizes of every candidate the policy weighed. */
export interface HybridMetadata extends CompressMetadata {
  /** bytes of the aura header (format, templates, checksum) when aura was tried */
  auraHeaderBytes?: number
  /** frame size per method tried, in bytes */
  candidateBytes: Partial<Record<Method, number>>
}

/** What compress and compressSync return: the frame, its method, and the metadata with every candidate's size. */
export type HybridCompressResult = CompressResult & { metadata: HybridMetadata }

/** The hybrid compressor with its config and a way to see why a method was chosen. */
export interface HybridCompressor extends Compressor {
  readonly config: CompressorConfig
  compress(message: string | Uint8Array): Promise<CompressResult & { metadata: HybridMetadata }>
  /**
   * `compress` without the promise, for a config whose fallback codec is synchronous (zstd_dict,
   * brotli, deflate: every shipped config but week3-zstd): the same frame, method and metadata, or the
   * same coded error. Always present; when the fallback is async-only (`zstd`, see `isAsync`) it
   * throws AuraError E_USAGE naming the codec, for every message (not only those the fallback would see).
   */
  compressSync(message: string | Uint8Array): HybridCompressResult
  /**
   * `decompress` without the promise: the same bytes, or the same coded error, for every frame but
   * one whose codec is async-only (a `zstd` frame, whichever config wrote it), which throws E_USAGE.
   */
  decompressSync(frame: Uint8Array): Uint8Array
  /** True when the fallback codec is async-only (`zstd`): compressSync then throws E_USAGE, and so does decompressSync for the fallback's frames. */
  readonly isAsync: boolean
  /** Fingerprint of the template store both sides must share, or null. */
  readonly storeFingerprint: string | null
  /** Fingerprint of the zstd_dict dictionary both sides must share, or null. */
  readonly dictionaryFingerprint: string | null
  /** What the accepted handshake said of the peer's store and dictionary; `unchecked` until one is accepted. */
  readonly peer: PeerAgreement
  /** This side's handshake (at most 20 bytes: the store and dictionary fingerprints), sent once per connection. */
  handshake(): Uint8Array
  /**
   * A compressor for the peer that sent `handshake` (this one is left as it is: a server shares one
   * compressor among many peers). Where the peer's store differs it neither sends nor accepts
   * binary_semantic frames (E_FRAME_STORE_MISMATCH), where its dictionary differs, zstd_dict frames.
   * A malformed handshake throws FrameError. See store-identity.ts.
   */
  acceptHandshake(handshake: Uint8Array): HybridCompressor
}

/** Builds the compressor from a validated config and its loaded shared state. */
export async function createHybridCompressor(
  config: CompressorConfig,
  resources: HybridResources,
  options: HybridOptions = {},
): Promise<HybridCompressor> {
  const codecs = createCodecSet(config, resources.dictionary)
  const templater = createLineTemplater(resources.matcher)
  const sharedStateBytes = (resources.store?.sizeBytes ?? 0) + (resources.dictionary?.length ?? 0)
  const identity = {
    storeFingerprint: resources.store?.fingerprint ?? null,
    dictionaryFingerprint: dictionaryFingerprintOf(resources.dictionary),
  }
  const own = { ...identity, storeCheck: config.storeCheck ?? 'none' }
  const templates = createTemplateSide(resources.matcher, config.storeCheck === 'frame' ? resources.store : null)
  const learner = options.exhaustive === true || options.learnSelection === false ? null : new SelectionLearner()
  const forPeer = (peer: PeerAgreement): HybridCompressor => {
    // what this side sends a peer whose store or dictionary differs: no template frames, no zstd_dict frames
    const sending = peerDiffers(peer, 'store') ? null : templates
    const noFallback = peerDiffers(peer, 'dictionary') && config.fallback === 'zstd_dict'
    const sendingConfig = noFallback ? { ...config, minCompressionSizeBytes: Number.POSITIVE_INFINITY } : config
    const begin = (message: string | Uint8Array): Selection =>
      beginSelection(sendingConfig, sending, codecs, templater, message, options.exhaustive === true, learner)
    const fallbackFrame = syncFallbackFrame(config, codecs.fallback)
    const compressSync = (message: string | Uint8Array): HybridCompressResult => {
      if (codecs.fallback.isAsync) throw asyncOnlyCodec('compressSync', codecs.fallback, config)
      const selection = begin(message)
      if (!selection.runsFallback) return finishSelection(sendingConfig, selection, 0, undefined, learner)
      return finishSelection(
        sendingConfig,
        selection,
        fallbackFrame.write(selection.message),
        fallbackFrame.take,
        learner,
      )
    }
    const decoder = createFrameDecoder(config, resources.store, codecs, peer)
    return {
      name: config.name,
      config,
      sharedStateBytes,
      libraries: codecs.libraries,
      ...identity,
      peer,
      isAsync: codecs.fallback.isAsync,
      handshake: () => writeHandshake(own),
      acceptHandshake: (handshake) => forPeer(comparePeer(own, parseHandshake(handshake))),
      compress: codecs.fallback.isAsync
        ? (message) => compressAsync(sendingConfig, codecs, begin, message, learner)
        : (message) => resolvedOrRejected(compressSync, message),
      compressSync,
      decompress: decoder.decode,
      decompressSync: decoder.decodeSync,
    }
  }
  return forPeer({ status: 'unchecked' })
}

/** Steps 1-4 of the selection up to the fallback codec: the candidates found so far and whether step 4 runs the fallback. */
interface Selection {
  message: Uint8Array
  isText: boolean
  binary: Candidate | undefined
  uncompressed: Candidate
  aura: Candidate | undefined
  runsFallback: boolean
}

/**
 * Steps (beginSelection does 1-3 and decides 4; the caller runs the fallback, sync or awaited; finishSelection does 5-6):
 * 1. Refuse messages over max_message_bytes (a clear error, not an out-of-memory).
 * 2. binary_semantic: the smallest template encoding, if the message is UTF-8 and a template fits.
 *    Templates are tried at any size (the seed's health check: "Processing request..." is 21 bytes).
 * 3. The uncompressed frame (message + tag, or the message itself under text-passthrough), written
 *    only if chosen; aura, if enabled and the message is at least aura_min_size.
 * 4. The fallback codec, only from min_compression_size bytes up, and not when it provably cannot
 *    change the choice (unless `exhaustive`): binary_semantic's frame x binary_advantage_threshold is
 *    at most the uncompressed frame, the aura frame if tried, and the fewest bytes the fallback's
 *    format can take for this message (tag + minPayloadBytes). Every "best other" of step 5 is then at
 *    least that product, so step 6 picks binary_semantic whatever the fallback would have written.
 *    Nor when the chosen template has learned that it reliably beats the fallback (selection-learning.ts):
 *    then the fallback's frame is simply not weighed (a predicted, not a proven, outcome).
 * 5. Best other = smallest of 3 (uncompressed) and 4. aura replaces it when its frame is at most
 *    (1 - aura_preference_margin) x best other.
 * 6. binary_semantic wins when its frame x binary_advantage_threshold is at most best other.
 * "At most" holds at the tie: the products are compared with a tolerance far below one byte
 * (in binary floating point 50 x 1.1 is 55.00000000000001, which would refuse a 50-byte frame against 55).
 */
function beginSelection(
  config: CompressorConfig,
  templates: TemplateSide | null,
  codecs: CodecSet,
  templater: LineTemplater | undefined,
  input: string | Uint8Array,
  exhaustive: boolean,
  learner: SelectionLearner | null,
): Selection {
  // The library API is called from untyped JavaScript too: a wrong argument is a coded error, not a TypeError.
  if (typeof input !== 'string' && !(input instanceof Uint8Array))
    throw wrongArgument('compress takes a string or a Uint8Array', input)
  const message = typeof input === 'string' ? toBytes(input) : input
  if (message.length > config.maxMessageBytes) {
    throw new AuraError(
      'E_MESSAGE_TOO_LARGE',
      `message of ${message.length} bytes exceeds max_message_bytes ${config.maxMessageBytes}`,
      { file: config.file, field: 'max_message_bytes' },
    )
  }
  // decode only for a template that may match (its first or last byte, and the anchor words among its
  // tokens, say so; the matcher keeps the candidates it found) or for text-passthrough framing
  const mayTemplate = templates !== null && templates.matcher.mayMatchBytes(message)
  const text = typeof input === 'string' ? input : mayTemplate ? tryDecodeUtf8(message) : undefined
  const isText = text !== undefined || (!mayTemplate && config.framing === 'text-passthrough' && isUtf8(message))
  const binary =
    text === undefined || !mayTemplate ? undefined : binaryCandidate(templates as TemplateSide, text, message)
  const uncompressed: Candidate = {
    method: 'uncompressed',
    sizeBytes: uncompressedFrameSizeBytes(message.length, config.framing, isText),
  }
  const aura =
    config.enableAura && message.length >= config.auraMinSizeBytes
      ? auraCandidate(config, message, templater, codecs)
      : undefined
  const runsFallback =
    message.length >= config.minCompressionSizeBytes &&
    (exhaustive || !fallbackCannotWin(config, message.length, binary, uncompressed, aura)) &&
    !(learner !== null && binary !== undefined && learner.skipsFallback(binary.templateId as number))
  return { message, isText, binary, uncompressed, aura, runsFallback }
}

/**
 * A fallback frame in two steps: `write` returns its length, `take` (called at most once, right after,
 * with that length) the frame. A codec that writes its frames into a scratch (zstd_dict) is only asked
 * for the frame when it is chosen: a frame that loses (to the uncompressed frame, on most short lines
 * of a log the dictionary was not made from) is neither copied nor allocated.
 */
interface SyncFallbackFrame {
  write(message: Uint8Array): number
  take: (frameBytes: number) => Uint8Array
}

/** The fallback's frame of a message, by a sync codec (built once per compressor; see SyncFallbackFrame). */
function syncFallbackFrame(config: CompressorConfig, codec: Codec): SyncFallbackFrame {
  const tag = methodTag(config.fallback)
  if (writesFrames(codec)) return { write: (message) => codec.writeFrame(message, tag), take: codec.takeFrame }
  // a sync codec returns bytes (compressSync refuses an async one before writing)
  let last: Uint8Array = new Uint8Array(0)
  return {
    write(message) {
      last = writeMethodFrame(config.fallback, codec.encode(message) as Uint8Array)
      return last.length
    },
    take: () => last,
  }
}

/**
 * Steps 4-6 once the fallback has run (`fallbackFrame` is its frame, or gives it on request, and
 * `fallbackFrameBytes` its length) or was skipped (`fallbackFrame` undefined).
 */
function finishSelection(
  config: CompressorConfig,
  selection: Selection,
  fallbackFrameBytes: number,
  fallbackFrame: Uint8Array | ((frameBytes: number) => Uint8Array) | undefined,
  learner: SelectionLearner | null,
): HybridCompressResult {
  const { message, binary, aura } = selection
  const candidateBytes: Partial<Record<Method, number>> = { uncompressed: selection.uncompressed.sizeBytes }
  let best = selection.uncompressed
  if (aura !== undefined) candidateBytes.aura = aura.sizeBytes
  if (fallbackFrame !== undefined) {
    candidateBytes[config.fallback] = fallbackFrameBytes
    if (learner !== null && binary !== undefined)
      learner.record(binary.templateId as number, binary.sizeBytes, fallbackFrameBytes)
    // a frame past its decode budget (a message over 1 MiB compressing better than 128:1) would be refused by the decoder
    if (
      fallbackFrameBytes < best.sizeBytes &&
      message.length <= decodeLimitBytes(fallbackFrameBytes, config.maxMessageBytes)
    )
      best = { method: config.fallback, sizeBytes: fallbackFrameBytes }
  }
  if (aura !== undefined && atMost(aura.sizeBytes, best.sizeBytes * (1 - config.auraPreferenceMargin))) best = aura
  if (binary !== undefined) {
    candidateBytes.binary_semantic = binary.sizeBytes
    if (atMost(binary.sizeBytes * config.binaryAdvantageThreshold, best.sizeBytes)) best = binary
  }
  const frame =
    best.frame ??
    (best.method === 'uncompressed'
      ? writeUncompressedFrame(message, config.framing, selection.isText)
      : typeof fallbackFrame === 'function'
        ? fallbackFrame(best.sizeBytes)
        : (fallbackFrame as Uint8Array))
  return {
    bytes: frame,
    method: best.method,
    metadata: toMetadata(best, message.length, candidateBytes, aura?.auraHeaderBytes),
  }
}

/** compress with an async-only fallback: the one await is the fallback's encode. */
async function compressAsync(
  config: CompressorConfig,
  codecs: CodecSet,
  begin: (message: string | Uint8Array) => Selection,
  input: string | Uint8Array,
  learner: SelectionLearner | null,
): Promise<HybridCompressResult> {
  const selection = begin(input)
  if (!selection.runsFallback) return finishSelection(config, selection, 0, undefined, learner)
  const frame = writeMethodFrame(config.fallback, await codecs.fallback.encode(selection.message))
  return finishSelection(config, selection, frame.length, frame, learner)
}

/** A sync call's result as a promise: resolved, or rejected with what it threw (an API that returns a promise never throws). */
function resolvedOrRejected<T>(call: (input: string | Uint8Array) => T, input: string | Uint8Array): Promise<T> {
  try {
    return Promise.resolve(call(input))
  } catch (error) {
    return Promise.reject(error)
  }
}

/** a <= b up to a relative 1e-9: sizes are whole bytes, so no real difference is that small. */
function atMost(a: number, b: number): boolean {
  return a <= b + 1e-9 * Math.max(1, Math.abs(b))
}

/** Step 4's short-cut: true when binary_semantic wins against any frame the fallback could write. */
function fallbackCannotWin(
  config: CompressorConfig,
  messageBytes: number,
  binary: Candidate | undefined,
  uncompressed: Candidate,
  aura: Candidate | undefined,
): boolean {
  if (binary === undefined) return false
  const fallbackFloorBytes = 1 + minPayloadBytes(config.fallback, messageBytes)
  return atMost(
    binary.sizeBytes * config.binaryAdvantageThreshold,
    Math.min(uncompressed.sizeBytes, fallbackFloorBytes, aura?.sizeBytes ?? Infinity),
  )
}

/** What the compressor sends binary_semantic frames with: its matcher, and one frame encoder built with it. */
interface TemplateSide {
  readonly matcher: TemplateMatcher
  readonly checkStore: TemplateStore | null
  readonly encoder: TemplateFrameEncoder
}

/** Stands in for the check byte of a template the check store lacks, so that losing candidates are only weighed, never refused. */
const NO_CHECK = new Uint8Array(1)

/** The template side of a compressor, built once; with `checkStore` (store_check: frame) each frame's check byte follows its header. */
function createTemplateSide(matcher: TemplateMatcher | null, checkStore: TemplateStore | null): TemplateSide | null {
  if (matcher === null) return null
  // What precedes the body, and counts when templates are compared (ids above 16383 take a longer
  // header, which can change which template is smallest): the header, then the check byte if any.
  const checkOf = (id: number): Uint8Array =>
    checkStore === null ? NO_BODY : checkStore.byId.has(id) ? checkBytePrefix(checkStore, id) : NO_CHECK
  const encoder = createTemplateFrameEncoder(matcher, (id) => writeTemplateFrame(id, checkOf(id)))
  return { matcher, checkStore, encoder }
}

const NO_BODY = new Uint8Array(0)

/** The smallest template frame of a message, or undefined when no template encodes it. */
function binaryCandidate(templates: TemplateSide, text: string, bytes: Uint8Array): Candidate | undefined {
  const encoded = templates.encoder.encode(text, bytes)
  if (encoded === undefined) return undefined
  // a winner the check store lacks (a matcher built from another store) is refused as before: E_INTERNAL
  const { checkStore } = templates
  if (checkStore !== null && !checkStore.byId.has(encoded.templateId)) checkBytePrefix(checkStore, encoded.templateId)
  return {
    method: 'binary_semantic',
    sizeBytes: encoded.frame.length,
    frame: encoded.frame,
    templateId: encoded.templateId,
  }
}

/** The aura frame, or undefined when it is past its decode budget (then the decoder would refuse it). */
function auraCandidate(
  config: CompressorConfig,
  message: Uint8Array,
  templater: LineTemplater | undefined,
  codecs: CodecSet,
): Candidate | undefined {
  const aura = encodeAuraPayload(message, templater, codecs.auraBody)
  const frame = writeMethodFrame('aura', aura.payload)
  if (
    message.length > decodeLimitBytes(frame.length, config.maxMessageBytes) ||
    aura.recordsBytes > auraRecordsLimitBytes(frame.length, config.maxMessageBytes)
  )
    return undefined
  return { method: 'aura', sizeBytes: frame.length, frame, auraHeaderBytes: aura.headerBytes + 1 }
}

function toMetadata(
  best: Candidate,
  originalBytes: number,
  candidateBytes: HybridMetadata['candidateBytes'],
  auraHeaderBytes: number | undefined,
): HybridMetadata {
  const compressedBytes = best.sizeBytes
  // An empty message in an empty frame neither grew nor shrank: ratio 1.
  const ratio = compressedBytes === 0 ? 1 : originalBytes / compressedBytes
  const { method, templateId } = best
  // the usual cases as plain literals (this runs on every message; the spreads allocated twice), keys in the same order
  if (auraHeaderBytes === undefined) {
    return templateId === undefined
      ? { ratio, method, originalBytes, compressedBytes, candidateBytes }
      : { ratio, method, templateId, originalBytes, compressedBytes, candidateBytes }
  }
  return {
    ratio,
    method,
    ...(templateId === undefined ? {} : { templateId }),
    originalBytes,
    compressedBytes,
    auraHeaderBytes,
    candidateBytes,
  }
}

function createLineTemplater(matcher: TemplateMatcher | null): LineTemplater | undefined {
  if (matcher === null) return undefined
  return (line) => {
    const hit = matcher.match(line)[0]
    return hit === undefined ? undefined : { pattern: hit.template.pattern, values: hit.values }
  }
}
