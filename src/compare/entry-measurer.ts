/** Builds each entry's codec (or takes its hybrid compressor) and measures it on one corpus. */
import { AuraError, type Compressor, type CompressorConfig } from '../core/index.ts'
import { createCodec, createRawContentDictionary, createZstdStreamConnection, type CodecSpec } from '../codecs/index.ts'
import type { CorpusMessage } from '../corpus/index.ts'
import { describeError } from '../runner/index.ts'
import { readDictionaryFile, type CompareSpec } from '../suite/index.ts'
import { createCodecCompressor } from './codec-compressor.ts'
import { zlibFormulaBytes, type MemoryProbe } from './connection-memory.ts'
import { measureMessageEntry, type MeasuredEntry } from './measure-message-entry.ts'
import { measureStatefulConnections, type StatefulCodec } from './measure-stateful-entry.ts'
import { rethrowAbort, type Pace } from './pace.ts'
import { createPermessageDeflateConnection } from './permessage-deflate.ts'
import {
  cmFormulaBytes,
  MAX_SLOTS,
  MAX_TEMPLATE_BYTES,
  MAX_TEMPLATES,
  openStatefulPair,
  statefulOptionsFromConfig,
  statefulSharedStateBytes,
  type StatefulOptions,
} from '../stateful/index.ts'
import type { EntryResult, EntrySpec } from './types.ts'

/** One corpus's data and the settings every entry is measured with. */
interface EntryMeasurerInput {
  spec: CompareSpec
  train: readonly CorpusMessage[]
  heldOutShuffled: readonly CorpusMessage[]
  latencySample: readonly CorpusMessage[]
  /** held-out messages per connection, each in order */
  connections: readonly (readonly CorpusMessage[])[]
  hybrids: ReadonlyMap<string, Compressor>
  /** `mode: stateful` configs by name */
  statefulConfigs?: ReadonlyMap<string, CompressorConfig>
  /** awaited between messages: lets a signal in and stops the entry (pace.ts) */
  pace?: Pace
  /** every per-connection entry replays every connection, past the size budget (a gated stateful config: gatedStatefulConfigs) */
  wholeReplay?: boolean
}

/** A `mode: stateful` config made ready on one corpus: its options (dictionary included) and a way to open connections. */
export interface StatefulHybrid {
  options: StatefulOptions
  codec: StatefulCodec
  /** held once per process for every connection: dictionary, its index and the primed model (cm) */
  sharedStateBytes: number
}

/** What createEntryMeasurer returns: measure one entry; and the stateful hybrid of an entry (undefined for other entries). */
type EntryMeasurer = ((entry: EntrySpec) => Promise<MeasuredEntry>) & {
  statefulHybrid(entry: EntrySpec): Promise<StatefulHybrid | undefined>
}

