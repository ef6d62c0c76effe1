/**
 * The message sets the speed benchmarks run on, each with a training part for the zstd dictionary:
 * template corpora (week1's template messages; Loghub Content lines with their ground-truth store)
 * and no-template corpora (llm-stream, ws-market-data under the expanded store).
 */
import { loadTemplateStore, createMatcher, type TemplateStore } from '../../src/templates/index.ts'
import { createRandom } from '../../src/core/index.ts'
import { LOGHUB_SYSTEMS, PROJECT_ROOT, SHARED_CORPORA, createPatternStore, readJsonlTexts, readLoghubContent, readLoghubPatterns, readWeek1Texts, sharedCorporaPresent, toByteMessages } from './fixtures.ts'

/** Messages to time, the messages a dictionary is built from, and the store that applies. */
export interface BenchCorpus {
  name: string
  /** messages timed (UTF-8 bytes) */
  messages: Uint8Array[]
  /** training messages for the zstd_dict dictionary (never timed) */
  training: Uint8Array[]
  store: TemplateStore
  /** what the set is, for the output */
  note: string
}

/** The expanded store shipped in configs/templates. */
export async function loadExpandedStore(): Promise<TemplateStore> {
  return loadTemplateStore(`${PROJECT_ROOT}configs/templates/expanded.json`)
}

function hits(store: TemplateStore, texts: readonly string[]): string[] {
  const matcher = createMatcher(store)
  return texts.filter((text) => matcher.match(text).length > 0)
}

/** week1's template messages and each Loghub system's (second half of the lines; the first half trains the dictionary). */
export async function templateCorpora(): Promise<BenchCorpus[]> {
  const week1 = readWeek1Texts()
  const expanded = await loadExpandedStore()
  const corpora: BenchCorpus[] = [
    {
      name: 'week1',
      messages: toByteMessages(hits(expanded, week1)),
      training: toByteMessages(week1),
      store: expanded,
      note: 'the seed messages a template of the expanded store matches; dictionary: all 25 (there is no other week1 traffic)',
    },
  ]
  if (!sharedCorporaPresent()) return corpora
  for (const system of LOGHUB_SYSTEMS) {
    const texts = readLoghubContent(system)
    const half = texts.length >> 1
    const store = createPatternStore(`loghub-${system}`, readLoghubPatterns(system))
    corpora.push({
      name: `loghub-${system}`,
      messages: toByteMessages(hits(store, texts.slice(half))),
      training: toByteMessages(texts.slice(0, half)),
      store,
      note: 'Content of the second 1,000 lines that a ground-truth template matches; dictionary: first 1,000',
    })
  }
  return corpora
}

/** A seeded sample of `size` texts. */
function sample(texts: readonly string[], size: number, seed: number): string[] {
  const random = createRandom(seed)
  const pool = [...texts]
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j] as string, pool[i] as string]
  }
  return pool.slice(0, size)
}

/** llm-stream and ws-market-data: messages no template of the expanded store matches (sampled from the second half). */
export async function noTemplateCorpora(sampleSize: number): Promise<BenchCorpus[]> {
  if (!sharedCorporaPresent()) return []
  const expanded = await loadExpandedStore()
  const matcher = createMatcher(expanded)
  const corpora: BenchCorpus[] = []
  for (const name of ['llm-stream', 'ws-market-data']) {
    const texts = readJsonlTexts(`${SHARED_CORPORA}${name}/messages.jsonl`)
    const half = texts.length >> 1
    const test = texts.slice(half)
    const misses = test.filter((text) => matcher.match(text).length === 0)
    corpora.push({
      name,
      messages: toByteMessages(sample(misses, sampleSize, 1)),
      training: toByteMessages(texts.slice(0, half)),
      store: expanded,
      note: `${sampleSize} of the ${misses.length} second-half messages that no template matches (${test.length - misses.length} matched one and are left out)`,
    })
  }
  return corpora
}
