/** `aura-bench run <suite.yaml>... [--out DIR]`: measure, judge targets, write the report, exit 0/1/2. */
import path from 'node:path'
import { AuraError, throwIfIssues, type Issue } from '../core/index.ts'
import { createExternalCompressor } from '../external/index.ts'
import {
  escapeTerminal,
  corpusLimitWarnings,
  partialRunWarning,
  reportNames,
  startChartWorker,
  type ChartRenderer,
} from '../report/index.ts'
import { runSuite } from '../runner/index.ts'
import { loadCompressorConfig, type Suite } from '../suite/index.ts'
import { loadSuiteAllProblems } from './command-validate.ts'
import { withLatencyGating, type HistoryEntry } from '../gate/index.ts'
import { historyOfSuite, readRunHistory } from './command-history.ts'
import type { RUN_FLAGS } from './command-flags.ts'
import type { CommandInput } from './flags.ts'
import { EXIT, type CliIo } from './io.ts'
import { countOf, openOutput } from './output.ts'
import { createProgressReporter } from './progress.ts'
import { slowConfigWarnings } from './slow-configs.ts'
import { checkGateOutputs, prepareGate, readGateFlags } from './run-gate.ts'
import { publishRun, type PublishOptions } from './publish-run.ts'
import { refusePartialBaselineFlags } from './partial-baseline-flags.ts'

/** Runs each suite in turn; the exit code is the worst of them (2 over 1 over 0). */
export async function commandRun({ values, positionals }: CommandInput<typeof RUN_FLAGS>, io: CliIo): Promise<number> {
  if (positionals.length === 0)
    throw new AuraError(
      'E_USAGE',
      'run needs at least one suite file',
      { field: 'run' },
      { hint: 'aura-bench run suites/week1.yaml' },
    )
  const limit = parseLimit(values.limit)
  if (values.shard !== undefined)
    return (await import('./run-shard.ts')).runShard({ values, positionals }, io, (suite) => withLimit(suite, limit))
  const gateFlags = readGateFlags(values, io, positionals.length)
  // started first: the thread loads vega while this one reads the suite and measures
  const charts = values['no-charts'] ? undefined : startChartWorker()
  try {
    return await runSuites(positionals, values, io, gateFlags, limit, charts)
  } finally {
    await charts?.close()
  }
}

async function runSuites(
  positionals: readonly string[],
  values: CommandInput<typeof RUN_FLAGS>['values'],
  io: CliIo,
  gateFlags: ReturnType<typeof readGateFlags>,
  limit: number | undefined,
  renderer: ChartRenderer | undefined,
): Promise<number> {
  await checkGateOutputs(gateFlags, io)
  // read before measuring: a bad history file is exit 2 before any work
  const history = await readRunHistory(values.history, io)
  // every suite is read before any runs: a bad one, or two writing one folder, is exit 2 before any work
  const planned: { suite: Suite; outDir: string; history: HistoryEntry[] | undefined; corpusLimits: string[] }[] = []
  for (const suitePath of positionals) {
    const loaded = await loadSuiteAllProblems(path.resolve(io.cwd, suitePath), io)
    const suite = withLimit(loaded, limit)
    const outDir = outputFolder(values.out, suite, positionals.length, io.cwd)
    await refuseStatefulConfigs(suite)
    const clash = planned.findIndex((earlier) => earlier.outDir === outDir)
    if (clash >= 0)
      throw new AuraError(
        'E_USAGE',
        `${suitePath} and ${positionals[clash]} would both write their report to ${outDir} (both suites are named ${JSON.stringify(suite.name)}), and the second would replace the first`,
        { file: path.resolve(io.cwd, suitePath), field: 'name' },
        { hint: 'give the suites different names, or run them one at a time with their own --out' },
      )
    // one history file holds one suite: with several suites it is drawn for the one it holds (refused below when it holds none)
    const where = { name: suite.name, file: path.resolve(io.cwd, suitePath) }
    const suiteHistory =
      positionals.length === 1
        ? historyOfSuite(history, values.history, where)
        : history?.filter((e) => e.suite === suite.name)
    // the suite's own `limit:`s, as written (withLimit folds --limit into them)
    planned.push({ suite, outDir, history: suiteHistory, corpusLimits: corpusLimitWarnings(loaded) })
  }
  if (history !== undefined && history.length > 0 && planned.every((p) => p.history?.length === 0)) {
    const first = planned[0]
    if (first !== undefined)
      historyOfSuite(history, values.history, {
        name: first.suite.name,
        file: path.resolve(io.cwd, positionals[0] ?? ''),
      })
  }
  let exitCode: number = EXIT.ok
  const files = reportNames(!values['no-charts'], 'results.json', !values['no-html'])
  for (const { suite, outDir, history: suiteHistory, corpusLimits } of planned) {
    const gate = await prepareGate(gateFlags, suite, outDir, !values['no-latency-gate'], files)
    // round 40 (s40-trial D10): --save-baseline of a run the flags make partial, refused before measuring (after the
    // flags' own files are checked: a file flag naming the user's config says that first)
    refusePartialBaselineFlags(gateFlags, { limit, latencyDropped: values['no-latency'] && suite.latency.enabled })
    // checked and locked before measuring: a bad --out or a second writer is exit 2 before any work
    const output = await openOutput(outDir, 'report', files, values.wait, io, suite.name)
    const code = await runOneSuite(withLatencyGating(suite, !values['no-latency-gate']), outDir, io, {
      latency: !values['no-latency'],
      charts: renderer,
      html: !values['no-html'],
      history: suiteHistory,
      quiet: values.quiet,
      gate,
      output,
      limit,
      corpusLimits,
    }).finally(() => output.close())
    exitCode = Math.max(exitCode, code)
    if (code === EXIT.interrupted) return code
  }
  return exitCode
}

