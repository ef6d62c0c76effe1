/**
 * Loading a baseline results.json (`run --baseline FILE`, or `--baseline git:<ref>:<path>`, read with
 * `git show` so baselines can live on a branch instead of a CI cache that expires) and making sure no
 * output of the run can overwrite it: a baseline changes only on purpose, with `--save-baseline`.
 */
import { execFile } from 'node:child_process'
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { AuraError, PER_MESSAGE_METRICS, readInputFile, type Issue } from '../core/index.ts'

/** Largest baseline read (256 MiB), checked before anything is allocated. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024
import { resultsContractSchema } from '../suite/index.ts'
import type { Environment, Results, RunResult } from '../runner/index.ts'
import type { LoadedBaseline } from './judge.ts'

/** `git:<ref>:<path>` split into the ref and the path in that commit's tree; undefined for a plain file. */
export function parseGitBaseline(spec: string): { ref: string; file: string } | undefined {
  const match = /^git:([^:]+):(.+)$/.exec(spec)
  return match === null ? undefined : { ref: match[1] as string, file: match[2] as string }
}

/** The text of `<ref>:<path>` through `git show`, run in `cwd`; E_BASELINE with git's own words when it cannot. */
function gitShow(ref: string, file: string, cwd: string, asWritten: string): Promise<string> {
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
function refuseMalformedGit(asWritten: string, git: ReturnType<typeof parseGitBaseline>): void {
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

/** Reads and checks a baseline (a file, or `git:<ref>:<path>` read in `cwd`); E_BASELINE (exit 2) naming the file and field when it cannot be used. */
export async function loadBaseline(
  absolute: string,
  asWritten: string = absolute,
  cwd: string = path.dirname(absolute),
): Promise<LoadedBaseline> {
  const hint = `write a baseline on purpose with \`aura-bench run <suite> --save-baseline ${asWritten}\``
  // a file that is there but is no results.json (a suite, a config given by mistake) must not be offered as --save-baseline's target
  const notResultsHint =
    '--baseline takes a results.json or a file `aura-bench run <suite> --save-baseline FILE` wrote; name one of those'
  const git = parseGitBaseline(asWritten)
  refuseMalformedGit(asWritten, git)
  let text: string
  if (git !== undefined) text = await gitShow(git.ref, git.file, cwd, asWritten)
  else {
    try {
      text = (
        await readInputFile({ path: absolute, asWritten, kind: 'baseline', maxBytes: MAX_BASELINE_BYTES })
      ).toString('utf8')
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code === 'E_FILE_MISSING')
        throw new AuraError('E_BASELINE', `baseline not found: ${asWritten}`, { file: asWritten }, { hint })
      if (code === 'E_FILE_IS_DIRECTORY')
        throw new AuraError(
          'E_BASELINE',
          `baseline ${asWritten} is a folder; name its results.json`,
          { file: asWritten },
          { hint },
        )
      throw error
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new AuraError(
      'E_BASELINE',
      `baseline ${asWritten} is not valid JSON: ${(error as Error).message}`,
      { file: asWritten },
      { hint: notResultsHint },
    )
  }
  const parsed = resultsContractSchema.safeParse(json)
  if (!parsed.success) {
    const issues: Issue[] = parsed.error.issues.map((issue) => ({
      code: 'E_BASELINE',
      file: asWritten,
      field: issue.path
        .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
        .join('')
        .replace(/^\./, ''),
      message: `not a results.json: ${issue.message}`,
    }))
    throw new AuraError(
      'E_BASELINE',
      `baseline ${asWritten} is not an aura-bench results.json`,
      { file: asWritten },
      // one of ours that no longer passes (another version, damaged): re-saving it is the advice; anything else is no baseline
      { issues, hint: looksLikeResults(json) ? hint : notResultsHint },
    )
  }
  const latencyIssues = latencyEvidenceIssues(json as Record<string, unknown>, asWritten)
  if (latencyIssues.length > 0) {
    const first = latencyIssues[0] as Issue
    throw new AuraError(
      'E_BASELINE',
      `baseline ${asWritten}: ${first.field} ${first.message}`,
      { file: asWritten, field: first.field ?? '' },
      { issues: latencyIssues, hint },
    )
  }
  return { path: asWritten, results: normalise(json as Record<string, unknown>) }
}

/**
 * A latency regression is judged from both runs' error estimates (rme) and sample counts: a baseline
 * whose latency lacks them, or holds null or "NaN" there, would turn every slowdown into "not
 * judged" silently, so it is refused, naming the field.
 */
function latencyEvidenceIssues(json: Record<string, unknown>, file: string): Issue[] {
  const issues: Issue[] = []
  const runs = Array.isArray(json['runs']) ? (json['runs'] as unknown[]) : []
  runs.forEach((run, index) => {
    const latency = (run as { metrics?: { latencyUs?: unknown } } | null)?.metrics?.latencyUs
    if (latency === undefined || latency === null || typeof latency !== 'object') return
    for (const side of ['encode', 'decode'] as const) {
      const percentiles = (latency as Record<string, unknown>)[side] as Record<string, unknown> | undefined
      if (percentiles === undefined) continue
      const rme = percentiles['rme']
      const samples = percentiles['samples']
      const field = `runs[${index}].metrics.latencyUs.${side}`
      if (typeof rme !== 'number' || !Number.isFinite(rme) || rme < 0) {
        issues.push({
          code: 'E_BASELINE',
          file,
          field: `${field}.rme`,
          message: `must be the run's relative margin of error (a finite number >= 0), found ${JSON.stringify(rme) ?? 'nothing'}`,
        })
      }
      if (typeof samples !== 'number' || !Number.isInteger(samples) || samples < 1) {
        issues.push({
          code: 'E_BASELINE',
          file,
          field: `${field}.samples`,
          message: `must be the run's timed sample count (an integer >= 1), found ${JSON.stringify(samples) ?? 'nothing'}`,
        })
      }
    }
  })
  return issues
}

/** Fills what older or hand-made results.json files may lack, so the comparison can read every field. */
function normalise(json: Record<string, unknown>): Results {
  const env = (json['environment'] ?? {}) as Partial<Environment>
  const environment: Environment = {
    node: env.node ?? 'unknown',
    platform: env.platform ?? 'unknown',
    arch: env.arch ?? 'unknown',
    cpu: env.cpu ?? 'unknown',
    cpus: env.cpus ?? 0,
    libraries: env.libraries ?? {},
  }
  const runs = (json['runs'] as RunResult[]).map((run) => ({
    ...run,
    state: run.state ?? 'complete',
    targets: run.targets ?? [],
    metrics: unmeasuredAsNaN(run.metrics),
  }))
  return {
    ...(json as unknown as Results),
    startedAt: typeof json['startedAt'] === 'string' ? json['startedAt'] : 'unknown',
    incomplete: json['incomplete'] === true,
    warnings: Array.isArray(json['warnings']) ? (json['warnings'] as string[]) : [],
    environment,
    runs,
  }
}

/**
 * A run with no measured message has 0/0 ratios: the runner holds NaN, which JSON writes as null.
 * Back to NaN, so the baseline reads like the runner's own results (the comparison skips non-finite metrics).
 */
function unmeasuredAsNaN(metrics: RunResult['metrics']): RunResult['metrics'] {
  const restored = { ...metrics }
  for (const key of PER_MESSAGE_METRICS) {
    if ((restored[key] as number | null) === null) restored[key] = Number.NaN
  }
  return restored
}

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

/** True for JSON shaped like a results.json (an object with `schemaVersion` and `runs`), valid or not. */
function looksLikeResults(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'schemaVersion' in json && 'runs' in json
}
