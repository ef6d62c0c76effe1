/**
 * Which of V8's tiers the cm per-bit loop (src/stateful/modelled-byte.ts codeModelledByte) runs in, read
 * at the end of a stateful bench (s40-state). In some processes (3 of 57 of the start build's at stop 40)
 * a deoptimization leaves it in the baseline tier for the rest of the process, and every cm encode and
 * decode then takes ~3x the CPU: a p99 or an A/B ratio from such a process says nothing about the code.
 * The status is V8's own (natives syntax, turned on here for this one function), bench-only.
 */
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--allow-natives-syntax')
const optimizationStatus = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number

/** "optimized", or "BASELINE" / "INTERPRETED" (a slow process: its times are not the code's), from V8's status bits. */
export function perBitLoopTier(codeModelledByte: unknown): string {
  const status = optimizationStatus(codeModelledByte)
  if ((status & 16) !== 0) return 'optimized'
  if ((status & 32768) !== 0) return "BASELINE (slow process: ~3x CPU, times not the code's)"
  if ((status & 128) !== 0) return "INTERPRETED (slow process: times not the code's)"
  return `status ${status.toString(2)}`
}
