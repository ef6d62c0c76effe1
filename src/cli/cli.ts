/** The CLI entry: `runCli(argv, io)` parses the command, runs it and maps every outcome to an exit code. */
import { AuraError, hasCode, renderError } from '../core/index.ts'
import { commandCompare } from './command-compare.ts'
import { commandCost } from './command-cost.ts'
import { DISCOVER_USAGE, commandDiscover } from './command-discover.ts'
import { REPLAY_USAGE, commandReplay } from './command-replay.ts'
import { commandRun } from './command-run.ts'
import { commandValidate } from './command-validate.ts'
import { EXIT, toEnvironmentError, type CliIo } from './io.ts'

type Command = (args: readonly string[], io: CliIo) => Promise<number>

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  run: { run: commandRun, usage: 'run <suite.yaml>... [--out DIR] [--no-latency] [--no-latency-gate] [--no-charts] [--quiet] [--limit N] [--wait]\n      [--baseline results.json] [--save-baseline FILE] [--junit FILE] [--prometheus FILE] [--alert-rules FILE]' },
  compare: { run: commandCompare, usage: 'compare <suite.yaml> [--out DIR] [--quick] [--no-charts] [--wait]   Brotli vs Zstandard and the rest, per corpus' },
  cost: { run: commandCost, usage: 'cost --suite <suite.yaml> | --results <results.json> [--messages-per-day N ...] [--price-per-gb X] [--overhead-bytes N ...] [--price-per-cpu-hour X] [--out DIR] [--wait]' },
  discover: { run: commandDiscover, usage: `${DISCOVER_USAGE}   mine a template store from a corpus` },
  replay: { run: commandReplay, usage: REPLAY_USAGE },
  validate: { run: commandValidate, usage: 'validate <file>...   suites, configs and template stores' },
}

/** Usage text listing every command. */
export function renderUsage(): string {
  const lines = ['usage: aura-bench <command> [options]', '']
  for (const { usage } of Object.values(COMMANDS)) lines.push(`  aura-bench ${usage}`)
  lines.push('', 'exit codes: 0 gate passed, 1 gate failed, 2 bad input, 3 internal error, 130 interrupted')
  return `${lines.join('\n')}\n`
}

/** Runs one CLI invocation; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined) {
    io.stderr.write(`error E_USAGE: no command given\n${renderUsage()}`)
    return EXIT.badInput
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(renderUsage())
    return EXIT.ok
  }
  const command = COMMANDS[name]
  try {
    if (command === undefined) throw new AuraError('E_USAGE', `unknown command \`${name}\``, { field: 'command' }, { hint: `commands: ${Object.keys(COMMANDS).join(', ')}` })
    return await command.run(args, io)
  } catch (error) {
    return reportFailure(error, io)
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof AuraError && error.code !== 'E_INTERNAL') {
    // a command line that cannot be understood gets the usage with it
    io.stderr.write(`${renderError(error)}\n${error.code === 'E_USAGE' ? renderUsage() : ''}`)
    return EXIT.badInput
  }
  // node:util parseArgs reports bad flags with ERR_PARSE_ARGS_* codes: a usage error, not a bug.
  if (hasCode(error) && error.code.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`error E_USAGE: ${error.message}\n${renderUsage()}`)
    return EXIT.badInput
  }
  const environment = toEnvironmentError(error)
  if (environment !== undefined) {
    io.stderr.write(`${renderError(environment)}\n`)
    return EXIT.badInput
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error)
  io.stderr.write(`internal error (a bug in aura-bench; please report it with this output):\n${stack}\n`)
  return EXIT.internal
}
