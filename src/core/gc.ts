/**
 * A full garbage collection on demand, without starting Node with --expose-gc: the flag is set at
 * run time and V8's `gc` taken from a fresh context (the process keeps its other flags). Used where
 * a reading or a phase boundary needs the heap's garbage gone: compare's RSS probe, and discover
 * between passes over its corpus (the next pass reuses what the last one freed instead of growing).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let fullGc: (() => void) | undefined

/** Runs V8's full garbage collection (a no-op if V8 offers none). */
export function collectGarbage(): void {
  if (fullGc === undefined) {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as unknown
    fullGc = typeof gc === 'function' ? (gc as () => void) : () => {}
  }
  fullGc()
}