/** Returns a function that measures one entry on this corpus; a codec that cannot be built makes a failed entry. */
export function createEntryMeasurer(input: EntryMeasurerInput): EntryMeasurer {
  const dictionaries = new Map<number, Uint8Array>()
  const dictionaryOf = (sizeBytes: number): Uint8Array => {
    let dictionary = dictionaries.get(sizeBytes)
    if (dictionary === undefined) {
      dictionary = createRawContentDictionary(
        input.train.map((m) => m.bytes),
        sizeBytes,
      )
      dictionaries.set(sizeBytes, dictionary)
    }
    return dictionary
  }
  const { spec } = input
  const messageSettings = {
    sizeBudgetMs: spec.sizeBudgetMs,
    minSizeMessages: spec.minSizeMessages,
    latency: spec.latency,
    ...(input.pace === undefined ? {} : { pace: input.pace }),
  }
  const statefulHybrid = async (entry: EntrySpec): Promise<StatefulHybrid | undefined> => {
    const config =
      entry.codec === 'hybrid' && entry.kind === 'stateful' ? input.statefulConfigs?.get(entry.config ?? '') : undefined
    if (config === undefined) return undefined
    // the config's dictionary file when it names one, else a raw-content dictionary of its size from this corpus's training split (as the zstd_dict entries)
    const dictionary =
      config.zstdDictPath === null
        ? dictionaryOf(config.zstdDictSizeBytes)
        : await readDictionaryFile({ ...config, zstdDictPath: config.zstdDictPath })
    const options = statefulOptionsFromConfig(config, dictionary)
    return { options, codec: openStatefulHybrid(options), sharedStateBytes: statefulSharedStateBytes(options) }
  }
  const measure = async (entry: EntrySpec): Promise<MeasuredEntry> => {
    try {
      const hybrid = await statefulHybrid(entry)
      if (hybrid !== undefined) {
        const measured = await measureStatefulConnections(
          entry,
          hybrid.codec,
          input.connections,
          statefulSettings(input),
        )
        return {
          result: { ...measured.result, sharedStateBytes: hybrid.sharedStateBytes },
          connectionSizes: measured.connectionSizes,
        }
      }
      if (entry.kind === 'stateful') return await measureStateful(entry, input)
      const { compressor, library } = await perMessageCompressor(entry, input.hybrids, dictionaryOf)
      return await measureMessageEntry(entry, library, compressor, input, messageSettings)
    } catch (error) {
      rethrowAbort(error)
      return { result: failedEntry(entry, error) }
    }
  }
  return Object.assign(measure, { statefulHybrid })
}

/** The stateful hybrid as the replay measures it: a sender and a receiver per connection. */
function openStatefulHybrid(options: StatefulOptions): StatefulCodec {
  const library = { zstd: 'zstd-napi', deflate: 'node:zlib', cm: 'aura context model' }[options.codec]
  return { library, open: () => openStatefulPair(options) }
}

function statefulSettings({ spec, pace, wholeReplay }: EntryMeasurerInput) {
  return {
    sizeBudgetMs: wholeReplay === true ? Number.POSITIVE_INFINITY : spec.sizeBudgetMs,
    minSizeMessages: spec.minSizeMessages,
    warmupMessages: spec.latency.warmup,
    ...(pace === undefined ? {} : { pace }),
  }
}

async function perMessageCompressor(
  entry: EntrySpec,
  hybrids: ReadonlyMap<string, Compressor>,
  dictionaryOf: (sizeBytes: number) => Uint8Array,
): Promise<{ compressor: Compressor; library: string }> {
  if (entry.codec === 'hybrid') {
    const compressor = hybrids.get(entry.config ?? '')
    if (compressor === undefined)
      throw new AuraError('E_INTERNAL', `no hybrid compressor for config ${entry.config ?? '(none)'}`)
    return { compressor, library: Object.keys(compressor.libraries).join(' + ') }
  }
  const level = entry.level ?? 0
  let codecSpec: CodecSpec
  let sharedStateBytes = 0
  switch (entry.codec) {
    case 'brotli':
      codecSpec = { name: 'brotli', quality: level }
      break
    case 'brotli_native':
      codecSpec = { name: 'brotli_native', quality: level }
      break
    case 'zstd':
    case 'zstd_napi':
    case 'deflate':
      codecSpec = { name: entry.codec, level }
      break
    case 'zstd_dict': {
      const dictionary = dictionaryOf(entry.dictionarySizeBytes ?? 0)
      sharedStateBytes = dictionary.length
      codecSpec = { name: 'zstd_dict', level, dictionary }
      break
    }
    default:
      throw new AuraError('E_INTERNAL', `entry ${entry.id} is not a per-message codec`)
  }
  const codec = await createCodec(codecSpec)
  return { compressor: createCodecCompressor(codec, entry.id, sharedStateBytes), library: codec.library }
}

