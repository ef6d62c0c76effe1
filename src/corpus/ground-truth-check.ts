/**
 * Whether a Loghub `*_structured.csv` belongs to the log it is read with: each row's Content is the
 * message part of the log line its LineId names, so a CSV of another log (or of another version of
 * this one) has other text there. Used by `discover --evaluate` and by a loghub corpus in a suite,
 * whose categories come from the CSV beside the log.
 */
import { AuraError } from '../core/index.ts'

/** Rows whose Content is compared with their line (enough to tell another log's CSV). */
export const CONTENT_CHECKS = 200

/** The comparison of a CSV's first rows with their lines, fed one line at a time. */
export class GroundTruthContentCheck {
  private checked = 0
  private foreign = 0
  private example: { line: number; content: string } | undefined

  /** `shown`: the CSV as the user named it; `hint`: what to do when it is another log's */
  constructor(
    private readonly shown: string,
    private readonly hint: string,
  ) {}

  /** true once CONTENT_CHECKS rows were compared: later lines are not looked at */
  get complete(): boolean {
    return this.checked >= CONTENT_CHECKS
  }

  /** a line (`text`, 1-based `line`) and the Content of its row */
  see(text: string, line: number, content: string): void {
    if (this.complete) return
    this.checked++
    if (!text.includes(content.trim())) {
      this.foreign++
      this.example ??= { line, content }
    }
  }

  /** throws E_CORPUS_FORMAT, naming the CSV, when most rows compared are not in their line */
  check(): void {
    const { example, foreign, checked } = this
    if (example === undefined || foreign * 2 <= checked) return
    throw new AuraError(
      'E_CORPUS_FORMAT',
      `${this.shown} is not this corpus's ground truth: the Content of ${foreign} of the first ${checked} rows matched to a line is not in that line (LineId ${example.line}: ${JSON.stringify(example.content.slice(0, 80))})`,
      { file: this.shown },
      { hint: this.hint },
    )
  }
}
