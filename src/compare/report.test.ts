import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadChartRenderer } from '../report/index.ts'
import { placeLabels } from './chart-pareto.ts'
import { createComparisonCharts } from './charts.ts'
import { recommendAll } from './summary.ts'
import { renderCorpusParagraph } from './summary-sentences.ts'
import { outlierMeanNote, renderComparisonMarkdown } from './report-markdown.ts'
import { connectionsAcrossSplit } from './run-comparison.ts'
import { createFixtureComparison, createFixtureEntry } from './test-fixtures.ts'
import type { CorpusComparison } from './types.ts'
import { toComparisonJson, writeComparison } from './write-comparison.ts'

describe('comparison report', () => {
  const comparison = createFixtureComparison()

  it('renders the summary first, then method, memory, the corpus table with the frontier marked, and chart links', () => {
    const marked = {
      ...comparison,
      corpora: comparison.corpora.map((c) => ({
        ...c,
        entries: c.entries.map((e) => ({ ...e, pareto: e.spec.label === 'zstd_dict 64K L3' })),
      })),
    }
    const md = renderComparisonMarkdown(
      { ...marked, question: 'Replace Brotli with Zstandard (2-3x faster)?' },
      { chartExtension: 'png' },
    )
    const order = [
      '## Summary: Replace Brotli with Zstandard (2-3x faster)?',
      '<summary><b>How this was measured</b>',
      '<summary><b>Memory per connection',
      '<summary><b>Corpus: fixture</b>',
      '<summary><b>Environment</b>',
    ].map((h) => md.indexOf(h))
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] as number)))).toBe(true)
    expect(md).toContain('![Ratio against encode p95 — fixture](charts/pareto-fixture.png)')
    expect(md).toContain('| `zstd_dict 64K L3` ◆ | zstd-napi | 1.80x |')
    expect(md).toContain('❌ 1 round trips differ')
    expect(md).toContain('load average 1.5 at the start and 1.7 at the end')
  })

  it('marks a ratio scaled from a sample with ≈ wherever it is quoted, the summary included', () => {
    const estimated = {
      ...comparison,
      corpora: comparison.corpora.map((c) => ({
        ...c,
        entries: c.entries.map((e) =>
          e.spec.label === 'zstd_dict 64K L3'
            ? { ...e, sizes: { ...e.sizes, estimatedFrom: 'zstd_dict 64K L19', sampleRatio: 1.7 } }
            : e,
        ),
      })),
    }
    const md = renderComparisonMarkdown(estimated, { chartExtension: 'png' })
    const summary = md.slice(0, md.indexOf('<summary><b>How this was measured</b>'))
    expect(summary).toContain('≈1.80x')
    expect(summary).not.toMatch(/[^≈]1\.80x/)
    expect(summary).not.toContain('--quick:')
    const quick = renderComparisonMarkdown({ ...estimated, quick: true }, { chartExtension: 'png' })
    expect(quick.slice(0, quick.indexOf('### Findings'))).toContain('**--quick:** latency percentiles here rest on')
  })

  it('shows an RSS probe that saw no growth as not measurable, never as 0 B', () => {
    const none = {
      ...comparison,
      connectionMemory: comparison.connectionMemory.map((m) => ({ ...m, measuredRssBytes: 0, connections: 20 })),
    }
    const md = renderComparisonMarkdown(none, { chartExtension: 'png' })
    expect(md).toContain('not measurable (no RSS growth over 20 connections)')
    expect(md).not.toMatch(/\b0 B/)
  })

  it('marks an RSS reading below what JS retains as unreliable, whatever entries ran before (s38-trial D6)', () => {
    const below = {
      ...comparison,
      connectionMemory: comparison.connectionMemory.map((m) => ({
        ...m,
        measuredRssBytes: 450,
        retainedBytes: 289_030,
        connections: 100,
      })),
    }
    const md = renderComparisonMarkdown(below, { chartExtension: 'png' })
    expect(md).toContain(
      'unreliable (450 B over 100 connections, below the 282.3 KiB JS retains: pages freed before its reading were reused',
    )
    const zero = { ...below, connectionMemory: below.connectionMemory.map((m) => ({ ...m, measuredRssBytes: 0 })) }
    expect(renderComparisonMarkdown(zero, { chartExtension: 'png' })).toContain(
      'unreliable (no RSS growth over 100 connections, below the 282.3 KiB JS retains',
    )
  })

  it('flags a throughput cell whose mean is above its own p99, with MB/s at the p50 (s38-trial D12)', () => {
    const entry = createFixtureEntry('zstd_napi L9', 2.32, 56.4)
    const noisy = {
      ...entry,
      latencyUs: {
        encode: { p50: 9.51, p95: 56.4, p99: 66.5, mean: 16.6, samples: 400 },
        decode: { p50: 4.3, p95: 7.97, p99: 13.1, mean: 27.5, samples: 400 },
        method: 'tinybench-cycle' as const,
      },
      throughputMBps: { encode: 43.1, decode: 25.9 },
    }
    expect(outlierMeanNote(entry)).toBe('')
    // 25.9 MB/s × 27.5 µs mean ÷ 4.3 µs p50 = 166 MB/s; encode 43.1 × 16.6 / 9.51 = 75.2
    expect(outlierMeanNote(noisy)).toBe(
      ' ⚠ the decode mean above its p99 (a few slow calls carry it); at p50 75.2 / 166 MB/s',
    )
    const md = renderComparisonMarkdown(
      { ...comparison, corpora: [{ ...(comparison.corpora[0] as CorpusComparison), entries: [noisy] }] },
      { chartExtension: 'png' },
    )
    expect(md).toContain('43.1 / 25.9 (mean 16.6 / 27.5 µs) ⚠ the decode mean above its p99')
  })

  it('writes comparison.json with each entry on one line and numbers rounded, parsing back to the same figures', () => {
    const text = toComparisonJson(comparison)
    const entries = comparison.corpora[0]?.entries ?? []
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('{"spec"'))).toHaveLength(entries.length)
    const back = JSON.parse(text) as typeof comparison
    expect(back.corpora[0]?.entries.map((e) => e.spec.id)).toEqual(entries.map((e) => e.spec.id))
    expect(back.corpora[0]?.entries[0]?.sizes.ratio).toBeCloseTo(entries[0]?.sizes.ratio ?? 0, 4)
  })

  it('draws both charts of every corpus headless without vega warnings', async () => {
    const renderer = await loadChartRenderer()
    const warnings: string[] = []
    const charts = createComparisonCharts(comparison)
    expect(charts.map((c) => c.name)).toEqual(['pareto-fixture', 'levels-fixture'])
    for (const chart of charts) expect(await renderer.svg(chart.spec, warnings)).toContain('<svg')
    expect(warnings).toEqual([])
  })

  // s36-trial D11: a stateful-only compare drew a level chart with two empty panels and an empty per-message
  // panel, and vega's "Infinite extent" warnings reached stderr
  it('leaves out the charts and panels that would be empty, says so in report.md, and draws the rest without warnings', async () => {
    const only = (keep: (kind: string) => boolean) => ({
      ...comparison,
      corpora: comparison.corpora.map((c) => ({ ...c, entries: c.entries.filter((e) => keep(e.spec.kind)) })),
    })
    const stateful = only((kind) => kind === 'stateful')
    const charts = createComparisonCharts(stateful)
    expect(charts.map((c) => c.name)).toEqual(['pareto-fixture'])
    expect(JSON.stringify(charts[0]?.spec)).not.toContain('each message alone')
    const renderer = await loadChartRenderer()
    const warnings: string[] = []
    for (const chart of charts) await renderer.svg(chart.spec, warnings)
    expect(warnings).toEqual([])
    // round 37: the legend lists the kinds drawn, not the per-message ones
    const svg = await renderer.svg(charts[0]?.spec ?? {}, [])
    expect(svg).toContain('stateful (per connection)')
    expect(svg).not.toContain('per message, on the frontier')
    expect(svg).not.toMatch(/>per message</)
    const md = renderComparisonMarkdown(stateful, { chartExtension: 'png' })
    expect(md).toContain('The chart by level is left out (no per-message entry with a quality or level was measured)')
    expect(md).not.toContain('charts/levels-fixture')
    // nothing timed: no chart at all, and report.md says so; without charts it says nothing about them
    const none = only(() => false)
    expect(createComparisonCharts(none)).toEqual([])
    expect(renderComparisonMarkdown(none, { chartExtension: 'png' })).toContain('it has no chart')
    expect(renderComparisonMarkdown(stateful)).not.toContain('left out')
    expect(renderComparisonMarkdown(comparison, { chartExtension: 'png' })).not.toContain('left out')
  })

  it("names the chart the renderer warned about, never vega's own text", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-compare-warn-'))
    const written = await writeComparison(join(dir, 'out'), comparison, {
      png: false,
      renderer: {
        svg: async (spec, warnings) => {
          if (JSON.stringify(spec).includes('by level'))
            warnings.push('Infinite extent for field "ratio": [Infinity, -Infinity]')
          return '<svg width="1" height="1"></svg>'
        },
        png: async () => new Uint8Array(),
      },
    })
    expect(written.chartWarnings).toEqual([
      "charts/levels-fixture.svg may be drawn incompletely (the chart renderer warned once); every figure is in report.md's tables",
    ])
  })

  it('draws a 1.0x break-even line on the Pareto chart and places labels that do not overlap', () => {
    const spec = JSON.stringify(createComparisonCharts(comparison)[0]?.spec)
    expect(spec).toContain('"label":"1.0x break-even"')
    const crowded = Array.from({ length: 30 }, (_, i) => ({
      label: `entry number ${i}`,
      p95Us: 10 + (i % 3) * 0.01,
      ratio: 2 + (i % 5) * 0.001,
    }))
    const placed = placeLabels(crowded, { width: 600, height: 400 })
    expect(placed.length).toBeGreaterThan(0)
    expect(placed.length).toBeLessThan(crowded.length)
    const spread = placeLabels(
      [
        { label: 'a', p95Us: 1, ratio: 1 },
        { label: 'b', p95Us: 1000, ratio: 3 },
      ],
      { width: 600, height: 400 },
    )
    expect(spread).toHaveLength(2)
  })
})

