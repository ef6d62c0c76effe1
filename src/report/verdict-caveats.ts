/**
 * What limits a verdict, said next to it wherever it is shown (the console's gate line, the top of
 * report.md and report.html, the PR comment, the step summary): a `--limit` smoke run measured only
 * the first messages of each corpus, and an in-sample run measured messages its store or dictionary
 * was made from. Both were said only among the warnings (in report.md far below a green verdict, and
 * not at all in the PR comment), so a smoke run read as the suite's pass. Read from the run's warnings,
 * which results.json records: a merged run carries its shards' warnings, so it says the same.
 */
import { isInSampleWarning } from '../core/index.ts'
import type { Results } from '../runner/index.ts'

/** The warning every `run --limit N` records first; its start is how the caveat finds it. */
export const PARTIAL_PREFIX = 'partial run: '

/** The warning a `run --limit N` adds to its results (and a shard to its partial). */
export function partialRunWarning(limit: number): string {
  return `${PARTIAL_PREFIX}--limit ${limit} measured at most the first ${limit} messages of each corpus, so the verdict is a smoke run's, not the suite's`
}

/** One caveat: a few words for a one-line verdict, and a sentence for a report. */
export interface VerdictCaveat {
  /** e.g. `partial run: --limit 5` */
  short: string
  /** a sentence, plain text (callers escape it) */
  long: string
}

/** The caveats of a run's verdict, partial first; [] for a full, out-of-sample run. */
export function verdictCaveats(results: Pick<Results, 'warnings'>): VerdictCaveat[] {
  const caveats: VerdictCaveat[] = []
  const partial = results.warnings.find((w) => w.startsWith(PARTIAL_PREFIX))
  const limit = partial === undefined ? undefined : /--limit (\d+)/.exec(partial)?.[1]
  if (partial !== undefined)
    caveats.push({
      short: `partial run: --limit ${limit}`,
      long: `Partial run (--limit ${limit}): at most the first ${limit} messages of each corpus were measured; this verdict is a smoke run's, not the suite's.`,
    })
  const inSample = results.warnings.filter(isInSampleWarning)
  if (inSample.length > 0) {
    const runs = new Set(inSample.map((w) => /^config (.+?) on corpus (.+?): /.exec(w)?.slice(1, 3).join(' x ') ?? w))
    const count = runs.size
    caveats.push({
      short: 'in-sample',
      long: `In-sample: ${count === 1 ? 'one run was' : `${count} runs were`} measured on messages its template store or zstd dictionary was made from, so hit rate and ratio are better than unseen traffic would get (see the warnings).`,
    })
  }
  return caveats
}
