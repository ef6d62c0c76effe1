/** What a comparison measures: the suite's compare section (after --quick) turned into entries per corpus. */
import type { CompareSpec, ConfigRef } from '../suite/index.ts'
import type { EntrySpec } from './types.ts'

/** How --quick trims a compare section: at most this many levels per codec. */
const QUICK_MAX_LEVELS = 4

/** --quick: fewer levels and dictionary sizes, a small latency sample, short budgets. */
export function toQuickSpec(spec: CompareSpec): CompareSpec {
  const sizes = spec.zstdDict.sizesBytes
  return {
    ...spec,
    brotliQualities: spread(spec.brotliQualities),
    brotliNativeQualities: spread(spec.brotliNativeQualities),
    zstdLevels: spread(spec.zstdLevels),
    zstdNapiLevels: spread(spec.zstdNapiLevels),
    zstdDict: {
      sizesBytes: sizes.length === 0 ? [] : [sizes[Math.floor(sizes.length / 2)] as number],
      levels: spread(spec.zstdDict.levels, 2),
    },
    deflateLevels: spread(spec.deflateLevels, 2),
    permessageDeflate: { ...spec.permessageDeflate, levels: spread(spec.permessageDeflate.levels, 1) },
    zstdStream: { ...spec.zstdStream, levels: spread(spec.zstdStream.levels, 1) },
    latency: {
      messages: Math.min(spec.latency.messages, 64),
      samples: Math.min(spec.latency.samples, 100),
      warmup: Math.min(spec.latency.warmup, 10),
      timeMs: Math.min(spec.latency.timeMs, 100),
    },
    sizeBudgetMs: Math.min(spec.sizeBudgetMs, 200),
    memoryConnections: Math.min(spec.memoryConnections, 20),
  }
}

/** Keeps at most `count` values spread evenly over the list, first and last included. */
function spread(values: readonly number[], count = QUICK_MAX_LEVELS): number[] {
  if (values.length <= count) return [...values]
  if (count === 1) return [values[values.length - 1] as number]
  const picked = Array.from(
    { length: count },
    (_, i) => values[Math.round((i * (values.length - 1)) / (count - 1))] as number,
  )
  return [...new Set(picked)]
}

/** Every entry of one corpus, in report order: Brotli, Zstandard, dictionaries, deflate, the stateful streams, the hybrids. */
export function createEntrySpecs(
  spec: CompareSpec,
  hybrids: readonly ConfigRef[],
  statefulConfigs: ReadonlySet<string> = new Set(),
): EntrySpec[] {
  const perMessage = (
    codec: EntrySpec['codec'],
    family: EntrySpec['family'],
    levels: readonly number[],
    prefix: string,
  ): EntrySpec[] =>
    levels.map((level) => ({
      id: `${codec}:${level}`,
      label: `${codec} ${prefix}${level}`,
      family,
      codec,
      level,
      kind: 'per-message',
    }))
  const dictionaries = spec.zstdDict.sizesBytes.flatMap((sizeBytes) =>
    spec.zstdDict.levels.map(
      (level): EntrySpec => ({
        id: `zstd_dict:${sizeBytes}:${level}`,
        label: `zstd_dict ${formatKib(sizeBytes)} L${level}`,
        family: 'zstd_dict',
        codec: 'zstd_dict',
        level,
        kind: 'per-message',
        dictionarySizeBytes: sizeBytes,
      }),
    ),
  )
  const pmd = spec.permessageDeflate.levels.flatMap((level) =>
    [true, false].map(
      (contextTakeover): EntrySpec => ({
        id: `permessage_deflate:${level}:${contextTakeover ? 'takeover' : 'no-takeover'}`,
        label: pmdLabel(level, contextTakeover),
        family: 'permessage_deflate',
        codec: 'permessage_deflate',
        level,
        kind: 'stateful',
        contextTakeover,
        windowBits: spec.permessageDeflate.windowBits,
      }),
    ),
  )
  const streams = spec.zstdStream.levels.map(
    (level): EntrySpec => ({
      id: `zstd_stream:${level}:${spec.zstdStream.windowLog}`,
      label: `zstd_stream L${level} w${spec.zstdStream.windowLog}`,
      family: 'zstd_stream',
      codec: 'zstd_stream',
      level,
      kind: 'stateful',
      windowLog: spec.zstdStream.windowLog,
    }),
  )
  const configs = spec.hybrids
    ? hybrids.map((ref): EntrySpec => {
        // a `mode: stateful` config keeps one context per connection: it is replayed like the streams
        const stateful = statefulConfigs.has(ref.name)
        return {
          id: `hybrid:${ref.name}`,
          label: `${hybridLabel(ref.name)}${stateful ? ' (stateful)' : ''}`,
          family: 'hybrid',
          codec: 'hybrid',
          kind: stateful ? 'stateful' : 'per-message',
          config: ref.name,
        }
      })
    : []
  return [
    ...perMessage('brotli', 'brotli', spec.brotliQualities, 'q'),
    ...perMessage('brotli_native', 'brotli', spec.brotliNativeQualities, 'q'),
    ...perMessage('zstd', 'zstd', spec.zstdLevels, 'L'),
    ...perMessage('zstd_napi', 'zstd', spec.zstdNapiLevels, 'L'),
    ...dictionaries,
    ...perMessage('deflate', 'deflate', spec.deflateLevels, 'L'),
    ...pmd,
    ...streams,
    ...configs,
  ]
}

/** `4K`, `110K`, `1.5K`: a byte count in KiB for labels. */
export function formatKib(sizeBytes: number): string {
  // a tenth of a KiB is not always whole bytes: sizes that would print alike (4 and 4.01 KiB) print as bytes
  return (sizeBytes * 10) % 1024 === 0 ? `${sizeBytes / 1024}K` : `${sizeBytes}B`
}

/**
 * The name of a permessage-deflate entry: `pmd L6 takeover`, `pmd L6 no takeover`. One name for compare's entries,
 * its current codec and replay's rows (round 39, s38-trial D9: replay said `pmd L6 w15 takeover`); the window is the
 * suite's `compare.permessage_deflate.window_bits`, the same for every pmd entry of a suite, so it is not in the name.
 */
export function pmdLabel(level: number, contextTakeover: boolean): string {
  return `pmd L${level} ${contextTakeover ? 'takeover' : 'no takeover'}`
}

/**
 * A hybrid config's entry and row name: `hybrid <config>`, or the config's name alone when it already begins
 * with the word hybrid (`hybrid`, `hybrid-file`: s41-trial D3 read "hybrid hybrid").
 */
export function hybridLabel(config: string): string {
  return /^hybrid(\b|_)/i.test(config) ? config : `hybrid ${config}`
}

/** A pmd name as replay wrote it before round 39 (`pmd L6 w15 takeover`) read as today's (`pmd L6 takeover`); any other name as it is. */
export function currentPmdName(name: string): string {
  return windowedPmdName(name)?.name ?? name
}

/**
 * A pmd name with its window (`pmd L6 w15 takeover`, replay's name before round 39): today's name and the window
 * bits it names; undefined for any other name (round 40, s39-rev3 F5: the window is checked, not dropped).
 */
export function windowedPmdName(name: string): { name: string; windowBits: number } | undefined {
  const old = /^pmd L(\d+) w(\d+) (takeover|no takeover)$/.exec(name)
  return old === null
    ? undefined
    : { name: pmdLabel(Number(old[1]), old[3] === 'takeover'), windowBits: Number(old[2]) }
}
