/**
 * The checked wrappers of the compressor's parts: codecs and frames, the hybrid compressor, template
 * stores, matching and discovery, the stateful coder. checked-exports.ts re-exports them with the
 * benchmark's; its file comment says what the checks are.
 */
import { checked } from './check-arguments.ts'
import {
  createCodec as createCodecUnchecked,
  createRawContentDictionary as createRawContentDictionaryUnchecked,
  isTagByte as isTagByteUnchecked,
  parseFrame as parseFrameUnchecked,
  templateHeaderSizeBytes as templateHeaderSizeBytesUnchecked,
} from './codecs/index.ts'
import {
  codecSpecFor as codecSpecForUnchecked,
  createHybridCompressor as createHybridCompressorUnchecked,
} from './hybrid/index.ts'
import {
  createMatcher as createMatcherUnchecked,
  decodeBinarySemantic as decodeBinarySemanticUnchecked,
  discoverTemplates as discoverTemplatesUnchecked,
  encodeBinarySemantic as encodeBinarySemanticUnchecked,
  evaluateGroupingAccuracy as evaluateGroupingAccuracyUnchecked,
  loadTemplateStore as loadTemplateStoreUnchecked,
  parseGroundTruthCsv as parseGroundTruthCsvUnchecked,
  parsePattern as parsePatternUnchecked,
  parseTemplateStore as parseTemplateStoreUnchecked,
  renderTemplate as renderTemplateUnchecked,
  toTemplateStoreJson as toTemplateStoreJsonUnchecked,
} from './templates/index.ts'
import {
  createStatefulReceiver as createStatefulReceiverUnchecked,
  createStatefulSender as createStatefulSenderUnchecked,
  statefulOptionsFromConfig as statefulOptionsFromConfigUnchecked,
} from './stateful/index.ts'

/** Codec spec for a general-purpose method under a config's settings. */
export const codecSpecFor = checked('codecSpecFor', codecSpecForUnchecked, [
  'method: string',
  'config: object',
  'dictionary: bytes-or-null',
])
/** Builds a codec; throws AuraError E_UNKNOWN_CODEC (with a did-you-mean) for an unknown name, E_SCHEMA for a bad option. */
export const createCodec = checked('createCodec', createCodecUnchecked, ['spec: object'], true)
/** Builds the compressor from a validated config and its loaded shared state. */
export const createHybridCompressor = checked(
  'createHybridCompressor',
  createHybridCompressorUnchecked,
  [
    'config: object(name, fallback)',
    'resources: object(store: store-or-null, matcher: matcher-or-null, dictionary: bytes-or-null)',
    'options?: object',
  ],
  true,
)
/** Builds the anchor-word index of a store (see the file comment for the rules, literal-anchors.ts for the index). */
export const createMatcher = checked('createMatcher', createMatcherUnchecked, ['store: store'])
/**
 * Builds a raw-content dictionary of at most `sizeBytes` from training messages (oldest first).
 * zstd references dictionary content by offset back from the message, so nearer content is
 * cheaper: the most recent samples go last.
 *
 * Steps:
 * 1. Walk the samples from newest to oldest, skipping empty ones and exact repeats of a sample
 *    already taken (a repeat adds bytes but no new matches).
 * 2. Take each sample whole while it fits; the first that does not fit contributes its tail to
 *    fill the budget, and the walk stops.
 * 3. Lay the taken samples out oldest first, so the newest end the dictionary.
 */
export const createRawContentDictionary = checked('createRawContentDictionary', createRawContentDictionaryUnchecked, [
  'samples: bytes-list',
  'sizeBytes: number',
])
/**
 * Untyped JavaScript may leave a stateful `options.dictionary` out: that is no dictionary (null), as the zstd and
 * deflate streams read it, not a TypeError from inside the cm model (s44-small).
 */
const withDictionary = (args: unknown[]): unknown[] => {
  const [options, ...rest] = args as [{ dictionary?: unknown }, ...unknown[]]
  return options.dictionary === undefined ? [{ ...options, dictionary: null }, ...rest] : args
}