/** The stateful codec of a `permessage_deflate` or `zstd_stream` entry. */
function createStatefulCodec(entry: EntrySpec, spec: CompareSpec): StatefulCodec {
  const level = entry.level ?? 0
  const pmd = spec.permessageDeflate
  if (entry.codec === 'permessage_deflate') {
    return {
      library: 'node:zlib',
      open: () =>
        createPermessageDeflateConnection({
          level,
          windowBits: pmd.windowBits,
          memLevel: pmd.memLevel,
          contextTakeover: entry.contextTakeover ?? true,
        }),
    }
  }
  if (entry.codec === 'zstd_stream')
    return {
      library: 'zstd-napi',
      open: () => createZstdStreamConnection({ level, windowLog: entry.windowLog ?? spec.zstdStream.windowLog }),
    }
  throw new AuraError('E_INTERNAL', `entry ${entry.id} is not stateful`)
}

/** What a stateful hybrid's formula leaves out when its field operators are on (s30: ~460 KiB per connection on a JSON stream). */
export const FIELD_OPERATOR_TABLES = `the field operators’ slot and template tables (up to ${MAX_SLOTS} slots and ${MAX_TEMPLATES} templates of up to ${MAX_TEMPLATE_BYTES} bytes on each side)`

/** What memory measurement needs of a stateful entry: its codec, window and zlib formula. */
export function createMemoryProbe(entry: EntrySpec, spec: CompareSpec, hybrid?: StatefulHybrid): MemoryProbe {
  const pmd = spec.permessageDeflate
  if (hybrid !== undefined) {
    const { options } = hybrid
    // zlib's formula for the deflate stream, the model's typed arrays for cm; the field operators' slot and
    // template tables are only in the measured figures (their size depends on the messages), and said to be
    const excludes = options.fieldOperators ? { formulaExcludes: FIELD_OPERATOR_TABLES } : {}
    const formula =
      options.codec === 'deflate'
        ? { formulaBytes: zlibFormulaBytes(options.windowLog, options.memLevel ?? 8), ...excludes }
        : options.codec === 'cm'
          ? { formulaBytes: cmFormulaBytes(options), ...excludes }
          : {}
    return {
      spec: entry,
      codec: hybrid.codec,
      windowBytes: 2 ** Math.min(20, options.windowLog),
      ...formula,
      isolated: { kind: 'hybrid', options },
    }
  }
  const codec = createStatefulCodec(entry, spec)
  const level = entry.level ?? 0
  if (entry.codec === 'permessage_deflate')
    return {
      spec: entry,
      codec,
      windowBytes: 2 ** pmd.windowBits,
      formulaBytes: zlibFormulaBytes(pmd.windowBits, pmd.memLevel),
      isolated: {
        kind: 'permessage_deflate',
        level,
        windowBits: pmd.windowBits,
        memLevel: pmd.memLevel,
        contextTakeover: entry.contextTakeover ?? true,
      },
    }
  const windowLog = entry.windowLog ?? spec.zstdStream.windowLog
  return {
    spec: entry,
    codec,
    windowBytes: 2 ** Math.min(20, windowLog),
    isolated: { kind: 'zstd_stream', level, windowLog },
  }
}

async function measureStateful(entry: EntrySpec, input: EntryMeasurerInput): Promise<MeasuredEntry> {
  return measureStatefulConnections(
    entry,
    createStatefulCodec(entry, input.spec),
    input.connections,
    statefulSettings(input),
  )
}

/** An entry whose codec could not be built or threw outside the measurement: recorded, the comparison goes on. */
function failedEntry(entry: EntrySpec, error: unknown): EntryResult {
  return {
    spec: entry,
    library: '',
    state: 'failed',
    error: describeError(error),
    sizes: {
      messages: 0,
      heldOutMessages: 0,
      coverage: 'sample',
      originalBytes: 0,
      compressedBytes: 0,
      ratio: 0,
      meanRatio: 0,
      savings: 0,
      expansionRate: 0,
    },
    roundTrip: { checked: 0, mismatches: 0 },
    throughputMBps: { encode: 0, decode: 0 },
    sharedStateBytes: 0,
    pareto: false,
  }
}
