/**
 * The corpora of a suite run: which are present (a missing optional one is skipped with a warning),
 * the warnings a corpus earns once whatever the number of configs reading it, and a stream that
 * stops between messages when the run is aborted.
 */
import { AuraError } from '../core/index.ts'
import {
  checkCorpusFile,
  checkLoghubCorpusCsv,
  loghubFormatWarning,
  loghubUncategorisedWarning,
  prettyJsonTxtWarning,
  resolveCorpusFormat,
  type CorpusLoadStats,
} from '../corpus/index.ts'
import type { CorpusSpec } from '../suite/index.ts'
import { corpusSkippedWarning, withSampleLargerThanPart } from './inputs.ts'
import type { RunSuiteOptions } from './suite-run-types.ts'
import type { MeasuredResults } from './types.ts'

/** The corpora of `specs` that are present; E_CORPUS_EMPTY when none is, a missing required one's error. */
export async function presentCorpora(
  specs: readonly CorpusSpec[],
  warnings: string[],
  onEvent: RunSuiteOptions['onEvent'],
): Promise<CorpusSpec[]> {
  const present: CorpusSpec[] = []
  for (const spec of specs) {
    const check = await checkCorpusFile(spec)
    if (check.status === 'present') {
      present.push(spec)
      // a structured CSV of another log would label every message with that log's events
      await checkLoghubCorpusCsv(spec)
      const formatWarning = await loghubFormatWarning(spec)
      if (formatWarning !== undefined) warnings.push(formatWarning)
      const prettyJson = await prettyJsonTxtWarning(spec)
      if (prettyJson !== undefined) warnings.push(prettyJson)
    } else if (spec.required) throw check.error
    else {
      const reason = corpusSkippedWarning(spec.name, check.error.reason)
      warnings.push(reason)
      onEvent?.({ kind: 'corpus-skipped', corpus: spec.name, reason })
    }
  }
  if (present.length === 0)
    throw new AuraError('E_CORPUS_EMPTY', 'no corpus of this suite is present, nothing to measure', {
      field: 'corpora',
    })
  return present
}

/** Thrown by abortable's stream when the run's signal is aborted. */
export class AbortError extends Error {}

/** `source`, stopping between messages once `signal` is aborted (AbortError). */
export async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  for await (const item of source) {
    if (signal?.aborted === true) throw new AbortError('aborted')
    yield item
  }
}

/** A corpus whose sample asked for more than its part holds: inputs say what was measured, and a warning (once per corpus). */
export function noteSmallSample(results: MeasuredResults, corpus: CorpusSpec, stats: CorpusLoadStats): void {
  if (corpus.sample === undefined || results.inputs === undefined) return
  // every message of the part offered to the sample, inside a shard's share or not
  const drawnFrom = stats.messages + stats.outsideShare + stats.excludedBySample
  const { inputs, warning } = withSampleLargerThanPart(results.inputs, corpus, drawnFrom)
  // every config reads the corpus again: said once
  if (warning === undefined || results.warnings.includes(warning)) return
  results.inputs = inputs
  results.warnings.push(warning)
}

/** A loghub corpus whose structured CSV has no row for some messages: a warning (once per corpus). */
export async function noteUncategorised(
  results: MeasuredResults,
  corpus: CorpusSpec,
  stats: CorpusLoadStats,
): Promise<void> {
  // a shard's uncategorised messages are only those it measured: its count would differ by shard
  if (stats.outsideShare > 0) return
  const warning = await loghubUncategorisedWarning({ ...corpus, format: resolveCorpusFormat(corpus) }, stats)
  if (warning !== undefined && !results.warnings.includes(warning)) results.warnings.push(warning)
}
