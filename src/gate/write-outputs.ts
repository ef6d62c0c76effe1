/**
 * The gate layer's writer (its only file-system code besides the baseline loader): JUnit XML,
 * Prometheus exposition, alert rules and a saved baseline are each written whole through the report
 * layer's single-file writer (a new temporary file beside the target, flushed, renamed over it; a
 * symbolic link at the target is replaced, never written through). The GitHub step summary is
 * appended to, as GitHub expects. Failures the environment causes are E_OUTPUT (exit 2) naming the file.
 */
import { appendOutputFile, writeOutputFile } from '../report/index.ts'

/** Writes `text` (or bytes) to `file` whole, creating its folder; the previous file stays whole if writing fails. `flag` names it in errors. */
export async function writeFileAtomic(file: string, text: string | Uint8Array, flag = 'output'): Promise<void> {
  await writeOutputFile(file, text, flag)
}

/** Appends Markdown to the GitHub step summary file (GITHUB_STEP_SUMMARY), separated from what is there; creates its folder as every output flag does. */
export async function appendStepSummary(file: string, markdown: string): Promise<void> {
  await appendOutputFile(file, `${markdown.trimEnd()}\n\n`, 'GITHUB_STEP_SUMMARY')
}
