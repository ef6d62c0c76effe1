/**
 * Baselines kept in git (`--baseline git:<ref>:<path>`), read with `git show` so they can live on a
 * branch instead of a CI cache that expires: the spec's parsing, whether a baseline exists, and its text.
 */
import { execFile } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { AuraError } from '../core/index.ts'

/** The environment git runs in: the CLI's (`CliIo.env`); undefined (a library caller): this process's. */
export type GitEnv = Readonly<Record<string, string | undefined>>

/**
 * `env` with git's prompts off: a remote or a `git show` that wants credentials fails at once with its
 * own words (`could not read Username for '...': terminal prompts disabled`) and the hint to check the
 * credentials, instead of waiting on a prompt nobody answers in CI until LS_REMOTE_MS (60 s) or forever
 * (`git show`, unbounded). GIT_TERMINAL_PROMPT=0 turns off git's prompt on the terminal; an empty
 * GIT_ASKPASS turns off the askpass programs git would otherwise try (`core.askPass`, SSH_ASKPASS,
 * a desktop's password dialog). A GIT_ASKPASS the user set is kept: in CI that is how a token is given
 * to git (a script that prints it), not a prompt. Credential helpers (a CI's stored token) still work.
 * Undefined `env` (a library caller that passes none): git inherits this process's environment as it is
 * (this module does not read `process`; the CLI always passes its own).
 */
export function gitEnvironment(env: GitEnv | undefined): NodeJS.ProcessEnv | undefined {
  if (env === undefined) return undefined
  const askpass = env['GIT_ASKPASS']
  return { ...env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: askpass === undefined || askpass === '' ? '' : askpass }
}

/** `git:<ref>:<path>` split into the ref and the path in that commit's tree; undefined for a plain file. */
export function parseGitBaseline(spec: string): { ref: string; file: string } | undefined {
  const match = /^git:([^:]+):(.+)$/.exec(spec)
  return match === null ? undefined : { ref: match[1] as string, file: match[2] as string }
}

/** The text of `<ref>:<path>` through `git show`, run in `cwd`; E_BASELINE with git's own words when it cannot. */
export function gitShow(ref: string, file: string, cwd: string, asWritten: string, env?: GitEnv): Promise<string> {
  const environment = gitEnvironment(env)
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['show', `${ref}:${file}`],
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        ...(environment === undefined ? {} : { env: environment }),
      },
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

/**
 * True when the baseline exists: the file, or `<ref>:<path>` in git (run in `cwd`). Whether it is
 * usable is loadBaseline's to say. For git, "absent" (what --allow-missing-baseline lets pass) means
 * the branch does not exist yet (a repository's first run): a ref that resolves but has no such path
 * (a typo, or a suite whose first baseline was never saved there), a remote branch that exists but was
 * never fetched, a remote that cannot be asked and a folder that is no git checkout are E_BASELINE
 * (exit 2) with what to do. s31's trial: both gave NO BASELINE and exit 0.
 */
export async function baselineExists(absolute: string, asWritten: string, cwd: string, env?: GitEnv): Promise<boolean> {
  const git = parseGitBaseline(asWritten)
  refuseMalformedGit(asWritten, git)
  if (git === undefined) return (await stat(absolute).catch(() => undefined)) !== undefined
  const run = { cwd, env: gitEnvironment(env) }
  if ((await runGit(['cat-file', '-e', `${git.ref}:${git.file}`], run)).ok) return true
  const commit = await runGit(['rev-parse', '--verify', '--quiet', `${git.ref}^{commit}`], run)
  if (commit.ok) throw await pathMissingAtRef(git, asWritten, run)
  // not a checkout, git not installed: said as `git show` says it
  if (commit.spawnError !== undefined || /not a git repository/i.test(commit.stderr))
    await gitShow(git.ref, git.file, cwd, asWritten, env)
  const remote = await remoteBranch(git.ref, run)
  // a local branch, tag or commit that does not resolve: there is none yet
  if (remote === undefined) return false
  const asked = await runGit(['ls-remote', '--exit-code', '--heads', remote.remote, remote.branch], run, LS_REMOTE_MS)
  if (asked.code === 2) return false
  const fetch = `git fetch origin ${remote.branch}`.replace('origin', remote.remote)
  if (asked.ok)
    throw new AuraError(
      'E_BASELINE',
      `baseline ${asWritten} cannot be read: ${remote.remote} has branch ${remote.branch}, but ${git.ref} was never fetched here; --allow-missing-baseline covers only a branch that does not exist yet`,
      { file: asWritten },
      { hint: `fetch it first (\`${fetch}\`; a shallow CI checkout fetches only the branch it builds)` },
    )
  const said =
    asked.timedOutAfter !== undefined
      ? `timed out after ${Math.round(asked.timedOutAfter / 1000)} s`
      : (asked.stderr.trim().split('\n')[0] ?? '') || `exit ${asked.code ?? asked.spawnError}`
  throw new AuraError(
    'E_BASELINE',
    `baseline ${asWritten}: ${git.ref} is not here, and ${remote.remote} could not be asked whether branch ${remote.branch} exists (git ls-remote: ${said}); --allow-missing-baseline covers only a branch that does not exist yet`,
    { file: asWritten },
    { hint: `fetch it first (\`${fetch}\`), or check the remote's address and credentials` },
  )
}

