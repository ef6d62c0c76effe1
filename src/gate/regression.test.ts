import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import type { Results, RunResult } from '../runner/index.ts'
import { applyGateLayer } from './judge.ts'
import { compareToBaseline, type CompareOptions } from './regression.ts'
import { judgeLatency } from './regression-latency.ts'
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

const OPTIONS: CompareOptions = { baselinePath: 'baseline/results.json', gate: FIXTURE_GATE, gateLatency: true }
const SUITE = { gate: FIXTURE_GATE, targets: FIXTURE_TARGETS }

function copy(results: Results): Results {
  return JSON.parse(JSON.stringify(results)) as Results
}

function run(results: Results, config: string): RunResult {
  const found = results.runs.find((r) => r.config === config)
  if (found === undefined) throw new Error(`no run ${config}`)
  return found
}

function metricOf(comparison: ReturnType<typeof compareToBaseline>, config: string, metric: string) {
  return comparison.runs.find((r) => r.config === config)?.metrics.find((m) => m.metric === metric)
}

/** The emergency messages with one template hit turned into a brotli message 20 bytes longer: a real regression. */
const WORSE: FixtureMessage[] = EMERGENCY_MESSAGES.map(([o, c, m], i) => (i === 0 ? [o, c + 20, 'brotli'] : [o, c, m]))

