/**
 * The part of the machine's 1-minute load average that aura-bench's own threads explain (round 38).
 * Linux's 1-minute figure is an exponentially damped average of the runnable threads, time constant one
 * minute: a thread that ran for a while counts in full, and one that stopped a minute ago still counts for
 * about a third. The runner knows which threads it ran and when (the main thread since the process started,
 * the size pass's workers while they ran), so it can tell its own share from other processes'. Counting a
 * run's workers in full whatever their timing (round 37) both told a run on an idle machine it was busy
 * (the workers of the run before, still in the average, counted as other work) and forgave real load
 * (workers long stopped counted as if they still ran).
 */
import { performance } from 'node:perf_hooks'

/** The time constant of the 1-minute load average, in milliseconds. */
const LOAD_TAU_MS = 60_000
/** Intervals older than this weigh below e^-10 of their threads: dropped. */
const FORGET_MS = 10 * LOAD_TAU_MS

/** Threads that ran from `startMs` to `endMs` (undefined: still running), on performance.now()'s clock. */
export interface ThreadInterval {
  startMs: number
  endMs?: number
  threads: number
}

const intervals: ThreadInterval[] = []

/**
 * Records `threads` threads of aura-bench's own starting now (the size pass's workers); the returned
 * function records that they stopped. Calling it again does nothing.
 */
export function ownThreadsStarted(threads: number): () => void {
  const now = performance.now()
  for (let i = intervals.length - 1; i >= 0; i--) {
    const end = intervals[i]?.endMs
    if (end !== undefined && now - end > FORGET_MS) intervals.splice(i, 1)
  }
  const interval: ThreadInterval = { startMs: now, threads }
  intervals.push(interval)
  return () => {
    interval.endMs ??= performance.now()
  }
}

/**
 * The load average's share of threads that ran over `intervals`, at `nowMs`: each interval contributes
 * threads x (e^-(now-end)/tau - e^-(now-start)/tau), the damped average of a step on and off.
 */
export function loadShareOf(threadIntervals: readonly ThreadInterval[], nowMs: number): number {
  let share = 0
  for (const { startMs, endMs, threads } of threadIntervals) {
    const end = Math.min(endMs ?? nowMs, nowMs)
    if (end <= startMs) continue
    share += threads * (Math.exp(-(nowMs - end) / LOAD_TAU_MS) - Math.exp(-(nowMs - startMs) / LOAD_TAU_MS))
  }
  return share
}

/**
 * aura-bench's own share of the 1-minute load average now: the main thread since the process started
 * (performance.now()'s origin), plus every recorded worker interval.
 */
export function ownLoadNow(): number {
  const now = performance.now()
  return loadShareOf([{ startMs: 0, threads: 1 }, ...intervals], now)
}
