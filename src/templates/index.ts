/** Templates layer: template stores, the matcher, the `binary_semantic` slot encoding and template discovery. */
export {
  MAX_TEMPLATE_ID,
  ESCAPABLE_SLOT_TYPES,
  SLOT_TYPES,
  TEMPLATE_STORE_FORMAT,
  TEMPLATE_STORE_VERSION,
  MAX_INTEGER_WIDTH,
  type ProvenanceEntry,
  type SlotSpec,
  type SlotType,
  type Template,
  type TemplateStore,
} from './store-types.ts'
export { parsePattern, renderTemplate, type ParsedPattern } from './pattern.ts'
export { parseTemplateStore } from './store-parse.ts'
export { toTemplateStoreJson } from './store-json.ts'
export {
  joinResidue,
  jsonResidueCheckByte,
  JsonResidueLearner,
  type JsonResidueModel,
  readResiduePayload,
  writeResiduePayload,
} from './json-residue.ts'
export { splitResidue } from './json-residue-split.ts'
export { loadTemplateStore, MAX_STORE_FILE_BYTES } from './store-load.ts'
export { createMatcher, type TemplateMatch, type TemplateMatcher } from './matcher.ts'
export {
  decodeBinarySemantic,
  decodeTemplateBody,
  encodeBinarySemantic,
  encodeTemplateBody,
  type BinarySemanticEncoding,
  type BinarySemanticOptions,
} from './binary-semantic.ts'
export { prepareDecoding } from './decode-bytes.ts'
export {
  createTemplateFrameEncoder,
  type TemplateFrame,
  type TemplateFrameEncoder,
  type TemplateFrameEncoderOptions,
} from './template-encoder.ts'
export {
  ChoiceLearner,
  type ChoiceRule,
  learnChoiceProblem,
  RECHECK_SPACING,
  RecheckGate,
  SHIPPED_CHOICE_RULE,
} from './choice-learning.ts'
export { discoverFromSource, discoverTemplates } from './discovery.ts'
export { MAX_TEMPLATED_TEXT_BYTES } from './discovery-plan.ts'
export { MAX_JSON_DEPTH } from './json-spans.ts'
export { type ConstantDate, constantDates } from './discovery-dates.ts'
export {
  DISCOVERY_DEFAULTS,
  type DiscoveryOptions,
  type DiscoveryProgress,
  type DiscoveryResult,
  type DiscoveryStats,
  type MessageSource,
  type ReadRequest,
} from './discovery-types.ts'
export { createHeaderFormat, type HeaderFormat } from './discovery-header.ts'
export { DEFAULT_KEEP_SHARE } from './discovery-refresh.ts'
export {
  evaluateGroupingAccuracy,
  type GroupingAccuracy,
  type GroupingError,
  groupingErrors,
} from './grouping-accuracy.ts'
export { parseGroundTruthCsv, type GroundTruth } from './grouping-accuracy-csv.ts'
export { templateCheckByte } from './template-check.ts'
