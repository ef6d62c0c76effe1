/** The entry of a benchmark script: its exit code, or 2 with the message of a bad input (an AuraError), no stack. */
import { AuraError, renderError } from '../../src/core/index.ts'

/** Runs `main` on the command line's arguments and sets the exit code. */
export async function runBenchMain(main: (argv: readonly string[]) => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof AuraError)) throw error
    process.stderr.write(`${renderError(error)}\n`)
    process.exitCode = 2
  }
}
