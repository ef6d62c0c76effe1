/**
 * Held-out evaluation: compressors whose shared state a suite derives from one of its corpora
 * (`discover:` and `zstd_dict_training:` of a config entry, see src/suite/derived-schema.ts), built
 * once per measured corpus; the warnings that say when a store or a dictionary was derived from the
 * messages it is measured on are in-sample-findings.ts.
 */
import path from 'node:path'
import { AuraError, tryDecodeUtf8, type Compressor, type CompressorConfig } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { loadCorpus } from '../corpus/index.ts'
import { createHybridCompressor } from '../hybrid/index.ts'
import {
  derivedCheckOverrides,
  derivedConfigOverrides,
  loadCompressorConfigWith,
  type ConfigRef,
  type CorpusSpec,
  type DerivedSource,
  type Suite,
  withSuiteTrainingReading,
} from '../suite/index.ts'
import {
  createMatcher,
  discoverTemplates,
  parseTemplateStore,
  toTemplateStoreJson,
  type TemplateStore,
} from '../templates/index.ts'
import { loadDictionary, loadStore } from './load-compressor.ts'

/** True when a config entry derives its store or dictionary from the suite: it is built per corpus. */
export function hasDerivedState(ref: ConfigRef): boolean {
  return ref.discover !== undefined || ref.zstdDictTraining !== undefined
}

/** Loads the config of a derived entry (its store and dictionary keys replaced), so a bad one is reported before anything runs. */
export async function checkDerivedConfig(ref: ConfigRef, suite: Suite): Promise<CompressorConfig> {
  return { ...(await loadCompressorConfigWith(ref.path, derivedCheckOverrides(ref, suite))), name: ref.name }
}

/** The corpus part a derived source names, for a measured corpus. */
export function sourcePart(source: DerivedSource, measured: CorpusSpec, suite: Suite): CorpusSpec {
  const corpus = source.fromCorpus === undefined ? measured : suite.corpora.find((c) => c.name === source.fromCorpus)
  if (corpus === undefined)
    throw new AuraError('E_SCHEMA', `from_corpus ${source.fromCorpus} is not a corpus of suite ${suite.name}`, {
      file: suite.file,
    })
  const { split, ...rest } = corpus
  if (source.split === 'all' || split === undefined) return rest
  return { ...rest, split: { ...split, use: source.split } }
}

/** Builds the compressor of a derived entry for one measured corpus (discovery and dictionary training included). */
export async function createDerivedCompressor(
  ref: ConfigRef,
  measured: CorpusSpec,
  suite: Suite,
  createdAt: string,
): Promise<Compressor> {
  const dictionarySource =
    ref.zstdDictTraining === undefined ? undefined : sourcePart(ref.zstdDictTraining, measured, suite)
  const config = await withSuiteTrainingReading(
    {
      ...(await loadCompressorConfigWith(ref.path, derivedConfigOverrides(ref, dictionarySource?.path))),
      name: ref.name,
    },
    suite.corpora,
  )
  const store =
    ref.discover === undefined
      ? await loadStore(config)
      : await discoverStore(ref, sourcePart(ref.discover, measured, suite), suite, createdAt)
  const dictionary =
    dictionarySource === undefined
      ? await loadDictionary(config)
      : createRawContentDictionary(
          (await loadCorpus(dictionarySource)).map((m) => m.bytes),
          config.zstdDictSizeBytes,
        )
  return createHybridCompressor(config, { store, matcher: store === null ? null : createMatcher(store), dictionary })
}

/**
 * Stores discovered in a suite run, per suite: every config entry that asks for the same corpus part
 * with the same limits gets the same discovery, run once (only the store's name differs).
 */
const discovered = new WeakMap<Suite, Map<string, Promise<TemplateStore>>>()

async function discoverStore(
  ref: ConfigRef,
  source: CorpusSpec,
  suite: Suite,
  createdAt: string,
): Promise<TemplateStore> {
  const spec = ref.discover
  // every field that selects or reads messages (limit, format, sample, sizes, ...): two corpora of one
  // file that read other messages must not share a store; only the names and where they were written differ
  const { name: _name, origin: _origin, pathAsWritten: _written, ...selection } = source
  const key = JSON.stringify([
    path.resolve(source.path),
    selection,
    spec?.maxTemplates ?? null,
    spec?.minSupport ?? null,
    spec?.maxSplitWords ?? null,
    createdAt,
  ])
  const cache = discovered.get(suite) ?? new Map<string, Promise<TemplateStore>>()
  discovered.set(suite, cache)
  let pending = cache.get(key)
  if (pending === undefined) {
    pending = runDiscovery(ref, source, createdAt)
    cache.set(key, pending)
  }
  const store = await pending
  const name = `${ref.name}-${source.name}`
  return store.name === name ? store : parseTemplateStore({ ...toTemplateStoreJson(store), name }, source.pathAsWritten)
}

async function runDiscovery(ref: ConfigRef, source: CorpusSpec, createdAt: string): Promise<TemplateStore> {
  const spec = ref.discover
  const texts: string[] = []
  for (const message of await loadCorpus(source)) {
    const text = tryDecodeUtf8(message.bytes)
    if (text !== undefined && text !== '') texts.push(text)
  }
  if (texts.length === 0)
    throw new AuraError(
      'E_CORPUS_EMPTY',
      `config ${ref.name}: corpus ${source.name} (${partName(source)}) has no text message to discover templates from`,
      ref.origin ?? {},
    )
  const { store } = withDiscoveryOrigin(ref, source, () =>
    discoverTemplates(texts, {
      name: `${ref.name}-${source.name}`,
      ...(spec?.maxTemplates === undefined ? {} : { maxTemplates: spec.maxTemplates }),
      ...(spec?.minSupport === undefined ? {} : { minSupport: spec.minSupport }),
      ...(spec?.maxSplitWords === undefined ? {} : { maxSplitWords: spec.maxSplitWords }),
      ...(source.header === undefined ? {} : { header: source.header }),
      corpus: source.pathAsWritten,
      createdAt,
      provenanceOptions: { part: partName(source) },
    }),
  )
  return store
}

/**
 * Discovery knows no file: its E_NO_TEMPLATES named only "corpus". The suite file, the corpus and the
 * entry's `configs[i].discover` field are named here, as every other error of a suite names them.
 */
function withDiscoveryOrigin<T>(ref: ConfigRef, source: CorpusSpec, discover: () => T): T {
  try {
    return discover()
  } catch (error) {
    if (!(error instanceof AuraError) || error.code !== 'E_NO_TEMPLATES' || error.location.file !== undefined)
      throw error
    throw new AuraError(
      error.code,
      `config ${ref.name}: corpus ${source.name} (${path.resolve(source.path)}, ${partName(source)}): ${error.reason}`,
      { ...ref.origin, field: `${ref.origin?.field ?? 'configs'}.discover` },
      { ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error },
    )
  }
}

/** How a corpus part is said in messages: the whole file, or which side of which split. */
export function partName(corpus: CorpusSpec): string {
  const split = corpus.split
  if (split === undefined) return 'whole file'
  return `${split.use} part of ${split.mode === 'ordered' ? 'an' : 'a'} ${split.mode} split at ${split.trainFraction}${split.mode === 'random' ? `, seed ${split.seed}` : ''}`
}
