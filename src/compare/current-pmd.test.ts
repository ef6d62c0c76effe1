/** `compare.current` as permessage-deflate (round 35, s34-trial D4): the summary compares the stateful entries with it. */
import { describe, expect, it } from 'vitest'
import { parseSuite } from '../suite/index.ts'
import { recommendCorpus } from './recommend.ts'
import { renderCorpusParagraph, renderStatefulVsCurrentSentence } from './summary-sentences.ts'
import { renderSummary } from './summary.ts'
import { renderSummaryTable } from './summary-table.ts'
import {
  createFixtureComparison,
  createFixtureCorpus,
  createFixtureEntry,
  statefulFixtureSpec,
} from './test-fixtures.ts'
import type { CorpusComparison, EntryResult } from './types.ts'

const pmd = (takeover: boolean, ratio: number) =>
  createFixtureEntry(`permessage_deflate L6`, ratio, 30, {
    id: `permessage_deflate:6:${takeover ? 'takeover' : 'no-takeover'}`,
    label: `pmd L6 ${takeover ? 'takeover' : 'no takeover'}`,
    family: 'permessage_deflate',
    codec: 'permessage_deflate',
    kind: 'stateful',
    contextTakeover: takeover,
  })

const gateway: CorpusComparison = {
  corpus: createFixtureCorpus('gw'),
  entries: [
    createFixtureEntry('zstd_napi L3', 1.5, 10),
    pmd(false, 1.4),
    pmd(true, 12.71),
    createFixtureEntry('hybrid gw-stateful', 23.52, 300, statefulFixtureSpec('gw-stateful')),
  ],
}

