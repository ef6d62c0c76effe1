/**
 * Prometheus alerting rules generated from a suite's targets, over the series the run's `--prometheus`
 * file carries (pushed to a Pushgateway or read by a textfile collector): they alert when the latest
 * gated run fails a target. The package exports no metrics from a production compressor, so these are
 * not alerts on live traffic (trial s39 D2). Every expression reads a gauge or a summary quantile of
 * the file, never a rate(): a pushed file holds one value per run, and a rate over it is 0/0.
 * The seed's three alerts come out as the seed wrote them:
 *   LowCompressionRatio  aura_compression_ratio < 1.5   for 10m  warning   (target ratio >= 1.5)
 *   NegativeCompression  aura_compression_ratio < 1.0   for 5m   critical  (always: frames larger than messages)
 *   HighExpansionRate    aura_expansion_rate > 0.10     for 10m  warning   (target expansionRate, near 0.10)
 * A target alerts where it fails: past its near threshold when it has one, else past pass. Only
 * gated targets of gated configs become alerts; when several set one metric, the strictest wins.
 * meanRatio, shrinkRate and round trips get no rule (no gauge of the file holds them as a target reads them).
 */
import { formatCondition } from '../report/index.ts'
import type { TargetMetric } from '../core/index.ts'
import type { Suite, TargetSpec } from '../suite/index.ts'

/** How a rule's value reads in its description: a ratio, a share of messages, a duration. */
export type ValueFormat = 'ratio' | 'share' | 'seconds'

/** How one target metric reads in the run's exposition: alert name, PromQL over the seed's metric names, unit scale. */
interface AlertMetric {
  alert: string
  /** the expression, given the label matchers that scope it (`config=~"emergency"`) */
  expr(matchers: string): string
  format: ValueFormat
  /** multiplies the target's threshold into the expression's unit (µs -> s) */
  scale?: number
}

const latencyExpr = (side: 'encode' | 'decode', quantile: string) => (m: string) =>
  `aura_${side}_latency_seconds{quantile="${quantile}",${m}}`

/** Expressions per metric, over the gauges and summaries `--prometheus` writes for every run. */
const ALERT_METRICS: Partial<Record<TargetMetric, AlertMetric>> = {
  ratio: { alert: 'LowCompressionRatio', expr: (m) => `aura_compression_ratio{${m}}`, format: 'ratio' },
  savings: {
    alert: 'LowBandwidthSavings',
    expr: (m) => `aura_bandwidth_savings{${m}}`,
    format: 'share',
  },
  templateHitRate: {
    alert: 'LowTemplateHitRate',
    expr: (m) => `aura_template_hit_rate{${m}}`,
    format: 'share',
  },
  expansionRate: { alert: 'HighExpansionRate', expr: (m) => `aura_expansion_rate{${m}}`, format: 'share' },
  encodeP50Us: { alert: 'HighEncodeLatencyP50', expr: latencyExpr('encode', '0.5'), format: 'seconds', scale: 1e-6 },
  encodeP95Us: { alert: 'HighEncodeLatencyP95', expr: latencyExpr('encode', '0.95'), format: 'seconds', scale: 1e-6 },
  encodeP99Us: { alert: 'HighEncodeLatencyP99', expr: latencyExpr('encode', '0.99'), format: 'seconds', scale: 1e-6 },
  decodeP50Us: { alert: 'HighDecodeLatencyP50', expr: latencyExpr('decode', '0.5'), format: 'seconds', scale: 1e-6 },
  decodeP95Us: { alert: 'HighDecodeLatencyP95', expr: latencyExpr('decode', '0.95'), format: 'seconds', scale: 1e-6 },
  decodeP99Us: { alert: 'HighDecodeLatencyP99', expr: latencyExpr('decode', '0.99'), format: 'seconds', scale: 1e-6 },
}

/** The template that prints a rule's value in its description (Prometheus's own template functions). */
export const VALUE_TEMPLATES: Record<ValueFormat, string> = {
  ratio: '{{ printf "%.2f" $value }}x',
  share: '{{ $value | humanizePercentage }}',
  seconds: '{{ $value | humanizeDuration }}',
}

