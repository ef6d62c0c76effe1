/** The CLI entry: `runCli(argv, io)` parses the command line, runs the command and maps every outcome to an exit code. */
import { AuraError, renderError } from '../core/index.ts'
import { EXIT, type CliIo } from './io.ts'
import { commandNamed, parseCommandLine, renderUsage, usageLine, UsageError } from './program.ts'

export { renderUsage } from './program.ts'

/** Runs one CLI invocation; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr.write(`error E_USAGE: no command given\n${renderUsage()}`)
    return EXIT.badInput
  }
  let commandName: string | undefined
  try {
    const parsed = await parseCommandLine(argv, io)
    if (parsed.kind === 'done') return EXIT.ok
    commandName = parsed.spec.name
    io.onCommand?.(commandName)
    const action = await parsed.spec.load()
    return await action({ positionals: parsed.positionals, values: parsed.values as never }, io)
  } catch (error) {
    return await reportFailure(error, io, commandName)
  }
}

/** The line that follows a usage error: the command's usage, or the command list. */
function usageHint(commandName: string | undefined): string {
  const spec = commandNamed(commandName)
  return spec === undefined
    ? renderUsage()
    : `usage: ${usageLine(spec)}   (aura-bench ${spec.name} --help for every flag)\n`
}

async function reportFailure(error: unknown, io: CliIo, commandName: string | undefined): Promise<number> {
  if (error instanceof UsageError) {
    io.stderr.write(`error E_USAGE: ${error.message}\n${usageHint(error.command)}`)
    return EXIT.badInput
  }
  if (error instanceof AuraError && error.code !== 'E_INTERNAL') {
    // a command line that cannot be understood gets the usage with it
    io.stderr.write(`${renderError(error)}\n${error.code === 'E_USAGE' ? usageHint(commandName) : ''}`)
    return EXIT.badInput
  }
  // loaded only on this path: it brings the report folder's writers, which `--help` does not need
  const { toEnvironmentError } = await import('./output.ts')
  const environment = toEnvironmentError(error)
  if (environment !== undefined) {
    io.stderr.write(`${renderError(environment)}\n`)
    return EXIT.badInput
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error)
  io.stderr.write(`internal error (a bug in aura-bench; please report it with this output):\n${stack}\n`)
  return EXIT.internal
}