/** Opens the receiving end of a fresh connection. */
export const createStatefulReceiver = checked(
  'createStatefulReceiver',
  createStatefulReceiverUnchecked,
  ['options: object(codec: stateful-codec, dictionary?: bytes-or-null)'],
  false,
  withDictionary,
)
/** Opens the sending end of a fresh connection. */
export const createStatefulSender = checked(
  'createStatefulSender',
  createStatefulSenderUnchecked,
  ['options: object(codec: stateful-codec, dictionary?: bytes-or-null)'],
  false,
  withDictionary,
)
/** UTF-8 bytes of the message a template id and body encode; throws FrameError (E_FRAME_UNKNOWN_TEMPLATE, ...). */
export const decodeBinarySemantic = checked('decodeBinarySemantic', decodeBinarySemanticUnchecked, [
  'store: object',
  'templateId: number',
  'body: bytes',
])
/** Mines templates from messages (see the file comment); throws AuraError E_SCHEMA for bad options. */
export const discoverTemplates = checked('discoverTemplates', discoverTemplatesUnchecked, [
  'messages: strings',
  'options?: object',
])
/**
 * The smallest binary_semantic encoding of a message (body plus optional header size; ties: lowest id),
 * or undefined when no template matches with values its slots represent exactly.
 * createTemplateFrameEncoder writes the whole frame with one allocation. Matches as the frame encoder
 * does (SpecificChoice: least bound first, twins and bounds that cannot win skipped), so on a message that
 * spends the per-message step budget the template chosen is the frame encoder's. `headerSizeBytes`
 * must not use `source`'s matcher (E_USAGE); it may call encodeBinarySemantic, which then uses its own.
 */
export const encodeBinarySemantic = checked('encodeBinarySemantic', encodeBinarySemanticUnchecked, [
  'source: object',
  'message: string',
  'options?: object',
])
/**
 * Scores `discovered[i]` (a group label per message) against `truth[i]` (the event id per message).
 * Labels are compared as strings; both lists must have one entry per message, in the same order.
 */
export const evaluateGroupingAccuracy = checked('evaluateGroupingAccuracy', evaluateGroupingAccuracyUnchecked, [
  'discovered: strings',
  'truth: strings',
])
/** True when a byte cannot start valid UTF-8 and is therefore a method tag under text-passthrough. */
export const isTagByte = checked('isTagByte', isTagByteUnchecked, ['byte: number'])
/**
 * Reads and validates a template store JSON file (E_FILE_MISSING, E_JSON_SYNTAX with line, E_TEMPLATE_STORE).
 * With `fingerprints`, the file's stat and bytes are recorded: a later read through them must find the same file.
 */
export const loadTemplateStore = checked(
  'loadTemplateStore',
  loadTemplateStoreUnchecked,
  ['path: string', 'fingerprints?: object'],
  true,
)
/** Splits a frame into method and payload; throws FrameError for anything not a valid frame header. */
export const parseFrame = checked('parseFrame', parseFrameUnchecked, ['frame: bytes', 'framing: string'])
/** Reads the EventId (and LineId) column of a Loghub structured CSV; every bad row is one issue. */
export const parseGroundTruthCsv = checked('parseGroundTruthCsv', parseGroundTruthCsvUnchecked, [
  'text: string',
  'file: string',
])
/** Splits a pattern into literals and placeholder numbers; gathers every problem. */
export const parsePattern = checked('parsePattern', parsePatternUnchecked, ['pattern: string'])
/** Validates parsed JSON as a template store; throws one AuraError('E_TEMPLATE_STORE') listing every issue. */
export const parseTemplateStore = checked('parseTemplateStore', parseTemplateStoreUnchecked, [
  'json: any',
  'file: string',
])
/** Fills a template's placeholders with values (indexed by placeholder number); the inverse of matching. */
export const renderTemplate = checked('renderTemplate', renderTemplateUnchecked, [
  'template: object',
  'values: strings',
])
/** The options a `mode: stateful` config names, with the dictionary both sides hold (null: none). */
export const statefulOptionsFromConfig = checked('statefulOptionsFromConfig', statefulOptionsFromConfigUnchecked, [
  'config: object',
  'dictionary: bytes-or-null',
])
/** Size in bytes of a binary_semantic frame header for a template id. */
export const templateHeaderSizeBytes = checked('templateHeaderSizeBytes', templateHeaderSizeBytesUnchecked, [
  'templateId: number',
])
/**
 * The store as JSON file content (slots omitted when all are `auto`); parseTemplateStore reads it back.
 * `decoderOnly` drops what a decoder does not need (storeVersion, source, provenance, categories): the shared state.
 */
export const toTemplateStoreJson = checked('toTemplateStoreJson', toTemplateStoreJsonUnchecked, [
  'store: object(templates)',
  'options?: object',
])
