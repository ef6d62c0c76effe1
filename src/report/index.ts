/**
 * The report layer: target and gate evaluation, report.md, results.json and its contract check,
 * charts, cost projection, and the writers that put them on disk (writeReport, writeCost, and the output
 * folder, file and lock modules they share with compare, gate and the CLI). Pure apart from those.
 * Vega is loaded lazily (`loadChartRenderer`), so importing this layer does not load it.
 */
export {
  THRESHOLD_EPSILON,
  evaluateTarget,
  evaluateTargets,
  meetsThreshold,
  statusAt,
  targetApplies,
  type TargetEvaluation,
} from './targets.ts'
export { evaluateGate, isGatedConfig } from './gate.ts'
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
} from './format.ts'
export { renderEnvironment, renderGate, renderMarkdown, type ChartLink, type MarkdownOptions } from './markdown.ts'
export {
  collapsible,
  latencySampleWarnings,
  MIN_LATENCY_SAMPLES,
  renderVerdictTable,
  verdictTable,
  type VerdictTable,
} from './markdown-summary.ts'
export { toResultsJson } from './results-json.ts'
export { checkResultsContract, resultsContractSchema } from './contract.ts'
export {
  CHART_FONT,
  chartText,
  safeChartSpec,
  createChartBase,
  createCharts,
  createLatencyChart,
  createMethodChart,
  createRatioSavingsChart,
  createTemplateChart,
  uniqueSlugs,
  type ChartLabelLimits,
  type ChartSpec,
  type VegaLiteSpec,
} from './charts.ts'
export type { ChartRenderer, PngOptions } from './render-chart.ts'
export { startChartWorker, type ChartWorker } from './chart-worker.ts'
export {
  BYTES_PER_GB,
  DAYS_PER_MONTH,
  DAYS_PER_YEAR,
  createCostInput,
  createWireCostInput,
  RAW_WIRE_CONFIG,
  type WireCostRow,
  projectCost,
  type ConfigCost,
  type CostConfigInput,
  type CostInput,
  type CostProjection,
  type CostScenario,
  type CpuCost,
  type TrafficCost,
} from './cost.ts'
export {
  SEED_COST_CLAIMS,
  describeScenario,
  formatUsd,
  matchesSeedScenario,
  renderCostSection,
  renderSeedCostCheck,
} from './cost-markdown.ts'
export {
  loadChartRenderer,
  reportNames,
  writeReport,
  type WriteReportOptions,
  type WrittenReport,
} from './write-report.ts'
export {
  openOutputFolder,
  writeOutputFolder,
  STATE_FOLDER,
  type OutputFolder,
  type OutputFolderOptions,
  type OutputSlot,
} from './output-folder.ts'
export { checkOutputFile, nearestExistingFolder, syncFolder, writeFileDurably, writeOutputFile } from './output-file.ts'
export { ENVIRONMENT_ERROR_REASONS, asOutputError, isEnvironmentError, toOutputError } from './output-errors.ts'
export { describeHolder, type LockHolder } from './output-lock.ts'
export { COST_NAMES, REPLAY_NAMES, writeCost, writeReplay } from './write-cost.ts'
export { escapeHtml, renderHtml, scriptJson, type HtmlOptions, type HtmlTrend } from './html.ts'
export { loadHtmlAssets, type HtmlAssets } from './html-assets.ts'
export { HTML_REPORT, writeHtmlReport } from './write-html.ts'
