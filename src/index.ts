// The public typings name Node's types (Buffer, NodeJS.*, node:fs): this directive, kept in dist/index.d.ts, makes a
// consumer's tsc load @types/node also when its tsconfig's `types` does not list it (s39-fixl, D11; README)
/// <reference types="node" preserve="true" />
/**
 * aura-bench as a library (DESIGN.md's library API):
 *
 *   const c = await loadCompressor('configs/emergency.yaml')
 *   const r = await c.compress('Processing request...')  // r.bytes, r.method, r.metadata
 *   const back = await c.decompress(r.bytes)              // Uint8Array, byte-exact
 *
 * plus the pieces a CI script or dashboard builds on: suites, runs, reports, codecs and templates.
 * Named exports only; every folder is still entered through its own index. The functions that take
 * data come through checked-exports.ts: an argument of the wrong kind is AuraError E_USAGE.
 */

// The compressor: load one from a config file, or build one from parts.
export {
  loadCompressor,
  createCompressorFromConfig,
} from './checked-exports.ts'
// A `mode: stateful` config: a sender and a receiver per connection (docs/stateful.md).
export {
  loadStatefulCompressor,
  type StatefulCompressor,
  type StatefulLoadOptions,
} from './runner/index.ts'
export type {
  StatefulOptions,
  StatefulReceiver,
  StatefulSender,
  StatefulStreamCodec,
} from './stateful/index.ts'
export {
  createStatefulReceiver,
  createStatefulSender,
  statefulOptionsFromConfig,
} from './checked-exports.ts'
export type {
  HybridCompressResult,
  HybridCompressor,
  HybridMetadata,
  HybridOptions,
  HybridResources,
} from './hybrid/index.ts'
export {
  createHybridCompressor,
  codecSpecFor,
} from './checked-exports.ts'

// Shared types and the error catalog.
export {
  AuraError,
  DEFAULT_MAX_OUTPUT_BYTES,
  ERROR_CODES,
  FALLBACK_CODECS,
  FRAMINGS,
  FrameError,
  METHODS,
  hasCode,
  type Codec,
  type CompressMetadata,
  type CompressResult,
  type Compressor,
  type CompressorConfig,
  type ErrorCode,
  type ErrorLocation,
  type FallbackCodecName,
  type Framing,
  type Issue,
  type Method,
} from './core/index.ts'
export { renderError } from './checked-exports.ts'

// Codecs and frames.
export {
  CODEC_NAMES,
  codecLibraryVersions,
  type CodecName,
  type CodecSpec,
  type ParsedFrame,
} from './codecs/index.ts'
export {
  createCodec,
  createRawContentDictionary,
  isTagByte,
  parseFrame,
  templateHeaderSizeBytes,
} from './checked-exports.ts'

// Template stores and the binary_semantic encoding; template discovery and its grouping accuracy.
export type {
  ChoiceRule,
  DiscoveryOptions,
  DiscoveryResult,
  GroundTruth,
  GroupingAccuracy,
  Template,
  TemplateMatch,
  TemplateMatcher,
  TemplateStore,
} from './templates/index.ts'
export {
  createMatcher,
  discoverTemplates,
  evaluateGroupingAccuracy,
  parseGroundTruthCsv,
  decodeBinarySemantic,
  encodeBinarySemantic,
  loadTemplateStore,
  parsePattern,
  parseTemplateStore,
  renderTemplate,
  toTemplateStoreJson,
} from './checked-exports.ts'

// Corpora.
export type {
  CorpusMessage,
  CorpusOptions,
  CorpusStream,
} from './corpus/index.ts'
export {
  loadCorpus,
  streamCorpus,
} from './checked-exports.ts'

// Suites and configs.
export type {
  ConfigRef,
  CorpusSpec,
  Suite,
  TargetSpec,
} from './suite/index.ts'
export {
  loadCompressorConfig,
  loadSuite,
  parseCompressorConfig,
  parseSuite,
  validateFiles,
} from './checked-exports.ts'

// Running: a whole suite, one corpus x config, or the size pass alone.
export type {
  Environment,
  MeasuredResults,
  Results,
  RunMetrics,
  RunResult,
  RunSuiteOptions,
  SizeMetrics,
  SizePass,
  SuiteRun,
} from './runner/index.ts'
export {
  collectEnvironment,
  measureLatency,
  measureSizes,
  runOne,
  runSuite,
} from './checked-exports.ts'

// Judging: the verdict over measured results (targets, gate, 95% confidence, baseline).
export type { JudgeOptions } from './gate/index.ts'
export { judgeSuite } from './checked-exports.ts'

// Reports: gate, Markdown, results.json, cost.
export {
  checkResultsContract,
  type CostProjection,
  type MarkdownOptions,
} from './report/index.ts'
export {
  createCostInput,
  evaluateGate,
  evaluateTargets,
  projectCost,
  renderCostSection,
  renderMarkdown,
  toResultsJson,
  writeReport,
} from './checked-exports.ts'

// The command line, for embedding it in another tool.
export type { CliIo } from './cli/index.ts'
export { runCli } from './checked-exports.ts'