/**
 * `run` measures single messages: every `mode: stateful` config is refused before anything runs, each
 * at the suite's entry that names it (compare and replay measure such configs).
 */
async function refuseStatefulConfigs(suite: Suite): Promise<void> {
  const issues: Issue[] = []
  for (const ref of suite.configs) {
    const config = await loadCompressorConfig(ref.path).catch(() => undefined)
    if (config?.mode !== 'stateful') continue
    issues.push({
      code: 'E_SCHEMA',
      ...(ref.origin ?? { file: suite.file }),
      message: `config ${ref.name} (${ref.pathAsWritten}) is mode: stateful: it compresses connections, and run measures single messages`,
    })
  }
  throwIfIssues(
    issues,
    `${suite.file}: stateful configs`,
    'measure stateful configs with `aura-bench compare` or `aura-bench replay` on this suite (docs/stateful.md); for their CPU money, `aura-bench cost --results DIR/comparison.json` after compare',
  )
}

/** `--limit N`: at most N messages per corpus, for a quick smoke run; a positive integer. */
function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const limit = Number(text)
  if (Number.isInteger(limit) && limit > Number.MAX_SAFE_INTEGER)
    throw new AuraError(
      'E_USAGE',
      `--limit is too large (at most ${Number.MAX_SAFE_INTEGER} messages), found ${JSON.stringify(text)}`,
      { field: '--limit' },
    )
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new AuraError(
      'E_USAGE',
      `--limit must be a positive whole number of messages, found ${JSON.stringify(text)}`,
      { field: '--limit' },
    )
  return limit
}

/** Caps every corpus at `limit` messages (the first ones, before any split or sample) and says so in the notes. */
function withLimit(suite: Suite, limit: number | undefined): Suite {
  if (limit === undefined) return suite
  const note = `Run with \`--limit ${limit}\`: at most the first ${limit} messages of each corpus were measured.`
  return {
    ...suite,
    corpora: suite.corpora.map((corpus) => ({ ...corpus, limit: Math.min(corpus.limit ?? limit, limit) })),
    notes: suite.notes === undefined ? note : `${note}\n\n${suite.notes}`,
  }
}

function outputFolder(out: string | undefined, suite: Suite, suiteCount: number, cwd: string): string {
  if (out === undefined) return path.resolve(cwd, 'reports', suite.name)
  return suiteCount === 1 ? path.resolve(cwd, out) : path.resolve(cwd, out, suite.name)
}

async function runOneSuite(
  suite: Suite,
  outDir: string,
  io: CliIo,
  options: PublishOptions & { latency: boolean; limit: number | undefined; corpusLimits: readonly string[] },
): Promise<number> {
  const controller = new AbortController()
  const unsubscribe = io.onInterrupt?.(() => controller.abort())
  if (!options.quiet)
    io.stdout.write(
      `suite ${escapeTerminal(suite.name)}: ${countOf(suite.corpora.length, 'corpus', 'corpora')} x ${countOf(suite.configs.length, 'config', 'configs')}\n`,
    )
  // into results.json and report.md with the run's other warnings, and on stderr with them once published
  const slow = [
    ...(options.limit === undefined ? [] : [partialRunWarning(options.limit)]),
    ...options.corpusLimits,
    ...(await slowConfigWarnings(suite.configs.map((ref) => ref.path))),
  ]
  try {
    const { results, stoppedBy } = await runSuite(suite, {
      latencyEnabled: options.latency && suite.latency.enabled,
      onEvent: createProgressReporter(io, options.quiet),
      signal: controller.signal,
      createExternalCompressor,
    })
    if (controller.signal.aborted) {
      io.stderr.write(`interrupted: nothing written; the previous report in ${outDir} (if any) is intact\n`)
      return EXIT.interrupted
    }
    io.pastStopping?.()
    return await publishRun(
      { ...results, warnings: [...slow, ...results.warnings] },
      suite,
      stoppedBy,
      outDir,
      io,
      options,
    )
  } finally {
    unsubscribe?.()
  }
}
