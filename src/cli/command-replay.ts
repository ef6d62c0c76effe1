/** `aura-bench replay <suite.yaml> [--out DIR] [--connections N] [--messages N] [--memory-connections N] [--quiet] [--wait]`: wire truth over a real WebSocket on 127.0.0.1. */
import path from 'node:path'
import { AuraError } from '../core/index.ts'
import { describeReplaySampling, REPLAY_NAMES, replaySamplingWarning, writeReplay } from '../report/index.ts'
import { loadSuite, refuseExternalConfigs, refuseStatefulDerived } from '../suite/index.ts'
import { MAX_MEMORY_CONNECTIONS, renderReplay, replaySuite } from '../wire/index.ts'
import type { REPLAY_FLAGS } from './command-flags.ts'
import type { CommandInput } from './flags.ts'
import { EXIT, type CliIo } from './io.ts'
import { openOutput } from './output.ts'

const REPLAY_USAGE =
  'replay <suite.yaml> [--out DIR] [--connections N] [--messages N] [--memory-connections N]   recorded connections over a real WebSocket on 127.0.0.1'

/**
 * Replays every corpus's held-out connections once per config and writes replay.md and replay.json to
 * --out (default reports/<suite>). Exit 0 when every message arrived byte-exact and every socket count
 * equals the accounting to the byte, 1 otherwise, 2 for bad input.
 */
export async function commandReplay(
  { values, positionals }: CommandInput<typeof REPLAY_FLAGS>,
  io: CliIo,
): Promise<number> {
  if (positionals.length !== 1)
    throw new AuraError(
      'E_USAGE',
      `replay takes one suite file, got ${positionals.length}`,
      { field: 'replay' },
      { hint: `aura-bench ${REPLAY_USAGE}` },
    )
  const limits = {
    maxConnections: positiveInteger(values.connections ?? '20', '--connections'),
    maxMessages: positiveInteger(values.messages ?? '5000', '--messages'),
    memoryConnections: positiveInteger(
      values['memory-connections'] ?? '100',
      '--memory-connections',
      MAX_MEMORY_CONNECTIONS,
      "every config's connections are held open at once, two sockets each, so the probe's time, memory and sockets grow with it (docs/stateful.md)",
    ),
  }
  // an interrupt from here on stops the replay and releases the lock (main.ts would otherwise exit at once,
  // leaving the lock file, or a half-made lock.tmp-*, behind)
  const controller = new AbortController()
  const unsubscribe = io.onInterrupt?.(() => controller.abort())
  try {
    return await replayInto(positionals[0] as string, values, limits, controller.signal, io)
  } finally {
    unsubscribe?.()
  }
}

async function replayInto(
  suiteFile: string,
  values: CommandInput<typeof REPLAY_FLAGS>['values'],
  limits: Parameters<typeof replaySuite>[1],
  signal: AbortSignal,
  io: CliIo,
): Promise<number> {
  const suite = await loadSuite(path.resolve(io.cwd, suiteFile))
  await refuseExternalConfigs(suite, 'replay')
  await refuseStatefulDerived(suite)
  const outDir =
    values.out === undefined ? path.resolve(io.cwd, 'reports', suite.name) : path.resolve(io.cwd, values.out)
  const interrupted = () => {
    io.stderr.write(`interrupted: nothing written; the previous replay in ${outDir} (if any) is intact\n`)
    return EXIT.interrupted
  }
  if (signal.aborted) return interrupted()
  // checked and locked before replaying: a bad --out or a second writer is exit 2 before any work
  const output = await openOutput(outDir, 'replay', REPLAY_NAMES, values.wait, io, suite.name)
  let markdown: string
  let report: Awaited<ReturnType<typeof replaySuite>>
  try {
    if (signal.aborted) return interrupted()
    const stopped = new Promise<'stopped'>((resolve) =>
      signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
    )
    const replayed = replaySuite(
      suite,
      limits,
      (line) => {
        if (!values.quiet && !signal.aborted) io.stdout.write(line)
      },
      // round 38: a signal while a derived store or dictionary is built ends the process at once (main.ts)
      io.endOnSignal === undefined ? {} : { endOnSignal: io.endOnSignal },
    )
    // the replay has no stop point of its own: it is left to run out while the process ends (main.ts exits once this returns)
    replayed.catch(() => undefined)
    const first = await Promise.race([replayed, stopped])
    if (first === 'stopped' || signal.aborted) return interrupted()
    report = first
    // a bounded replay overstates each message's share of the handshake: say so where the figures are
    const sampled = report.corpora.flatMap((c) => {
      const said = describeReplaySampling({
        name: c.name,
        recordedConnections: c.recordedConnections,
        heldOutMessages: c.heldOutMessages,
        connections: c.configs[0]?.connections,
        messages: c.configs[0]?.messages,
      })
      return said === undefined ? [] : [said]
    })
    const warning = replaySamplingWarning(sampled)
    markdown = renderReplay(report)
    if (warning !== '') markdown = `${markdown.trimEnd()}${warning}.\n`
    // publishing: a signal now lets the write finish and the exit code stand (main.ts)
    io.pastStopping?.()
    // schemaVersion and kind first, so validate and cost tell the file apart (fields added compatibly)
    const json = { schemaVersion: 1, kind: 'replay', ...report }
    await writeReplay(outDir, { markdown, json: `${JSON.stringify(json, null, 2)}\n` }, { output })
  } finally {
    await output.close()
  }
  if (!values.quiet) io.stdout.write(`\n${markdown}\nreport: ${path.join(outDir, 'replay.md')}\n`)
  const problems = report.corpora.flatMap((c) =>
    c.configs
      .filter((r) => r.failed !== undefined || r.mismatches > 0 || r.exactConnections !== r.connections)
      .map((r) =>
        r.failed !== undefined
          ? `${c.name}: ${r.config}: ${r.failed.code}: ${r.failed.message} (its row is marked failed; the other configs' rows are in the report)`
          : `${c.name}: ${r.config}: ${r.mismatches} messages differ, ${r.connections - r.exactConnections} connections whose socket bytes differ from the accounting`,
      ),
  )
  for (const problem of problems) io.stderr.write(`failed: ${problem}\n`)
  return problems.length === 0 ? EXIT.ok : EXIT.gateFailed
}

function positiveInteger(text: string, flag: string, max = Number.MAX_SAFE_INTEGER, why?: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1)
    throw new AuraError('E_USAGE', `${flag} takes a positive integer, got \`${text}\``, { field: flag })
  if (value > max)
    throw new AuraError(
      'E_USAGE',
      `${flag} is too large (at most ${max}), got \`${text}\``,
      { field: flag },
      why === undefined ? {} : { hint: why },
    )
  return value
}
