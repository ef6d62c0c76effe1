/**
 * aura-bench as a library (DESIGN.md's library API):
 *
 *   const c = await loadCompressor('configs/emergency.yaml')
 *   const r = await c.compress('Processing request...')  // r.bytes, r.method, r.metadata
 *   const back = await c.decompress(r.bytes)              // Uint8Array, byte-exact
 *
 * plus the pieces a CI script or dashboard builds on: suites, runs, reports, codecs and templates.
 * Named exports only; every folder is still entered through its own index.
 */

// The compressor: load one from a config file, or build one from parts.
export { loadCompressor, createCompressorFromConfig } from './runner/index.ts'
// A `mode: stateful` config: a sender and a receiver per connection (docs/stateful.md).
export {
  loadStatefulCompressor,
  type StatefulCompressor,
  type StatefulLoadOptions,
} from './runner/index.ts'
export {
  createStatefulReceiver,
  createStatefulSender,
  statefulOptionsFromConfig,
  type StatefulOptions,
  type StatefulReceiver,
  type StatefulSender,
  type StatefulStreamCodec,
} from './stateful/index.ts'
export {
  createHybridCompressor,
  codecSpecFor,
  type HybridCompressResult,
  type HybridCompressor,
  type HybridMetadata,
  type HybridResources,
} from './hybrid/index.ts'

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
  renderError,
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

// Codecs and frames.
export {
  CODEC_NAMES,
  codecLibraryVersions,
  createCodec,
  createRawContentDictionary,
  isTagByte,
  parseFrame,
  templateHeaderSizeBytes,
  type CodecName,
  type CodecSpec,
  type ParsedFrame,
} from './codecs/index.ts'

// Template stores and the binary_semantic encoding; template discovery and its grouping accuracy.
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
  type DiscoveryOptions,
  type DiscoveryResult,
  type GroundTruth,
  type GroupingAccuracy,
  type Template,
  type TemplateMatch,
  type TemplateMatcher,
  type TemplateStore,
} from './templates/index.ts'

// Corpora.
export { loadCorpus, streamCorpus, type CorpusMessage, type CorpusOptions, type CorpusStream } from './corpus/index.ts'

// Suites and configs.
export {
  loadCompressorConfig,
  loadSuite,
  parseCompressorConfig,
  parseSuite,
  validateFiles,
  type ConfigRef,
  type CorpusSpec,
  type Suite,
  type TargetSpec,
} from './suite/index.ts'

// Running: a whole suite, one corpus x config, or the size pass alone.
export {
  collectEnvironment,
  measureLatency,
  measureSizes,
  runOne,
  runSuite,
  type Environment,
  type MeasuredResults,
  type Results,
  type RunMetrics,
  type RunResult,
  type RunSuiteOptions,
  type SizeMetrics,
  type SizePass,
  type SuiteRun,
} from './runner/index.ts'

// Judging: the verdict over measured results (targets, gate, 95% confidence, baseline).
export { judgeSuite, type JudgeOptions } from './gate/index.ts'

// Reports: gate, Markdown, results.json, cost.
export {
  checkResultsContract,
  createCostInput,
  evaluateGate,
  evaluateTargets,
  projectCost,
  renderCostSection,
  renderMarkdown,
  toResultsJson,
  writeReport,
  type CostProjection,
  type MarkdownOptions,
} from './report/index.ts'

// The command line, for embedding it in another tool.
export { runCli, type CliIo } from './cli/index.ts'
