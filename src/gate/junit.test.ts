import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Results } from '../runner/index.ts'
import { applyGateLayer } from './judge.ts'
import { escapeXml, renderJunit } from './junit.ts'
import {
  createLatency,
  createResults,
  createRun,
  createWeek1Results,
  EMERGENCY_MESSAGES,
  FIXTURE_GATE,
  FIXTURE_TARGETS,
  type FixtureMessage,
} from './test-fixtures.ts'
import { checkJunit, hasXmllint, parseXml, xmllintErrors } from './test-junit.ts'

const XSD = path.resolve(import.meta.dirname, '../../test/fixtures/junit-4.xsd')

/** A gate where NEAR fails, as a stricter team would set it. */
const STRICT_GATE = { ...FIXTURE_GATE, nearFails: true }

/** A judged week-1 run that fails: a regression in ratio, a noisy latency change, the current config failed, NEAR failing. */
function failingResults(acceptRegression?: string): Results {
  const baseline = createWeek1Results()
  const worse: FixtureMessage[] = EMERGENCY_MESSAGES.map(([o, c, m], i) =>
    i === 0 ? [o, c + 20, 'brotli'] : [o, c, m],
  )
  const current = createResults([
    createRun('current', EMERGENCY_MESSAGES),
    createRun('emergency', worse, createLatency(1.5, { rme: 0.3 })),
  ])
  current.runs[0] = {
    ...current.runs[0]!,
    state: 'failed',
    error: { code: 'E_EXTERNAL', message: 'the process exited (code 3) & <died>' },
  }
  return applyGateLayer(current, {
    suite: { gate: STRICT_GATE, targets: FIXTURE_TARGETS },
    gateLatency: true,
    baseline: { path: 'b.json', results: baseline },
    ...(acceptRegression === undefined ? {} : { acceptRegression }),
  })
}

/** A run stopped by a bad corpus line: its gate says so, and what stopped it. */
function incompleteResults(): Results {
  return {
    ...createWeek1Results(),
    incomplete: true,
    gate: {
      status: 'fail',
      reasons: [
        'The suite run is incomplete: it stopped before every corpus × config was measured (E_CORPUS_FORMAT in big.jsonl:15001: line 15001 is not JSON)',
      ],
    },
  }
}

function casesOf(xml: string) {
  return parseXml(xml).children.flatMap((s) =>
    s.children.filter((c) => c.name === 'testcase').map((tc) => ({ suite: s.attributes['name'], tc })),
  )
}

