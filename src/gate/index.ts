/**
 * The gate in CI, beside the report layer: baseline comparison with regression verdicts, targets at
 * 95% confidence, and the outputs CI systems read (JUnit XML, Prometheus exposition and alert rules,
 * the GitHub step summary). Pure apart from `loadBaseline`, `checkBaselineSpared` and the writers.
 * Imports core, suite, runner types and report.
 */
export type { LoadedBaseline } from './judge.ts'
export { judgeSuite, withLatencyGating, type JudgeOptions } from './judge.ts'
export { loadBaseline } from './baseline.ts'
export { baselineExists, parseGitBaseline } from './baseline-git.ts'
export { CORPUS_DIFFERS_PREFIX, compareToBaseline, regressionReasons } from './regression.ts'
export { checkBaselineSpared, checkOutputsApart, type PlannedOutput } from './planned-outputs.ts'
export { PR_COMMENT_MARKER, renderPrComment } from './pr-comment.ts'
export { renderBaselineSection } from './markdown-baseline.ts'
export { renderConfidenceSection } from './markdown-confidence.ts'
export { renderStepSummary } from './step-summary.ts'
export { renderJunit, type WholeSuiteCase } from './junit.ts'
export { renderPrometheus } from './prometheus.ts'
export { createAlertRules, renderAlertRules } from './alert-rules.ts'
export { renderAlertRuleTests } from './alert-rule-tests.ts'
export {
  createTrendChart,
  historyMetrics,
  isOwnBencherExport,
  isOwnGithubActionBenchmark,
  parseHistory,
  toBencherMetricFormat,
  toGithubActionBenchmark,
  toHistoryEntry,
  type HistoryEntry,
} from './history.ts'
export { appendStepSummary, writeFileAtomic } from './write-outputs.ts'
