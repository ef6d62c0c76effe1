/** Process entry: the only file that touches `process`. */
import { runCli } from './cli.ts'
import { EXIT, type CliIo } from './io.ts'

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  onInterrupt(handler) {
    let count = 0
    const listener = () => {
      // A second Ctrl-C means "stop now": exit without waiting for the run to wind down.
      if (++count > 1) process.exit(EXIT.interrupted)
      handler()
    }
    process.on('SIGINT', listener)
    return () => process.off('SIGINT', listener)
  },
}

process.exitCode = await runCli(process.argv.slice(2), io)
