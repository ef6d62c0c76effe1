/** Suites and compressor configs: YAML schemas, validation with every issue gathered, loading. */
export * from './types.ts'
export * from './config.ts'
export { parseSuite, loadSuite } from './parse-suite.ts'
export { METRIC_INFO, defaultDirection, isTargetMetric } from './metrics.ts'
export type { MetricInfo } from './metrics.ts'
export { validateFiles, detectFileKind } from './validate-files.ts'
export type { FileKind, FileValidation } from './validate-files.ts'
