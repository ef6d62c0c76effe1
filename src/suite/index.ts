/** Suites and compressor configs: YAML schemas, validation with every issue gathered, loading. */
export * from './types.ts'
export * from './config.ts'
export { MAX_DICTIONARY_BYTES, readDictionaryFile } from './dictionary-file.ts'
export { isExternalConfig, type ExternalCompressorConfig } from './external-config.ts'
export { parseSuite, loadSuite, defaultCompareSpec } from './parse-suite.ts'
export { createCostScenarios } from './cost-scenarios.ts'
export { validateFiles } from './validate-files.ts'
export { resultsContractSchema, type ResultsContract, type ResultsContractRun } from './results-schema.ts'
