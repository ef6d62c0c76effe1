/**
 * `discover --evaluate <structured.csv>`: the Loghub ground truth of the corpus, read before the
 * corpus, checked against the messages as the corpus's first read passes them (the corpus is not
 * held), and the grouping accuracy of the discovered events.
 */
import { AuraError, MAX_DATA_FILE_BYTES, readInputFile } from '../core/index.ts'
import { GroundTruthContentCheck } from '../corpus/index.ts'
import { evaluateGroupingAccuracy, parseGroundTruthCsv } from '../templates/index.ts'

/** A ground truth being matched to the corpus. */
export interface DiscoverTruth {
  /** each message of the corpus's first read, with its 1-based file line */
  see(text: string, index: number, line: number | undefined): void
  /** after the first read, with every message's line: throws E_CORPUS_FORMAT when the CSV is another log's */
  check(lines: readonly (number | undefined)[]): void
  /** the evaluation line for the discovered events (one per message) */
  render(events: readonly string[]): string
}

/**
 * The ground truth of `csvPath` (rows matched to the corpus by LineId), read and parsed at once so
 * that a missing or malformed CSV is exit 2 before the corpus is read.
 */
export async function readGroundTruth(csvPath: string, shown: string): Promise<DiscoverTruth> {
  const text = (
    await readInputFile({ path: csvPath, asWritten: shown, kind: 'ground truth', maxBytes: MAX_DATA_FILE_BYTES })
  ).toString('utf8')
  const truth = parseGroundTruthCsv(text, shown)
  const rowByLine = new Map(truth.lineIds.map((lineId, row) => [lineId, row]))
  const contentCheck = new GroundTruthContentCheck(shown, 'give the *_structured.csv that sits beside this log')
  // the ground truth's event of each message (undefined: no row for its line)
  let expectedOf: (string | undefined)[] = []
  return {
    see(message, _index, line) {
      if (contentCheck.complete || line === undefined) return
      const row = rowByLine.get(line)
      const content = row === undefined ? undefined : truth.contents?.[row]
      if (content !== undefined) contentCheck.see(message, line, content)
    },
    check(lines) {
      contentCheck.check()
      expectedOf = lines.map((line) => {
        const row = line === undefined ? undefined : rowByLine.get(line)
        return row === undefined ? undefined : (truth.eventIds[row] as string)
      })
      if (expectedOf.every((event) => event === undefined))
        throw new AuraError(
          'E_CORPUS_FORMAT',
          `no message of the corpus has a row in ${shown} (rows are matched by LineId to the corpus file's line numbers)`,
          { file: shown },
        )
    },
    render(events) {
      const discovered: string[] = []
      const expected: string[] = []
      expectedOf.forEach((event, i) => {
        if (event === undefined) return
        discovered.push(events[i] as string)
        expected.push(event)
      })
      const score = evaluateGroupingAccuracy(discovered, expected)
      const unmatched = events.length - expected.length
      // rows no message reached: a LineId past the lines read (--train-fraction), or a CSV with extra rows
      const unusedRows = truth.eventIds.length - expected.length
      return (
        `grouping accuracy ${score.accuracy.toFixed(3)}: ${score.correctMessages}/${score.messages} messages in a group that is exactly their event's ` +
        `(${score.discoveredGroups} groups discovered, ${score.truthGroups} events in the ground truth, ${score.exactGroups} exact)` +
        (unmatched > 0 ? `; ${unmatched} messages without a ground-truth row were left out` : '') +
        (unusedRows > 0 ? `; ${unusedRows} ground-truth rows matched no message read and were not scored` : '')
      )
    },
  }
}
