/**
 * The cost writer: cost.md and cost.json, published together as the folder's `cost` report (beside a
 * run's report in the same folder) through output-folder.ts: written whole, switched in by one
 * rename, never through a symbolic link, nothing of the user's touched.
 */
import { join } from 'node:path'
import { writeFileDurably } from './output-file.ts'
import { writeOutputFolder, type OutputFolder } from './output-folder.ts'

/** The top-level names a cost projection publishes. */
export const COST_NAMES: readonly string[] = ['cost.md', 'cost.json']

/** Writes cost.md and cost.json into `dir` (created when absent) as one report; `output` is the folder the CLI opened before measuring. */
export async function writeCost(dir: string, texts: { markdown: string; json: string }, options: { output?: OutputFolder; wait?: boolean } = {}): Promise<string[]> {
  return writeOutputFolder(
    dir,
    { slot: 'cost', names: COST_NAMES, ...(options.wait === undefined ? {} : { wait: options.wait }) },
    async (staging) => {
      await writeFileDurably(join(staging, 'cost.md'), texts.markdown)
      await writeFileDurably(join(staging, 'cost.json'), texts.json)
      return COST_NAMES.map((name) => join(dir, name))
    },
    options.output,
  )
}
