/**
 * JUnit XML (the Ant/Jenkins junit-4 shape most CI systems read): one <testsuite> per corpus x config
 * run; in it a <testcase> per target of a gated config (a <failure> with the measured value and the
 * threshold when it fails the gate, <skipped> when the target is not gated; names never carry a
 * threshold, so changing one keeps a case's history in the CI system), one for the round-trip
 * check of every run, one <error> case when the run itself failed, and with a baseline a case per
 * compared metric of a gated config (<skipped> when inconclusive, not gated or accepted with --accept-regression).
 */
import { formatCondition, formatMetricValue, INCOMPLETE_REASON, isGatedConfig, lossyNote } from '../report/index.ts'
import type { MetricRegression, Results, RunResult, TargetResult } from '../runner/index.ts'
import type { GateSpec } from '../suite/index.ts'

/** One test case: passed, failed, errored or skipped, with an optional note on stdout. */
interface TestCase {
  name: string
  outcome:
    | { state: 'passed' }
    | { state: 'failed'; message: string; type: string }
    | { state: 'error'; message: string; type: string }
    | { state: 'skipped'; message: string }
  output?: string
}

/** XML text and attribute escaping; characters XML 1.0 cannot carry at all become U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/**
 * A gated target's case. A run that lost data (`lossy`: some messages did not round-trip) fails every
 * gated target case, whatever its figure, as report.md and the step summary show it: its figures are
 * not a result (results.json keeps the target's own status).
 */
function targetCase(target: TargetResult, nearFails: boolean, lossy: string | undefined): TestCase {
  // the name carries no threshold, so a CI system keeps the case's history when a threshold changes
  const name = `target ${target.metric} (${target.label})`
  const measured = target.value === null ? 'not measured' : formatMetricValue(target.metric, target.value)
  const thresholds = `${formatCondition(target.metric, target.direction, target.pass)}${target.near === undefined ? '' : `, near ${formatCondition(target.metric, target.direction, target.near)}`}`
  const detail = `measured ${measured}; threshold ${thresholds}; status ${target.status.toUpperCase()}`
  const atConfidence =
    target.confidence === undefined ? undefined : `at 95% confidence: ${target.confidence.status.toUpperCase()}`
  const output = [detail, atConfidence].filter((s) => s !== undefined).join('\n')
  if (!target.gated) return { name, outcome: { state: 'skipped', message: `not gated: ${detail}` } }
  if (lossy !== undefined)
    return {
      name,
      outcome: { state: 'failed', type: 'lossy', message: `${detail}; not a result: ${lossy}` },
      output,
    }
  if (target.status === 'fail' || (target.status === 'near' && nearFails))
    return { name, outcome: { state: 'failed', type: 'target', message: detail }, output }
  return { name, outcome: { state: 'passed' }, output }
}

function roundTripCase(run: RunResult): TestCase {
  const { checked, mismatches } = run.metrics.roundTrip
  const name = 'round trip byte-exact'
  if (mismatches === 0)
    return { name, outcome: { state: 'passed' }, output: `${checked} messages round-tripped byte-exact` }
  const first = run.mismatches[0]
  const where =
    first === undefined ? '' : `; first: message ${first.index}${first.code === undefined ? '' : ` (${first.code})`}`
  return {
    name,
    outcome: {
      state: 'failed',
      type: 'round-trip',
      message: `${mismatches} of ${checked} messages did not round-trip byte-exact${where}`,
    },
  }
}

/**
 * A compared metric's case. A gated regression accepted with --accept-regression (`accepted`, its reason)
 * is <skipped>, not a <failure>: the gate passed and the command exits 0, so the file is not red (s37-fixr).
 */
function regressionCase(m: MetricRegression, accepted: string | undefined): TestCase {
  const name = `regression ${m.metric} against the baseline`
  if (m.verdict === 'inconclusive') return { name, outcome: { state: 'skipped', message: `inconclusive: ${m.reason}` } }
  if (m.verdict === 'fail' && !m.gated)
    return { name, outcome: { state: 'skipped', message: `not gated: ${m.reason}` } }
  if (m.verdict === 'fail' && accepted !== undefined)
    return { name, outcome: { state: 'skipped', message: `accepted: ${accepted}; ${m.reason}` } }
  if (m.verdict === 'fail') return { name, outcome: { state: 'failed', type: 'regression', message: m.reason } }
  return { name, outcome: { state: 'passed' }, output: `${m.verdict}: ${m.reason}` }
}

function casesOf(run: RunResult, results: Results, gate: GateSpec): TestCase[] {
  const cases: TestCase[] = []
  if (run.state === 'failed') {
    const error = run.error === undefined ? 'no error recorded' : `${run.error.code}: ${run.error.message}`
    cases.push({ name: 'run completes', outcome: { state: 'error', type: run.error?.code ?? 'run', message: error } })
  }
  cases.push(roundTripCase(run))
  if (!isGatedConfig(gate, run.config)) return cases
  cases.push(...run.targets.map((t) => targetCase(t, gate.nearFails, lossyNote(run))))
  const compared = results.baseline?.runs.find((r) => r.corpus === run.corpus && r.config === run.config)
  const accepted = results.baseline?.acceptedRegression?.reason
  cases.push(...(compared?.metrics ?? []).map((m) => regressionCase(m, accepted)))
  return cases
}

