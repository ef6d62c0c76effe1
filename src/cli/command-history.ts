/**
 * `aura-bench history <history.jsonl> [--add results.json] [--commit SHA] [--accept-regression REASON]
 * [--charts DIR] [--github-action-benchmark PREFIX] [--bencher FILE]`: the run history as one JSON
 * line per run, trends per metric across commits, and exports for the dashboards teams already use.
 */
import path from 'node:path'
import { AuraError, MAX_DATA_FILE_BYTES, readInputFile } from '../core/index.ts'
import {
  checkOutputsApart,
  historyMetrics,
  parseHistory,
  toBencherMetricFormat,
  toGithubActionBenchmark,
  toHistoryEntry,
  writeFileAtomic,
  type HistoryEntry,
} from '../gate/index.ts'
import {
  acquireOutputLock,
  asOutputError,
  checkOutputFile,
  checkOutsideReportFolders,
  checkReplacesOnlyOwn,
  describeHolder,
  type OwnOutputKind,
} from '../report/index.ts'
import { allChecked } from './all-checked.ts'
import { checkTrendFolder, drawTrends, TREND_MARKER, TREND_MARKER_TEXT } from './history-trends.ts'
import { OWN_OUTPUTS } from './output-kinds.ts'
import { countOf } from './output.ts'
import { readResults } from './report-files.ts'
import type { Results } from '../runner/index.ts'
import type { HISTORY_FLAGS } from './command-flags.ts'
import type { CommandInput } from './flags.ts'
import { EXIT, type CliIo } from './io.ts'

/**
 * `run --history FILE` / `merge --history FILE`: the entries to draw trends from (undefined without the flag).
 * A missing file is a first run (a branch's first CI job), not an error, but a misspelt path must not pass unseen: a warning says so.
 */
export async function readRunHistory(shown: string | undefined, io: CliIo): Promise<HistoryEntry[] | undefined> {
  if (shown === undefined) return undefined
  const { entries, missing } = await readHistoryFile(path.resolve(io.cwd, shown), shown)
  if (missing)
    io.stderr.write(
      `warning: --history ${shown} does not exist: the report's trends show this run alone (history --add creates the file)\n`,
    )
  return entries
}

/**
 * The entries of `--history` that are this suite's trend. A history of another suite is refused as
 * `history --add` refuses adding to it (E_SCHEMA, exit 2): its points are not this suite's, and
 * filtering them out left the report's History showing this run alone without a word.
 */
export function historyOfSuite(
  entries: readonly HistoryEntry[] | undefined,
  shown: string | undefined,
  suite: { name: string; file: string },
): HistoryEntry[] | undefined {
  if (entries === undefined) return undefined
  refuseOtherSuite(entries, shown ?? '', suite.name, { file: suite.file, field: 'name' }, suite.file)
  return entries.filter((entry) => entry.suite === suite.name)
}

function refuseOtherSuite(
  entries: readonly HistoryEntry[],
  shown: string,
  suite: string,
  where: { file: string; field: string },
  what: string,
): void {
  const suites = [...new Set(entries.map((entry) => entry.suite))]
  if (suites.length > 0 && !suites.includes(suite))
    throw new AuraError(
      'E_SCHEMA',
      `${what} is a run of suite \`${suite}\`, but history ${shown} holds suite ${suites.map((s) => `\`${s}\``).join(', ')}: one history file per suite`,
      where,
      { hint: `keep a history file per suite, e.g. history/${suite}.jsonl` },
    )
}

/** The history so far (none when the file does not exist yet: `missing`) and its text. */
async function readHistoryFile(
  file: string,
  shown: string,
): Promise<{ entries: HistoryEntry[]; text: string; missing?: true }> {
  let bytes: Buffer
  try {
    bytes = await readInputFile({ path: file, asWritten: shown, kind: 'history', maxBytes: MAX_DATA_FILE_BYTES })
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'E_FILE_MISSING') return { entries: [], text: '', missing: true }
    if (code === 'E_FILE_IS_DIRECTORY')
      throw new AuraError('E_FILE_IS_DIRECTORY', `history ${shown} is a folder; name a .jsonl file`, { file: shown })
    throw error
  }
  const text = bytes.toString('utf8')
  return { entries: parseHistory(text, shown), text }
}

/** How long `history --add` waits for another one on the same file before E_OUTPUT_LOCKED (exit 2). */
const HISTORY_LOCK_WAIT_MS = 60_000

/** Appends, draws and exports as asked; exit 0, or 2 for bad input. */
export async function commandHistory(
  { values, positionals }: CommandInput<typeof HISTORY_FLAGS>,
  io: CliIo,
): Promise<number> {
  const [shown, ...extra] = positionals
  if (shown === undefined || extra.length > 0)
    throw new AuraError(
      'E_USAGE',
      'history takes one history file (.jsonl)',
      { field: 'history' },
      { hint: 'aura-bench history history/week1.jsonl --add reports/week1/results.json' },
    )
  const file = path.resolve(io.cwd, shown)
  if (values.add === undefined) return historyCommand({ values, shown, file }, io)
  // one --add at a time per history file: each reads the file and writes it whole, so two at once each
  // wrote the history they had read plus their own line, and the first one's line was lost (s32's trial)
  // a folder it cannot write in is E_OUTPUT at the history file, as every other output is (it named the
  // lock's temporary file, E_ENVIRONMENT: s35-trial D10)
  const lock = await asOutputError(shown, 'history', () =>
    acquireOutputLock(historyLockFile(file), {
      wait: true,
      // bounded: a lock another host left (a CI cache, an artifact, a shared folder) is judged alive, and an
      // unbounded wait would hang the job until its own timeout (s32 review)
      maxWaitMs: HISTORY_LOCK_WAIT_MS,
      shownAs: `history ${shown}`,
      onWait: (holder) =>
        io.stderr.write(
          `history ${shown}: waiting for another history --add on it (${describeHolder(holder)}) to finish\n`,
        ),
    }),
  )
  try {
    return await historyCommand({ values, shown, file }, io)
  } finally {
    await lock.release()
  }
}

/** The lock `history --add` holds while it reads, appends to and replaces the history file (beside it, hidden). */
export function historyLockFile(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.aura-bench-lock`)
}

