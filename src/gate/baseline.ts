/**
 * Loading a baseline results.json (`run --baseline FILE`, or `--baseline git:<ref>:<path>`: baseline-git.ts)
 * and checking it can be judged against; planned-outputs.ts makes sure no output of the run can
 * overwrite it: a baseline changes only on purpose, with `--save-baseline`.
 */
import path from 'node:path'
import { AuraError, PER_MESSAGE_METRICS, type Issue } from '../core/index.ts'
import { parseBaselineJson, readBaselineFile, refuseOtherOutput, resultsContractSchema } from '../suite/index.ts'
import type { Environment, Results, RunResult } from '../runner/index.ts'
import { type GitEnv, gitShow, parseGitBaseline, refuseMalformedGit } from './baseline-git.ts'
import type { LoadedBaseline } from './judge.ts'

/** A file that is there but is no results.json (a suite, a config given by mistake) must not be offered as --save-baseline's target. */
const NOT_RESULTS_HINT =
  '--baseline takes a results.json or a file `aura-bench run <suite> --save-baseline FILE` wrote; name one of those'

/**
 * Reads and checks a baseline (a file, or `git:<ref>:<path>` read in `cwd`, git run in `env`: see gitEnvironment);
 * E_BASELINE (exit 2) naming the file and field when it cannot be used.
 */
export async function loadBaseline(
  absolute: string,
  asWritten: string = absolute,
  cwd: string = path.dirname(absolute),
  env?: GitEnv,
): Promise<LoadedBaseline> {
  const hint = `write a baseline on purpose with \`aura-bench run <suite> --save-baseline ${asWritten}\``
  const git = parseGitBaseline(asWritten)
  refuseMalformedGit(asWritten, git)
  const text =
    git !== undefined
      ? await gitShow(git.ref, git.file, cwd, asWritten, env)
      : await readBaselineFile(absolute, asWritten, { expected: 'results.json', hint })
  const json = withoutCost(parseBaselineJson(text, asWritten, NOT_RESULTS_HINT))
  checkContract(json, asWritten, hint)
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
 * A baseline's `cost:` section is left out before it is checked and read: the comparison never reads it,
 * and one written before round 36 may hold `messagesPerDay: [0]`, which the contract refuses since then
 * (s37-fixr: such a baseline was refused as "not a results.json: must be more than 0").
 */
function withoutCost(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !('cost' in json)) return json
  const { cost: _cost, ...rest } = json as Record<string, unknown>
  return rest
}

/** E_BASELINE, each issue at its field, unless `json` meets the results.json contract. */
function checkContract(json: unknown, asWritten: string, hint: string): void {
  refuseOtherOutput(json, asWritten, 'results.json', () => NOT_RESULTS_HINT)
  const parsed = resultsContractSchema.safeParse(json)
  if (parsed.success) return
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
    { issues, hint: looksLikeResults(json) ? hint : NOT_RESULTS_HINT },
  )
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

/** True for JSON shaped like a results.json (an object with `schemaVersion` and `runs`), valid or not. */
function looksLikeResults(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'schemaVersion' in json && 'runs' in json
}
