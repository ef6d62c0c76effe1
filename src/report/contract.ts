/**
 * The results.json contract of DESIGN.md: its shape (the schema in src/suite/results-schema.ts) plus consistency rules between fields, for
 * tests and CI scripts: `checkResultsContract(JSON.parse(text))` lists every violation with its path.
 */
import {
  resultsContractSchema,
  type ResultsContract as Contract,
  type ResultsContractRun as ContractRun,
} from '../suite/index.ts'
import { statusAt } from './targets.ts'

export { resultsContractSchema }

/** Tolerances for producers that round: ratios to 0.5 % relative, shares to 0.001 absolute. */
const RATIO_TOLERANCE = 0.005
const SHARE_TOLERANCE = 0.001

function close(actual: number, expected: number, relative: number, absolute: number): boolean {
  return Math.abs(actual - expected) <= Math.max(absolute, relative * Math.abs(expected))
}

/** Arithmetic between a run's fields, per the metric definitions of DESIGN.md. */
function runViolations(r: ContractRun, path: string): string[] {
  const m = r.metrics
  const out: string[] = []
  const methodSum = Object.values(m.methods).reduce((a, b) => a + b, 0)
  if (methodSum !== m.messages)
    out.push(`${path}.metrics.methods: counts sum to ${methodSum}, messages is ${m.messages}`)
  if (m.roundTrip.mismatches > m.roundTrip.checked)
    out.push(`${path}.metrics.roundTrip: ${m.roundTrip.mismatches} mismatches exceed ${m.roundTrip.checked} checked`)
  if (
    m.compressedBytes > 0 &&
    m.ratio !== null &&
    !close(m.ratio, m.originalBytes / m.compressedBytes, RATIO_TOLERANCE, 0)
  ) {
    out.push(
      `${path}.metrics.ratio: ${m.ratio} is not originalBytes / compressedBytes = ${m.originalBytes / m.compressedBytes}`,
    )
  }
  if (
    m.originalBytes > 0 &&
    m.savings !== null &&
    !close(m.savings, 1 - m.compressedBytes / m.originalBytes, 0, SHARE_TOLERANCE)
  ) {
    out.push(
      `${path}.metrics.savings: ${m.savings} is not 1 - compressedBytes / originalBytes = ${1 - m.compressedBytes / m.originalBytes}`,
    )
  }
  if (
    m.messages > 0 &&
    m.templateHitRate !== null &&
    !close(m.templateHitRate, (m.methods['binary_semantic'] ?? 0) / m.messages, 0, SHARE_TOLERANCE)
  ) {
    out.push(`${path}.metrics.templateHitRate: ${m.templateHitRate} is not methods.binary_semantic / messages`)
  }
  if ((m.expansionRate ?? 0) + (m.shrinkRate ?? 0) > 1 + SHARE_TOLERANCE)
    out.push(`${path}.metrics: expansionRate + shrinkRate exceed 1`)
  for (const side of ['encode', 'decode'] as const) {
    const p = m.latencyUs?.[side]
    if (p !== undefined && !(p.p50 <= p.p95 && p.p95 <= p.p99))
      out.push(`${path}.metrics.latencyUs.${side}: percentiles are not ordered p50 <= p95 <= p99`)
  }
  r.targets.forEach((t, i) => {
    if (t.value === null || t.pass === undefined || t.direction === undefined) return
    const expected = statusAt({ pass: t.pass, near: t.near, direction: t.direction }, t.value)
    if (expected !== t.status)
      out.push(
        `${path}.targets[${i}].status: "${t.status}" but ${t.metric} = ${t.value} against its thresholds is "${expected}"`,
      )
  })
  return out
}

/** Rules between the gate and the runs: a broken round trip, a failed run or an incomplete suite cannot pass. */
function gateViolations(c: Contract): string[] {
  const out: string[] = []
  if (c.gate.status === 'fail' && c.gate.reasons.length === 0)
    out.push('gate.reasons: the gate failed without a reason')
  if (c.gate.status !== 'pass') return out
  if (c.incomplete === true) out.push('gate.status: "pass" although the run is incomplete')
  c.runs.forEach((r, i) => {
    if (r.metrics.roundTrip.mismatches > 0)
      out.push(`gate.status: "pass" although runs[${i}] has ${r.metrics.roundTrip.mismatches} round-trip mismatches`)
    if (r.state === 'failed') out.push(`gate.status: "pass" although runs[${i}] failed`)
  })
  return out
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`),
    '',
  )
}

/** Every violation of the results.json contract in a parsed JSON value, as `path: problem` lines; [] when it holds. */
export function checkResultsContract(json: unknown): string[] {
  const parsed = resultsContractSchema.safeParse(json)
  if (!parsed.success)
    return parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`)
  const c = parsed.data
  return [...c.runs.flatMap((r, i) => runViolations(r, `runs[${i}]`)), ...gateViolations(c)]
}
