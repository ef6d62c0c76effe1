/**
 * Held-out evaluation in suites: a config entry can take its template store (`discover`) and its
 * zstd dictionary (`zstd_dict_training`) from a part of a corpus of the suite instead of from files.
 *
 * ```yaml
 * corpora:
 *   - { name: apache, path: .../Apache_2k.log, format: txt, header: '\[<Time>\] \[<Level>\] <Content>',
 *       split: { train_fraction: 0.5, mode: ordered, use: test } }
 * configs:
 *   - name: discovered
 *     path: ../configs/loghub/discovered.yaml
 *     discover: { split: train, max_templates: 5000, min_support: 1 }   # store per corpus, from its train part
 *     zstd_dict_training: { split: train }                                # dictionary from the same part
 * ```
 *
 * `from_corpus` names the corpus to learn from (default: each corpus the config is measured on);
 * `split` picks its part: `train` (the corpus's split with `use: train`), `test` (the measured part
 * itself: in-sample, the report warns) or `all` (the whole file). A `discover` entry replaces the
 * config's `template_store_path`; `zstd_dict_training` replaces its dictionary.
 */
import { z } from 'zod'
import { isJsonObject, type Issue } from '../core/index.ts'
import { entryName } from './suite-checks.ts'
import type { ConfigRef, DerivedSource, DiscoverSpec, Suite } from './types.ts'
import { asArray, asRecord, IssueList, type YamlSource } from './yaml-schema.ts'

const sourceShape = {
  from_corpus: z.string().min(1).optional(),
  split: z.enum(['train', 'test', 'all']).default('train'),
}

/** `discover:` of a config entry. */
const discoverEntrySchema = z.strictObject({
  ...sourceShape,
  max_templates: z.int().positive().optional(),
  min_support: z.int().positive().optional(),
  max_split_words: z.int().min(0).optional(),
})

/** `zstd_dict_training:` of a config entry. */
const dictionaryTrainingSchema = z.strictObject(sourceShape)

/** Keys a config entry gains, for the entry's strictObject. */
export const derivedConfigKeys = {
  /** learn a template store from a corpus part of this suite (replaces template_store_path) */
  discover: discoverEntrySchema.optional(),
  /** build the zstd_dict dictionary from a corpus part of this suite (replaces the config's dictionary) */
  zstd_dict_training: dictionaryTrainingSchema.optional(),
}

/** `header:` of a corpus entry: the Loghub log_format discovery uses for this corpus. */
export const corpusHeaderKey = { header: z.string().min(1).optional() }

type RawSource = z.output<typeof dictionaryTrainingSchema>
type RawDiscover = z.output<typeof discoverEntrySchema>

/** The camelCase source of a raw entry. */
export function toDerivedSource(raw: RawSource): DerivedSource {
  return raw.from_corpus === undefined ? { split: raw.split } : { fromCorpus: raw.from_corpus, split: raw.split }
}

/** The camelCase discover spec of a raw entry. */
export function toDiscoverSpec(raw: RawDiscover): DiscoverSpec {
  const spec: DiscoverSpec = toDerivedSource(raw)
  if (raw.max_templates !== undefined) spec.maxTemplates = raw.max_templates
  if (raw.min_support !== undefined) spec.minSupport = raw.min_support
  if (raw.max_split_words !== undefined) spec.maxSplitWords = raw.max_split_words
  return spec
}

/**
 * Cross-field problems of derived state in a raw suite: `from_corpus` must name a corpus, and
 * `split: train` needs that corpus (or, without from_corpus, every corpus) to have a split.
 */
export function checkDerivedState(suite: unknown, file: string, source: YamlSource): Issue[] {
  const { issues, add } = new IssueList(file, source.lineOf)
  const corpora = asArray(asRecord(suite)['corpora']).map((entry) =>
    asRecord(typeof entry === 'string' ? { path: entry } : entry),
  )
  const names = corpora.map((c) =>
    typeof c['path'] === 'string'
      ? entryName({ path: c['path'], name: typeof c['name'] === 'string' ? c['name'] : undefined })
      : '',
  )
  asArray(asRecord(suite)['configs']).forEach((entry, i) => {
    const config = asRecord(entry)
    for (const key of ['discover', 'zstd_dict_training'] as const) {
      // not a mapping (`discover: 5`): the schema says so, and there is no split to check
      if (!isJsonObject(config[key])) continue
      const from = asRecord(config[key])['from_corpus']
      if (typeof from === 'string' && !names.includes(from)) {
        add(
          ['configs', i, key, 'from_corpus'],
          `from_corpus \`${from}\` is not a corpus of this suite (corpora: ${names.join(', ') || 'none'})`,
        )
        continue
      }
      if ((asRecord(config[key])['split'] ?? 'train') !== 'train') continue
      const unsplit = names.filter(
        (name, j) => (typeof from !== 'string' || name === from) && corpora[j]?.['split'] === undefined,
      )
      if (unsplit.length > 0) {
        add(
          ['configs', i, key, 'split'],
          `split: train needs a split on ${unsplit.map((n) => `corpus ${n}`).join(', ')}: give it \`split: { train_fraction: 0.5, mode: ordered }\`, or use split: all`,
        )
      }
    }
  })
  return issues
}

/**
 * Keys of the config file a derived entry replaces: its store (`discover`), and for a dictionary
 * trained from the suite (`zstd_dict_training`) where the dictionary comes from
 * (`dictionaryCorpusPath`: the corpus it is trained on).
 */
export function derivedConfigOverrides(
  ref: Pick<ConfigRef, 'discover' | 'zstdDictTraining'>,
  dictionaryCorpusPath: string | undefined,
): Record<string, unknown> {
  const overrides: Record<string, unknown> = {}
  if (ref.discover !== undefined) overrides.template_store_path = null
  if (ref.zstdDictTraining !== undefined && dictionaryCorpusPath !== undefined)
    overrides.zstd_dict_training_corpus = dictionaryCorpusPath
  return overrides
}

/**
 * The overrides a derived entry's config is checked with before anything runs (`run`, `compare`,
 * `replay`, `validate`): its dictionary as trained for the suite's first corpus, or for `from_corpus`.
 */
export function derivedCheckOverrides(
  ref: Pick<ConfigRef, 'discover' | 'zstdDictTraining'>,
  suite: { readonly corpora: ReadonlyArray<Pick<Suite['corpora'][number], 'name' | 'path'>> },
): Record<string, unknown> {
  const from = ref.zstdDictTraining?.fromCorpus
  const corpus = from === undefined ? suite.corpora[0] : suite.corpora.find((c) => c.name === from)
  return derivedConfigOverrides(ref, corpus?.path)
}
