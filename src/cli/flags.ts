/**
 * How a command declares its flags, and the values it receives. A command's flags are a plain object
 * (like node:util parseArgs options, plus a description and a value name for --help); program.ts
 * turns them into the CLI library's options, and `FlagValues` types what the command gets back,
 * keyed by the flag as written (`'no-latency'`, `'save-baseline'`).
 *
 * This file, commands.ts and command-flags.ts are read on every start (`--help` included): they import nothing heavy.
 */
import type { CliIo } from './io.ts'

/** One flag: `--name VALUE` (string), `--name` (boolean), or `--name V1 V2 ...` / repeated (multiple). */
export interface FlagSpec {
  type: 'string' | 'boolean'
  description: string
  /** several values: `--flag a b` or `--flag a --flag b` (string flags only) */
  multiple?: boolean
  /** one-letter alias, without the dash */
  short?: string
  /** the value's name in --help, e.g. `DIR` */
  value?: string
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>

/** What a command receives for its flags: booleans are always set, strings only when given. */
export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]: S[K]['type'] extends 'boolean'
    ? boolean
    : S[K] extends { multiple: true }
      ? string[] | undefined
      : string | undefined
}

/** A parsed command line: the positional arguments and the flags. */
export interface CommandInput<S extends FlagSpecs> {
  positionals: string[]
  values: FlagValues<S>
}

/** A command's implementation: loaded only when the command runs, so `--help` stays fast. */
export type CommandAction<S extends FlagSpecs> = (input: CommandInput<S>, io: CliIo) => Promise<number>

/** A command as the CLI lists and runs it. */
export interface CommandSpec<S extends FlagSpecs = FlagSpecs> {
  name: string
  /** positional arguments as shown in usage, e.g. `<suite.yaml...>`; the command checks them itself */
  args: string
  /** one line for the command list */
  summary: string
  /** more text for `<command> --help` (examples, what the exit codes mean) */
  details?: string
  /** what its exit codes mean, for `<command> --help` (docs/contracts.md); default: the gate's */
  exitCodes?: string
  flags: S
  load(): Promise<CommandAction<S>>
}

/** Declares a command, its flag types checked against its action; the registry holds it type-erased. */
export function defineCommand<S extends FlagSpecs>(spec: CommandSpec<S>): CommandSpec {
  return spec as unknown as CommandSpec
}