/** commandHistory once it may read and write (under the lock with --add). */
async function historyCommand(
  { values, shown, file }: { values: CommandInput<typeof HISTORY_FLAGS>['values']; shown: string; file: string },
  io: CliIo,
): Promise<number> {
  const say = (text: string) => {
    if (!values.quiet) io.stdout.write(text)
  }
  const { entries, text } = await readHistoryFile(file, shown)
  let added: HistoryEntry | undefined
  if (values.add !== undefined) {
    // a history kept in a report folder (DIR/charts/history.jsonl) was deleted with that report by the next run
    await checkOutsideReportFolders(file, 'history', shown)
    const { results } = await readResults(values.add, io.cwd, 'history')
    checkAddable(results, values.add, shown, entries)
    const commit = values.commit ?? io.env.GITHUB_SHA
    const entry = toHistoryEntry(results, {
      ...(commit === undefined || commit === '' ? {} : { commit }),
      ...(values['accept-regression'] === undefined ? {} : { acceptedRegression: values['accept-regression'] }),
    })
    // the same run added twice (a re-run CI job, a retried step; with or without --commit) would draw as two
    // points: a run is its suite and start time, and it is there once (s33 D8: another commit added it again)
    const same = entries.findIndex((e) => e.suite === entry.suite && e.startedAt === entry.startedAt)
    if (same >= 0) {
      const there = entries[same]?.commit
      say(
        `history ${shown}: this run (${entry.suite}, started ${entry.startedAt}) is already entry ${same + 1}${there === undefined ? '' : ` (commit ${there})`}; not added again\n`,
      )
    } else added = entry
  }
  const all = added === undefined ? entries : [...entries, added]
  const newest = all.at(-1)
  if (newest === undefined)
    throw new AuraError(
      'E_USAGE',
      `history ${shown} is empty or missing: nothing to draw or export`,
      { file: shown },
      { hint: 'add a run first: --add reports/<suite>/results.json' },
    )
  const prefix = values['github-action-benchmark']
  if (values.add === undefined && values.charts === undefined && prefix === undefined && values.bencher === undefined) {
    // no action asked (s32's trial: it printed nothing and exited 0): what the file holds, and what it could do
    const suites = [...new Set(all.map((entry) => entry.suite))].join(', ')
    say(
      `history ${shown}: ${countOf(all.length, 'entry', 'entries')} of suite ${suites}, newest ${newest.commit ?? newest.startedAt} (${newest.verdict}); nothing to do: give --add RESULTS, --charts DIR, --github-action-benchmark PREFIX or --bencher FILE\n`,
    )
    return EXIT.ok
  }
  // every check before any write: a refused --charts folder leaves the history as it was
  const charts =
    values.charts === undefined ? undefined : { shown: values.charts, folder: path.resolve(io.cwd, values.charts) }
  if (charts !== undefined) await checkTrendFolder(charts.folder, charts.shown, historyMetrics(all))
  await checkExportFiles(values, io.cwd, { path: file, shown })
  // the slow part (loading the renderer, drawing) before any write: a signal until then stops with nothing written
  const drawn = charts === undefined ? undefined : await drawTrends(all)
  // from the first write on, the command finishes (a first signal no longer stops it): the history line,
  // the charts and the exports then agree, and the interrupted line never claims an unwritten history
  io.pastStopping?.()
  if (added !== undefined) {
    // the whole file replaced through the one writer (a link at the path is replaced, never written through)
    await writeFileAtomic(
      file,
      `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${JSON.stringify(added)}\n`,
      'history',
    )
    say(
      `history ${shown}: added ${added.suite} ${added.commit ?? added.startedAt} (${added.verdict}${added.acceptedRegression === undefined ? '' : `, regression accepted: ${added.acceptedRegression}`}); ${countOf(all.length, 'entry', 'entries')}\n`,
    )
  }
  if (charts !== undefined && drawn !== undefined) {
    // the marker first: a run stopped part-way leaves trend files that are still known as ours
    await writeFileAtomic(path.join(charts.folder, TREND_MARKER), TREND_MARKER_TEXT, '--charts')
    for (const [name, bytes] of drawn.files) await writeFileAtomic(path.join(charts.folder, name), bytes, '--charts')
    for (const warning of drawn.warnings) io.stderr.write(`warning: chart: ${warning}\n`)
    say(
      `trend charts: ${charts.shown}/trend-<metric>.svg|png (${historyMetrics(all).length} metrics, ${all.length} runs)\n`,
    )
  }
  if (prefix !== undefined) {
    const { biggerIsBetter, smallerIsBetter } = toGithubActionBenchmark(newest)
    await writeFileAtomic(
      path.resolve(io.cwd, `${prefix}-bigger.json`),
      `${JSON.stringify(biggerIsBetter, null, 2)}\n`,
      '--github-action-benchmark',
    )
    await writeFileAtomic(
      path.resolve(io.cwd, `${prefix}-smaller.json`),
      `${JSON.stringify(smallerIsBetter, null, 2)}\n`,
      '--github-action-benchmark',
    )
    say(
      `github-action-benchmark: ${prefix}-bigger.json (customBiggerIsBetter), ${prefix}-smaller.json (customSmallerIsBetter)\n`,
    )
  }
  if (values.bencher !== undefined) {
    await writeFileAtomic(
      path.resolve(io.cwd, values.bencher),
      `${JSON.stringify(toBencherMetricFormat(newest), null, 2)}\n`,
      '--bencher',
    )
    say(`Bencher Metric Format: ${values.bencher}\n`)
  }
  return EXIT.ok
}

