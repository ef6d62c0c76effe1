/**
 * Targets that reach a `mode: stateful` config (round 35, issue 16 / s34-trial D5): `compare` judges
 * them from the stateful entry's figures on the held-out half. A metric the stateful replay does not
 * measure would be judged on nothing, so validate and compare refuse it (E_SCHEMA, exit 2) at the
 * target's `metric`, naming the file and line.
 */
import { readFileSync } from 'node:fs'
import { throwIfIssues, type Issue, type TargetMetric } from '../core/index.ts'
import { IssueList, type LineOf } from './issue-at-path.ts'
import type { Suite } from './types.ts'
import { parseYaml } from './yaml-schema.ts'

/** Target metrics a stateful entry has no figure for, and why (every other target metric is judged). */
export const STATEFUL_UNJUDGED_METRICS: Readonly<Partial<Record<TargetMetric, string>>> = {
  templateHitRate:
    "a stateful config's templates are learnt per connection as messages pass, and compare's stateful replay counts no template hits",
  shrinkRate: "compare's stateful replay does not count the messages whose frame is smaller than the message",
}

/** True when the target applies to the config (no `configs` list: every config). */
function reaches(target: Suite['targets'][number], config: string): boolean {
  return target.configs === undefined || target.configs.includes(config)
}

/** The line of a YAML path in the suite file, read again (a suite that loaded parses). */
function suiteLineOf(file: string): LineOf {
  try {
    const parsed = parseYaml(readFileSync(file, 'utf8'), file)
    if ('source' in parsed) return parsed.source.lineOf
  } catch {
    // the line is a courtesy: the field is named either way
  }
  return () => undefined
}

/**
 * One E_SCHEMA issue per target whose metric has no figure for a stateful config it reaches (`statefulNames`),
 * at `targets[i].metric`. `lineOf` finds the lines; default: the suite file read again.
 */
export function statefulTargetIssues(
  suite: Pick<Suite, 'targets' | 'file'>,
  statefulNames: readonly string[],
  lineOf: LineOf = suiteLineOf(suite.file),
): Issue[] {
  const { issues, add } = new IssueList(suite.file, lineOf)
  for (const [i, target] of suite.targets.entries()) {
    const why = STATEFUL_UNJUDGED_METRICS[target.metric]
    const reached = statefulNames.filter((name) => reaches(target, name))
    if (why === undefined || reached.length === 0) continue
    const scope =
      target.configs === undefined
        ? `it has no \`configs:\`, so it reaches every config, and ${reached.join(', ')} ${reached.length === 1 ? 'is' : 'are'} mode: stateful`
        : `it names ${reached.join(', ')}, mode: stateful`
    add(
      ['targets', i, 'metric'],
      `${target.metric} has no figure for a stateful config: ${why}; ${scope}. A stateful config is judged (by \`compare\`) on ratio, meanRatio, savings, expansionRate, roundTripMismatches and the encode/decode p50/p95/p99 latencies; give this target \`configs:\` naming only per-message configs, or another metric`,
    )
  }
  return issues
}

/** Throws E_SCHEMA (exit 2) with every such issue; compare calls it before measuring. */
export function refuseStatefulTargets(suite: Pick<Suite, 'targets' | 'file'>, statefulNames: readonly string[]): void {
  throwIfIssues(statefulTargetIssues(suite, statefulNames), `${suite.file}: targets a stateful config cannot meet`)
}

/** What validate says of a stateful config the suite's targets and gate reach: `compare` judges it. */
export function statefulGatedNote(name: string): string {
  return `config ${name} is mode: stateful and named by the suite's targets/gate: \`compare\` judges them on its held-out replay (exit 1 when a gated target fails; \`--baseline\` takes a previous comparison.json); \`run\` refuses the config and \`replay\` does not judge targets (docs/ci.md)`
}

/**
 * Targets that reach a stateful config `compare` will not measure (review of round 35): with `compare: { hybrids:
 * false }` no hybrid entry is measured, so the stateful config's targets would be judged on nothing (and `run`
 * refuses the config). One E_SCHEMA issue at `compare.hybrids` naming the targets and configs.
 */
export function unmeasuredStatefulTargetIssues(
  suite: Pick<Suite, 'targets' | 'file' | 'compare'>,
  statefulNames: readonly string[],
  lineOf: LineOf = suiteLineOf(suite.file),
): Issue[] {
  if (suite.compare === undefined || suite.compare.hybrids) return []
  const reaching = suite.targets.flatMap((target, i) => {
    const reached = statefulNames.filter((name) => reaches(target, name))
    return reached.length === 0 ? [] : [`targets[${i}] (${target.metric}) reaches ${reached.join(', ')}`]
  })
  if (reaching.length === 0) return []
  const { issues, add } = new IssueList(suite.file, lineOf)
  add(
    ['compare', 'hybrids'],
    `is false, so \`compare\` measures no hybrid entry, yet ${reaching.join('; ')}, mode: stateful: those targets would be judged on nothing (\`run\` refuses a stateful config). Set compare.hybrids: true, or give the targets \`configs:\` naming only per-message configs`,
  )
  return issues
}

/** Throws E_SCHEMA (exit 2) when a target reaches a stateful config compare will not measure; compare calls it before measuring. */
export function refuseUnmeasuredStatefulTargets(
  suite: Pick<Suite, 'targets' | 'file' | 'compare'>,
  statefulNames: readonly string[],
): void {
  throwIfIssues(
    unmeasuredStatefulTargetIssues(suite, statefulNames),
    `${suite.file}: targets reach a stateful config compare will not measure`,
  )
}