describe('compareToBaseline', () => {
  it('passes a run against a copy of its own results, every metric unchanged', () => {
    const results = createWeek1Results()
    const comparison = compareToBaseline(results, copy(results), OPTIONS)
    expect(comparison.verdict).toBe('pass')
    expect(comparison.runs.flatMap((r) => r.metrics).every((m) => m.verdict === 'pass' && m.delta === 0)).toBe(true)
    expect(comparison.missingRuns).toEqual([])
    expect(
      applyGateLayer(results, { suite: SUITE, gateLatency: true, baseline: { path: 'b.json', results: copy(results) } })
        .gate,
    ).toEqual(results.gate)
  })

  it("calls a size worsening on other messages than the baseline's inconclusive, not a regression (a --limit run against a full baseline)", () => {
    const baseline = createWeek1Results()
    // the first 12 messages only: fewer template hits, a lower ratio, on other data
    const limited = createRun('emergency', EMERGENCY_MESSAGES.slice(10), createLatency(1.2))
    const current = createResults([run(baseline, 'current'), limited])
    const comparison = compareToBaseline(current, baseline, OPTIONS)
    const ratio = metricOf(comparison, 'emergency', 'ratio')
    expect(ratio?.current).toBeLessThan(ratio?.baseline ?? 0)
    expect(ratio?.verdict).toBe('warn')
    expect(ratio?.reason).toMatch(/only a warning: the corpus differs from the baseline's/)
    expect(comparison.runs.find((r) => r.config === 'emergency')?.metrics.some((m) => m.verdict === 'fail')).toBe(false)
    const { gate } = applyGateLayer(current, {
      suite: SUITE,
      gateLatency: true,
      baseline: { path: 'b.json', results: baseline },
    })
    expect(gate.reasons.filter((r) => r.includes('regression'))).toEqual([])
  })

  it('fails any worsening of a size metric by default, and names it in the gate', () => {
    const baseline = createWeek1Results()
    const current = createResults([run(baseline, 'current'), createRun('emergency', WORSE, createLatency(1.2))])
    const comparison = compareToBaseline(current, baseline, OPTIONS)
    expect(metricOf(comparison, 'emergency', 'ratio')?.verdict).toBe('fail')
    expect(metricOf(comparison, 'emergency', 'templateHitRate')?.verdict).toBe('fail')
    expect(metricOf(comparison, 'emergency', 'expansionRate')?.verdict).toBe('pass')
    const gated = applyGateLayer(current, {
      suite: SUITE,
      gateLatency: true,
      baseline: { path: 'b.json', results: baseline },
    })
    expect(gated.gate.status).toBe('fail')
    expect(
      gated.gate.reasons.some((r) => r.includes('regression in Compression ratio (ratio)') && r.includes('emergency')),
    ).toBe(true)
  })

  it('lets a suite allow a relative worsening, and warns inside it', () => {
    const baseline = createWeek1Results()
    const current = createResults([createRun('emergency', WORSE, createLatency(1.2))])
    const drop = 1 - current.runs[0]!.metrics.ratio / run(baseline, 'emergency').metrics.ratio
    const comparison = compareToBaseline(current, baseline, {
      ...OPTIONS,
      regression: {
        ratio: { failRelative: drop * 1.5, warnRelative: drop / 2 },
        templateHitRate: { failAbsolute: 0.05 },
        savings: { failRelative: 1, warnRelative: 1 },
      },
    })
    expect(metricOf(comparison, 'emergency', 'ratio')?.verdict).toBe('warn')
    // 1 hit in 25 fewer is 4 points: inside fail_absolute 0.05, but warn keeps its default (any worsening)
    expect(metricOf(comparison, 'emergency', 'templateHitRate')?.verdict).toBe('warn')
    expect(metricOf(comparison, 'emergency', 'savings')?.verdict).toBe('pass')
    expect(comparison.missingRuns).toEqual(['week1 x current'])
  })

  it('reports a failure of a config the gate does not judge without failing the gate', () => {
    const baseline = createResults([
      createRun('current', EMERGENCY_MESSAGES),
      createRun('emergency', EMERGENCY_MESSAGES),
    ])
    const current = createResults([createRun('current', WORSE), createRun('emergency', EMERGENCY_MESSAGES)])
    const gated = applyGateLayer(current, {
      suite: SUITE,
      gateLatency: true,
      baseline: { path: 'b.json', results: baseline },
    })
    expect(gated.baseline?.runs.find((r) => r.config === 'current')?.verdict).toBe('fail')
    expect(gated.gate.status).toBe('pass')
  })

  it('calls a latency-only difference inside the noise inconclusive, not failed', () => {
    const baseline = createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2, { rme: 0.2 }))])
    const current = createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.5, { rme: 0.2 }))])
    const comparison = compareToBaseline(current, baseline, OPTIONS)
    const p50 = metricOf(comparison, 'emergency', 'encodeP50Us')
    expect(p50?.verdict).toBe('inconclusive')
    expect(p50?.marginOfError).toBeGreaterThan(0.3)
    expect(comparison.runs[0]?.metrics.filter((m) => m.verdict === 'fail')).toEqual([])
    expect(
      applyGateLayer(current, { suite: SUITE, gateLatency: true, baseline: { path: 'b.json', results: baseline } }).gate
        .status,
    ).toBe('pass')
  })

  it('fails a latency slowdown that stays beyond the threshold after the margin of error', () => {
    const baseline = createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2, { rme: 0.01 }))])
    const current = createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(2.4, { rme: 0.01 }))])
    const comparison = compareToBaseline(current, baseline, OPTIONS)
    expect(metricOf(comparison, 'emergency', 'encodeP50Us')?.verdict).toBe('fail')
    const notGated = compareToBaseline(current, baseline, { ...OPTIONS, gateLatency: false })
    expect(metricOf(notGated, 'emergency', 'encodeP50Us')?.gated).toBe(false)
    expect(
      applyGateLayer(current, { suite: SUITE, gateLatency: false, baseline: { path: 'b.json', results: baseline } })
        .gate.status,
    ).toBe('pass')
  })

  it('never fails latency across different CPUs, nor from fewer than 1,000 samples, nor a p99 from too few beyond it', () => {
    const baseline = createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2, { rme: 0.01 }))])
    const otherCpu = createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(2.4, { rme: 0.01 }))], {
      cpu: 'Other CPU',
    })
    const p50 = metricOf(compareToBaseline(otherCpu, baseline, OPTIONS), 'emergency', 'encodeP50Us')
    expect(p50?.verdict).toBe('inconclusive')
    expect(p50?.reason).toContain('CPU')
    const few = { rme: 0.01, samples: 24 }
    const fewBaseline = createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2, few))])
    const fewCurrent = createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(2.4, few))])
    const comparison = compareToBaseline(fewCurrent, fewBaseline, OPTIONS)
    expect(metricOf(comparison, 'emergency', 'encodeP99Us')?.verdict).toBe('inconclusive')
    // issue 19: 300-sample runs failed against their own fresh baseline 3 times in 6
    for (const samples of [24, 300, 999]) {
      const small = { rme: 0.01, samples }
      const judged = compareToBaseline(
        createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(2.4, small))]),
        createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2, small))]),
        OPTIONS,
      )
      expect(metricOf(judged, 'emergency', 'encodeP50Us')).toMatchObject({
        verdict: 'inconclusive',
        reason: expect.stringContaining(`not judged: a run has ${samples} timed samples, fewer than the 1000`),
      })
    }
    const enough = { rme: 0.01, samples: 1000 }
    const judged = compareToBaseline(
      createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(2.4, enough))]),
      createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2, enough))]),
      OPTIONS,
    )
    expect(metricOf(judged, 'emergency', 'encodeP50Us')?.verdict).toBe('fail')
  })

  it('leaves failed runs out with a note', () => {
    const baseline = createWeek1Results()
    const current = copy(baseline)
    current.runs[1] = {
      ...run(current, 'emergency'),
      state: 'failed',
      error: { code: 'E_EXTERNAL', message: 'crashed' },
    }
    const compared = compareToBaseline(current, baseline, OPTIONS).runs.find((r) => r.config === 'emergency')
    expect(compared?.verdict).toBe('inconclusive')
    expect(compared?.note).toContain('this run failed')
  })
})

