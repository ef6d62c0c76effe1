/**
 * Vega-Lite specs of a comparison (pure data; src/report's renderer draws them): per corpus, ratio
 * against encode p95 with the Pareto frontier (chart-pareto.ts), and ratio and encode p95 by level per codec.
 */
import { safeChartSpec, uniqueSlugs, type ChartSpec, type VegaLiteSpec } from '../report/index.ts'
import { createParetoChart } from './chart-pareto.ts'
import { comparisonChartBase, logAxis, plotted, SERIES_COLOURS } from './chart-series.ts'
import { formatKib } from './plan.ts'
import type { Comparison, CorpusComparison, EntryResult } from './types.ts'

/** Colour of a level-chart series: the codec's, in shades for dictionary sizes and takeover modes. */
function levelColour(series: string, index: number): string {
  if (series.startsWith('zstd_dict'))
    return ['#9ecae9', '#6baed6', '#4c78a8', '#2a4d7a', '#16304f'][index % 5] as string
  if (series === 'pmd no takeover') return '#f4a3a3'
  if (series.startsWith('pmd')) return SERIES_COLOURS['permessage_deflate'] as string
  if (series.startsWith('zstd_stream')) return SERIES_COLOURS['zstd_stream'] as string
  return SERIES_COLOURS[series] ?? '#333333'
}

/** A series name for the level chart: the codec, or the dictionary size, takeover mode or window. */
function levelSeries(e: EntryResult): string {
  const s = e.spec
  if (s.codec === 'zstd_dict') return `zstd_dict ${formatKib(s.dictionarySizeBytes ?? 0)}`
  if (s.codec === 'permessage_deflate') return `pmd ${s.contextTakeover === true ? 'takeover' : 'no takeover'}`
  if (s.codec === 'zstd_stream') return `zstd_stream w${s.windowLog ?? ''}`
  return s.codec
}

/**
 * Ratio by level (left) and encode p95 by level (right, log) per codec series, each message alone:
 * hybrids have no level, and stateful entries (several times the ratio) are in the Pareto chart's right panel.
 */
function createLevelChart(comparison: CorpusComparison): VegaLiteSpec {
  const values = plotted(comparison.entries)
    .filter((e) => e.spec.level !== undefined && e.spec.kind === 'per-message')
    .map((e) => ({
      level: e.spec.level,
      series: levelSeries(e),
      ratio: e.sizes.ratio,
      p95Us: e.latencyUs?.encode.p95 ?? 0,
      sizes: e.sizes.coverage === 'all' ? 'every held-out message' : 'seeded sample (budget)',
    }))
  const seriesOrder = [...new Set(values.map((v) => v.series))]
  const dictionarySeries = seriesOrder.filter((x) => x.startsWith('zstd_dict'))
  const colour = {
    field: 'series',
    type: 'nominal',
    title: 'Codec',
    sort: seriesOrder,
    scale: {
      domain: seriesOrder,
      range: seriesOrder.map((x) => levelColour(x, dictionarySeries.indexOf(x) + (5 - dictionarySeries.length))),
    },
  }
  // brotli-wasm and node:zlib Brotli write the same bytes, so their ratio lines coincide: the first library's line is drawn wide underneath
  const wide = ['brotli', 'zstd']
  const shape = {
    field: 'sizes',
    type: 'nominal',
    title: 'Sizes from',
    scale: { domain: ['every held-out message', 'seeded sample (budget)'], range: ['circle', 'square'] },
  }
  const xLevel = { field: 'level', type: 'quantitative', title: 'Quality / level', axis: { tickMinStep: 1 } }
  const panel = (field: 'ratio' | 'p95Us', title: string): VegaLiteSpec => {
    const y = {
      field,
      type: 'quantitative',
      title,
      ...(field === 'p95Us' ? logAxis(values.map((v) => v.p95Us)) : { scale: { zero: false } }),
    }
    return {
      width: 380,
      height: 300,
      layer: [
        ...(values.some((v) => wide.includes(v.series))
          ? [
              {
                transform: [{ filter: { field: 'series', oneOf: wide } }],
                mark: { type: 'line', strokeWidth: 5, opacity: 0.8 },
                encoding: { x: xLevel, y, color: colour },
              },
            ]
          : []),
        {
          transform: [{ filter: { not: { field: 'series', oneOf: wide } } }],
          mark: { type: 'line', strokeWidth: 1.8 },
          encoding: { x: xLevel, y, color: colour },
        },
        { mark: { type: 'point', filled: true, size: 36 }, encoding: { x: xLevel, y, color: colour, shape } },
      ],
    }
  }
  return {
    ...comparisonChartBase(`Ratio and encode p95 by level — ${comparison.corpus.name}`),
    data: { values },
    hconcat: [
      panel('ratio', 'Ratio (original / compressed bytes)'),
      panel('p95Us', 'Encode p95 per message (µs, log scale)'),
    ],
    resolve: { scale: { color: 'shared', shape: 'shared' } },
  }
}

/** What a corpus's charts would show: the entries of the level chart, and the Pareto chart's per-message and stateful points. */
function chartContents(c: CorpusComparison): { levels: boolean; perMessage: boolean; stateful: boolean } {
  const entries = plotted(c.entries)
  return {
    levels: entries.some((e) => e.spec.level !== undefined && e.spec.kind === 'per-message'),
    perMessage: entries.some((e) => e.spec.kind === 'per-message'),
    stateful: entries.some((e) => e.spec.kind === 'stateful'),
  }
}

/**
 * What is left out of a corpus's charts because it would be empty (s36-trial D11: a stateful-only compare
 * drew two empty panels and vega warned of an infinite extent), as a sentence for report.md; undefined when nothing is.
 */
export function chartsLeftOut(c: CorpusComparison): string | undefined {
  const { levels, perMessage, stateful } = chartContents(c)
  if (!perMessage && !stateful) return 'No entry has timed figures on this corpus: it has no chart.'
  const parts = [
    ...(levels ? [] : ['the chart by level is left out (no per-message entry with a quality or level was measured)']),
    ...(perMessage || !stateful
      ? []
      : ['the Pareto chart shows the per-connection entries only (no per-message entry was measured)']),
  ]
  if (parts.length === 0) return undefined
  const text = parts.join('; ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

/** The charts of every corpus, each corpus's in its own list (none for a chart that would be empty), with unique file names. */
export function createCorpusCharts(comparison: Comparison): ChartSpec[][] {
  const slugs = uniqueSlugs(comparison.corpora.map((c) => c.corpus.name))
  return comparison.corpora.map((c, i) => {
    const slug = slugs[i] as string
    const { levels, perMessage, stateful } = chartContents(c)
    return [
      ...(perMessage || stateful
        ? [
            {
              name: `pareto-${slug}`,
              title: `Ratio against encode p95 — ${c.corpus.name}`,
              spec: safeChartSpec(createParetoChart(c, comparison.settings.budgetsUs)),
            },
          ]
        : []),
      ...(levels
        ? [
            {
              name: `levels-${slug}`,
              title: `Ratio and encode p95 by level — ${c.corpus.name}`,
              spec: safeChartSpec(createLevelChart(c)),
            },
          ]
        : []),
    ]
  })
}

/** Every chart of the comparison, corpus by corpus. */
export function createComparisonCharts(comparison: Comparison): ChartSpec[] {
  return createCorpusCharts(comparison).flat()
}
