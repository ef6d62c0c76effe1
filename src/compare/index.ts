/**
 * The compare layer: Brotli vs Zstandard (and dictionaries, deflate, permessage-deflate, Zstandard
 * streams, the hybrid configs) on every corpus of a suite: sizes, latency, throughput, memory per
 * connection, the Pareto frontier, a recommendation per corpus within latency budgets, charts and
 * report. Beside the runner: it reuses the runner's size pass and latency measurement.
 */
export * from './types.ts'
export {
  runComparison,
  markPareto,
  groupByConnection,
  ComparisonAborted,
  DEFAULT_SPLIT,
  type CompareEvent,
  type CompareOptions,
} from './run-comparison.ts'
export { createEntrySpecs, toQuickSpec, formatKib, QUICK_MAX_LEVELS } from './plan.ts'
export { computeParetoFrontier, dominates, type ParetoPoint } from './pareto.ts'
export {
  recommendCorpus,
  pickWithinBudget,
  pickBest,
  isEligible,
  compareBindings,
  type BudgetPick,
  type BindingCost,
  type CorpusRecommendation,
  type CurrentCodec,
  type Match,
} from './recommend.ts'
export { renderSummary, renderCorpusParagraph, recommendAll, SEED_QUESTION } from './summary.ts'
export { renderComparisonMarkdown, type ComparisonMarkdownOptions } from './report-markdown.ts'
export { createComparisonCharts, createLevelChart, createParetoChart } from './charts.ts'
export {
  writeComparison,
  toComparisonJson,
  type WriteComparisonOptions,
  type WrittenComparison,
} from './write-comparison.ts'
export {
  createPermessageDeflateConnection,
  trimSyncFlushTail,
  SYNC_FLUSH_TAIL,
  type PermessageDeflateConnection,
  type PermessageDeflateOptions,
} from './permessage-deflate.ts'
export { createZstdStreamConnection, type ZstdStreamConnection, type ZstdStreamOptions } from '../codecs/index.ts'
export { zlibFormulaBytes } from './connection-memory.ts'
