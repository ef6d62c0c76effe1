/**
 * The gate in CI, beside the report layer: baseline comparison with regression verdicts, targets at
 * 95% confidence, and the outputs CI systems read (JUnit XML, Prometheus exposition and alert rules,
 * the GitHub step summary). Pure apart from `loadBaseline`, `checkBaselineSpared` and the writers.
 * Imports core, suite, runner types and report.
 */
export { applyGateLayer, type GateLayerOptions, type LoadedBaseline } from './apply.ts'
export { judgeSuite, withLatencyGating, type JudgeOptions } from './judge.ts'
export { baselineExists, checkBaselineSpared, loadBaseline, parseGitBaseline, type PlannedOutput } from './baseline.ts'
export { PR_COMMENT_MARKER, renderPrComment, type PrCommentOptions } from './pr-comment.ts'
export { bootstrapMessagesNeeded, wilsonMessagesNeeded, withTargetConfidence } from './confidence.ts'
export { formatDelta, formatRelative, VERDICT_BADGES, worstVerdict } from './format.ts'
export { compareToBaseline, regressionReasons, type CompareOptions } from './regression.ts'
export {
  incomparableReason,
  judgeLatency,
  latencyEvidence,
  MIN_TAIL_SAMPLES,
  type LatencyEvidence,
  type LatencyJudgement,
} from './regression-latency.ts'
export { allowedWorsening, defaultThresholds, resolveThresholds, type ResolvedThresholds } from './thresholds.ts'
export { renderBaselineSection, renderEnvironmentComparison } from './markdown-baseline.ts'
export { renderConfidenceSection } from './markdown-confidence.ts'
export { renderStepSummary } from './step-summary.ts'
export { escapeXml, renderJunit } from './junit.ts'
export { PROMETHEUS_FAMILIES, escapeLabelValue, renderPrometheus } from './prometheus.ts'
export { ALERT_METRICS, createAlertRules, renderAlertRules, type AlertRule } from './alert-rules.ts'
export { renderAlertRuleTests } from './alert-rule-tests.ts'
export {
  createTrendChart,
  historyMetrics,
  parseHistory,
  toBencherMetricFormat,
  toGithubActionBenchmark,
  toHistoryEntry,
  type HistoryEntry,
} from './history.ts'
export { appendStepSummary, writeFileAtomic } from './write-outputs.ts'
