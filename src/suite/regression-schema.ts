/**
 * The `regression:` section of a suite: per metric, how far it may worsen against a baseline
 * (`aura-bench run --baseline`) before the gate warns or fails, e.g.
 * `regression: { ratio: { fail_relative: 0.02, warn_relative: 0.005 }, encodeP99Us: { fail_relative: 0.25 } }`.
 * Metrics not named keep the defaults (see docs/ci.md); a named metric overrides them key by key.
 */
import { z } from 'zod'
import { isTargetMetric, type Issue, type TargetMetric } from '../core/index.ts'
import { unknownMetricMessage } from './suite-checks.ts'
import type { RegressionSpec, RegressionThresholds } from './types.ts'
import { asRecord, IssueList, type YamlSource } from './yaml-schema.ts'

const allowance = z.number().min(0)

/** Thresholds of one metric: relative to the baseline's value (0.02 = 2%) or absolute in the metric's unit. */
const regressionThresholdsSchema = z.strictObject({
  warn_relative: allowance.optional(),
  fail_relative: allowance.optional(),
  warn_absolute: allowance.optional(),
  fail_absolute: allowance.optional(),
})

/** The whole section: metric name -> thresholds (names are checked by checkRegression, with a did-you-mean). */
export const regressionSchema = z.record(z.string(), regressionThresholdsSchema)

/** The section in camelCase, for the Suite. */
export function toRegressionSpec(raw: z.output<typeof regressionSchema>): RegressionSpec {
  const spec: RegressionSpec = {}
  for (const [metric, t] of Object.entries(raw)) {
    if (!isTargetMetric(metric)) continue
    const thresholds: RegressionThresholds = {}
    if (t.warn_relative !== undefined) thresholds.warnRelative = t.warn_relative
    if (t.fail_relative !== undefined) thresholds.failRelative = t.fail_relative
    if (t.warn_absolute !== undefined) thresholds.warnAbsolute = t.warn_absolute
    if (t.fail_absolute !== undefined) thresholds.failAbsolute = t.fail_absolute
    spec[metric as TargetMetric] = thresholds
  }
  return spec
}

/** Issues of the raw section: unknown metric names, and a warn level above its fail level. */
export function checkRegression(suiteValue: unknown, file: string, source: YamlSource): Issue[] {
  const section = asRecord(asRecord(suiteValue)['regression'])
  const { issues, add } = new IssueList(file, source.lineOf)
  for (const [metric, value] of Object.entries(section)) {
    if (!isTargetMetric(metric)) {
      add(['regression', metric], unknownMetricMessage(metric), 'E_UNKNOWN_METRIC')
      continue
    }
    const t = asRecord(value)
    for (const kind of ['relative', 'absolute'] as const) {
      const warn = t[`warn_${kind}`]
      const fail = t[`fail_${kind}`]
      if (typeof warn === 'number' && typeof fail === 'number' && warn > fail) {
        add(
          ['regression', metric, `warn_${kind}`],
          `warn_${kind} ${warn} is above fail_${kind} ${fail}: a worsening that fails must also warn`,
        )
      }
    }
  }
  return issues
}
