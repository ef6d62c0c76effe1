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
})
