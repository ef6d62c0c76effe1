/**
 * The gate flags of `aura-bench run`: --baseline, --save-baseline, --junit, --prometheus,
 * --alert-rules, and the GitHub step summary. Before the run: load the baseline and make sure no
 * output can overwrite it. After judging and after the report: gate-finish.ts (the gate layer's
 * confidence and regressions, then the CI files).
 */
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import {
  checkBaselineSpared,
  checkOutputsApart,
  loadBaseline,
  baselineExists,
  parseGitBaseline,
  type LoadedBaseline,
  type PlannedOutput,
} from '../gate/index.ts'
import { checkOutputFile, checkReplacesOnlyOwn, type OwnOutputKind } from '../report/index.ts'
import type { Suite } from '../suite/index.ts'
import type { GATE_FLAGS } from './command-flags.ts'
import type { FlagValues } from './flags.ts'
import type { CliIo } from './io.ts'
import { readAcceptRegression } from './accept-regression.ts'
import { allChecked } from './all-checked.ts'
import { OWN_OUTPUTS } from './output-kinds.ts'

export const FILE_FLAGS = [
  'save-baseline',
  'junit',
  'prometheus',
  'alert-rules',
  'alert-rule-tests',
  'pr-comment',
] as const

/** What a file already at each flag's path must be for the run to replace it (never a file aura-bench did not write). */
const FILE_KINDS: Record<(typeof FILE_FLAGS)[number], OwnOutputKind> = {
  'save-baseline': OWN_OUTPUTS.results,
  junit: OWN_OUTPUTS.junit,
  prometheus: OWN_OUTPUTS.prometheus,
  'alert-rules': OWN_OUTPUTS.alertRules,
  'alert-rule-tests': OWN_OUTPUTS.alertRules,
  'pr-comment': OWN_OUTPUTS.prComment,
}

/** A file flag: as written on the command line and resolved against the working folder. */
export interface FileFlag {
  asWritten: string
  absolute: string
  /** the working folder (a `git:` baseline is read there) */
  cwd: string
  /** the environment a `git:` baseline's git commands run in (the CLI's own; baseline-git.ts adds its no-prompt settings) */
  env: Readonly<Record<string, string | undefined>>
}

/** The gate flags of one invocation: the files, and the options of the pull-request loop. */
export type GateFlags = Partial<Record<'baseline' | (typeof FILE_FLAGS)[number], FileFlag>> & {
  acceptRegression?: string
  allowMissingBaseline?: boolean
  /** --allow-partial-baseline: --save-baseline saves a partial run too */
  allowPartialBaseline?: boolean
  prCommentLinks?: Record<string, string>
}

/** Everything the gate needs for one suite, prepared before it runs. */
export interface PreparedGate {
  flags: GateFlags
  baseline?: LoadedBaseline
  /** false with --no-latency-gate */
  gateLatency: boolean
  /** the --baseline that was not there (with --allow-missing-baseline) */
  missingBaseline?: string
}

/** Reads the gate flags; they name single files, so they take one suite (E_USAGE otherwise). */
export function readGateFlags(
  values: FlagValues<typeof GATE_FLAGS>,
  io: Pick<CliIo, 'cwd' | 'env'>,
  suiteCount: number,
): GateFlags {
  const flags: GateFlags = {}
  const { cwd, env } = io
  for (const name of ['baseline', ...FILE_FLAGS] as const) {
    const value = values[name]
    if (value !== undefined) flags[name] = { asWritten: value, absolute: path.resolve(cwd, value), cwd, env }
  }
  const accept = readAcceptRegression(values['accept-regression'], flags.baseline !== undefined, {
    recordedIn: 'the report, the comment and the history',
    exampleBaseline: 'baselines/week1.json',
  })
  if (accept !== undefined) flags.acceptRegression = accept
  if (values['allow-missing-baseline']) flags.allowMissingBaseline = true
  if (values['allow-partial-baseline']) {
    // it says what --save-baseline may save: alone it would change nothing, and a mistyped intent should not pass silently
    if (flags['save-baseline'] === undefined)
      throw new AuraError(
        'E_USAGE',
        '--allow-partial-baseline lets --save-baseline save a partial run: give --save-baseline too',
        { field: '--allow-partial-baseline' },
      )
    flags.allowPartialBaseline = true
  }
  const links = values['pr-comment-link'] ?? []
  if (links.length > 0) {
    flags.prCommentLinks = {}
    for (const link of links) {
      const at = link.indexOf('=')
      if (at < 1)
        throw new AuraError('E_USAGE', `--pr-comment-link takes TEXT=URL, got "${link}"`, {
          field: '--pr-comment-link',
        })
      flags.prCommentLinks[link.slice(0, at)] = link.slice(at + 1)
    }
  }
  if (flags['alert-rule-tests'] !== undefined && flags['alert-rules'] === undefined) {
    throw new AuraError(
      'E_USAGE',
      '--alert-rule-tests tests the rules --alert-rules writes: give both',
      { field: '--alert-rule-tests' },
      { hint: '--alert-rules out/alert-rules.yaml --alert-rule-tests out/alert-rules.test.yaml' },
    )
  }
  if (suiteCount > 1 && ['baseline', ...FILE_FLAGS].some((name) => name in flags)) {
    throw new AuraError(
      'E_USAGE',
      `--${Object.keys(flags)[0]} names one file, so run takes one suite with it`,
      { field: `--${Object.keys(flags)[0]}` },
      { hint: 'run each suite on its own' },
    )
  }
  return flags
}

