/**
 * The outputs a run plans to write, checked before measuring: none may overwrite the baseline (a
 * baseline changes only on purpose, with `--save-baseline`), and no two may be one file.
 */
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { AuraError } from '../core/index.ts'

/** A file the run will write (or a folder it will replace whole), with the flag that names it. */
export interface PlannedOutput {
  /** e.g. `--out` (its results.json), `--junit` */
  flag: string
  path: string
  /** `folder`: everything inside is replaced (the report's charts/); default `file` */
  kind?: 'file' | 'folder'
  /** the path as the user wrote it, for messages (default `path`) */
  shown?: string
}

/** E_BASELINE (exit 2) when a planned output would overwrite the baseline; `--save-baseline` is the only way to replace it. */
export async function checkBaselineSpared(
  baselineAbsolute: string,
  asWritten: string,
  outputs: readonly PlannedOutput[],
): Promise<void> {
  const baseline = await canonical(baselineAbsolute)
  for (const output of outputs) {
    const target = await canonical(output.path)
    if (output.kind === 'folder' ? !baseline.startsWith(`${target}${path.sep}`) : target !== baseline) continue
    throw new AuraError(
      'E_BASELINE',
      `${output.flag} would overwrite the baseline ${asWritten}`,
      { field: output.flag },
      {
        hint: 'write the report elsewhere (--out DIR); to replace the baseline on purpose, use --save-baseline',
      },
    )
  }
}

/**
 * E_USAGE (exit 2) when two planned outputs are one file, or a file lies inside a folder another output
 * replaces: `--junit DIR/results.json` replaced the report's results.json with JUnit XML and exited 0,
 * and `--junit x --prometheus x` kept only the last. Checked before measuring. `--save-baseline
 * DIR/results.json` too: the next report written in DIR would replace the baseline.
 */
export async function checkOutputsApart(outputs: readonly PlannedOutput[]): Promise<void> {
  const resolved = await Promise.all(outputs.map(async (o) => ({ ...o, real: await canonical(o.path) })))
  for (const [i, a] of resolved.entries()) {
    for (const b of resolved.slice(0, i)) {
      if (a.flag === '--out' && b.flag === '--out') continue
      const inside = (file: typeof a, folder: typeof a) =>
        folder.kind === 'folder' && file.real.startsWith(`${folder.real}${path.sep}`)
      if (a.real !== b.real && !inside(a, b) && !inside(b, a)) continue
      const [first, second] = b.flag.startsWith('--out') ? [a, b] : [b, a]
      const clash =
        second.kind === 'folder'
          ? `lies inside ${second.shown ?? second.path}, which ${second.flag} replaces whole`
          : `would overwrite what ${second.flag} writes (${second.shown ?? second.path})`
      throw new AuraError(
        'E_USAGE',
        `${first.flag} ${first.shown ?? first.path} ${clash}`,
        { field: first.flag },
        { hint: 'give every output its own file, outside the files the report writes in --out' },
      )
    }
  }
}

/** The real path of a file, or of its folder joined with its name when the file does not exist yet. */
async function canonical(file: string): Promise<string> {
  const whole = await realpath(file).catch(() => undefined)
  if (whole !== undefined) return whole
  const folder = await realpath(path.dirname(file)).catch(() => path.dirname(path.resolve(file)))
  return path.join(folder, path.basename(file))
}
