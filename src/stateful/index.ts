/** The stateful hybrid: per-connection contexts (field operators and a primed stream) and permessage-deflate. */
export {
  createStatefulReceiver,
  createStatefulSender,
  openStatefulPair,
  type StatefulReceiver,
  type StatefulSender,
} from './connection.ts'
export {
  STATEFUL_FORMAT_VERSION,
  statefulOptionsFromConfig,
  type StatefulOptions,
  type StatefulStreamCodec,
} from './stateful-options.ts'
export { cmFormulaBytes, statefulSharedStateBytes } from './model-stream.ts'
export { createFieldState, decodeFields, encodeFields, MAX_SLOTS, type FieldState } from './field-operators.ts'
export { MAX_TEMPLATE_BYTES, MAX_TEMPLATES } from './online-templates.ts'
export {
  createPermessageDeflateConnection,
  createPermessageDeflateDecoder,
  createPermessageDeflateEncoder,
  SYNC_FLUSH_TAIL,
  trimSyncFlushTail,
  type PermessageDeflateConnection,
  type PermessageDeflateOptions,
} from './permessage-deflate.ts'
export {
  measureStatefulZstdConnection,
  STATEFUL_ZSTD_WARN_BYTES,
  statefulZstdMemoryWarning,
} from './zstd-memory-check.ts'
