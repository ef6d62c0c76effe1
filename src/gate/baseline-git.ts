/**
 * Baselines kept in git (`--baseline git:<ref>:<path>`), read with `git show` so they can live on a
 * branch instead of a CI cache that expires: the spec's parsing, whether a baseline exists, and its text.
 */
import { execFile } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { AuraError } from '../core/index.ts'

/** `git:<ref>:<path>` split into the ref and the path in that commit's tree; undefined for a plain file. */
export function parseGitBaseline(spec: string): { ref: string; file: string } | undefined {
  const match = /^git:([^:]+):(.+)$/.exec(spec)
  return match === null ? undefined : { ref: match[1] as string, file: match[2] as string }
}

/** The text of `<ref>:<path>` through `git show`, run in `cwd`; E_BASELINE with git's own words when it cannot. */
export function gitShow(ref: string, file: string, cwd: string, asWritten: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['show', `${ref}:${file}`],
      { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) return resolve(stdout)
        const said = (stderr.trim().split('\n')[0] ?? '') || error.message
        reject(
          new AuraError(
            'E_BASELINE',
            `baseline ${asWritten} cannot be read: git show ${ref}:${file}: ${said}`,
            { file: asWritten },
            { hint: gitShowHint(ref, stderr, (error as { code?: unknown }).code, cwd) },
          ),
        )
      },
    )
  })
}

/** What to do about a failed `git show`, by its cause (git's words, or the spawn's error code). */
function gitShowHint(ref: string, stderr: string, code: unknown, cwd: string): string {
  if (code === 'ENOENT') return 'git is not installed (or not on PATH): install it, or pass the baseline as a file'
  if (/not a git repository/i.test(stderr))
    return `git:REF:PATH is read from the git repository of the current folder (${cwd}), and there is none: run aura-bench inside the checkout, or pass the baseline as a file`
  if (/does not exist in|exists on disk, but not in/i.test(stderr))
    return `${ref} has no file at that path (the path is from the repository's root): check it, or save a baseline there on purpose (docs/ci.md)`
  return `fetch the ref first (e.g. \`git fetch origin ${ref.replace(/^origin\//, '')}\`), or save a baseline there on purpose (docs/ci.md)`
}

/**
 * `git:` without a ref and a path is a malformed git baseline (E_BASELINE), not a missing file: neither
 * `--allow-missing-baseline` nor a `--save-baseline` of a file named `git:...` is the answer.
 */
export function refuseMalformedGit(asWritten: string, git: ReturnType<typeof parseGitBaseline>): void {
  if (git !== undefined || !asWritten.startsWith('git:')) return
  throw new AuraError(
    'E_BASELINE',
    `baseline ${asWritten} is not a git baseline: one is git:<ref>:<path> (the path from the repository's root)`,
    { file: asWritten },
    { hint: 'e.g. --baseline git:origin/main:baselines/suite.json, or name a results.json file (docs/ci.md)' },
  )
}

/** True when the baseline exists: the file, or `<ref>:<path>` in git (run in `cwd`). Whether it is usable is loadBaseline's to say. */
export async function baselineExists(absolute: string, asWritten: string, cwd: string): Promise<boolean> {
  const git = parseGitBaseline(asWritten)
  refuseMalformedGit(asWritten, git)
  if (git === undefined) return (await stat(absolute).catch(() => undefined)) !== undefined
  return new Promise((resolve) =>
    execFile('git', ['cat-file', '-e', `${git.ref}:${git.file}`], { cwd }, (error) => resolve(error === null)),
  )
}
