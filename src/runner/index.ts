/** The runner: measures one corpus x one compressor with every metric of DESIGN.md. */
export * from './types.ts'
export type { RunnerMessage } from './size-accumulator.ts'
/** compare's entries describe a failure the way the size pass does */
export { describeError } from '../core/index.ts'
export { accumulateSizes, finishSizePass, measureSizes, type SizePass } from './measure-sizes.ts'
export { LATENCY_SAMPLE_FLOOR, measureLatency, measureLatencySamples } from './latency.ts'
export { collectEnvironment } from './environment.ts'
export { describeInputs, recordedCost, withSkippedCorpora } from './inputs.ts'
export { runOne, sizePassCompressor } from './partial.ts'
export { runSuite } from './run-suite.ts'
export type { RunSuiteOptions, RunnerShare, SuiteEvent, SuiteRun } from './suite-run-types.ts'
export { checkTrainingCorpus, loadCompressor, createCompressorFromConfig } from './load-compressor.ts'
export { loadStatefulCompressor, type StatefulCompressor, type StatefulLoadOptions } from './load-stateful.ts'
export {
  checkDerivedConfig,
  createDerivedCompressor,
  hasDerivedState,
  inSampleFindings,
  inSampleWarnings,
  type InSampleFinding,
} from './derived-compressor.ts'
export { measureSizesParallel } from './parallel-sizes.ts'
export { createRunConfidence, createSizeSample, offerSizeSample } from './confidence.ts'
export { finishRunPartial, mergeRunPartials, overBudgetWarning, type RunPartial } from './partial.ts'
export { LATENCY_SKETCH, mergeLatencySketches, sketchPercentiles, sketchSamples } from './latency-sketch.ts'