describe('comparison report caveats', () => {
  it('flags a corpus with too few held-out messages for a pick, in the summary row and the paragraph', () => {
    const base = createFixtureComparison()
    const few = {
      ...base,
      corpora: base.corpora.map((c) => ({ ...c, corpus: { ...c.corpus, heldOutMessages: 1, heldOutBytes: 139 } })),
    }
    const md = renderComparisonMarkdown(few)
    expect(md).toContain('fixture (1 msgs, mean 139 B) ⚠ too few held-out messages for a pick (fewer than 30)')
    const [rec] = recommendAll(few)
    expect(rec && renderCorpusParagraph(rec, 'brotli 11', new Map())).toContain(
      '**Too few held-out messages for a pick (1, fewer than 30)',
    )
    expect(renderComparisonMarkdown(base)).not.toContain('too few held-out messages')
  })

  it('says the memory figure is one reading on the first corpus, in the summary row and the memory section', () => {
    const md = renderComparisonMarkdown(createFixtureComparison())
    expect(md).toContain('Measured once, on the first corpus (fixture), before any entry ran')
    expect(md).toContain('/conn (measured once, on fixture)')
  })
})

describe('the method says a split by message shares recorded connections (s39-trial D8)', () => {
  it('names the corpora with recordings and how to measure a dictionary from another day; says nothing without them', () => {
    const comparison = createFixtureComparison()
    const md = renderComparisonMarkdown(comparison, { chartExtension: 'png' })
    const names = comparison.corpora.filter((c) => c.corpus.hasRecordings).map((c) => c.corpus.name)
    expect(names.length).toBeGreaterThan(0)
    expect(md).toContain(`(recorded connections) the split is by message, not by connection`)
    expect(md).toContain(names.join(', '))
    expect(md).toContain(
      'give the config a `zstd_dict_training_corpus` or a `template_store_path` made from another file',
    )
    const unrecorded = {
      ...comparison,
      corpora: comparison.corpora.map((c) => ({ ...c, corpus: { ...c.corpus, hasRecordings: false } })),
    }
    expect(renderComparisonMarkdown(unrecorded, { chartExtension: 'png' })).not.toContain('the split is by message')
  })
})

