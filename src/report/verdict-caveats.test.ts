import { describe, expect, it } from 'vitest'
import { partialRunWarning, verdictCaveats } from './verdict-caveats.ts'

describe('verdictCaveats', () => {
  it('finds a partial run and an in-sample run by the warnings the runner writes', () => {
    const caveats = verdictCaveats({
      warnings: [
        partialRunWarning(5),
        'config hyb on corpus app: its template store is discovered from the messages it is measured on (the whole file); hit rate and ratio are in-sample, better than unseen traffic would get',
        'config hyb on corpus app: its zstd dictionary is built from the messages it is measured on (the whole file); its ratio is in-sample',
      ],
    })
    expect(caveats.map((c) => c.short)).toEqual(['partial run: --limit 5', 'in-sample'])
    expect(caveats[1]?.long).toMatch(/^In-sample: one run was measured/)
  })

  it('is not misled by a corpus or config named in-sample (review s29: a skipped corpus in-sample.log)', () => {
    const caveats = verdictCaveats({
      warnings: [
        'corpus in-sample skipped: corpus file /tmp/in-sample.log does not exist',
        'config in-sample on corpus app: fallback brotli at quality 11 took 3.8 ms per message',
      ],
    })
    expect(caveats).toEqual([])
  })
})
