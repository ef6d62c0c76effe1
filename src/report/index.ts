/**
 * The report layer: target and gate evaluation, report.md, results.json and its contract check,
 * charts, cost projection, and the writers that put them on disk (writeReport, writeCost, and the output
 * folder, file and lock modules they share with compare, gate and the CLI). Pure apart from those.
 * Vega is loaded lazily (`loadChartRenderer`), so importing this layer does not load it.
 */
export { THRESHOLD_EPSILON, evaluateTargets, meetsThreshold, statusAt } from './targets.ts'
export { evaluateGate, INCOMPLETE_REASON, isGatedConfig } from './targets.ts'
export {
  STATUS_BADGES,
  STATUS_SEVERITY,
  escapeCell,
  escapeInline,
  escapeTerminal,
  formatCondition,
  formatCount,
  formatMetricValue,
  formatMicros,
  formatPercent,
  formatRatio,
  formatTargetSpec,
  renderTable,
  warningCallout,
} from './format.ts'
export { renderMarkdown, type MarkdownOptions } from './markdown.ts'
export { collapsible, latencySampleWarnings, lossyNote } from './markdown-summary.ts'
export { toResultsJson } from './results-json.ts'
export {
  NO_GATED_TARGET_PREFIX,
  UNMEASURED_GATED_CONFIG,
  PARTIAL_PREFIX,
  corpusLimitWarnings,
  noTargetGated,
  partialRunWarning,
  verdictCaveats,
  type VerdictCaveat,
} from './verdict-caveats.ts'
export { checkResultsContract } from './contract.ts'
export { safeChartSpec, createChartBase, uniqueSlugs, type ChartSpec, type VegaLiteSpec } from './chart-base.ts'
export type { ChartRenderer } from './render-chart.ts'
export { startChartWorker } from './chart-worker.ts'
export { createCostInput, projectCost, type CostProjection, type CostScenario } from './cost.ts'
export {
  createWireCostInput,
  wireCostConfigs,
  describeReplaySampling,
  RAW_WIRE_CONFIG,
  replaySamplingWarning,
  type WireCostRow,
} from './wire-cost.ts'
export { describeScenario, renderCostSection } from './cost-markdown.ts'
export { totalCost, type CostTotal } from './cost-total.ts'
export { renderCostTotal } from './cost-total-markdown.ts'
export { loadChartRenderer, reportNames, writeReport } from './write-report.ts'
export { openOutputFolder, writeOutputFolder, type OutputFolder, type OutputSlot } from './output-folder.ts'
export { appendOutputFile, writeFileDurably, writeOutputFile } from './output-file.ts'
export {
  checkOutputFile,
  checkOutsideReportFolders,
  checkReplacesOnlyOwn,
  resolveExisting,
  type OwnOutputKind,
} from './output-file-checks.ts'
export { ENVIRONMENT_ERROR_REASONS, asOutputError, isEnvironmentError } from './output-errors.ts'
export { STATE_FOLDER } from './output-ownership.ts'
export { acquireOutputLock, describeHolder } from './output-lock.ts'
export { COST_NAMES, REPLAY_NAMES, writeCost, writeReplay } from './write-cost.ts'
export type { HtmlTrend } from './html.ts'