/** One alerting rule. */
export interface AlertRule {
  alert: string
  expr: string
  /**
   * the metric the rule watches (NegativeCompression: ratio; RunIncomplete: `runComplete`, the run's completion
   * gauge), its direction and threshold in the expression's unit
   */
  metric: TargetMetric | 'runComplete'
  direction: 'min' | 'max'
  threshold: number
  format: ValueFormat
  /** the configs its matchers select */
  configs: string[]
  for: string
  labels: { severity: 'warning' | 'critical' }
  annotations: { summary: string; description: string }
}

/**
 * A critical rule on every gated config, whatever the targets: below 1 on a gauge that reads `min` (the two below).
 * `series` is the gauge's name, `bound` the threshold as the expression prints it.
 */
function alwaysCritical(
  suite: string,
  configs: string[],
  rule: Pick<AlertRule, 'alert' | 'metric' | 'annotations'> & { series: string; bound: string },
): AlertRule {
  return {
    alert: rule.alert,
    expr: `${rule.series}{${configMatcher(suite, configs)}} < ${rule.bound}`,
    metric: rule.metric,
    direction: 'min',
    threshold: 1,
    format: 'ratio',
    configs,
    for: '5m',
    labels: { severity: 'critical' },
    annotations: rule.annotations,
  }
}

/**
 * A gated config's run that did not complete (failed, interrupted) exports only `aura_run_complete 0`: no target's
 * rule can read it, so without this one a failing run raised no alert, and a Pushgateway kept showing the previous
 * run's gauges beside it (round 39, s39-rev3 F4).
 */
function runIncomplete(suite: string, configs: string[]): AlertRule {
  return alwaysCritical(suite, configs, {
    alert: 'RunIncomplete',
    series: 'aura_run_complete',
    bound: '1',
    metric: 'runComplete',
    annotations: {
      summary: 'The latest aura-bench run of a gated config did not complete',
      description: `The latest run of config {{ $labels.config }} on corpus {{ $labels.corpus }} in suite ${suite} did not measure every message (it failed or was interrupted): it exports no figure, so no target was judged and the gate failed; other series of the same config may be a previous run's.`,
    },
  })
}

/** The seed's rollback trigger: a ratio below 1.0x means frames larger than messages. */
function negativeCompression(suite: string, configs: string[]): AlertRule {
  return alwaysCritical(suite, configs, {
    alert: 'NegativeCompression',
    series: 'aura_compression_ratio',
    bound: '1.0',
    metric: 'ratio',
    annotations: {
      summary: 'Compression is negative: frames are larger than messages',
      description: `The latest run of config {{ $labels.config }} on corpus {{ $labels.corpus }} reads aura_compression_ratio ${VALUE_TEMPLATES.ratio}, below 1.0x: frames are larger than the messages, so compression costs bandwidth; do not deploy it.`,
    },
  })
}

/**
 * The label matchers that scope a rule to its suite and the gated configs (names escaped for the regular
 * expression). The suite's label too since round 39 (s39-rev3): two suites gating a config of one name (`emergency`
 * in week1 and loghub-hdfs) fired each other's alerts.
 */
function configMatcher(suite: string, configs: readonly string[]): string {
  return `suite=${JSON.stringify(suite)},config=~${JSON.stringify(configs.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))}`
}

/** Where a target fails: its near threshold when it has one, else pass. */
function alertThreshold(target: TargetSpec): number {
  return target.near ?? target.pass
}

/** The strictest target per metric among the gated targets that apply to a gated config. */
function gatedTargets(suite: Pick<Suite, 'targets' | 'gate' | 'configs'>): TargetSpec[] {
  const gated = suite.gate.configs ?? suite.configs.map((c) => c.name)
  const byMetric = new Map<TargetMetric, TargetSpec>()
  for (const target of suite.targets) {
    if (!target.gated || ALERT_METRICS[target.metric] === undefined) continue
    if (target.configs !== undefined && !target.configs.some((c) => gated.includes(c))) continue
    const seen = byMetric.get(target.metric)
    const stricter =
      seen === undefined ||
      (target.direction === 'min'
        ? alertThreshold(target) > alertThreshold(seen)
        : alertThreshold(target) < alertThreshold(seen))
    if (stricter) byMetric.set(target.metric, target)
  }
  return [...byMetric.values()]
}

