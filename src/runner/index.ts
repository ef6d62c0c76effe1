/** The runner: measures one corpus x one compressor with every metric of DESIGN.md. */
export * from './types.ts'
export { previewBytes, PREVIEW_CHARS } from './preview.ts'
export {
  createSizeAccumulator,
  mergeSizeAccumulators,
  toSizeMetrics,
  DEFAULT_SIZE_LIMITS,
  UNCATEGORISED,
  type CompressFailure,
  type RunnerMessage,
  type SizeAccumulator,
  type SizeCounts,
  type SizeLimits,
} from './size-accumulator.ts'
/** compare's entries describe a failure the way the size pass does */
export { describeError } from '../core/index.ts'
export {
  accumulateSizes,
  finishSizePass,
  latencySampleOf,
  measureSizes,
  type SizePass,
  type SizePassBody,
  type SizePassOptions,
} from './measure-sizes.ts'
export {
  measureLatency,
  measureLatencySamples,
  LATENCY_MODE,
  MIN_LATENCY_SAMPLES,
  TINYBENCH_VERSION,
  type LatencySettings,
} from './latency.ts'
export { collectEnvironment } from './environment.ts'
export { runOne, type RunOneInput, type RunProgress } from './run-one.ts'
export { runSuite, type RunSuiteOptions, type RunnerShare, type SuiteEvent, type SuiteRun } from './run-suite.ts'
export { loadCompressor, createCompressorFromConfig } from './load-compressor.ts'
export {
  accumulateSizesParallel,
  measureSizesParallel,
  parallelSizePass,
  resolveWorkers,
  type ParallelSizeOptions,
  type WorkerCompressorSpec,
} from './parallel-sizes.ts'
export {
  BOOTSTRAP_RESAMPLES,
  SIZE_SAMPLE_CAPACITY,
  bootstrapRatioInterval,
  createRunConfidence,
  createSizeSample,
  mergeSizeSamples,
  offerSizeSample,
  type SizeSample,
} from './confidence.ts'
export {
  finishRunPartial,
  measureRunPartial,
  mergeAccumulatorList,
  mergeRunPartials,
  partSeed,
  type PartialLatency,
  type RunPartial,
  type RunPartInput,
} from './partial.ts'
export {
  LATENCY_SKETCH,
  mergeLatencySketches,
  sketchPercentiles,
  sketchSamples,
  type LatencySketch,
} from './latency-sketch.ts'
export { createExactSum, roundExactSum, type ExactSum } from './exact-sum.ts'
