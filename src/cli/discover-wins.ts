/**
 * discover's check of whether the store's template frames would be chosen, not only whether they match
 * (round 41, s41-trial D1: on OpenRTB bid requests 8 templates whose slots are whole sub-objects matched
 * 3,174 of 3,174 training messages and were chosen for none against zstd_dict; discover said "100.0%").
 *
 * The check is the hybrid's own choice (the seed's rule: every message weighed against the fallback, as
 * a run's size pass measures) with the fallback the project's goal config uses: zstd_dict level 3 with a
 * 64 KiB raw-content dictionary (the default zstd_dict_size_bytes) of training messages. The messages
 * are a spread sample kept while the corpus is first read (no other read): every other sampled message
 * goes into the dictionary, the others are checked, so no checked message is in the dictionary it is
 * weighed against (a message inside it compresses to almost nothing, which would be unfair to templates).
 */
import { toBytes, type CompressorConfig } from '../core/index.ts'
import { createRawContentDictionary } from '../codecs/index.ts'
import { createHybridCompressor } from '../hybrid/index.ts'
import { parseCompressorConfig } from '../suite/index.ts'
import { createMatcher, type TemplateStore } from '../templates/index.ts'

/** Most messages the sample keeps (half checked, half the dictionary's). */
export const WIN_SAMPLE = 800
/** The fallback weighed against, as the summary line names it. */
export const WIN_FALLBACK = 'zstd_dict level 3 with a 64 KiB dictionary of other training messages'
/**
 * A store with a template longer than this (characters of its pattern) is not checked: the matcher's first
 * use of such a template (JSON nested thousands deep kept as literal text, discover-coverage.test.ts) took
 * 84 s for one 16-byte message at load 15 (round 41; left to the matcher's owners), and the check must not
 * turn a discover of seconds into minutes. No discovered store of the shared or trial corpora comes near it.
 */
export const MAX_CHECKED_PATTERN = 16_384
/** Below this share of the matched sampled messages chosen as template frames, discover warns. */
export const FEW_WINS_SHARE = 0.1
/**
 * Wall time the check's weighing may take (after the dictionary and compressor are built): a sample of 400 messages takes
 * tens of milliseconds on log lines and JSON frames; a store whose templates make one match cost seconds
 * (deep JSON just under MAX_CHECKED_PATTERN: 0.5-2 s a template, s41-rev3 F4) is said not checked instead
 * of turning a discover of seconds into minutes. Checked after each message: one match is not interrupted.
 */
export const WIN_BUDGET_MS = 2_000

/**
 * A deterministic spread sample of a stream of unknown length: keeps the messages whose index is a
 * multiple of the stride, and doubles the stride (dropping the others) whenever it holds more than `cap`.
 */
export class SpreadSample {
  private stride = 1
  private kept: { index: number; text: string }[] = []
  constructor(private readonly cap: number = WIN_SAMPLE) {}
  see(text: string, index: number): void {
    if (index % this.stride !== 0) return
    this.kept.push({ index, text })
    if (this.kept.length > this.cap) {
      this.stride *= 2
      this.kept = this.kept.filter((m) => m.index % this.stride === 0)
    }
  }
  texts(): string[] {
    return this.kept.map((m) => m.text)
  }
}

/** The check's outcome when it did not weigh the sample: why, as the summary line says it. */
export interface WinSkipped {
  readonly notChecked: string
}

export interface WinCount {
  /** messages checked */
  checked: number
  /** of them, the ones a template matches (a binary_semantic frame was weighed) */
  matched: number
  /** of them, the ones whose chosen frame is a template frame */
  chosen: number
}

/**
 * Weighs the sample's checked half with the store against zstd_dict L3 (the file comment); undefined when the
 * sample is too small; WinSkipped when a template is too long to check or the check runs over `budgetMs`.
 */
