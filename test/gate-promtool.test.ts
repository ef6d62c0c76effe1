// Prometheus's own checker on what the gate writes: `promtool check metrics` on the exposition,
// `promtool check rules` on the alert rules, and `promtool test rules` on the generated unit tests
// (each alert fires on a failing run's series, stays silent on a passing one). A negative control
// proves the unit tests can fail. Without promtool the tests skip locally, and FAIL on CI (CI=true):
// .ci/run installs Debian's prometheus package.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { renderAlertRules, renderAlertRuleTests, renderPrometheus } from '../src/gate/index.ts'
import {
  createLatency,
  createResults,
  createRun,
  createWeek1Results,
  EMERGENCY_MESSAGES,
  type FixtureMessage,
} from '../src/gate/test-fixtures.ts'
import { loadSuite } from '../src/suite/index.ts'
import { hasCommand, REPO, tempFolder } from './gate-support.ts'

const hasPromtool = hasCommand('promtool')
const onCi = ['true', '1'].includes(process.env['CI'] ?? '')

function promtool(args: string[], cwd: string, input?: string): { code: number; output: string } {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8', ...(input === undefined ? {} : { input }) })
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` }
}

describe('promtool is here on CI', () => {
  it.runIf(onCi)('promtool is installed (CI=true: .ci/run installs the prometheus package)', () => {
    expect(hasPromtool, 'promtool is missing: apt-get install prometheus').toBe(true)
  })
})

describe.skipIf(!hasPromtool)('promtool on the gate outputs', () => {
  it('check metrics accepts the exposition (counters end in _total, quantile only on summaries)', () => {
    const { code, output } = promtool(['check', 'metrics'], REPO, renderPrometheus(createWeek1Results()))
    expect(output).toBe('')
    expect(code).toBe(0)
  })

  it('check rules accepts the rules of every shipped gate suite; test rules proves each alert fires and stays silent as it should', async () => {
    for (const name of ['week1', 'loghub-hdfs']) {
      const suite = await loadSuite(path.join(REPO, 'suites', `${name}.yaml`))
      const dir = tempFolder('promtool')
      writeFileSync(path.join(dir, 'rules.yaml'), renderAlertRules(suite))
      writeFileSync(path.join(dir, 'rules.test.yaml'), renderAlertRuleTests(suite, 'rules.yaml'))
      const checked = promtool(['check', 'rules', 'rules.yaml'], dir)
      expect(checked.output).toMatch(/SUCCESS: \d+ rules found/)
      const tested = promtool(['test', 'rules', 'rules.test.yaml'], dir)
      expect(tested.output, `${name}: ${tested.output}`).toMatch(/SUCCESS/)
      expect(tested.code).toBe(0)
    }
  })

  it('the generated tests fail when a rule is wrong (negative controls: threshold direction, label matcher)', async () => {
    const suite = await loadSuite(path.join(REPO, 'suites/week1.yaml'))
    const rules = renderAlertRules(suite)
    const broken = [
      rules.replace('} > 0.1"', '} < 0.1"'),
      rules.replace(/config=~\\"emergency\\"\} < 1\.5/, 'config=~\\"current\\"} < 1.5'),
    ]
    for (const text of broken) {
      expect(text).not.toBe(rules)
      const dir = tempFolder('promtool-broken')
      writeFileSync(path.join(dir, 'rules.yaml'), text)
      writeFileSync(path.join(dir, 'rules.test.yaml'), renderAlertRuleTests(suite, 'rules.yaml'))
      const tested = promtool(['test', 'rules', 'rules.test.yaml'], dir)
      expect(tested.code).not.toBe(0)
      expect(tested.output).toMatch(/FAILED/)
    }
  })

  it('the rules fire on the series a failing run pushes: the --prometheus file, scraped again and again at one value (trial s39 D2)', async () => {
    // A run of the gated config that fails ratio, savings and hit rate (15 of 25 messages uncompressed, 40 µs):
    // its exposition is what a Pushgateway or textfile collector serves until the next run, so each series is constant.
    const suite = await loadSuite(path.join(REPO, 'suites/week1.yaml'))
    const failing: FixtureMessage[] = EMERGENCY_MESSAGES.map(([o, c, m], i) =>
      i < 15 ? [o, o + 1, 'uncompressed'] : [o, c, m],
    )
    const exposition = renderPrometheus(createResults([createRun('emergency', failing, createLatency(40))]))
    const series = exposition
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const cut = line.lastIndexOf(' ')
        return `      - series: ${JSON.stringify(line.slice(0, cut))}\n        values: ${JSON.stringify(`${line.slice(cut + 1)}+0x20`)}`
      })
    const expected = ['LowCompressionRatio', 'LowBandwidthSavings', 'LowTemplateHitRate', 'HighExpansionRate']
    const tests = expected.map(
      (alert) =>
        `  - interval: 1m\n    input_series:\n${series.join('\n')}\n    alert_rule_test:\n      - eval_time: 15m\n        alertname: ${alert}\n        exp_alerts:\n          - exp_labels: { severity: warning, suite: week1, corpus: week1, config: emergency }`,
    )
    // s39-rev3 F1: the same failing series from another suite that gates a config of the same name fire none of them
    const otherSuite = series.map((line) => line.replace('suite=\\"week1\\"', 'suite=\\"loghub-hdfs\\"'))
    expect(otherSuite.join('\n')).toContain('loghub-hdfs')
    for (const alert of expected)
      tests.push(
        `  - interval: 1m\n    input_series:\n${otherSuite.join('\n')}\n    alert_rule_test:\n      - eval_time: 15m\n        alertname: ${alert}\n        exp_alerts: []`,
      )
    const dir = tempFolder('promtool-pushed')
    // the expressions are under test here, not the annotations (the generated tests check those)
    const rules = parse(renderAlertRules(suite)) as { groups: Array<{ rules: Array<Record<string, unknown>> }> }
    for (const rule of rules.groups.flatMap((g) => g.rules)) delete rule['annotations']
    writeFileSync(path.join(dir, 'rules.yaml'), stringify(rules))
    writeFileSync(
      path.join(dir, 'pushed.test.yaml'),
      `rule_files: [rules.yaml]\nevaluation_interval: 1m\ntests:\n${tests.join('\n')}\n`,
    )
    const tested = promtool(['test', 'rules', 'pushed.test.yaml'], dir)
    expect(tested.output).toMatch(/SUCCESS/)
    expect(tested.code).toBe(0)
  })
})
