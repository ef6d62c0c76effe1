/**
 * The gate layer's writer (its only file-system code besides the baseline loader): JUnit XML,
 * Prometheus exposition, alert rules and a saved baseline are each written atomically (a temporary
 * file in the same folder, flushed, then renamed over the target), so a reader never sees half a
 * file. The GitHub step summary is appended to, as GitHub expects.
 */
import { randomUUID } from 'node:crypto'
import { appendFile, mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { writeFileDurably } from '../report/index.ts'

/** Writes `text` to `file` atomically, creating its folder; the previous file stays whole if writing fails. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`)
  try {
    await writeFileDurably(temporary, text)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** Appends Markdown to the GitHub step summary file (GITHUB_STEP_SUMMARY), separated from what is there. */
export async function appendStepSummary(file: string, markdown: string): Promise<void> {
  await appendFile(file, `${markdown.trimEnd()}\n\n`)
}
