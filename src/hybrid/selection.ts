/** The hybrid compressor's choice of one method per message (the steps are listed at beginSelection). */
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
  type Method,
} from '../core/index.ts'
import {
  decodeLimitBytes,
  methodTag,
  minPayloadBytes,
  uncompressedFrameSizeBytes,
  writeMethodFrame,
  writeUncompressedFrame,
  writesFrames,
} from '../codecs/index.ts'
import type { LineTemplater } from './aura.ts'
import { auraCandidate, binaryCandidate, type Candidate, type TemplateSide } from './candidates.ts'
import type { CodecSet } from './codec-set.ts'
import type { SelectionLearner } from './selection-learning.ts'

/** String.prototype.isWellFormed (Node 20; not in TypeScript's ES2022 lib): false when a lone surrogate is in the text. */
type WellFormed = { isWellFormed(): boolean }

/** A lone surrogate: \p{Surrogate} with the u flag matches no half of a pair. */
const LONE_SURROGATE = /\p{Surrogate}/u

/** E_USAGE for a message string that is not well-formed UTF-16, naming the index of its first lone surrogate. */
function illFormedString(input: string): AuraError {
  const at = LONE_SURROGATE.exec(input)?.index ?? -1
  const unit = at === -1 ? '' : ` (\\u${input.charCodeAt(at).toString(16)})`
  return new AuraError(
    'E_USAGE',
    `compress: the message string holds a lone UTF-16 surrogate at index ${at}${unit}, which has no UTF-8 bytes, ` +
      'so no frame could give the string back; pass well-formed text (toWellFormed() replaces each lone surrogate with U+FFFD)',
  )
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

/** Steps 1-4 of the selection up to the fallback codec: the candidates found so far and whether step 4 runs the fallback. */
export interface Selection {
  message: Uint8Array
  /** the message as text when a template was tried (binaryCandidate's input), else undefined */
  text: string | undefined
  /** the template side that made `binary` */
  templates: TemplateSide | null
  isText: boolean
  binary: Candidate | undefined
  /** size of the uncompressed frame (step 3), written only if chosen */
  uncompressedBytes: number
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
 * `screened`: the caller has already asked `templates.matcher.mayMatchBytes(input)` (input bytes within
 * max_message_bytes) and it said true; it is not asked twice (untemplatedSync).
 */
export function beginSelection(
  config: CompressorConfig,
  templates: TemplateSide | null,
  codecs: CodecSet,
  templater: LineTemplater | undefined,
  input: string | Uint8Array,
  exhaustive: boolean,
  learner: SelectionLearner | null,
  screened = false,
): Selection {
  // The library API is called from untyped JavaScript too: a wrong argument is a coded error, not a TypeError.
  if (typeof input !== 'string' && !(input instanceof Uint8Array))
    throw wrongArgument('compress takes a string or a Uint8Array', input)
  // a lone UTF-16 surrogate has no UTF-8 bytes: toBytes would send U+FFFD and the round trip would give other text
  if (typeof input === 'string' && !(input as unknown as WellFormed).isWellFormed()) throw illFormedString(input)
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
  const mayTemplate = templates !== null && (screened || templates.matcher.mayMatchBytes(message))
  const text = typeof input === 'string' ? input : mayTemplate ? tryDecodeUtf8(message) : undefined
  const isText = text !== undefined || (!mayTemplate && config.framing === 'text-passthrough' && isUtf8(message))
  const binary =
    text === undefined || !mayTemplate ? undefined : binaryCandidate(templates as TemplateSide, text, message)
  const uncompressedBytes = uncompressedFrameSizeBytes(message.length, config.framing, isText)
  const aura =
    config.enableAura && message.length >= config.auraMinSizeBytes
      ? auraCandidate(config, message, templater, codecs)
      : undefined
  const runsFallback =
    message.length >= config.minCompressionSizeBytes &&
    (exhaustive || !fallbackCannotWin(config, message.length, binary, uncompressedBytes, aura)) &&
    !(
      learner !== null &&
      binary !== undefined &&
      learner.skipsFallback(binary.templateId as number, binary.sizeBytes, message.length)
    )
  return { message, text, templates, isText, binary, uncompressedBytes, aura, runsFallback }
}

/**
 * A fallback frame in two steps: `write` returns its length, `take` (called at most once, right after,
 * with that length) the frame. A codec that writes its frames into a scratch (zstd_dict) is only asked
 * for the frame when it is chosen: a frame that loses (to the uncompressed frame, on most short lines
 * of a log the dictionary was not made from) is neither copied nor allocated.
 */
export interface SyncFallbackFrame {
  write(message: Uint8Array): number
  take: (frameBytes: number) => Uint8Array
}

/** The fallback's frame of a message, by a sync codec (built once per compressor; see SyncFallbackFrame). */
export function syncFallbackFrame(config: CompressorConfig, codec: Codec): SyncFallbackFrame {
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
 * Steps 3-6 of a message no template can match (the screen refused it, or there is no template side) and
 * no aura frame is weighed: the frame, method and metadata beginSelection + finishSelection give it, without
 * the Selection between them or their branches for candidates it cannot have. This is every line a store
 * does not know (bench/speed.ts section 3); `message` is within max_message_bytes (step 1 done), and
 * `isText` is as beginSelection has it for such a message (text-passthrough framing and valid UTF-8).
 */
export function untemplatedSync(
  config: CompressorConfig,
  message: Uint8Array,
  isText: boolean,
  fallback: SyncFallbackFrame,
): HybridCompressResult {
  const originalBytes = message.length
  const uncompressedBytes = uncompressedFrameSizeBytes(originalBytes, config.framing, isText)
  let candidateBytes: Partial<Record<Method, number>>
  if (originalBytes >= config.minCompressionSizeBytes) {
    const frameBytes = fallback.write(message)
    candidateBytes = WITH_FALLBACK[config.fallback](uncompressedBytes, frameBytes, -1)
    if (fallbackBeats(config, frameBytes, uncompressedBytes, originalBytes)) {
      const method = config.fallback
      return {
        bytes: fallback.take(frameBytes),
        method,
        metadata: toMetadata(method, undefined, frameBytes, originalBytes, candidateBytes, undefined),
      }
    }
  } else candidateBytes = { uncompressed: uncompressedBytes }
  return {
    bytes: writeUncompressedFrame(message, config.framing, isText),
    method: 'uncompressed',
    metadata: toMetadata('uncompressed', undefined, uncompressedBytes, originalBytes, candidateBytes, undefined),
  }
}

/**
 * True when the fallback's frame of `frameBytes` takes the place of the best frame so far (`bestBytes`):
 * smaller, and within its decode budget (a message over 1 MiB compressing better than 128:1 would be
 * refused by the decoder).
 */
function fallbackBeats(
  config: CompressorConfig,
  frameBytes: number,
  bestBytes: number,
  originalBytes: number,
): boolean {
  return frameBytes < bestBytes && originalBytes <= decodeLimitBytes(frameBytes, config.maxMessageBytes)
}

/**
 * Steps 4-6 once the fallback has run (`fallbackFrame` is its frame, or gives it on request, and
 * `fallbackFrameBytes` its length) or was skipped (`fallbackFrame` undefined).
 */
export function finishSelection(
  config: CompressorConfig,
  selection: Selection,
  fallbackFrameBytes: number,
  fallbackFrame: Uint8Array | ((frameBytes: number) => Uint8Array) | undefined,
  learner: SelectionLearner | null,
): HybridCompressResult {
  const { message, aura, uncompressedBytes } = selection
  let { binary } = selection
  // the best so far as locals (this runs on every message): its method and size, and the candidate when it carries its frame
  let method: Method = 'uncompressed'
  let sizeBytes = uncompressedBytes
  let chosen: Candidate | undefined
  const ran = fallbackFrame !== undefined
  if (ran) {
    if (learner !== null && binary !== undefined)
      learner.record(binary.templateId as number, binary.sizeBytes, fallbackFrameBytes, message.length)
    if (fallbackBeats(config, fallbackFrameBytes, sizeBytes, message.length)) {
      method = config.fallback
      sizeBytes = fallbackFrameBytes
    }
  }
  if (aura !== undefined && atMost(aura.sizeBytes, sizeBytes * (1 - config.auraPreferenceMargin))) {
    chosen = aura
    method = 'aura'
    sizeBytes = aura.sizeBytes
  }
  // a frame the learned choice sent alone that loses here, where the smallest template frame might not: the
  // seed's rule decides with the smallest (the full choice, once; round s31-p99), unless the template's last
  // re-weighings all gave its own frame back (selection-learning.ts skipsReweigh; round s35-e2e)
  if (binary?.alone === true && ran && !atMost(binary.sizeBytes * config.binaryAdvantageThreshold, sizeBytes)) {
    const plain = selection.templates?.plain
    const id = binary.templateId as number
    if (plain != null && selection.text !== undefined && learner?.skipsReweigh(id) !== true) {
      binary = binaryCandidate(plain, selection.text, message)
      learner?.recordReweigh(id, binary?.templateId)
    }
  }
  if (binary !== undefined && atMost(binary.sizeBytes * config.binaryAdvantageThreshold, sizeBytes)) {
    chosen = binary
    method = 'binary_semantic'
    sizeBytes = binary.sizeBytes
  }
  const frame =
    chosen?.frame ??
    (method === 'uncompressed'
      ? writeUncompressedFrame(message, config.framing, selection.isText)
      : typeof fallbackFrame === 'function'
        ? fallbackFrame(sizeBytes)
        : (fallbackFrame as Uint8Array))
  const candidateBytes = candidateSizes(config.fallback, uncompressedBytes, aura, ran ? fallbackFrameBytes : -1, binary)
  return {
    bytes: frame,
    method,
    metadata: toMetadata(method, chosen?.templateId, sizeBytes, message.length, candidateBytes, aura?.auraHeaderBytes),
  }
}

/** The sizes of the uncompressed frame, the fallback's and binary_semantic's when weighed (-1: not), as one object literal whose keys are given by name. */
const WITH_FALLBACK: Record<
  CompressorConfig['fallback'],
  (uncompressed: number, fallback: number, binary: number) => Partial<Record<Method, number>>
> = {
  brotli: (uncompressed, brotli, b) =>
    b < 0 ? { uncompressed, brotli } : { uncompressed, brotli, binary_semantic: b },
  zstd: (uncompressed, zstd, b) => (b < 0 ? { uncompressed, zstd } : { uncompressed, zstd, binary_semantic: b }),
  zstd_dict: (uncompressed, zstd_dict, b) =>
    b < 0 ? { uncompressed, zstd_dict } : { uncompressed, zstd_dict, binary_semantic: b },
  deflate: (uncompressed, deflate, b) =>
    b < 0 ? { uncompressed, deflate } : { uncompressed, deflate, binary_semantic: b },
}

/**
 * `candidateBytes`: the size of every frame weighed, keys in the order they were weighed (uncompressed,
 * aura, the fallback's, binary_semantic); `fallbackFrameBytes` -1 when the fallback did not run. Without
 * aura (the usual case) one literal per shape (a key added to a literal grows its property store).
 */
function candidateSizes(
  fallback: CompressorConfig['fallback'],
  uncompressedBytes: number,
  aura: Candidate | undefined,
  fallbackFrameBytes: number,
  binary: Candidate | undefined,
): Partial<Record<Method, number>> {
  if (aura === undefined) {
    if (fallbackFrameBytes >= 0)
      return WITH_FALLBACK[fallback](uncompressedBytes, fallbackFrameBytes, binary?.sizeBytes ?? -1)
    return binary === undefined
      ? { uncompressed: uncompressedBytes }
      : { uncompressed: uncompressedBytes, binary_semantic: binary.sizeBytes }
  }
  const sizes: Partial<Record<Method, number>> = { uncompressed: uncompressedBytes, aura: aura.sizeBytes }
  if (fallbackFrameBytes >= 0) sizes[fallback] = fallbackFrameBytes
  if (binary !== undefined) sizes.binary_semantic = binary.sizeBytes
  return sizes
}

/** compress with an async-only fallback: the one await is the fallback's encode. */
export async function compressAsync(
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

/** a <= b up to a relative 1e-9: sizes are whole bytes, so no real difference is that small. */
function atMost(a: number, b: number): boolean {
  return a <= b + 1e-9 * Math.max(1, Math.abs(b))
}

/** Step 4's short-cut: true when binary_semantic wins against any frame the fallback could write. */
function fallbackCannotWin(
  config: CompressorConfig,
  messageBytes: number,
  binary: Candidate | undefined,
  uncompressedBytes: number,
  aura: Candidate | undefined,
): boolean {
  if (binary === undefined) return false
  return templateFrameBeatsAny(config, binary.sizeBytes, messageBytes, uncompressedBytes, aura)
}

/**
 * True when a template frame of `frameBytes` wins by step 6's rule against any frame the fallback could write
 * for a message of `messageBytes`, the uncompressed frame and the aura frame if weighed (step 4's short-cut;
 * also the `\r` body's 0xFB frame's, compressor.ts).
 */
export function templateFrameBeatsAny(
  config: CompressorConfig,
  frameBytes: number,
  messageBytes: number,
  uncompressedBytes: number,
  aura: Candidate | undefined,
): boolean {
  const fallbackFloorBytes = 1 + minPayloadBytes(config.fallback, messageBytes)
  return atMost(
    frameBytes * config.binaryAdvantageThreshold,
    Math.min(uncompressedBytes, fallbackFloorBytes, aura?.sizeBytes ?? Infinity),
  )
}

function toMetadata(
  method: Method,
  templateId: number | undefined,
  compressedBytes: number,
  originalBytes: number,
  candidateBytes: HybridMetadata['candidateBytes'],
  auraHeaderBytes: number | undefined,
): HybridMetadata {
  // An empty message in an empty frame neither grew nor shrank: ratio 1.
  const ratio = compressedBytes === 0 ? 1 : originalBytes / compressedBytes
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