describe('judgeLatency', () => {
  const base = { metric: 'encodeP95Us' as const, allowedWarn: 10, allowedFail: 25 }
  it('passes within the warn threshold whatever the noise, and separates warn, fail and inconclusive by the lower bound', () => {
    const at = (value: number, rme: number) => ({ value, rme, samples: 5000 })
    expect(judgeLatency({ ...base, baseline: at(100, 0.5), current: at(109, 0.5) }).verdict).toBe('pass')
    expect(judgeLatency({ ...base, baseline: at(100, 0.01), current: at(140, 0.01) }).verdict).toBe('fail')
    expect(judgeLatency({ ...base, baseline: at(100, 0.01), current: at(120, 0.01) }).verdict).toBe('warn')
    expect(judgeLatency({ ...base, baseline: at(100, 0.2), current: at(140, 0.2) }).verdict).toBe('inconclusive')
  })
})

describe('a baseline without a valid latency error estimate', () => {
  it.each([
    ['missing', undefined],
    ['null', null],
    ['"NaN"', 'NaN'],
  ])('rme %s: refused with E_BASELINE naming the field', async (_name, rme) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { loadBaseline } = await import('./baseline.ts')
    type Json = { runs: Array<{ metrics: { latencyUs: { decode: Record<string, unknown> } } }> }
    const results = JSON.parse(
      JSON.stringify(createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2, { rme: 0.01 }))])),
    ) as Json
    const decode = (results.runs[0] as Json['runs'][number]).metrics.latencyUs.decode
    if (rme === undefined) delete decode['rme']
    else decode['rme'] = rme
    const file = join(mkdtempSync(join(tmpdir(), 'aura-baseline-')), 'results.json')
    writeFileSync(file, JSON.stringify(results))
    await expect(loadBaseline(file)).rejects.toMatchObject({
      code: 'E_BASELINE',
      location: { field: 'runs[0].metrics.latencyUs.decode.rme' },
    })
  })
})

describe('a --baseline that is no results.json', () => {
  const { root, write } = createTempTree('aura-baseline-')
  it('a suite or other file given as --baseline is not offered as --save-baseline target in the hint', async () => {
    const { loadBaseline } = await import('./baseline.ts')
    const suite = write('gate.yaml', 'name: gate\ncorpora: []\n')
    const json = write('other.json', '{"name": "not results"}')
    for (const file of [suite, json]) {
      const error = (await loadBaseline(file).catch((e: unknown) => e)) as { code: string; hint?: string }
      expect(error).toMatchObject({ code: 'E_BASELINE' })
      expect(error.hint).not.toContain(`--save-baseline ${file}`)
      expect(error.hint).toContain('results.json')
    }
    // a results.json of ours that no longer passes: re-saving it is still the advice
    const damaged = write('damaged.json', '{"schemaVersion": 1, "runs": "not a list"}')
    const stale = (await loadBaseline(damaged).catch((e: unknown) => e)) as { hint?: string }
    expect(stale.hint).toContain(`--save-baseline ${damaged}`)
    const missing = `${root}/none.json`
    const absent = (await loadBaseline(missing).catch((e: unknown) => e)) as { hint?: string }
    expect(absent.hint).toContain(`--save-baseline ${missing}`)
  })
})

