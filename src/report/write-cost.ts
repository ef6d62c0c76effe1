/**
 * The writers of the text-only reports: cost.md and cost.json (the folder's `cost` report) and
 * replay.md and replay.json (its `replay` report), each published beside a run's report in the same
 * folder through output-folder.ts: written whole, switched in by one rename, never through a
 * symbolic link, nothing of the user's touched.
 */
import { join } from 'node:path'
import { writeFileDurably } from './output-file.ts'
import { writeOutputFolder, type OutputFolder } from './output-folder.ts'
import { SLOT_NAMES } from './output-ownership.ts'

/** The top-level names a cost projection publishes. */
export const COST_NAMES: readonly string[] = SLOT_NAMES.cost

/** The top-level names a wire replay publishes. */
export const REPLAY_NAMES: readonly string[] = SLOT_NAMES.replay

type WriteOptions = { output?: OutputFolder; wait?: boolean }

/** Publishes `files` (name -> text) as the folder's `slot` report; returns their paths. */
async function writeTextReport(
  dir: string,
  slot: 'cost' | 'replay',
  files: Record<string, string>,
  options: WriteOptions,
): Promise<string[]> {
  const names = SLOT_NAMES[slot]
  return writeOutputFolder(
    dir,
    { slot, names, ...(options.wait === undefined ? {} : { wait: options.wait }) },
    async (staging) => {
      for (const name of names) await writeFileDurably(join(staging, name), files[name] ?? '')
      return names.map((name) => join(dir, name))
    },
    options.output,
  )
}

/** Writes replay.md and replay.json into `dir` as one report; `output` is the folder the CLI opened before replaying. */
export function writeReplay(
  dir: string,
  texts: { markdown: string; json: string },
  options: WriteOptions = {},
): Promise<string[]> {
  return writeTextReport(dir, 'replay', { 'replay.md': texts.markdown, 'replay.json': texts.json }, options)
}

/** Writes cost.md and cost.json into `dir` (created when absent) as one report; `output` is the folder the CLI opened before measuring. */
export function writeCost(
  dir: string,
  texts: { markdown: string; json: string },
  options: WriteOptions = {},
): Promise<string[]> {
  return writeTextReport(dir, 'cost', { 'cost.md': texts.markdown, 'cost.json': texts.json }, options)
}
