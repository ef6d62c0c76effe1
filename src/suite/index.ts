/** Suites and compressor configs: YAML schemas, validation with every issue gathered, loading. */
export * from './types.ts'
export { compressorConfigSchema, parseCompressorConfig, type CompressorConfig } from './config.ts'
export { loadCompressorConfig, loadCompressorConfigWith } from './config-file.ts'
export { MAX_DICTIONARY_BYTES, readDictionaryFile } from './dictionary-file.ts'
export { isExternalConfig, type ExternalCompressorConfig } from './external-config.ts'
export { externalConfigIssues, refuseExternalConfigs, refuseStatefulDerived } from './external-refusal.ts'
export { parseSuite, loadSuite, defaultCompareSpec } from './parse-suite.ts'
export { MAX_MEMORY_CONNECTIONS } from './compare-schema.ts'
export { createCostScenarios } from './cost-scenarios.ts'
export { CURRENCY_CODE } from './suite-schema.ts'
export { validateFiles } from './validate-files.ts'
export { isGatedBySuite, ungatedStatefulNote } from './validate-suite.ts'
export { OUTPUT_WRITERS, recognizeOutputJson, type OutputJsonName } from './output-files.ts'
export { parseBaselineJson, readBaselineFile, refuseOtherOutput, type BaselineFileSpec } from './baseline-file.ts'
export { describeForeignFile, type ForeignFile } from './file-kind.ts'
export { atConfigKey } from './config-key.ts'
export {
  recordedCostIssues,
  resultsContractSchema,
  type ResultsContract,
  type ResultsContractRun,
} from './results-schema.ts'
export { derivedCheckOverrides, derivedConfigOverrides } from './derived-schema.ts'
export { loadSuiteConfig, withSuiteTrainingReading } from './training-corpus.ts'
export { parseCountText } from './count-text.ts'
export { refuseCompareWithoutZstdNapi } from './compare-dependency.ts'
export {
  refuseStatefulTargets,
  refuseUnmeasuredStatefulTargets,
  statefulGatedNote,
  statefulTargetIssues,
  unmeasuredStatefulTargetIssues,
  STATEFUL_UNJUDGED_METRICS,
} from './stateful-targets.ts'
