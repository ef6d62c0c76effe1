import { describe, expect, it } from 'vitest'
import type { Results } from '../runner/index.ts'
import { checkResultsContract } from './contract.ts'
import { toResultsJson } from './results-json.ts'
import { createFixtureResults } from './test-fixtures.ts'

/** The example of DESIGN.md, verbatim: the contract checker must accept it. */
const DESIGN_EXAMPLE = {
  schemaVersion: 1,
  suite: 'week1',
  environment: { node: 'v20.20.2', libraries: { 'brotli-wasm': '3.0.1' } },
  runs: [
    {
      corpus: 'week1',
      config: 'emergency',
      metrics: {
        messages: 25,
        originalBytes: 1234,
        compressedBytes: 730,
        ratio: 1.69,
        meanRatio: 2.1,
        savings: 0.408,
        templateHitRate: 0.72,
        expansionRate: 0.08,
        shrinkRate: 0.92,
        methods: { binary_semantic: 18, brotli: 5, uncompressed: 2 },
        latencyUs: { encode: { p50: 1.2, p95: 3.4, p99: 8.9 }, decode: { p50: 0.8, p95: 1.9, p99: 4.0 } },
        roundTrip: { checked: 25, mismatches: 0 },
      },
      targets: [{ metric: 'expansionRate', value: 0.08, status: 'near' }],
    },
  ],
  gate: { status: 'pass', reasons: [] },
}

type Doctor = (json: Record<string, any>) => void

function doctored(change: Doctor): unknown {
  const json = JSON.parse(toResultsJson(createFixtureResults())) as Record<string, any>
  change(json)
  return json
}

describe('toResultsJson', () => {
  it('writes the contract with a stable key order and 2-space indent', () => {
    const text = toResultsJson(createFixtureResults())
    const json = JSON.parse(text) as Record<string, any>
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'suite',
      'description',
      'startedAt',
      'incomplete',
      'environment',
      'runs',
      'gate',
      'reference',
      'warnings',
    ])
    expect(Object.keys(json.runs[0])).toEqual([
      'corpus',
      'config',
      'state',
      'metrics',
      'targets',
      'categories',
      'expanding',
      'mismatches',
    ])
    expect(Object.keys(json.runs[0].metrics)).toEqual([
      'messages',
      'originalBytes',
      'compressedBytes',
      'ratio',
      'meanRatio',
      'savings',
      'templateHitRate',
      'expansionRate',
      'shrinkRate',
      'methods',
      'latencyUs',
      'roundTrip',
      'sharedStateBytes',
    ])
    expect(Object.keys(json.runs[0].targets[0])).toEqual([
      'metric',
      'value',
      'status',
      'label',
      'pass',
      'direction',
      'gated',
    ])
    expect(Object.keys(json.runs[1].categories)).toEqual([
      'ai_response',
      'api_response',
      'auth',
      'error',
      'operations',
      'system_status',
    ])
    expect(Object.keys(json.environment.libraries)).toEqual(['@mongodb-js/zstd', 'brotli-wasm'])
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "suite": "week1",')).toBe(true)
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('does not depend on the order fields were set in', () => {
    const a = createFixtureResults()
    const shuffled = JSON.parse(JSON.stringify(a), function (this: unknown, _key, value: unknown) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
      return Object.fromEntries(Object.entries(value).reverse())
    }) as Results
    expect(toResultsJson(shuffled)).toBe(toResultsJson(a))
  })

  it('keeps every field: parsing it back gives the results', () => {
    const results = createFixtureResults()
    expect(JSON.parse(toResultsJson(results))).toEqual(JSON.parse(JSON.stringify(results)))
  })
})

describe('checkResultsContract', () => {
  it('accepts our results.json and the DESIGN.md example', () => {
    expect(checkResultsContract(JSON.parse(toResultsJson(createFixtureResults())))).toEqual([])
    expect(checkResultsContract(DESIGN_EXAMPLE)).toEqual([])
  })

  it('names the path and problem of each shape violation', () => {
    const violations = checkResultsContract(
      doctored((j) => {
        j.schemaVersion = 2
        j.runs[1].metrics.ratio = '1.69'
        j.runs[0].targets[0].status = 'ok'
        delete j.gate
      }),
    )
    expect(violations).toHaveLength(4)
    expect(violations.some((v) => v.startsWith('schemaVersion:'))).toBe(true)
    expect(violations.some((v) => v.startsWith('runs[1].metrics.ratio:'))).toBe(true)
    expect(violations.some((v) => v.startsWith('runs[0].targets[0].status:'))).toBe(true)
    expect(violations.some((v) => v.startsWith('gate:'))).toBe(true)
  })

  it('rejects a non-finite number written as null', () => {
    const results = createFixtureResults()
    const first = results.runs[0]
    if (first === undefined) throw new Error('fixture has no runs')
    first.metrics.meanRatio = Infinity
    expect(checkResultsContract(JSON.parse(toResultsJson(results)))).toEqual([
      expect.stringMatching(/^runs\[0\]\.metrics\.meanRatio: /),
    ])
  })

  it('checks the arithmetic between fields', () => {
    expect(checkResultsContract(doctored((j) => (j.runs[1].metrics.methods.brotli = 6)))).toEqual([
      'runs[1].metrics.methods: counts sum to 26, messages is 25',
    ])
    expect(checkResultsContract(doctored((j) => (j.runs[1].metrics.ratio = 1.9)))[0]).toMatch(
      /^runs\[1\]\.metrics\.ratio: 1\.9 is not originalBytes \/ compressedBytes/,
    )
    expect(checkResultsContract(doctored((j) => (j.runs[1].metrics.savings = 0.5)))[0]).toMatch(
      /^runs\[1\]\.metrics\.savings:/,
    )
    expect(checkResultsContract(doctored((j) => (j.runs[1].metrics.templateHitRate = 0.5)))[0]).toMatch(
      /^runs\[1\]\.metrics\.templateHitRate:/,
    )
    expect(checkResultsContract(doctored((j) => (j.runs[1].metrics.latencyUs.encode.p95 = 100)))).toEqual([
      'runs[1].metrics.latencyUs.encode: percentiles are not ordered p50 <= p95 <= p99',
    ])
    expect(checkResultsContract(doctored((j) => (j.runs[1].targets[3].status = 'pass')))).toEqual([
      'runs[1].targets[3].status: "pass" but expansionRate = 0.08 against its thresholds is "near"',
    ])
  })

  it('refuses a passing gate over broken round trips, failed runs or an incomplete suite', () => {
    expect(checkResultsContract(doctored((j) => (j.runs[2].metrics.roundTrip.mismatches = 1)))).toEqual([
      'gate.status: "pass" although runs[2] has 1 round-trip mismatches',
    ])
    expect(checkResultsContract(doctored((j) => (j.runs[0].state = 'failed')))).toEqual([
      'gate.status: "pass" although runs[0] failed',
    ])
    expect(checkResultsContract(doctored((j) => (j.incomplete = true)))).toEqual([
      'gate.status: "pass" although the run is incomplete',
    ])
    expect(checkResultsContract(doctored((j) => (j.gate.status = 'fail')))).toEqual([
      'gate.reasons: the gate failed without a reason',
    ])
  })

  it('rejects what is not results at all', () => {
    expect(checkResultsContract(null)).toEqual([expect.stringMatching(/^\(root\): /)])
    expect(checkResultsContract([]).length).toBeGreaterThan(0)
  })
})
