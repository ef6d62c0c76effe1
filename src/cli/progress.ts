/** Progress of a suite run: a one-line bar on a terminal, plain lines in CI or a pipe, nothing with --quiet. */
import { escapeTerminal, formatPercent, formatRatio } from '../report/index.ts'
import type { SuiteEvent } from '../runner/index.ts'
import { isPlainOutput, type CliIo } from './io.ts'

/** Turns suite events into output for the given io. */
export function createProgressReporter(io: CliIo, quiet: boolean): (event: SuiteEvent) => void {
  if (quiet) return () => undefined
  const plain = isPlainOutput(io)
  let lastDrawMs = 0
  return (event) => {
    switch (event.kind) {
      case 'run-start':
        if (plain)
          io.stdout.write(
            `[${event.runIndex + 1}/${event.runCount}] ${escapeTerminal(event.corpus)} x ${escapeTerminal(event.config)}\n`,
          )
        break
      case 'run-progress': {
        if (plain) break
        const now = Date.now()
        if (now - lastDrawMs < 100) break
        lastDrawMs = now
        const p = event.progress
        const what =
          p.phase === 'sizes' ? `${p.messagesDone} messages` : `timing latency on ${p.sampleMessages} messages`
        io.stdout.write(`\r\x1b[2K${escapeTerminal(event.corpus)} x ${escapeTerminal(event.config)}: ${what}`)
        break
      }
      case 'run-end': {
        const m = event.run.metrics
        const line = `${escapeTerminal(event.run.corpus)} x ${escapeTerminal(event.run.config)}: ${event.run.state}, ${m.messages} messages, ratio ${formatRatio(m.ratio)}, savings ${formatPercent(m.savings)}`
        io.stdout.write(plain ? `  ${line}\n` : `\r\x1b[2K${bar(event.runIndex + 1, event.runCount)} ${line}\n`)
        break
      }
      case 'corpus-skipped':
        io.stdout.write(`  warning: ${event.reason}\n`)
        break
    }
  }
}

function bar(done: number, total: number): string {
  const width = 20
  const filled = Math.round((done / Math.max(1, total)) * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`
}
