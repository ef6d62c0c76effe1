/**
 * `aura-bench merge <partial.json|DIR...> [--out DIR]`: the shard partials of one `run --shard I/N`
 * as one run: results.json, report.md, charts and the CI files (--junit, --prometheus, ...) written
 * exactly as `run` writes them, the gate judged once on the merged figures. Partials that do not
 * belong together (another suite, config, version, option or shard count; a shard twice or missing)
 * are refused with exit 2 naming the file and the field.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import { reportNames, startChartWorker } from '../report/index.ts'
import { LATENCY_SKETCH } from '../runner/index.ts'
import { withLatencyGating } from '../gate/index.ts'
import { mergePartials, readPartialFile, PARTIAL_NAME, type NamedPartial } from '../shard/index.ts'
import type { Suite } from '../suite/index.ts'
import { historyOfSuite, readRunHistory } from './command-history.ts'
import { publishRun } from './publish-run.ts'
import type { MERGE_FLAGS } from './command-flags.ts'
import type { CommandInput } from './flags.ts'
import type { CliIo } from './io.ts'
import { openOutput } from './output.ts'
import { checkGateOutputs, prepareGate, readGateFlags } from './run-gate.ts'

/** Merges the partials and publishes the run; the exit code is run's (0 pass, 1 fail, 2 bad input). */
export async function commandMerge(
  { values, positionals }: CommandInput<typeof MERGE_FLAGS>,
  io: CliIo,
): Promise<number> {
  if (positionals.length === 0)
    throw new AuraError(
      'E_USAGE',
      'merge needs the partial.json of every shard',
      { field: 'merge' },
      { hint: 'aura-bench merge out/shard-*/partial.json --out reports/merged' },
    )
  const named: NamedPartial[] = []
  for (const given of positionals) {
    const file = await partialPath(path.resolve(io.cwd, given))
    // a folder given stands for its partial.json: errors name that file
    const shown = file === path.resolve(io.cwd, given) ? given : path.join(given, PARTIAL_NAME)
    named.push({ file: shown, partial: await readPartialFile(file, shown) })
  }
  const merged = mergePartials(named)
  const suite = withMergeNote(merged.suite, merged.shardCount)
  const outDir = path.resolve(io.cwd, values.out ?? path.join('reports', suite.name))
  const gateFlags = readGateFlags(values, io, 1)
  await checkGateOutputs(gateFlags, io)
  const files = reportNames(!values['no-charts'], 'results.json', !values['no-html'])
  const gate = await prepareGate(gateFlags, suite, outDir, !values['no-latency-gate'], files)
  // read before writing: a bad history file is exit 2 before anything is written
  const history = historyOfSuite(await readRunHistory(values.history, io), values.history, {
    name: suite.name,
    file: named[0]?.file ?? '',
  })
  const output = await openOutput(outDir, 'report', files, values.wait, io, suite.name)
  const charts = values['no-charts'] ? undefined : startChartWorker()
  try {
    if (!values.quiet) io.stdout.write(`merge: ${named.length} shard partials of suite ${suite.name}\n`)
    io.pastStopping?.()
    return await publishRun(
      merged.results,
      withLatencyGating(suite, !values['no-latency-gate']),
      merged.stoppedBy,
      outDir,
      io,
      {
        charts,
        html: !values['no-html'],
        history,
        quiet: values.quiet,
        gate,
        output,
      },
    )
  } finally {
    await charts?.close()
    await output.close()
  }
}

/** A folder given for a partial means its partial.json (what `run --shard --out DIR` wrote). */
async function partialPath(given: string): Promise<string> {
  const info = await stat(given).catch(() => undefined)
  return info?.isDirectory() === true ? path.join(given, PARTIAL_NAME) : given
}

/** Says in the report's notes that the figures were merged, and what the latency percentiles rest on. */
function withMergeNote(suite: Suite, shards: number): Suite {
  const note = `Merged from ${shards} shard${shards === 1 ? '' : 's'} (\`aura-bench merge\`): size metrics are exact sums over every message, each measured by the seed's rule (weighed against the fallback, as a single run measures it), so they equal a single run's; latency percentiles are read from the shards' merged ${LATENCY_SKETCH.library} histograms (${LATENCY_SKETCH.significantDigits} significant digits: within ${LATENCY_SKETCH.relativeError * 100}% of the exact order statistic), each shard timing its own sample.`
  return { ...suite, notes: suite.notes === undefined ? note : `${note}\n\n${suite.notes}` }
}
