import { describe, expect, it } from 'vitest'
import type { Results } from '../runner/index.ts'
import { partialBaselineReasons } from './gate-warnings.ts'

const run = (config: string, state: 'complete' | 'failed') =>
  ({ corpus: 'api', config, state }) as Results['runs'][number]

describe('partialBaselineReasons (s31 D2)', () => {
  it('names a --limit and the runs that failed; nothing for a whole run or a corpus limit: the suite sets', () => {
    expect(
      partialBaselineReasons({ warnings: ['config x on corpus api: slow'], runs: [run('a', 'complete')] }),
    ).toEqual([])
    expect(
      partialBaselineReasons({
        warnings: [
          'partial run: --limit 5 measured at most the first 5 messages of each corpus, so ...',
          "partial run: corpus api's limit: 9 (corpora[0].limit in the suite) measured at most its first 9 messages, ...",
        ],
        runs: [run('a', 'failed'), run('b', 'complete'), run('c', 'failed')],
      }),
    ).toEqual([
      '--limit 5 measured at most the first 5 messages of each corpus, so ...',
      '2 runs failed (api x a, api x c): no figures to compare with',
    ])
    // a suite's own limit: measures the same messages on every run of that suite
    expect(
      partialBaselineReasons({
        warnings: [
          "partial run: corpus api's limit: 9 (corpora[0].limit in the suite) measured at most its first 9 messages, ...",
        ],
        runs: [run('a', 'complete')],
      }),
    ).toEqual([])
  })

  it('a run that measured no latency in a suite that measures it (--no-latency): partial (s35-trial D4)', () => {
    const timed = { ...run('a', 'complete'), metrics: { latencyUs: {} } } as Results['runs'][number]
    const untimed = { ...run('b', 'complete'), metrics: {} } as Results['runs'][number]
    expect(partialBaselineReasons({ warnings: [], runs: [timed, untimed] }, { latencyExpected: true })).toEqual([
      'latency was not measured (api x b; --no-latency?): later runs would compare no latency with it',
    ])
    // a suite with `latency: { enabled: false }` measures none on any run: a baseline of it compares like with like
    expect(partialBaselineReasons({ warnings: [], runs: [timed, untimed] }, { latencyExpected: false })).toEqual([])
  })
})