// s40-trial D5: a split on a connection boundary (day 1 trains, day 5 is held out) was warned about all the same
describe('the split note only where a recorded connection straddles the split (s40-trial D5)', () => {
  function withAcross(across: number | undefined): string {
    const comparison = createFixtureComparison()
    const corpora = comparison.corpora.map((c) => ({
      ...c,
      corpus: { ...c.corpus, ...(across === undefined ? {} : { connectionsAcrossSplit: across }) },
    }))
    return renderComparisonMarkdown({ ...comparison, corpora }, { chartExtension: 'png' })
  }

  it('says nothing when no connection has messages on both sides, warns when some do or a file does not say', () => {
    expect(withAcross(0)).not.toContain('the split is by message')
    expect(withAcross(3)).toContain('(recorded connections) the split is by message, not by connection')
    expect(withAcross(undefined)).toContain('(recorded connections) the split is by message, not by connection')
  })

  it('counts the connections with messages in both parts', () => {
    const m = (connection?: string) => (connection === undefined ? {} : { connection })
    expect(connectionsAcrossSplit([m('a'), m('a'), m('b')], [m('c'), m('d')])).toEqual({ connectionsAcrossSplit: 0 })
    expect(connectionsAcrossSplit([m('a'), m('b')], [m('b'), m('c'), m('b')])).toEqual({ connectionsAcrossSplit: 1 })
    expect(connectionsAcrossSplit([m('a')], [m(), m()])).toEqual({})
  })
})

describe('the method says where hybrid and stateful frames decode (s39-trial D6)', () => {
  it('says Node only, and that a browser decodes pmd natively', () => {
    const md = renderComparisonMarkdown(createFixtureComparison(), { chartExtension: 'png' })
    expect(md).toContain("Hybrid and stateful configs' frames decode only with aura-bench in Node")
    expect(md).toContain('where a browser decodes permessage-deflate natively')
  })
})
