/** compare --junit (round 37): run's JUnit shape for the stateful gate, red whenever compare fails for its comparison. */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTempTree } from '../core/test-temp-tree.ts'
import { createFixtureComparison, createStatefulFixtureComparison } from '../compare/test-fixtures.ts'
import { loadComparisonBaseline, toComparisonJson, type Comparison } from '../compare/index.ts'
import type { Suite, TargetSpec } from '../suite/index.ts'
import { finishCompareGate } from './compare-gate.ts'
import { escapeXml } from '../gate/junit.ts'
import { checkJunit, hasXmllint, xmllintErrors } from '../gate/test-junit.ts'
import { NO_STATEFUL_TARGETS, renderCompareJunit } from './compare-junit.ts'
import { runCli } from './index.ts'
import { createFakeIo } from './test-support.ts'

const JUNIT_XSD = path.join(import.meta.dirname, '../../test/fixtures/junit-4.xsd')

function comparisonAt(ratio: number): Comparison {
  return createStatefulFixtureComparison(ratio)
}

const ratioTarget: TargetSpec = { metric: 'ratio', pass: 2, direction: 'min', gated: true, label: 'ratio' }
const suite = { targets: [ratioTarget], gate: { nearFails: false } } satisfies Pick<Suite, 'targets' | 'gate'>
const prepared = { flags: { allowMissingBaseline: false, gateLatency: true }, statefulConfigs: ['st'] }

describe('renderCompareJunit', () => {
  it('a passing stateful target: one corpus x config testsuite, round trip and target passed', () => {
    const { comparison } = finishCompareGate(comparisonAt(3), suite, prepared)
    const xml = renderCompareJunit(comparison, suite)
    expect(xml).toMatch(/^<\?xml/)
    expect(xml).toContain('<testsuites name="aura-bench gw" tests="2" failures="0" errors="0"')
    expect(xml).toContain('<testsuite name="gw x st"')
    expect(xml).toContain('<testcase name="target ratio (ratio)"')
    expect(xml).toContain('<testcase name="round trip byte-exact"')
  })

  it('a failing target is a <failure> with the measured value, as run writes it', () => {
    const { comparison } = finishCompareGate(comparisonAt(1.5), suite, prepared)
    expect(comparison.gate?.status).toBe('fail')
    const xml = renderCompareJunit(comparison, suite)
    expect(xml).toMatch(/failures="1"/)
    expect(xml).toMatch(/<failure message="measured 1\.50x; threshold ≥ 2x; status FAIL" type="target">/)
  })

  it('a failed per-message entry (compare exits 1) and a gated config with no entry are never green', () => {
    const failed = comparisonAt(3)
    const [message] = failed.corpora[0]?.entries ?? []
    if (message === undefined) throw new Error('fixture')
    message.state = 'failed'
    message.error = { code: 'E_CODEC', message: 'boom' }
    const { comparison } = finishCompareGate(failed, suite, prepared)
    const xml = renderCompareJunit(comparison, suite)
    expect(xml).toContain('<testsuite name="gw (whole suite)"')
    expect(xml).toContain('<error message="boom" type="E_CODEC">')
    // a gated stateful config the comparison has no entry of fails the gate: a case says so
    const missing = finishCompareGate(comparisonAt(3), suite, { ...prepared, statefulConfigs: ['st', 'other'] })
    expect(missing.comparison.gate?.status).toBe('fail')
    const xml2 = renderCompareJunit(missing.comparison, suite)
    expect(xml2).toContain('<testcase name="gate passes"')
    expect(xml2).toMatch(/failures="1"/)
  })
})

describe('compare --junit with --accept-regression (s37-fixr M2)', () => {
  const { write } = createTempTree('aura-compare-junit-accepted-')

  it('a gated regression is a <failure> without it and <skipped> naming the reason with it: the file is not red while compare exits 0', async () => {
    const baseline = await loadComparisonBaseline(
      write('before.json', toComparisonJson(comparisonAt(4))),
      'before.json',
    )
    const failing = finishCompareGate(comparisonAt(3), suite, { ...prepared, baseline })
    expect(failing.comparison.gate?.status).toBe('fail')
    expect(renderCompareJunit(failing.comparison, suite)).toMatch(/<failure message="[^"]*" type="regression">/)
    const accepted = finishCompareGate(comparisonAt(3), suite, {
      ...prepared,
      flags: { ...prepared.flags, acceptRegression: 'smaller dictionary, intended' },
      baseline,
    })
    expect(accepted.comparison.gate?.status).toBe('pass')
    const xml = renderCompareJunit(accepted.comparison, suite)
    expect(xml).not.toMatch(/<failure |<error /)
    expect(xml).toMatch(/<testsuites name="aura-bench gw" tests="\d+" failures="0" errors="0"/)
    expect(xml).toMatch(
      /<testcase name="regression ratio against the baseline"[^>]*>\n\s*<skipped message="accepted: smaller dictionary, intended; 4\.00x → 3\.00x/,
    )
  })
})

