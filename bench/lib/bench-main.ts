/**
 * The entry of a benchmark script: its exit code, or 2 with the message of a bad input (an AuraError or a
 * command line node:util's parseArgs refuses), no stack.
 */
import { AuraError, renderError } from '../../src/core/index.ts'

/** Runs `main` on the command line's arguments and sets the exit code. */
export async function runBenchMain(main: (argv: readonly string[]) => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2))
  } catch (error) {
    if (error instanceof AuraError) process.stderr.write(`${renderError(error)}\n`)
    else if (isParseArgsError(error))
      process.stderr.write(
        `error: ${error.message}\n  the script's options are in the comment at the top of its file\n`,
      )
    else throw error
    process.exitCode = 2
  }
}

/** True for node:util parseArgs' refusals (an unknown option, a missing value, a stray argument). */
function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}
