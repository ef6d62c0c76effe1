/** s39-trial D6: a recommendation that replaces permessage-deflate says who can decode it (Node receivers only for hybrid frames). */
import { describe, expect, it } from 'vitest'
import { recommendCorpus } from './recommend.ts'
import { renderSummary } from './summary.ts'
import { renderReceiverFinding } from './summary-receivers.ts'
import {
  createFixtureComparison,
  createFixtureCorpus,
  createFixtureEntry,
  statefulFixtureSpec,
} from './test-fixtures.ts'
import type { Comparison, CorpusComparison } from './types.ts'

const current = { codec: 'permessage_deflate', level: 6, takeover: true } as const
const pmd = (ratio: number) =>
  createFixtureEntry('permessage_deflate L6', ratio, 30, {
    id: 'permessage_deflate:6:takeover',
    label: 'pmd L6 takeover',
    family: 'permessage_deflate',
    codec: 'permessage_deflate',
    kind: 'stateful',
    contextTakeover: true,
  })

function corpus(pmdRatio: number, statefulRatio: number, zstdRatio: number): CorpusComparison {
  return {
    corpus: createFixtureCorpus('ws'),
    entries: [
      createFixtureEntry('zstd_napi L3', zstdRatio, 10),
      pmd(pmdRatio),
      createFixtureEntry('hybrid ws-stateful', statefulRatio, 40, statefulFixtureSpec('ws-stateful')),
    ],
  }
}

function comparison(c: CorpusComparison): Comparison {
  const base = createFixtureComparison()
  return { ...base, settings: { ...base.settings, current }, corpora: [c] }
}

describe('who can decode a replacement for permessage-deflate', () => {
  it('a stateful config that beats pmd: the summary says its receivers must run Node, a browser has no decoder', () => {
    const summary = renderSummary(comparison(corpus(5, 8, 2)))
    expect(summary).toContain(
      '**Who can decode it:** to send hybrid ws-stateful (stateful) instead, its receivers must',
    )
    expect(summary).toContain('runs only in Node')
    expect(summary).toContain('a browser (a log-tail or dashboard page) decodes permessage-deflate natively')
  })

  it('a plain codec that beats pmd: its receivers need that codec', () => {
    const rec = recommendCorpus(corpus(3, 2, 6), [50, 500], current)
    const finding = renderReceiverFinding([rec]) ?? ''
    expect(finding).toContain('to send zstd_napi L3 instead, its receivers need a decoder of that codec')
    expect(finding).not.toContain('runs only in Node')
  })

  it('says nothing when pmd stays the smallest, or when the current codec is not permessage-deflate', () => {
    expect(renderReceiverFinding([recommendCorpus(corpus(9, 8, 2), [50, 500], current)])).toBeUndefined()
    expect(renderSummary(comparison(corpus(9, 8, 2)))).not.toContain('Who can decode it')
    const other = recommendCorpus(corpus(5, 8, 6), [50, 500], { codec: 'brotli', level: 11 })
    expect(renderReceiverFinding([other])).toBeUndefined()
  })
})
