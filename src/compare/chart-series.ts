/** What the comparison's charts share: a colour and a legend name per codec, the chart base, a log axis with powers of ten. */
import { createChartBase, type VegaLiteSpec } from '../report/index.ts'
import type { EntryResult } from './types.ts'

/** Colour per series, so a codec has the same colour in every chart. */
export const SERIES_COLOURS: Record<string, string> = {
  brotli: '#f58518',
  brotli_native: '#9c4b0e',
  zstd: '#8fd175',
  zstd_napi: '#2f8a2f',
  zstd_dict: '#4c78a8',
  deflate: '#b279a2',
  permessage_deflate: '#e45756',
  zstd_stream: '#17a2a2',
  hybrid: '#7f7f7f',
}

export const SERIES_NAMES: Record<string, string> = {
  brotli: 'brotli (brotli-wasm)',
  brotli_native: 'brotli_native (node:zlib)',
  zstd: 'zstd (@mongodb-js/zstd, async)',
  zstd_napi: 'zstd_napi (zstd-napi, sync)',
  zstd_dict: 'zstd_dict (zstd-napi + dictionary)',
  deflate: 'deflate (node:zlib)',
  permessage_deflate: 'permessage-deflate (per connection)',
  zstd_stream: 'zstd_stream (per connection)',
  hybrid: 'hybrid config',
}

export function comparisonChartBase(title: string): VegaLiteSpec {
  // legend labels are SERIES_NAMES (codec and library), given room to show whole
  return createChartBase(title, { legendLabelLimit: 400 })
}

/** Powers of ten from below the smallest to above the largest value: the ticks and grid of a log axis (vega's minor ticks crowd it). */
function powersOfTen(values: readonly number[]): number[] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v))
  if (positive.length === 0) return [1, 10]
  const low = Math.floor(Math.log10(Math.min(...positive)))
  const high = Math.ceil(Math.log10(Math.max(...positive)))
  return Array.from({ length: Math.max(1, high - low) + 1 }, (_, i) => 10 ** (low + i))
}

export function logAxis(values: readonly number[], labelEvery = 1): VegaLiteSpec {
  const ticks = powersOfTen(values)
  const labelled = ticks.filter((_, i) => i % labelEvery === 0)
  return {
    scale: { type: 'log', domain: [ticks[0], ticks[ticks.length - 1]] },
    axis: { values: labelled, format: ',~r' },
  }
}

/** Entries a chart can place: complete, with an encode p95 and messages. */
export function plotted(entries: readonly EntryResult[]): EntryResult[] {
  return entries.filter(
    (e) => e.state === 'complete' && e.latencyUs !== undefined && e.latencyUs.encode.p95 > 0 && e.sizes.messages > 0,
  )
}

export function colourScale(codecs: readonly string[]): { domain: string[]; range: string[] } {
  const used = Object.keys(SERIES_NAMES).filter((c) => codecs.includes(c))
  return { domain: used.map((c) => SERIES_NAMES[c] as string), range: used.map((c) => SERIES_COLOURS[c] as string) }
}