describe('compare --junit through the CLI (s37-fixr M1)', () => {
  const { root, write } = createTempTree('aura-compare-junit-cli-')
  const PROJECT = path.resolve(import.meta.dirname, '../..')
  const ticks = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({ text: `{"type":"ticker","price":"${(101 + i / 10).toFixed(1)}","seq":${1000 + i}}` }),
  )
  write('ticks.jsonl', `${ticks.join('\n')}\n`)
  write(
    'small.yaml',
    [
      'name: small',
      'corpora: [ticks.jsonl]',
      `configs: [${path.join(PROJECT, 'configs/emergency.yaml')}]`,
      'compare:',
      '  zstd_napi: [3]',
      '  hybrids: false',
      '  current: { codec: zstd_napi, level: 3 }',
      '  latency: { messages: 4, samples: 5, warmup: 1, time_ms: 5 }',
      '  size_budget_ms: 20',
      '  memory_connections: 1',
    ].join('\n'),
  )
  write('a-file', 'not a folder\n')
  const io = () => createFakeIo({ cwd: root, env: {} })

  it('refuses a --junit path that cannot be written before measuring (exit 2, E_OUTPUT, nothing written)', async () => {
    const fake = io()
    const code = await runCli(
      ['compare', 'small.yaml', '--out', 'refused', '--no-charts', '--junit', 'a-file/j.xml'],
      fake,
    )
    expect(fake.err()).toContain('E_OUTPUT')
    expect(fake.err()).toContain('--junit')
    expect(code).toBe(2)
    expect(existsSync(path.join(root, 'refused', 'comparison.json'))).toBe(false)
    expect(readFileSync(path.join(root, 'a-file'), 'utf8')).toBe('not a folder\n')
  })

  it('writes the JUnit XML beside comparison.json when it can', async () => {
    const fake = io()
    const code = await runCli(['compare', 'small.yaml', '--out', 'written', '--no-charts', '--junit', 'j.xml'], fake)
    expect(fake.err()).toBe('')
    expect(code).toBe(0)
    expect(existsSync(path.join(root, 'written', 'comparison.json'))).toBe(true)
    expect(readFileSync(path.join(root, 'j.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites name="aura-bench small"/)
  })
})

// round 38 (s38-small): a suite with no stateful config wrote tests="0", which CI reads as "no tests found"
describe('compare --junit on a comparison with no stateful config', () => {
  const { write } = createTempTree('aura-compare-junit-no-stateful-')

  it("lists each entry's byte-exact check and a skipped case saying where the targets are judged, valid JUnit", () => {
    const { comparison } = finishCompareGate(createFixtureComparison(), suite, { ...prepared, statefulConfigs: [] })
    const xml = renderCompareJunit(comparison, suite)
    const entries = comparison.corpora.flatMap((c) => c.entries).length
    expect(entries).toBeGreaterThan(1)
    // every entry a case, the skipped one more: not "no tests found"
    expect(xml).toContain(`<testsuites name="aura-bench fixture-suite" tests="${entries + 1}" failures="1" errors="0"`)
    expect(xml).toContain('<testcase name="entry zstd_napi L3 on fixture completes byte-exact"')
    // the fixture's deflate L9 did not round-trip (compare exits 1): still a failure
    expect(xml).toMatch(/<testcase name="entry deflate L9 on fixture completes byte-exact"[^>]*>\s*<failure /)
    expect(xml).toContain(`<skipped message="${escapeXml(NO_STATEFUL_TARGETS)}"/>`)
    expect(NO_STATEFUL_TARGETS).toContain('run --junit')
    // what was measured, not a claim about the suite: a suite with stateful configs whose entries were not
    // measured reaches this case too (s38-fixr)
    expect(NO_STATEFUL_TARGETS).toContain('no mode: stateful config was measured')
    expect(NO_STATEFUL_TARGETS).not.toContain('the suite has no')
    expect(checkJunit(xml)).toEqual([])
    if (hasXmllint()) expect(xmllintErrors(write('junit.xml', xml), JUNIT_XSD)).toBe('')
  })
})
