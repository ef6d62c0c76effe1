/**
 * The two parts compare and replay split each corpus into: training (dictionaries, stateful priming,
 * derived stores) and held-out (measured). Both must hold a message; `checkSplitParts` finds every
 * corpus where one does not before anything is measured, so a suite with several such corpora hears
 * of all of them at once (it heard of the first only, once the corpora before it were measured).
 */
import { AuraError, throwIfIssues, type Issue } from '../core/index.ts'
import { loadCorpus, streamCorpus, type CorpusMessage } from '../corpus/index.ts'
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
 * Throws every corpus problem found reading each part up to its first message, before any work: a
 * part with no message is E_CORPUS_EMPTY at the suite entry's `split` (`limit` when it has one); a
 * corpus with no message at all, or another error of its file (missing, malformed), is reported as
 * the loader says it, with the rest. Errors that are not a user's (no AuraError) are thrown as they come.
 */
export async function checkSplitParts(corpora: readonly CorpusSpec[], command: Command): Promise<void> {
  const issues: Issue[] = []
  let onlyEmptyParts = true
  for (const corpus of corpora) {
    for (const use of ['train', 'test'] as const) {
      const thrown = await firstMessage(partOf(corpus, use)).then(
        () => undefined,
        (error: unknown) => error,
      )
      if (thrown === undefined) continue
      if (!(thrown instanceof AuraError)) throw thrown
      // a corpus with no message at all is one problem, said as the loader says it, not an empty split
      const whole =
        thrown.code === 'E_CORPUS_EMPTY'
          ? await firstMessage(wholeOf(corpus)).then(
              () => undefined,
              (error: unknown) => error,
            )
          : thrown
      if (whole !== undefined && !(whole instanceof AuraError)) throw whole
      const problem = whole ?? (emptyPartError(corpus, use, thrown, command) as AuraError)
      if (whole !== undefined) onlyEmptyParts = false
      issues.push(...problem.issues)
      break
    }
  }
  throwIfIssues(issues, `${corpora.length} corpora`, onlyEmptyParts ? EMPTY_PART_HINT : undefined)
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
  const detail = error.message.replace(/^corpus "[^"]*" \([^)]*\) has no messages after filtering: /, '')
  return new AuraError(
    'E_CORPUS_EMPTY',
    `corpus ${corpus.name}: the ${use === 'train' ? 'training' : 'held-out'} part of its split is empty (${detail}); ${command} trains dictionaries and templates on the training part and measures the held-out part, so it needs messages in both`,
    { ...(corpus.origin ?? { file: corpus.path }), field },
    { hint: EMPTY_PART_HINT },
  )
}
