/**
 * The compare layer: Brotli vs Zstandard (and dictionaries, deflate, permessage-deflate, Zstandard
 * streams, the hybrid configs) on every corpus of a suite: sizes, latency, throughput, memory per
 * connection, the Pareto frontier, a recommendation per corpus within latency budgets, charts and
 * report. Beside the runner: it reuses the runner's size pass and latency measurement.
 */
export * from './types.ts'
export { runComparison, ComparisonAborted, type CompareEvent } from './run-comparison.ts'
export { groupByConnection, unrecordedMessagesWarning } from './group-connections.ts'
export { createHeldOutDerived, derivedInSampleWarnings } from './hybrid-configs.ts'
export { DEFAULT_SPLIT, checkSplitParts, loadSplitCorpus } from './split-parts.ts'
export { type MemoryReading, readMemoryAfterGc } from './connection-memory.ts'
export {
  probeProgram,
  probeProgramAvailable,
  runProbeChild,
  type ProbeGrowth,
  type ProbeProgram,
} from './memory-probe-child.ts'
export { serveProbe } from './memory-probe-serve.ts'
export { recommendAll } from './summary.ts'
export { renderSummaryTable } from './summary-table.ts'
export { renderCorpusParagraph } from './summary-sentences.ts'
export { toComparisonJson, writeComparison } from './write-comparison.ts'
export {
  comparisonAsResults,
  judgeStatefulTargets,
  statefulEntryAsRun,
  statefulResults,
  statefulRuns,
} from './stateful-gate.ts'
export {
  checkBaselineMatches,
  checkedComparison,
  comparisonIssues,
  loadComparisonBaseline,
  type LoadedComparisonBaseline,
} from './comparison-baseline.ts'
export { commonConnectionSizes, onCommonConnections, withCommonConnectionsNotes } from './baseline-connections.ts'
export { currentCodecName } from './format.ts'
export { currentPmdName, hybridLabel, pmdLabel, windowedPmdName } from './plan.ts'
export { createPace } from './pace.ts'
