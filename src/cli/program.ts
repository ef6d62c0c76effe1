/**
 * The command line, parsed by commander (the one file that loads it): per-command help with
 * descriptions, `--version`, "did you mean" for mistyped flags and commands, several values per
 * flag. Parsing only picks the command and collects its flags; cli.ts runs it, so every outcome
 * (and every exit code) stays ours.
 */
import { readFileSync } from 'node:fs'
import { Command, CommanderError, Option } from 'commander'
import { COMMANDS } from './commands.ts'
import type { CommandSpec, FlagSpec, FlagSpecs } from './flags.ts'
import type { CliIo } from './io.ts'

/** What the command line asked for: a command to run, or nothing more to do (help or version was printed). */
type Parsed =
  | { kind: 'command'; spec: CommandSpec; positionals: string[]; values: Record<string, unknown> }
  | { kind: 'done' }

/** A command line commander refused: the message (without its `error: ` prefix) and the command it was for. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | undefined,
  ) {
    super(message)
  }
}

const EXIT_CODES_TEXT =
  '\nExit codes: 0 gate passed, 1 gate failed, 2 bad input, 3 internal error (a bug), 130 interrupted (SIGINT), 143 terminated (SIGTERM).'

/** The package's version, from package.json (two folders up from src/cli and from dist/cli). */
export function packageVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
  return typeof json.version === 'string' ? json.version : '0.0.0'
}

/** The usage line of a command, e.g. `aura-bench run <suite.yaml...> [options]`. */
export function usageLine(spec: CommandSpec): string {
  return `aura-bench ${spec.name}${spec.args === '' ? '' : ` ${spec.args}`}${Object.keys(spec.flags).length > 0 ? ' [options]' : ''}`
}

function optionFor(name: string, flag: FlagSpec, command: string): Option {
  const value = flag.type === 'boolean' ? '' : ` <${flag.value ?? 'value'}${flag.multiple === true ? '...' : ''}>`
  const option = new Option(`${flag.short === undefined ? '' : `-${flag.short}, `}--${name}${value}`, flag.description)
  if (flag.type === 'boolean' || flag.multiple === true) return option
  // s42-trial D2: `cost --results a.json --results b.json` projected b.json alone, exit 0 (commander keeps the last)
  return option.argParser((given: string, previous: unknown) => {
    if (previous !== undefined)
      throw new UsageError(
        `--${name} is given twice (${JSON.stringify(previous)}, then ${JSON.stringify(given)}): it takes one value; give it once`,
        command,
      )
    return given
  })
}

/** Builds the program; `onCommand` receives the chosen command with its flags keyed as written. */
function buildProgram(io: CliIo, onCommand: (parsed: Parsed) => void): Command {
  const program = new Command('aura-bench')
    .description('Benchmark and gate hybrid compression of small messages.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print help (also: aura-bench <command> --help)')
    .addHelpText('after', EXIT_CODES_TEXT)
    // set before the commands are added: subcommands copy these settings when created
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // errors are thrown (exitOverride) and printed by cli.ts in the project's format
      outputError: () => undefined,
    })
    .configureHelp({
      subcommandTerm: (command) => {
        const spec = commandNamed(command.name())
        return spec === undefined ? `${command.name()} [command]` : usageLine(spec).slice('aura-bench '.length)
      },
    })
  for (const spec of COMMANDS) {
    const command = program
      .command(spec.name)
      .summary(spec.summary)
      .description(spec.summary + (spec.details === undefined ? '' : `\n\n${spec.details}`))
      .usage(`${spec.args === '' ? '' : `${spec.args} `}[options]`)
      .helpOption('-h, --help', 'print this help')
      .addHelpText('after', spec.exitCodes === undefined ? EXIT_CODES_TEXT : `\nExit codes: ${spec.exitCodes}.`)
      // positional arguments are checked by the command itself, with a message that says what to pass
      // ... and a command that takes none says which argument it did not expect (s42-trial D2: `cost --results a b`)
      .allowExcessArguments(true)
    const options = Object.entries(spec.flags as FlagSpecs).map(
      ([name, flag]) => [name, flag, optionFor(name, flag, spec.name)] as const,
    )
    for (const [, , option] of options) command.addOption(option)
    command.action(() => {
      const [stray] = command.args
      if (spec.args === '' && stray !== undefined)
        throw new UsageError(
          `${spec.name} takes no arguments, only flags, and found ${JSON.stringify(stray)}${command.args.length > 1 ? ` (and ${command.args.length - 1} more)` : ''}: each flag takes one value unless its help shows <value...>`,
          spec.name,
        )
      const opts = command.opts()
      const values: Record<string, unknown> = {}
      for (const [name, flag, option] of options) {
        const value = opts[option.attributeName()]
        values[name] = option.negate ? value === false : flag.type === 'boolean' ? value === true : value
      }
      onCommand({ kind: 'command', spec, positionals: [...command.args], values })
    })
  }
  return program
}

/** Parses argv (without node and the script). Throws UsageError for a command line that cannot be understood. */
export async function parseCommandLine(argv: readonly string[], io: CliIo): Promise<Parsed> {
  let parsed: Parsed = { kind: 'done' }
  const program = buildProgram(io, (chosen) => {
    parsed = chosen
  })
  // `help <name>` of no command: commander would print the whole help and fail with `(outputHelp)`;
  // parsed as the bare name instead, it is the unknown command it is, with its did-you-mean
  const [first, named] = argv
  const asked =
    first === 'help' && named !== undefined && named !== 'help' && !named.startsWith('-') && !commandNamed(named)
      ? [named]
      : argv
  try {
    await program.parseAsync([...asked], { from: 'user' })
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return { kind: 'done' }
    throw new UsageError(error.message.replace(/^error: /, ''), commandNamed(argv[0])?.name)
  }
  return parsed
}

/** The command list, for errors that need it. */
export function renderUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => usageLine(c).length))
  const lines = ['usage: aura-bench <command> [options]   (aura-bench <command> --help for its flags)', '']
  for (const spec of COMMANDS) lines.push(`  ${usageLine(spec).padEnd(width)}  ${spec.summary}`)
  lines.push(EXIT_CODES_TEXT.trimStart())
  return `${lines.join('\n')}\n`
}

/** The command a usage error is about, if any. */
export function commandNamed(name: string | undefined): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name)
}