/** The alerting rules of a suite: NegativeCompression, RunIncomplete, then one warning per gated target with a metric in the exposition. */
export function createAlertRules(suite: Pick<Suite, 'name' | 'targets' | 'gate' | 'configs'>): AlertRule[] {
  const configs = suite.gate.configs ?? suite.configs.map((c) => c.name)
  const rules: AlertRule[] = [negativeCompression(suite.name, configs), runIncomplete(suite.name, configs)]
  for (const target of gatedTargets(suite)) {
    const metric = ALERT_METRICS[target.metric] as AlertMetric
    const threshold = alertThreshold(target) * (metric.scale ?? 1)
    const operator = target.direction === 'min' ? '<' : '>'
    const condition = formatCondition(target.metric, target.direction, alertThreshold(target))
    const label = target.label ?? target.metric
    rules.push({
      alert: metric.alert,
      expr: `${metric.expr(configMatcher(suite.name, configs))} ${operator} ${formatThreshold(threshold)}`,
      metric: target.metric,
      direction: target.direction,
      threshold,
      format: metric.format,
      configs,
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: `${label} outside the aura-bench target (${condition})`,
        description: `The pre-deploy gate of suite ${suite.name} requires ${label} ${condition}${target.near === undefined ? '' : ` (near band; pass ${formatCondition(target.metric, target.direction, target.pass)})`}; the latest run reads ${VALUE_TEMPLATES[metric.format]} on corpus {{ $labels.corpus }}.`,
      },
    })
  }
  return rules
}

/** `1.5` and `0.1`, never `1.5000000000000002` or `1e-7`: thresholds with at most 12 significant digits, in plain notation. */
function formatThreshold(value: number): string {
  const text = String(Number(value.toPrecision(12)))
  return /e/i.test(text) ? value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '') : text
}

/** A YAML double-quoted scalar; JSON's string escapes are valid YAML. */
function quote(text: string): string {
  return JSON.stringify(text)
}

/** The rules file for Prometheus (`rule_files:`), as YAML text (pure). */
export function renderAlertRules(suite: Pick<Suite, 'name' | 'file' | 'targets' | 'gate' | 'configs'>): string {
  const rules = createAlertRules(suite)
  const series = [...new Set(rules.flatMap((rule) => rule.expr.match(/\baura_[a-z_]+/g) ?? []))]
  const lines = [
    `# Generated by aura-bench from suite ${suite.name} (${suite.file.split(/[\\/]/).pop() ?? suite.file}): the gate's targets as alerts on`,
    '# the series of `aura-bench run --prometheus FILE` (push that file to a Pushgateway or a textfile collector).',
    '# They judge benchmark runs, not live traffic: aura-bench exports no metrics from a production compressor.',
    '# Regenerate with `aura-bench run <suite> --alert-rules FILE` rather than editing by hand.',
    // s39-trial D2: nothing in aura-bench exports these series from a running service, and absent series never alert
    `# The rules read ${series.join(', ')}, each with \`suite\` and \`config\` labels (this suite's name and config names).`,
    '# aura-bench exports them only for its own CI run (`run --prometheus`); the library has no metrics hook. To alert on',
    '# live traffic a service must export the same gauges (and the latency summary with `quantile`) itself, or every rule',
    '# evaluates on no series and never fires: Prometheus does not alert on absent series (add `absent(...)` rules if a',
    '# missing exporter must page).',
    'groups:',
    `  - name: ${quote(`aura-bench-${suite.name}`)}`,
    '    rules:',
  ]
  for (const rule of rules) {
    lines.push(
      `      - alert: ${quote(rule.alert)}`,
      `        expr: ${quote(rule.expr)}`,
      `        for: ${quote(rule.for)}`,
      '        labels:',
      `          severity: ${quote(rule.labels.severity)}`,
      '        annotations:',
      `          summary: ${quote(rule.annotations.summary)}`,
      `          description: ${quote(rule.annotations.description)}`,
    )
  }
  return `${lines.join('\n')}\n`
}
