/**
 * The two parts compare and replay split each corpus into: training (dictionaries, stateful priming,
 * derived stores) and held-out (measured). Both must hold a message; `checkSplitParts` finds every
 * corpus where one does not before anything is measured, so a suite with several such corpora hears
 * of all of them at once (it heard of the first only, once the corpora before it were measured). It
 * reads each corpus only until both parts have a message (a few lines), not each part: an ordered
 * split counts the whole file before its first message, so that was two and a half reads of every
 * corpus before the loads that measure it.
 */
import { AuraError, throwIfIssues, type Issue } from '../core/index.ts'
import { isTrainIndex, loadCorpus, streamCorpus, type CorpusMessage } from '../corpus/index.ts'
import type { CorpusSpec } from '../suite/index.ts'
import type { CorpusInfo } from './types.ts'

/** Default train fraction when a corpus entry has no `split`: dictionaries from the first half, measures on the second. */
export const DEFAULT_SPLIT = { trainFraction: 0.5, seed: 0, mode: 'ordered' as const }

type Command = 'compare' | 'replay'
type Part = 'train' | 'test'

/** The split compare and replay measure a corpus with: its own, else DEFAULT_SPLIT. */
export function splitOf(corpus: CorpusSpec): CorpusInfo['split'] {
  return corpus.split === undefined
    ? DEFAULT_SPLIT
    : { trainFraction: corpus.split.trainFraction, seed: corpus.split.seed, mode: corpus.split.mode }
}

/** One part of a corpus as compare and replay read it: the training part whole (a sample bounds only the held-out part). */
function partOf(corpus: CorpusSpec, use: Part): CorpusSpec {
  const { sample: _sample, ...unsampled } = corpus
  return { ...(use === 'train' ? unsampled : corpus), split: { ...splitOf(corpus), use } }
}

/**
 * A corpus's two parts as compare and replay split it (the corpus's split, else DEFAULT_SPLIT): the
 * split, the whole training part, and the held-out part.
 */
export async function loadSplitCorpus(
  corpus: CorpusSpec,
  command: Command,
): Promise<{ split: CorpusInfo['split']; train: CorpusMessage[]; heldOut: CorpusMessage[] }> {
  const load = (use: Part) =>
    loadCorpus(partOf(corpus, use)).catch((error: unknown) => {
      throw emptyPartError(corpus, use, error, command)
    })
  return { split: splitOf(corpus), train: await load('train'), heldOut: await load('test') }
}

/**
 * Throws every corpus problem found before any work, reading each corpus until both parts of its split
 * have a message (`filledParts`): a part with no message is E_CORPUS_EMPTY at the suite entry's `split`
 * (`limit` when it has one); a corpus with no message at all, or another error of its file met on the
 * way (missing, malformed), is reported as the loader says it, with the rest. Errors that are not a
 * user's (no AuraError) are thrown as they come.
 */
export async function checkSplitParts(corpora: readonly CorpusSpec[], command: Command): Promise<void> {
  const issues: Issue[] = []
  let onlyEmptyParts = true
  for (const corpus of corpora) {
    let filled: Record<Part, boolean>
    try {
      filled = await filledParts(corpus)
    } catch (error) {
      if (!(error instanceof AuraError)) throw error
      // a corpus with no message at all is one problem, said as the loader says it, not an empty split
      onlyEmptyParts = false
      issues.push(...error.issues)
      continue
    }
    const use = !filled.train ? 'train' : !filled.test ? 'test' : undefined
    if (use === undefined) continue
    // the loader's own words for the empty part ("1 read; 1 in the test part of the split"): read again, only here
    const thrown = await firstMessage(partOf(corpus, use)).catch((error: unknown) => error)
    if (thrown === undefined) continue
    if (!(thrown instanceof AuraError)) throw thrown
    issues.push(...(emptyPartError(corpus, use, thrown, command) as AuraError).issues)
  }
  throwIfIssues(issues, `${corpora.length} corpora`, onlyEmptyParts ? EMPTY_PART_HINT : undefined)
}

/**
 * Which parts of a corpus's split hold a message, read from the corpus as run reads it (its size filters
 * and limit) only until both do: each part's size grows with the messages read, so what holds at the
 * n-th message holds at the end. A sample keeps a message of a part that has one. Throws what the loader
 * throws (E_CORPUS_EMPTY for a corpus with no message at all, a malformed line met before the stop).
 */
async function filledParts(corpus: CorpusSpec): Promise<Record<Part, boolean>> {
  const split = splitOf(corpus)
  const filled = { train: false, test: false }
  let read = 0
  for await (const _ of streamCorpus(wholeOf(corpus))) {
    read += 1
    if (split.mode === 'ordered') {
      // of `read` messages, the first floor(read x fraction) are training: its first and last message say both
      filled.train = isTrainIndex(0, read, split)
      filled.test = !isTrainIndex(read - 1, read, split)
    } else filled[isTrainIndex(read - 1, read, split) ? 'train' : 'test'] = true
    if (filled.train && filled.test) break
  }
  return filled
}

/** The corpus as run reads it: no split, no sample. */
function wholeOf(corpus: CorpusSpec): CorpusSpec {
  const { split: _split, sample: _sample, ...whole } = corpus
  return whole
}

/** Reads a corpus part up to its first message; an empty part throws the loader's E_CORPUS_EMPTY. */
async function firstMessage(part: CorpusSpec): Promise<void> {
  for await (const _ of streamCorpus(part)) return
}

const EMPTY_PART_HINT =
  'give the corpus more messages (a larger `limit`, or no limit): at least one in each part, a few dozen to mean anything'

/**
 * An empty part said as such: the corpus loader's "no messages after filtering: 1 read; 1 in the test
 * part of the split" does not say which part compare found empty. Other errors are returned as they are.
 */
function emptyPartError(corpus: CorpusSpec, use: Part, error: unknown, command: Command): unknown {
  if (!(error instanceof AuraError) || error.code !== 'E_CORPUS_EMPTY') return error
  const field = `${corpus.origin?.field ?? 'corpora'}.${corpus.limit === undefined ? 'split' : 'limit'}`
  const detail = error.reason.replace(/^corpus "[^"]*" \([^)]*\) has no messages after filtering: /, '')
  return new AuraError(
    'E_CORPUS_EMPTY',
    `corpus ${corpus.name}: the ${use === 'train' ? 'training' : 'held-out'} part of its split is empty (${detail}); ${command} trains dictionaries and templates on the training part and measures the held-out part, so it needs messages in both`,
    { ...(corpus.origin ?? { file: corpus.path }), field },
    { hint: EMPTY_PART_HINT },
  )
}