/**
 * Checks that no two outputs are one file (E_USAGE), then loads the baseline (E_BASELINE, exit 2, when it cannot be used or shares no corpus x config with the
 * suite) and checks that neither the report's results.json nor --junit/--prometheus/--alert-rules
 * would overwrite it. --save-baseline may name it: that is replacing it on purpose. Last, a file already
 * at a flag's path must be aura-bench's own output of that kind (E_OUTPUT): never the user's config or suite.
 */
export async function prepareGate(
  flags: GateFlags,
  suite: Suite,
  outDir: string,
  gateLatency: boolean,
  reportFiles: readonly string[] = ['results.json', 'report.md', 'report.html', 'charts'],
): Promise<PreparedGate> {
  const gate = await loadGate(flags, suite, outDir, gateLatency, reportFiles)
  // after the clashes above (their messages say more): a file already at a flag's path must be aura-bench's own output of that kind
  await allChecked(
    FILE_FLAGS.flatMap((name) => {
      const flag = flags[name]
      return flag === undefined
        ? []
        : [() => checkReplacesOnlyOwn(flag.absolute, `--${name}`, flag.asWritten, FILE_KINDS[name])]
    }),
    'output flags',
  )
  return gate
}

async function loadGate(
  flags: GateFlags,
  suite: Suite,
  outDir: string,
  gateLatency: boolean,
  reportFiles: readonly string[],
): Promise<PreparedGate> {
  // the files this report writes in --out (reportNames: no charts/ with --no-charts, no report.html with --no-html)
  const outputs: PlannedOutput[] = reportFiles.map((name) => ({
    flag: '--out',
    path: path.join(outDir, name),
    ...(name === 'charts' ? { kind: 'folder' as const } : {}),
  }))
  for (const name of FILE_FLAGS) {
    const flag = flags[name]
    if (flag !== undefined)
      outputs.push({
        flag: `--${name}`,
        path: flag.absolute,
        shown: flag.asWritten,
      })
  }
  await checkOutputsApart(outputs)
  const given = flags.baseline
  if (given === undefined) return { flags, gateLatency }
  if (
    flags.allowMissingBaseline === true &&
    !(await baselineExists(given.absolute, given.asWritten, given.cwd, given.env))
  )
    return { flags, gateLatency, missingBaseline: given.asWritten }
  const baseline = await loadBaseline(given.absolute, given.asWritten, given.cwd, given.env)
  // a baseline in git (`git:<ref>:<path>`) is not a file any output could overwrite
  if (parseGitBaseline(given.asWritten) === undefined)
    await checkBaselineSpared(
      given.absolute,
      given.asWritten,
      outputs.filter((o) => o.flag !== '--save-baseline'),
    )
  const planned = new Set(
    suite.corpora.flatMap((corpus) => suite.configs.map((config) => `${corpus.name} x ${config.name}`)),
  )
  if (!baseline.results.runs.some((run) => planned.has(`${run.corpus} x ${run.config}`))) {
    throw new AuraError(
      'E_BASELINE',
      `baseline ${given.asWritten} has no run of any corpus x config of suite ${suite.name}: nothing could be compared`,
      { file: given.asWritten },
      {
        hint: `it has ${baseline.results.runs.map((r) => `${r.corpus} x ${r.config}`).join(', ') || 'no runs'}`,
      },
    )
  }
  return { flags, baseline, gateLatency }
}

/** Checks, before measuring, that every file the flags name (and the step summary) can be written: E_OUTPUT (exit 2) naming it. */
export async function checkGateOutputs(flags: GateFlags, io: CliIo): Promise<void> {
  const summary = io.env.GITHUB_STEP_SUMMARY
  await allChecked(
    [
      ...FILE_FLAGS.flatMap((name) => {
        const flag = flags[name]
        return flag === undefined ? [] : [() => checkOutputFile(flag.absolute, `--${name}`)]
      }),
      ...(summary === undefined || summary === ''
        ? []
        : [() => checkOutputFile(path.resolve(io.cwd, summary), 'GITHUB_STEP_SUMMARY', 'append')]),
    ],
    'output flags',
  )
}
