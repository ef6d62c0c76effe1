// Prometheus's own checker on what the gate writes: `promtool check metrics` on the exposition,
// `promtool check rules` on the alert rules, and `promtool test rules` on the generated unit tests
// (each alert fires on a failing run's series, stays silent on a passing one). A negative control
// proves the unit tests can fail. Without promtool the tests skip locally, and FAIL on CI (CI=true):
// .ci/run installs Debian's prometheus package.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderAlertRules, renderAlertRuleTests, renderPrometheus } from '../src/gate/index.ts'
import { createWeek1Results } from '../src/gate/test-fixtures.ts'
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
})
