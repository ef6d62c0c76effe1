/**
 * Small defects the fourth new-user trial of the CLI found (s30, 2026-12-06), each through the CLI:
 * a bad `discover --header` named a `header` field discover has none of, and `cost --results suite.yaml`
 * said "not JSON" without pointing at `--suite`.
 */
import { describe, expect, it } from 'vitest'
import { trialFolder } from './trial-folder.ts'

const { write, cli } = trialFolder('aura-trial30-fixa-')

write('app.log', `${Array.from({ length: 50 }, (_, i) => `2026-12-06 INFO user ${i} logged in`).join('\n')}\n`)
write(
  'suite.yaml',
  'name: s\ncorpora: [app.log]\nconfigs: [hyb.yaml]\ntargets: [{ metric: ratio, pass: 1 }]\ncost: { messages_per_day: 1000, price_per_gb: 0.09 }\n',
)
write('hyb.yaml', 'name: hyb\nfallback: zstd\n')

describe('discover --header without <Content> (s30 D10)', () => {
  it('names the --header flag, exit 2', async () => {
    const result = await cli(['discover', 'app.log', '--header', 'nothing', '--out', 'store.json'])
    expect(result.code).toBe(2)
    expect(result.err).toContain('in --header: header format "nothing" has no <Content> field')
    expect(result.err).not.toContain('in header:')
  })
})

describe('cost --results given a suite (s30 D10)', () => {
  it('says the file is YAML and points at --suite, exit 2', async () => {
    const result = await cli(['cost', '--results', 'suite.yaml'])
    expect(result.code).toBe(2)
    expect(result.err).toContain("results file suite.yaml is YAML (a suite or a config), not a run's results.json")
    expect(result.err).toContain('aura-bench cost --suite suite.yaml')
    expect(result.err).not.toContain('not JSON')
  })
})