describe('current: permessage_deflate', () => {
  it('is the takeover entry by default, and the stateful entries are compared with it', () => {
    const rec = recommendCorpus(gateway, [50, 500], { codec: 'permessage_deflate', level: 6, takeover: true })
    expect(rec.current?.spec.label).toBe('pmd L6 takeover')
    expect(rec.statefulVsCurrent?.map((s) => [s.entry.spec.label, Number(s.factor.toFixed(3))])).toEqual([
      ['hybrid gw-stateful (stateful)', 1.851],
      ['pmd L6 no takeover', 0.11],
    ])
    const sentence = renderStatefulVsCurrentSentence(rec)
    expect(sentence).toMatch(
      /^Against today’s pmd L6 takeover \(12\.71x, encode p95 30(\.0)? µs\) on the same connections: /,
    )
    expect(sentence).toContain('hybrid gw-stateful (stateful) sends 1.85x fewer bytes (23.52x')
    expect(sentence).toContain('pmd L6 no takeover sends 9.08x more bytes')
    expect(renderCorpusParagraph(rec, 'pmd L6 takeover', new Map())).toContain(sentence)
    const table = renderSummaryTable(
      {
        ...createFixtureComparison(),
        settings: {
          ...createFixtureComparison().settings,
          current: { codec: 'permessage_deflate', level: 6, takeover: true },
        },
        corpora: [gateway],
      },
      [rec],
    )
    expect(table).toContain('Current (pmd L6 takeover)')
    expect(table).toContain('1.85x vs current')
  })

  it('answers the suite question with the stateful configs first and flags a pick that sends more than current (s38-trial D4/D11)', () => {
    const current = { codec: 'permessage_deflate', level: 6, takeover: true } as const
    const question = 'Stateful mode instead of permessage-deflate for game state?'
    const rec = recommendCorpus(gateway, [50, 500], current)
    const paragraph = renderCorpusParagraph(rec, 'pmd L6 takeover', new Map(), question)
    // the suite's question is followed by the answer to a stateful question, never by the Zstandard "No:"
    expect(paragraph).toContain(
      `${question} (answered first as: does a stateful config send fewer bytes than pmd L6 takeover, the current codec?) Yes: against today’s pmd L6 takeover`,
    )
    expect(paragraph).not.toContain(`${question} (answered as: can Zstandard`)
    expect(paragraph).toContain('Can Zstandard replace pmd L6 takeover, the current codec? No:')
    expect(paragraph.indexOf('answered first as')).toBeLessThan(paragraph.indexOf('Can Zstandard replace'))
    expect(paragraph).toContain('This pick sends 8.47x more bytes than today’s pmd L6 takeover (12.71x).')
    const comparison = {
      ...createFixtureComparison(),
      question,
      settings: { ...createFixtureComparison().settings, budgetsUs: [50, 500], current },
      corpora: [gateway],
    }
    const summary = renderSummary(comparison)
    expect(summary).toContain('zstd_napi L3: **1.50x**, p95 10.0 µs ⚠ sends 8.47x more than current')
    const findings = summary.slice(summary.indexOf('### Findings'))
    expect(findings).toContain(
      `- **${question}** Does a stateful config send fewer bytes than pmd L6 takeover, the current codec? Of 1 corpus: yes on 1. gw: hybrid gw-stateful (stateful) 1.85x fewer bytes (23.52x against 12.71x`,
    )
    expect(findings).toContain('- Can Zstandard replace pmd L6 takeover, the current codec? Of 1 corpus: no on 1')
    expect(findings).not.toContain(`**${question}** Can Zstandard`)
  })

  it('takeover: false picks the entry without context takeover; a per-message current has no such comparison', () => {
    const without = recommendCorpus(gateway, [50], { codec: 'permessage_deflate', level: 6, takeover: false })
    expect(without.current?.spec.label).toBe('pmd L6 no takeover')
    const perMessage = recommendCorpus(gateway, [50], { codec: 'zstd_napi', level: 3 })
    expect(perMessage.current?.spec.label).toBe('zstd_napi L3')
    expect(perMessage.statefulVsCurrent).toBeUndefined()
    expect(renderStatefulVsCurrentSentence(perMessage)).toBeUndefined()
  })

  it('the suite takes it (takeover defaults to true) and refuses takeover on a per-message codec', () => {
    const suite = (current: string) =>
      `name: s\ncorpora: [c.txt]\nconfigs: [x.yaml]\ncompare:\n  permessage_deflate: { levels: [6] }\n  current: ${current}\n`
    expect(parseSuite(suite('{ codec: permessage_deflate, level: 6 }'), '/tmp/s.yaml').compare?.current).toEqual({
      codec: 'permessage_deflate',
      level: 6,
      takeover: true,
    })
    expect(
      parseSuite(suite('{ codec: permessage_deflate, level: 9, takeover: false }'), '/tmp/s.yaml').compare?.current,
    ).toEqual({ codec: 'permessage_deflate', level: 9, takeover: false })
    expect(() => parseSuite(suite('{ codec: brotli, level: 11, takeover: true }'), '/tmp/s.yaml')).toThrow(
      /takeover \(context takeover\) is permessage_deflate's/,
    )
    expect(() => parseSuite(suite('{ codec: permessage_deflate, level: 11 }'), '/tmp/s.yaml')).toThrow(
      /permessage_deflate takes levels 0 to 9, found 11/,
    )
  })

  describe('a stateful config that did not complete byte-exact is said, not dropped (s38-fixs)', () => {
    const current = { codec: 'permessage_deflate', level: 6, takeover: true } as const
    const question = 'Stateful mode instead of permessage-deflate?'
    const stateful = (ratio: number, overrides: Partial<EntryResult> = {}): EntryResult => ({
      ...createFixtureEntry('hybrid gw-stateful', ratio, 300, statefulFixtureSpec('gw-stateful')),
      ...overrides,
    })
    const corpus = (name: string, entry: EntryResult): CorpusComparison => ({
      corpus: createFixtureCorpus(name),
      entries: [createFixtureEntry('zstd_napi L3', 1.5, 10), pmd(true, 12), entry],
    })
    const summaryOf = (corpora: CorpusComparison[]) =>
      renderSummary({
        ...createFixtureComparison(),
        question,
        settings: { ...createFixtureComparison().settings, budgetsUs: [50, 500], current },
        corpora,
      })
    const findingsOf = (corpora: CorpusComparison[]) => {
      const summary = summaryOf(corpora)
      return summary.slice(summary.indexOf('### Findings'))
    }

    it('counts a corpus where it failed (it said "Of 1 corpus: yes on 1", the failing corpus unmentioned)', () => {
      const failed = stateful(20, { state: 'failed', error: { code: 'E_TIMEOUT', message: 'timed out' } })
      const findings = findingsOf([corpus('ok', stateful(20)), corpus('bad', failed)])
      expect(findings).toContain(
        'Of 2 corpora: yes on 1, the stateful config did not complete byte-exact on bad. ok: hybrid gw-stateful (stateful) 1.67x fewer bytes',
      )
      expect(findings).toContain(
        '; bad: hybrid gw-stateful (stateful) did not complete byte-exact (failed: E_TIMEOUT).',
      )
    })

    it('answers with the mismatched config, not with Zstandard under the suite question (the D4 behaviour)', () => {
      const mismatched = corpus('bad', stateful(20, { roundTrip: { checked: 40, mismatches: 3 } }))
      const findings = findingsOf([mismatched])
      expect(findings).toContain(
        `- **${question}** Does a stateful config send fewer bytes than pmd L6 takeover, the current codec? Of 1 corpus: yes on 0, the stateful config did not complete byte-exact on bad. bad: hybrid gw-stateful (stateful) did not complete byte-exact (3 of 40 round trips mismatched).`,
      )
      expect(findings).not.toContain(`**${question}** Can Zstandard`)
      const rec = recommendCorpus(mismatched, [50, 500], current)
      const paragraph = renderCorpusParagraph(rec, 'pmd L6 takeover', new Map(), question)
      expect(paragraph).toContain(
        `${question} (answered first as: does a stateful config send fewer bytes than pmd L6 takeover, the current codec?) No: no other per-connection entry completed byte-exact to compare with today’s pmd L6 takeover. Here hybrid gw-stateful (stateful) did not complete byte-exact (3 of 40 round trips mismatched).`,
      )
      expect(paragraph).toContain('Can Zstandard replace pmd L6 takeover, the current codec? No:')
      expect(paragraph).not.toContain('(answered as: can Zstandard')
    })

    it('says "the same bytes" at a factor of exactly 1, counted as no (it read "1.00x fewer bytes")', () => {
      const findings = findingsOf([corpus('tie', stateful(12))])
      expect(findings).toContain(
        'Of 1 corpus: yes on 0, no on 1. tie: hybrid gw-stateful (stateful) the same bytes (12.00x against 12.00x',
      )
      const rec = recommendCorpus(corpus('tie', stateful(12)), [50], current)
      expect(renderStatefulVsCurrentSentence(rec)).toContain(
        'hybrid gw-stateful (stateful) sends the same bytes (12.00x',
      )
    })
  })
})