describe('renderJunit', () => {
  it('writes a testsuite per run with a testcase per target of gated configs and per round trip, in the junit-4 shape', () => {
    const xml = renderJunit(createWeek1Results(), FIXTURE_GATE)
    expect(checkJunit(xml)).toEqual([])
    const cases = casesOf(xml)
    expect(cases.filter((c) => c.suite === 'week1 x current').map((c) => c.tc.attributes['name'])).toEqual([
      'round trip byte-exact',
    ])
    const emergency = cases.filter((c) => c.suite === 'week1 x emergency')
    expect(emergency).toHaveLength(1 + FIXTURE_TARGETS.length)
    expect(emergency.find((c) => c.tc.attributes['name']?.startsWith('target encodeP95Us'))?.tc.children[0]?.name).toBe(
      'skipped',
    )
  })

  it('is not green when the run stopped part-way: a run completes error names what stopped it', () => {
    const xml = renderJunit(incompleteResults(), FIXTURE_GATE)
    expect(checkJunit(xml)).toEqual([])
    expect(renderJunit(createWeek1Results(), FIXTURE_GATE)).not.toContain('whole suite')
    const root = parseXml(xml)
    expect(Number(root.attributes['errors'])).toBeGreaterThanOrEqual(1)
    const error = casesOf(xml).find((c) => c.suite?.endsWith('(whole suite)'))
    expect(error?.tc.attributes['name']).toBe('run completes')
    expect(error?.tc.children[0]?.attributes['message']).toContain('big.jsonl:15001')
  })

  it('keeps every test name when thresholds change; the threshold is in the message', () => {
    const names = (xml: string) => casesOf(xml).map((c) => `${c.suite}: ${c.tc.attributes['name']}`)
    const results = createWeek1Results()
    const stricter = {
      ...results,
      runs: results.runs.map((run) => ({
        ...run,
        targets: run.targets.map((t) => ({ ...t, pass: t.pass * 2, status: 'fail' as const })),
      })),
    }
    expect(names(renderJunit(stricter, FIXTURE_GATE))).toEqual(names(renderJunit(results, FIXTURE_GATE)))
    expect(names(renderJunit(results, FIXTURE_GATE)).filter((name) => /[≥≤<>]/.test(name))).toEqual([])
    const failure = casesOf(renderJunit(stricter, FIXTURE_GATE)).find((c) =>
      c.tc.attributes['name']?.startsWith('target ratio'),
    )?.tc.children[0]
    expect(failure?.attributes['message']).toMatch(/threshold ≥ \d/)
  })

  it('puts the measured value and threshold in failures, errors for failed runs, and regressions from the baseline', () => {
    const xml = renderJunit(failingResults(), STRICT_GATE)
    expect(checkJunit(xml)).toEqual([])
    const cases = casesOf(xml)
    const failed = cases
      .filter((c) => c.tc.children.some((x) => x.name === 'failure'))
      .map((c) => c.tc.children.find((x) => x.name === 'failure')?.attributes['message'])
    expect(failed).toContain('measured 8.0%; threshold ≤ 5%, near ≤ 10%; status NEAR')
    expect(
      failed.some((m) =>
        /^2\.57x → 2\.50x \(−0\.069x\): worse beyond the fail threshold \(no worsening allowed\)$/.test(m ?? ''),
      ),
    ).toBe(true)
    const error = cases.find((c) => c.tc.attributes['name'] === 'run completes')?.tc.children[0]
    expect(error?.name).toBe('error')
    expect(error?.attributes['message']).toBe('E_EXTERNAL: the process exited (code 3) & <died>')
    const root = parseXml(xml)
    expect(Number(root.attributes['failures'])).toBe(failed.length)
    expect(
      cases.some((c) =>
        c.tc.children.some((x) => x.name === 'skipped' && x.attributes['message']?.startsWith('inconclusive')),
      ),
    ).toBe(true)
  })

  it('renders a gated regression accepted with --accept-regression as <skipped> naming the reason (s37-fixr M2)', () => {
    const failing = renderJunit(failingResults(), STRICT_GATE)
    const accepted = failingResults('smaller but slower, intended')
    expect(accepted.baseline?.acceptedRegression?.reason).toBe('smaller but slower, intended')
    const xml = renderJunit(accepted, STRICT_GATE)
    expect(checkJunit(xml)).toEqual([])
    const regression = (text: string) =>
      casesOf(text).find((c) => c.tc.attributes['name'] === 'regression ratio against the baseline')?.tc.children[0]
    expect(regression(failing)?.name).toBe('failure')
    expect(regression(xml)?.name).toBe('skipped')
    expect(regression(xml)?.attributes['message']).toMatch(
      /^accepted: smaller but slower, intended; 2\.57x → 2\.50x \(−0\.069x\): worse beyond the fail threshold/,
    )
    const failures = (text: string) => Number(parseXml(text).attributes['failures'])
    expect(failures(xml)).toBeLessThan(failures(failing))
  })

  it('fails every gated target case of a run that lost data, whatever its figure (as report.md shows it)', () => {
    const results = createWeek1Results()
    const emergency = results.runs.findIndex((r) => r.config === 'emergency')
    const run = results.runs[emergency]!
    results.runs[emergency] = {
      ...run,
      metrics: { ...run.metrics, roundTrip: { checked: run.metrics.roundTrip.checked, mismatches: 1 } },
    }
    const xml = renderJunit(results, FIXTURE_GATE)
    expect(checkJunit(xml)).toEqual([])
    const targets = casesOf(xml).filter(
      (c) => c.suite === 'week1 x emergency' && c.tc.attributes['name']?.startsWith('target '),
    )
    const gated = targets.filter((c) => c.tc.children[0]?.name !== 'skipped')
    expect(gated.length).toBeGreaterThan(0)
    for (const c of gated) {
      expect(c.tc.children[0]?.name).toBe('failure')
      expect(c.tc.children[0]?.attributes['type']).toBe('lossy')
      expect(c.tc.children[0]?.attributes['message']).toMatch(/not a result: 1 of [\d,]+ did not round-trip$/)
    }
    // the same run without the mismatch passes those cases: the failure is the data loss, not the figure
    const clean = casesOf(renderJunit(createWeek1Results(), FIXTURE_GATE)).filter(
      (c) => c.suite === 'week1 x emergency' && gated.some((g) => g.tc.attributes['name'] === c.tc.attributes['name']),
    )
    expect(clean.map((c) => c.tc.children[0]?.name ?? 'passed')).not.toContain('failure')
  })

  it('has a checker that catches what the schema forbids (negative controls)', () => {
    const xml = renderJunit(createWeek1Results(), FIXTURE_GATE)
    expect(checkJunit(xml.replace(/tests="(\d+)"/, 'tests="x"'))).not.toEqual([])
    expect(checkJunit(xml.replace(/failures="0"/, 'failures="7"'))).not.toEqual([])
    expect(
      checkJunit(xml.replace('<properties>', '<testcase name="x" classname="y" time="0"/><properties>')),
    ).not.toEqual([])
    expect(() => checkJunit(xml.replace('</testsuites>', ''))).toThrow()
  })

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml('a<b & "c" \u0001 \ud800')).toBe('a&lt;b &amp; &quot;c&quot; \ufffd \ufffd')
  })

  // skipped without xmllint off CI only: on CI (CI=true, .ci/run installs libxml2-utils) a missing xmllint fails
  it.skipIf(!hasXmllint() && process.env['CI'] !== 'true')(
    'validates against test/fixtures/junit-4.xsd with xmllint (skipped without libxml2-utils, off CI)',
    () => {
      expect(hasXmllint(), 'xmllint is missing: apt-get install libxml2-utils').toBe(true)
      const dir = mkdtempSync(path.join(tmpdir(), 'aura-junit-'))
      for (const [name, results] of [
        ['pass.xml', createWeek1Results()],
        ['fail.xml', failingResults()],
        ['incomplete.xml', incompleteResults()],
      ] as const) {
        writeFileSync(path.join(dir, name), renderJunit(results, STRICT_GATE))
        expect(xmllintErrors(path.join(dir, name), XSD)).toBe('')
      }
      writeFileSync(
        path.join(dir, 'bad.xml'),
        renderJunit(createWeek1Results(), FIXTURE_GATE).replace(/skipped="(\d+)"/, 'skipped="-1"'),
      )
      expect(xmllintErrors(path.join(dir, 'bad.xml'), XSD)).toMatch(/skipped/)
    },
  )
})