/** How long `git ls-remote` may take (a remote that does not answer must not hold the gate). */
const LS_REMOTE_MS = 60_000

/** E_BASELINE for a ref that exists without the baseline's path: a typo, or a first baseline never saved there. */
async function pathMissingAtRef(
  git: { ref: string; file: string },
  asWritten: string,
  run: GitRun,
): Promise<AuraError> {
  const listed = await runGit(['ls-tree', '-r', '--name-only', git.ref], run)
  const json = listed.ok ? listed.stdout.split('\n').filter((name) => name.endsWith('.json')) : []
  const shown = json.slice(0, 5).join(', ') + (json.length > 5 ? `, and ${json.length - 5} more` : '')
  return new AuraError(
    'E_BASELINE',
    `baseline ${asWritten} not found: ${git.ref} exists and has no ${git.file}; --allow-missing-baseline covers only a branch that does not exist yet, not a path missing on one that does`,
    { file: asWritten },
    {
      hint: `${json.length === 0 ? `${git.ref} holds no .json file` : `${git.ref} holds ${shown}`}; check the path (from the repository's root), or save this suite's first baseline there on purpose (--save-baseline FILE, committed to that branch)`,
    },
  )
}

/** `<remote>/<branch>` when the ref starts with a configured remote's name (`origin/aura-baselines`). */
async function remoteBranch(ref: string, run: GitRun): Promise<{ remote: string; branch: string } | undefined> {
  const remotes = await runGit(['remote'], run)
  if (!remotes.ok) return undefined
  const named = ref.replace(/^refs\/remotes\//, '')
  for (const remote of remotes.stdout.split('\n').filter((r) => r !== ''))
    if (named.startsWith(`${remote}/`) && named.length > remote.length + 1)
      return { remote, branch: named.slice(remote.length + 1) }
  return undefined
}

/** Where a git command runs: the folder, and the environment from gitEnvironment (undefined: this process's). */
interface GitRun {
  cwd: string
  env: NodeJS.ProcessEnv | undefined
}

/**
 * One git command, bounded in time (a remote that does not answer is cut short; a credential prompt
 * fails at once with gitEnvironment's settings).
 */
function runGit(
  args: readonly string[],
  { cwd, env }: GitRun,
  timeout = 30_000,
): Promise<{
  ok: boolean
  code: number | undefined
  stdout: string
  stderr: string
  spawnError?: string
  timedOutAfter?: number
}> {
  return new Promise((resolve) =>
    execFile(
      'git',
      [...args],
      {
        cwd,
        encoding: 'utf8',
        timeout,
        maxBuffer: 64 * 1024 * 1024,
        ...(env === undefined ? {} : { env }),
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code
        const killed = (error as { killed?: boolean } | null)?.killed === true
        resolve({
          ok: error === null,
          code: error === null ? 0 : typeof code === 'number' ? code : undefined,
          stdout,
          stderr,
          ...(typeof code === 'string' ? { spawnError: code } : {}),
          // killed with no error code of its own: the timeout (a maxBuffer overflow carries its code)
          ...(killed && typeof code !== 'string' ? { timedOutAfter: timeout } : {}),
        })
      },
    ),
  )
}