/** The export files --github-action-benchmark and --bencher name: writable, and replacing only an export aura-bench wrote. */
async function checkExportFiles(
  values: { 'github-action-benchmark'?: string | undefined; bencher?: string | undefined },
  cwd: string,
  history: { path: string; shown: string } | undefined,
): Promise<void> {
  const prefix = values['github-action-benchmark']
  const files: Array<[string, string, OwnOutputKind]> = [
    ...(prefix === undefined
      ? []
      : (['bigger', 'smaller'] as const).map((side): [string, string, OwnOutputKind] => [
          `${prefix}-${side}.json`,
          '--github-action-benchmark',
          OWN_OUTPUTS.githubActionBenchmark,
        ])),
    ...(values.bencher === undefined
      ? []
      : [[values.bencher, '--bencher', OWN_OUTPUTS.bencher] as [string, string, OwnOutputKind]]),
  ]
  // an export at the history's own path would replace the line just added (a review's finding)
  await checkOutputsApart([
    ...(history === undefined ? [] : [{ flag: 'history', path: history.path, shown: history.shown }]),
    ...files.map(([shown, flag]) => ({ flag, path: path.resolve(cwd, shown), shown })),
  ])
  await allChecked(
    files.map(([shown, flag, kind]) => async () => {
      const absolute = path.resolve(cwd, shown)
      await checkOutputFile(absolute, flag)
      await checkReplacesOnlyOwn(absolute, flag, shown, kind)
    }),
    'export files',
  )
}

/**
 * A history is one suite's trend: a run of another suite (its points would be drawn onto this suite's
 * lines, its exports named as this suite's) or an incomplete run (it measured only part of the suite:
 * its figures are not the suite's) is refused before anything is written (E_SCHEMA, exit 2).
 */
function checkAddable(results: Results, file: string, shown: string, entries: readonly HistoryEntry[]): void {
  if (results.incomplete)
    throw new AuraError(
      'E_SCHEMA',
      `${file} is an incomplete run of ${results.suite} (it stopped part-way): its figures are not the suite's, so it is not added to history ${shown}`,
      { file, field: 'incomplete' },
      { hint: 'add the results.json of a run that measured every corpus x config' },
    )
  refuseOtherSuite(entries, shown, results.suite, { file, field: 'suite' }, file)
}