function renderCase(c: TestCase, classname: string): string {
  const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(classname)}" time="0"`
  const children: string[] = []
  const o = c.outcome
  if (o.state === 'skipped') children.push(`      <skipped message="${escapeXml(o.message)}"/>`)
  if (o.state === 'error')
    children.push(
      `      <error message="${escapeXml(o.message)}" type="${escapeXml(o.type)}">${escapeXml(o.message)}</error>`,
    )
  if (o.state === 'failed')
    children.push(
      `      <failure message="${escapeXml(o.message)}" type="${escapeXml(o.type)}">${escapeXml(o.message)}</failure>`,
    )
  if (c.output !== undefined) children.push(`      <system-out>${escapeXml(c.output)}</system-out>`)
  return children.length === 0 ? `${open}/>` : [`${open}>`, ...children, '    </testcase>'].join('\n')
}

function count(cases: readonly TestCase[], state: TestCase['outcome']['state']): number {
  return cases.filter((c) => c.outcome.state === state).length
}

/** Seconds with millisecond precision, as JUnit's `time` attribute carries them. */
function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3)
}

/** One <testsuite>: its counts from its cases, optional timestamp and properties, then the cases. */
function renderSuite(
  name: string,
  cases: readonly TestCase[],
  classname: string,
  timeMs: number | undefined,
  extra: { timestamp?: string; properties?: readonly (readonly [string, string])[] } = {},
): string {
  const attributes = [
    `name="${escapeXml(name)}"`,
    `tests="${cases.length}"`,
    `failures="${count(cases, 'failed')}"`,
    `errors="${count(cases, 'error')}"`,
    `skipped="${count(cases, 'skipped')}"`,
    `time="${seconds(timeMs)}"`,
    ...(extra.timestamp === undefined ? [] : [`timestamp="${escapeXml(extra.timestamp)}"`]),
  ]
  const properties =
    extra.properties === undefined
      ? []
      : [
          '    <properties>',
          ...extra.properties.map(
            ([key, value]) => `      <property name="${escapeXml(key)}" value="${escapeXml(value)}"/>`,
          ),
          '    </properties>',
        ]
  return [
    `  <testsuite ${attributes.join(' ')}>`,
    ...properties,
    ...cases.map((c) => renderCase(c, classname)),
    '  </testsuite>',
  ].join('\n')
}

/**
 * Cases of the whole suite, not of one corpus x config (round 37, `compare --junit`): what else made the
 * command fail (an entry that failed or did not round-trip, a gate reason no case shows); round 38: also
 * what passed or was not judged, on a comparison with no stateful config (else the file had no test).
 */
export type WholeSuiteCase =
  | { name: string; state: 'failed' | 'error'; type: string; message: string }
  | { name: string; state: 'passed'; output?: string }
  | { name: string; state: 'skipped'; message: string }

function wholeSuiteTestCase(c: WholeSuiteCase): TestCase {
  if (c.state === 'passed')
    return { name: c.name, outcome: { state: 'passed' }, ...(c.output === undefined ? {} : { output: c.output }) }
  if (c.state === 'skipped') return { name: c.name, outcome: { state: 'skipped', message: c.message } }
  return { name: c.name, outcome: { state: c.state, type: c.type, message: c.message } }
}

/**
 * The JUnit XML document for a judged run (pure). `wholeSuite` (compare's): more cases in one more
 * <testsuite> named `<suite> (whole suite)`, so the file is never green when the command failed.
 */
export function renderJunit(results: Results, gate: GateSpec, wholeSuite: readonly WholeSuiteCase[] = []): string {
  const suites = results.runs.map((run) => {
    const cases = casesOf(run, results, gate)
    const xml = renderSuite(
      `${run.corpus} x ${run.config}`,
      cases,
      `aura-bench.${results.suite}.${run.corpus}.${run.config}`,
      run.durationMs,
      {
        timestamp: results.startedAt.replace(/(\.\d+)?Z$/, ''),
        properties: [
          ['suite', results.suite],
          ['corpus', run.corpus],
          ['config', run.config],
          ['gated', String(isGatedConfig(gate, run.config))],
          ['state', run.state],
        ],
      },
    )
    return { cases, xml }
  })
  // a run that stopped part-way left corpus x config pairs unmeasured, which have no <testsuite> of their
  // own: one more with a `run completes` <error> (the gate's reason, with what stopped it) keeps CI from
  // reading the partial file as green
  if (results.incomplete) {
    const reason = results.gate.reasons.find((r) => r.startsWith(INCOMPLETE_REASON)) ?? INCOMPLETE_REASON
    const cases: TestCase[] = [
      { name: 'run completes', outcome: { state: 'error', type: 'incomplete', message: reason } },
    ]
    suites.push({ cases, xml: renderSuite(`${results.suite} (whole suite)`, cases, `aura-bench.${results.suite}`, 0) })
  }
  if (wholeSuite.length > 0) {
    const cases: TestCase[] = wholeSuite.map(wholeSuiteTestCase)
    suites.push({ cases, xml: renderSuite(`${results.suite} (whole suite)`, cases, `aura-bench.${results.suite}`, 0) })
  }
  const all = suites.flatMap((s) => s.cases)
  const totalMs = results.runs.reduce((sum, run) => sum + (run.durationMs ?? 0), 0)
  const root = `<testsuites name="${escapeXml(`aura-bench ${results.suite}`)}" tests="${all.length}" failures="${count(all, 'failed')}" errors="${count(all, 'error')}" time="${seconds(totalMs)}">`
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites.map((s) => s.xml), '</testsuites>', ''].join('\n')
}