export async function countTemplateWins(
  store: TemplateStore,
  texts: readonly string[],
  budgetMs: number = WIN_BUDGET_MS,
): Promise<WinCount | WinSkipped | undefined> {
  const dictionaryTexts = texts.filter((_, i) => i % 2 === 0)
  const checkedTexts = texts.filter((_, i) => i % 2 === 1)
  if (checkedTexts.length === 0) return undefined
  const longest = store.templates.reduce((most, t) => Math.max(most, t.pattern.length), 0)
  if (longest > MAX_CHECKED_PATTERN)
    return {
      notChecked: `a template pattern of ${longest.toLocaleString('en-US')} characters, over the check's ${MAX_CHECKED_PATTERN.toLocaleString('en-US')}`,
    }
  const base = parseCompressorConfig(
    'fallback: zstd_dict\nzstd_dict_level: 3\nzstd_dict_path: unused.dict\n',
    '<discover check>',
  )
  const config: CompressorConfig = { ...base, zstdDictPath: null, name: 'discover-check' }
  const dictionary = createRawContentDictionary(
    dictionaryTexts.map((t) => toBytes(t)),
    config.zstdDictSizeBytes,
  )
  const compressor = (
    await createHybridCompressor(config, { store, matcher: createMatcher(store), dictionary })
  ).withoutLearning()
  let matched = 0
  let chosen = 0
  // the budget counts the weighing only (s42-rev2 F5: with the dictionary's build in it, a loaded machine could
  // turn the line into "not checked" from run to run on the same input)
  const startMs = performance.now()
  for (const [i, text] of checkedTexts.entries()) {
    if (performance.now() - startMs > budgetMs)
      return {
        notChecked: `its ${(budgetMs / 1000).toFixed(1)} s budget ran out after ${i} of ${checkedTexts.length} sampled messages`,
      }
    const result = compressor.compressSync(text)
    if (result.metadata.candidateBytes.binary_semantic !== undefined) matched++
    if (result.method === 'binary_semantic') chosen++
  }
  return { checked: checkedTexts.length, matched, chosen }
}

/** The summary's line: how many sampled training messages the template frames would be chosen for (or why not checked). */
export function winLine(count: WinCount | WinSkipped): string {
  if ('notChecked' in count) return `  template frames: not checked against ${WIN_FALLBACK} (${count.notChecked})\n`
  const share = count.checked === 0 ? 0 : count.chosen / count.checked
  return `  template frames chosen for ${count.chosen} of ${count.checked} sampled training messages (${(share * 100).toFixed(1)}%; ${count.matched} matched) against ${WIN_FALLBACK}\n`
}

/** The warning when templates match most sampled messages but their frames are chosen for few of those, else undefined. */
export function fewWinsWarning(count: WinCount, corpus: string, storeShown: string): string | undefined {
  if (count.checked === 0 || count.matched * 2 < count.checked) return undefined
  if (count.chosen >= FEW_WINS_SHARE * count.matched) return undefined
  return (
    `warning: the templates of ${storeShown} match ${count.matched} of ${count.checked} sampled training messages of ${corpus} ` +
    `but their frames are smaller than the fallback's on only ${count.chosen} (against ${WIN_FALLBACK}): ` +
    'a hybrid config with this store would send nearly all of them as its fallback and still pay the template encode on each; ' +
    'for this corpus use the fallback alone (a config without template_store_path), or measure both with `aura-bench run`\n'
  )
}

/** True when a message or a template pattern reads as JSON (an object or an array at its start). */
const looksJson = (text: string): boolean => /^\s*[[{]/.test(text)

/**
 * `discover --merge` of a store learnt from another kind of messages (round 41, s41-trial D5: a logfmt log merged
 * into an OpenRTB bid-request store said nothing): a warning naming the store's provenance when most of its
 * templates are JSON and most sampled messages of the corpus are not, or the other way round; else undefined.
 */
export function mergeKindWarning(
  existing: TemplateStore,
  mergeShown: string,
  texts: readonly string[],
  corpus: string,
): string | undefined {
  if (existing.templates.length === 0 || texts.length === 0) return undefined
  const storeJson = existing.templates.filter((t) => looksJson(t.pattern)).length
  const corpusJson = texts.filter(looksJson).length
  const storeIsJson = storeJson * 2 > existing.templates.length
  const corpusIsJson = corpusJson * 2 > texts.length
  if (storeIsJson === corpusIsJson) return undefined
  const corpora = [...new Set(existing.provenance.map((p) => p.corpus))]
  const from = corpora.length === 0 ? 'no recorded corpus' : corpora.join(', ')
  const kind = (json: boolean): string => (json ? 'JSON' : 'text')
  return (
    `warning: --merge ${mergeShown} holds templates learnt from ${from} (${storeJson} of its ${existing.templates.length} templates are JSON), ` +
    `but ${corpus} holds ${kind(corpusIsJson)} messages (${corpusJson} of ${texts.length} sampled are JSON): the written store mixes ${kind(storeIsJson)} and ${kind(corpusIsJson)} templates; ` +
    'if that store was not meant for this corpus, discover without --merge (or merge the store of this stream)\n'
  )
}
