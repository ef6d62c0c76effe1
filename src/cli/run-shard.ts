/**
 * `aura-bench run <suite.yaml> --shard I/N [--out DIR]`: measures shard I of N of every corpus
 * (src/shard/partition.ts) and writes DIR/partial.json through the locked output folder, for
 * `aura-bench merge` to judge. Targets and the gate are not judged here: a shard sees part of the
 * traffic. Exit 0 when the partial is written, 2 for bad input (as run), 130/143 when interrupted.
 */
import path from 'node:path'
import { AuraError, renderError } from '../core/index.ts'
import { createExternalCompressor } from '../external/index.ts'
import {
  corpusLimitWarnings,
  escapeTerminal,
  partialRunWarning,
  writeFileDurably,
  writeOutputFolder,
} from '../report/index.ts'
import { LATENCY_SKETCH, runSuite } from '../runner/index.ts'
import {
  createPartialFile,
  createShardShare,
  fingerprintInputs,
  parseShard,
  serializePartial,
  PARTIAL_NAME,
} from '../shard/index.ts'
import type { Suite } from '../suite/index.ts'
import { loadSuiteAllProblems } from './command-validate.ts'
import type { GATE_FLAGS, RUN_FLAGS } from './command-flags.ts'
import type { CommandInput } from './flags.ts'
import { EXIT, type CliIo } from './io.ts'
import { countOf, openOutput } from './output.ts'
import { packageVersion } from './program.ts'
import { createProgressReporter } from './progress.ts'
import { slowConfigWarnings } from './slow-configs.ts'

/** Flags judged once, at merge: refused beside --shard so nobody believes a shard gated. */
const MERGE_ONLY = [
  'no-latency-gate',
  'no-html',
  'history',
  'baseline',
  'save-baseline',
  'junit',
  'prometheus',
  'alert-rules',
  'alert-rule-tests',
  'pr-comment',
  'pr-comment-link',
  'accept-regression',
  'allow-missing-baseline',
  'allow-partial-baseline',
  'no-charts',
] as const satisfies readonly (keyof typeof RUN_FLAGS | keyof typeof GATE_FLAGS)[]

/** Runs one shard of one suite (see the file comment); `withLimit` is run's --limit. */
export async function runShard(
  { values, positionals }: CommandInput<typeof RUN_FLAGS>,
  io: CliIo,
  withLimit: (suite: Suite) => Suite,
): Promise<number> {
  const spec = parseShard(values.shard ?? '')
  if (positionals.length !== 1)
    throw new AuraError(
      'E_USAGE',
      `--shard measures one suite, found ${positionals.length}`,
      { field: '--shard' },
      { hint: 'run each suite in shards of its own' },
    )
  const given = MERGE_ONLY.find((name) => values[name] !== undefined && values[name] !== false)
  if (given !== undefined)
    throw new AuraError(
      'E_USAGE',
      `--${given} belongs to merge: the gate and its files are judged once, on the merged figures`,
      { field: `--${given}` },
      { hint: `aura-bench merge <partials...> --out DIR --${given} ...` },
    )
  const loaded = await loadSuiteAllProblems(path.resolve(io.cwd, positionals[0] as string), io)
  const suite = withLimit(loaded)
  const outDir = path.resolve(
    io.cwd,
    values.out ?? path.join('reports', suite.name, `shard-${spec.index}-of-${spec.count}`),
  )
  const latency = !values['no-latency'] && suite.latency.enabled
  const inputs = await fingerprintInputs(suite)
  const output = await openOutput(outDir, 'shard', [PARTIAL_NAME], values.wait, io)
  const controller = new AbortController()
  const unsubscribe = io.onInterrupt?.(() => controller.abort())
  try {
    if (!values.quiet)
      io.stdout.write(
        `suite ${escapeTerminal(suite.name)}, shard ${spec.index}/${spec.count}: ${countOf(suite.corpora.length, 'corpus', 'corpora')} x ${countOf(suite.configs.length, 'config', 'configs')}\n`,
      )
    const slow = await slowConfigWarnings(suite.configs.map((ref) => ref.path))
    const { share, counts } = createShardShare(spec, suite.corpora)
    const report = createProgressReporter(io, values.quiet)
    const { results, stoppedBy, partials } = await runSuite(suite, {
      latencyEnabled: latency,
      signal: controller.signal,
      createExternalCompressor,
      share,
      onEvent: report,
    })
    if (controller.signal.aborted) {
      io.stderr.write(`interrupted: nothing written; the previous partial in ${outDir} (if any) is intact\n`)
      return EXIT.interrupted
    }
    if (stoppedBy !== undefined && partials.length === 0) {
      io.stderr.write(
        `${renderError(stoppedBy)}\nnothing was measured, nothing written: the previous partial in ${outDir} (if any) is intact\n`,
      )
      return EXIT.badInput
    }
    const partial = createPartialFile({
      auraBenchVersion: packageVersion(),
      shard: spec,
      fingerprints: {
        ...inputs,
        options: { latency, limit: values.limit === undefined ? null : Number(values.limit) },
        // each corpus's digest, as the run recorded it in its inputs (results.json inputs.corpora[].sha256)
        corpora: Object.fromEntries(
          Object.entries(counts).map(([name, count]) => {
            const sha256 = results.inputs?.corpora.find((c) => c.name === name)?.sha256
            return [name, sha256 === undefined ? count : { ...count, sha256 }]
          }),
        ),
        sketch: LATENCY_SKETCH,
      },
      suite,
      startedAt: results.startedAt,
      environment: results.environment,
      warnings: [
        ...(values.limit === undefined ? [] : [partialRunWarning(Number(values.limit))]),
        // the suite's own `limit:`s, as written (withLimit folds --limit into them)
        ...corpusLimitWarnings(loaded),
        ...slow,
        ...results.warnings,
      ],
      incomplete: results.incomplete || stoppedBy !== undefined,
      ...(stoppedBy === undefined
        ? {}
        : {
            stoppedBy: {
              code: stoppedBy.code,
              message: stoppedBy.reason,
              location: stoppedBy.location,
              ...(stoppedBy.hint === undefined ? {} : { hint: stoppedBy.hint }),
            },
          }),
      ...(results.inputs === undefined ? {} : { inputs: results.inputs }),
      runs: partials,
    })
    io.pastStopping?.()
    await writeOutputFolder(
      outDir,
      { slot: 'shard', names: [PARTIAL_NAME] },
      (staging) => writeFileDurably(path.join(staging, PARTIAL_NAME), serializePartial(partial)),
      output,
    )
    const measured = partials.reduce((sum, run) => sum + run.sizes.total.messages + run.sizes.failedMessages, 0)
    if (!values.quiet)
      io.stdout.write(
        `shard ${spec.index}/${spec.count}: ${partials.length} runs, ${measured} messages measured\npartial: ${path.join(outDir, PARTIAL_NAME)}\n`,
      )
    if (stoppedBy !== undefined) {
      io.stderr.write(
        `${renderError(stoppedBy)}\nthe shard stopped part-way: what was measured is in ${outDir}, marked incomplete\n`,
      )
      return EXIT.badInput
    }
    return EXIT.ok
  } finally {
    unsubscribe?.()
    await output.close()
  }
}
