/** A fake CliIo for the CLI's tests (not exported from the CLI): captured output, chosen env and TTY, a triggerable interrupt. */
import type { CliIo } from './io.ts'

/** A CliIo whose output is kept in strings; `interrupt()` calls the handlers the command registered. */
export interface FakeIo extends CliIo {
  out(): string
  err(): string
  /** the `error <CODE> ...` lines of stderr, one per problem reported */
  errorLines(): string[]
  /** simulates Ctrl-C: calls every registered interrupt handler */
  interrupt(): void
  /** interrupt handlers currently registered (0 after a command cleans up) */
  handlerCount(): number
}

/** Options of the fake: defaults are CI (`CI=true`), not a TTY, cwd the given folder. */
export interface FakeIoOptions {
  cwd: string
  env?: Record<string, string | undefined>
  isTTY?: boolean
  /** called on every stdout write with the text, e.g. to interrupt mid-run */
  onStdout?: (text: string, io: FakeIo) => void
}

/** Creates a fake io. */
export function createFakeIo(options: FakeIoOptions): FakeIo {
  let stdout = ''
  let stderr = ''
  const handlers = new Set<() => void>()
  const io: FakeIo = {
    stdout: {
      isTTY: options.isTTY ?? false,
      columns: 100,
      write(text: string) {
        stdout += text
        options.onStdout?.(text, io)
        return true
      },
    },
    stderr: {
      write(text: string) {
        stderr += text
        return true
      },
    },
    env: options.env ?? { CI: 'true' },
    cwd: options.cwd,
    onInterrupt(handler) {
      handlers.add(handler)
      return () => handlers.delete(handler)
    },
    out: () => stdout,
    err: () => stderr,
    errorLines: () => stderr.split('\n').filter((line) => line.startsWith('error ')),
    interrupt: () => {
      for (const handler of [...handlers]) handler()
    },
    handlerCount: () => handlers.size,
  }
  return io
}

/** stderr without the `warning: ...` lines run and merge print for results.json's warnings (slow configs, in-sample stores): what is left is errors and the gate. */
export function withoutWarnings(stderr: string): string {
  return stderr.replace(/^warning: .*\n/gm, '')
}
