/** Templates layer: template stores, the matcher and the `binary_semantic` slot encoding. */
export {
  MAX_TEMPLATE_ID,
  SLOT_TYPES,
  TEMPLATE_STORE_FORMAT,
  TEMPLATE_STORE_VERSION,
  type SlotSpec,
  type SlotType,
  type Template,
  type TemplateStore,
} from './store-types.ts'
export { parsePattern, renderTemplate, type ParsedPattern } from './pattern.ts'
export { parseTemplateStore, toTemplateStoreJson } from './store-parse.ts'
export { loadTemplateStore } from './store-load.ts'
export { createMatcher, type TemplateMatch, type TemplateMatcher } from './matcher.ts'
export {
  decodeBinarySemantic,
  decodeTemplateBody,
  encodeBinarySemantic,
  encodeTemplateBody,
  type BinarySemanticEncoding,
  type BinarySemanticOptions,
} from './binary-semantic.ts'