describe('a baseline written before round 36 (s37-fixr L5)', () => {
  const { write } = createTempTree('aura-baseline-cost-')
  it('with cost.messagesPerDay [0] is read and compared: the comparison never reads cost', async () => {
    const { loadBaseline } = await import('./baseline.ts')
    const results = JSON.parse(
      JSON.stringify(createResults([createRun('emergency', EMERGENCY_MESSAGES, createLatency(1.2, { rme: 0.01 }))])),
    ) as Record<string, unknown>
    const file = write('old.json', JSON.stringify({ ...results, cost: { messagesPerDay: [0], pricePerGb: 0.09 } }))
    const loaded = await loadBaseline(file)
    expect(loaded.results.runs).toHaveLength(1)
    expect(loaded.results.cost).toBeUndefined()
    // the rest of the file is still checked
    const broken = write(
      'broken.json',
      JSON.stringify({ ...results, runs: 'not a list', cost: { messagesPerDay: [0] } }),
    )
    await expect(loadBaseline(broken)).rejects.toMatchObject({ code: 'E_BASELINE' })
  })
})

describe('compareToBaseline: the corpus by content (round 32)', () => {
  const withDigest = (results: Results, sha256?: string): Results => ({
    ...results,
    inputs: {
      corpora: [
        { name: 'week1', file: 'w.jsonl', format: 'jsonl', part: 'the whole file', ...(sha256 ? { sha256 } : {}) },
      ],
      configs: [],
    },
  })

  it('says the corpus differs when its bytes changed at the same message count and size, so a worse ratio only warns', () => {
    const baseline = withDigest(createWeek1Results(), 'a'.repeat(64))
    const current = withDigest(
      createResults([run(baseline, 'current'), createRun('emergency', WORSE, createLatency(1.2))]),
      'b'.repeat(64),
    )
    // the same count and bytes: only the digest tells the corpora apart
    expect(run(current, 'emergency').metrics.messages).toBe(run(baseline, 'emergency').metrics.messages)
    const comparison = compareToBaseline(current, baseline, OPTIONS)
    const ratio = metricOf(comparison, 'emergency', 'ratio')
    expect(ratio?.verdict).toBe('warn')
    expect(comparison.runs.find((r) => r.config === 'emergency')?.note).toMatch(
      /the corpus differs from the baseline's .*sha256 aaaaaaaaaaaa… then, bbbbbbbbbbbb… now: other bytes of the same size/,
    )
    expect(comparison.corporaWithoutDigest).toBeUndefined()
  })

  it('fails a real regression when the digests agree', () => {
    const baseline = withDigest(createWeek1Results(), 'a'.repeat(64))
    const current = withDigest(
      createResults([run(baseline, 'current'), createRun('emergency', WORSE, createLatency(1.2))]),
      'a'.repeat(64),
    )
    expect(metricOf(compareToBaseline(current, baseline, OPTIONS), 'emergency', 'ratio')?.verdict).toBe('fail')
  })

  it('accepts a baseline saved before the digest: compared by count and bytes, and says which corpora', () => {
    const baseline = createWeek1Results()
    const current = withDigest(
      createResults([run(baseline, 'current'), createRun('emergency', WORSE, createLatency(1.2))]),
      'b'.repeat(64),
    )
    const comparison = compareToBaseline(current, baseline, OPTIONS)
    expect(metricOf(comparison, 'emergency', 'ratio')?.verdict).toBe('fail')
    expect(comparison.corporaWithoutDigest).toEqual(['week1'])
  })
})
