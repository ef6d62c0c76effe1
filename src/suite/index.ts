/** Suites and compressor configs: YAML schemas, validation with every issue gathered, loading. */
export * from './types.ts'
export * from './config.ts'
export { MAX_DICTIONARY_BYTES, readDictionaryFile } from './dictionary-file.ts'
export {
  DEFAULT_EXTERNAL_TIMEOUT_MS,
  isExternalConfig,
  type ExternalCompressorConfig,
  type ExternalCompressorSpec,
} from './external-config.ts'
export { parseSuite, loadSuite, toCompareSpec, defaultCompareSpec } from './parse-suite.ts'
export { CURRENT_CODECS } from './compare-schema.ts'
export { createCostScenarios, type CostScenarioSpec } from './cost-scenarios.ts'
export { validateFiles, detectFileKind } from './validate-files.ts'
export { resultsContractSchema, type ResultsContract, type ResultsContractRun } from './results-schema.ts'
export type { FileKind, FileValidation, FileValidator, ValidateFilesOptions } from './validate-files.ts'
