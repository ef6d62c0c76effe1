// Preloaded (`node --import`) by replay-signals.test.ts into the CLI it runs: signals the process from inside its
// build window, at a known point instead of after a guessed delay. The CLI's endOnSignal takes its SIGINT and SIGTERM
// listeners off while a command builds synchronously (so the kernel's default action ends the process whatever JS is
// doing) and puts them back after. This hook sees both: when the listeners come back after a window that used at
// least MIN_CPU_MS of CPU (a build: the specs' window uses none), it first sends AURA_TEST_SIGNAL to its own process,
// which a working window ends at once. When the window never opens (listeners left on, or replay holding no window
// over its build), no signal is sent and the replay completes: the test fails either way.
// What it does not show (s41-rev2 F4): it acts on the FIRST window of at least MIN_CPU_MS only, and signals when that
// window closes, so it proves that at least that much CPU ran with both listeners off, not that the whole build did;
// a build phase moved outside the window after the first one, or the in-process probe build (wireProbeAvailable()
// false), would go unnoticed. process.cpuUsage() counts every thread of the process. It watches process.off and
// process.on only: an endOnSignal rewritten with removeListener or once makes the test fail, the safe direction.
import { writeSync } from 'node:fs'

const SIGNAL = process.env.AURA_TEST_SIGNAL
const MIN_CPU_MS = 50
const off = process.off.bind(process)
const on = process.on.bind(process)
const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
let openedAt

process.off = (event, listener) => {
  const result = off(event, listener)
  const signalEvent = event === 'SIGINT' || event === 'SIGTERM'
  if (signalEvent && process.listenerCount('SIGINT') === 0 && process.listenerCount('SIGTERM') === 0) openedAt = cpuMs()
  return result
}

process.on = (event, listener) => {
  if ((event === 'SIGINT' || event === 'SIGTERM') && openedAt !== undefined && SIGNAL !== undefined) {
    const used = cpuMs() - openedAt
    openedAt = undefined
    if (used >= MIN_CPU_MS) {
      writeSync(2, `signal-in-build: a window of ${used.toFixed(0)} ms CPU ends; sending ${SIGNAL} before its listeners return\n`)
      process.kill(process.pid, SIGNAL)
      // the default action ends the process before kill returns; a handler would let the line below run
      writeSync(2, `signal-in-build: still running after ${SIGNAL}\n`)
    }
  }
  return on(event, listener)
}
