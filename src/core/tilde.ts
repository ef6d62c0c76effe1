/**
 * `~` in a path a suite or config names: no shell reads those files, so `~/data/x.jsonl` is a folder
 * named `~` beside the suite, not the user's home. Said where such a path is missing.
 */

/** What to do about a missing path with a `~` component. */
export const TILDE_HINT =
  "a suite's paths are not read by a shell, so `~` is not your home folder here: write the path absolute or relative to the suite's folder"

/** True when one of the path's components is `~` (as a shell would have expanded it). */
export function hasTildeComponent(path: string): boolean {
  return path.split(/[\\/]/).includes('~')
}
